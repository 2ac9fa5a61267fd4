"""Documents as records (делопроизводство): their statuses and the institution's
номенклатура дел, which gives each kind of document its case and retention period."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sgo_model.domain.errors import DomainError

DRAFT, PRELIMINARY, FINAL, SIGNED, REGISTERED, SENT, ARCHIVED = (
    "draft", "preliminary", "final", "signed", "registered", "sent", "archived",
)  # fmt: skip
STATUS_LABELS = {
    DRAFT: "проект",
    PRELIMINARY: "предварительный",
    FINAL: "сформирован",
    SIGNED: "подписан",
    REGISTERED: "зарегистрирован",
    SENT: "отправлен",
    ARCHIVED: "в архиве",
}
"""A document's life: a draft is signed and registered (orders), a report is sent, a closed
year's documents are archived; a generated document needs no signature («сформирован»), a
timesheet of a month not over is preliminary."""


@dataclass(frozen=True)
class Case:
    """A case (дело) of the номенклатура дел: its index, title, retention, and the kinds of
    documents filed in it."""

    index: str
    title: str
    retention: str
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Nomenclature:
    """The institution's list of cases (an editable template)."""

    cases: tuple[Case, ...]

    def case_of(self, kind: str) -> Case | None:
        """The case a kind of document is filed in (``None``: not listed)."""
        return next((case for case in self.cases if kind in case.kinds), None)


def parse_nomenclature(data: Mapping[str, Any], name: str) -> Nomenclature:
    """The list from its JSON (``{"cases": [{"index", "title", "retention", "kinds"}]}``)."""
    try:
        cases = tuple(
            Case(str(c["index"]), str(c["title"]), str(c["retention"]),
                 tuple(str(k) for k in c.get("kinds", ())))
            for c in data["cases"]
        )  # fmt: skip
    except (KeyError, TypeError) as error:
        raise DomainError(f"Номенклатура дел «{name}» составлена неверно: {error}") from error
    seen: dict[str, str] = {}
    for case in cases:
        for kind in case.kinds:
            if kind in seen:
                raise DomainError(
                    f"Номенклатура дел «{name}»: вид документов «{kind}» отнесён и к делу "
                    f"{seen[kind]}, и к делу {case.index}"
                )
            seen[kind] = case.index
    return Nomenclature(cases)
