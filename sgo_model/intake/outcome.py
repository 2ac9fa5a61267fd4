"""What applying one file did."""

from __future__ import annotations

from dataclasses import dataclass, field

from sgo_model.domain.problems import Problem


@dataclass
class Outcome:
    """What applying a file did: rows created and updated, and the problems found."""

    created: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)
    note: str | None = None
    """A sentence for the receipt about what was done."""
    accounts: list[str] = field(default_factory=list)
    """Logins of accounts the file created or changed: each gets its inbox folder."""

    @property
    def failed(self) -> bool:
        """Whether any problem refuses the file."""
        return any(p.is_error for p in self.problems)
