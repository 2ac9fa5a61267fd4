"""What an intake form is: its columns (header texts are the contract) and its row schema."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from sgo_model.domain.commands import Command
from sgo_model.domain.problems import Origin
from sgo_model.domain.roles import FormKind
from sgo_model.domain.text import fold


@dataclass(frozen=True)
class Column:
    """A column of a form: its header text (the contract), field name, and blank-form hints."""

    header: str
    field: str
    required: bool = True
    width: int = 18
    hint: str = ""
    choices: str | None = None  # name of a drop-down list, see ``forms.lists``
    number_format: str | None = None

    @property
    def key(self) -> str:
        """The header folded for loose matching."""
        return fold(self.header)


@dataclass(frozen=True)
class FormSpec:
    """One kind of intake form."""

    kind: FormKind
    sheet: str
    columns: tuple[Column, ...]
    row_model: type[BaseModel]
    to_command: Callable[[Any, Origin], Command]
    version: int = 1
    instructions: str = ""

    @property
    def title(self) -> str:
        """The Russian title of the form."""
        return self.kind.title

    @property
    def required_keys(self) -> frozenset[str]:
        """Folded headers that must all be present for a header row to match this form."""
        return frozenset(c.key for c in self.columns if c.required)

    @property
    def by_key(self) -> Mapping[str, Column]:
        """Columns by folded header."""
        return {c.key: c for c in self.columns}
