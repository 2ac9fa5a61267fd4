"""Списки воспитанников по группам: one Word document listing every group's children."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sgo_model.office.docx_template import render_docx

ROSTER_VARIABLES: set[str] = {"institution", "as_of", "groups", "total_pupils"}
"""Top-level names a roster template may use.

``institution`` (str), ``as_of`` (date), ``total_pupils`` (int) and ``groups``: a list of
:class:`RosterGroup`, each also offering ``teachers_caption`` («Воспитатель» or
«Воспитатели») and ``teachers_text`` (names joined with commas, or «не назначены»).
"""


@dataclass(frozen=True)
class RosterPupil:
    """One child in a group's list: the person's data as printed."""

    full_name: str
    birth_date: date
    sex: str
    guardian: str
    phone: str
    pending: bool = False
    """Placed by an order not yet signed (the name then says so)."""


@dataclass(frozen=True)
class RosterGroup:
    """One group of the roster; ``teachers`` are short names such as «Иванова М. С.»."""

    name: str
    category_label: str
    ages: str
    orientation: str
    teachers: list[str]
    pupils: list[RosterPupil]

    @property
    def teachers_caption(self) -> str:
        """«Воспитатель» for one teacher, otherwise «Воспитатели»."""
        return "Воспитатель" if len(self.teachers) == 1 else "Воспитатели"

    @property
    def teachers_text(self) -> str:
        """The teachers' names separated by commas, or «не назначены»."""
        return ", ".join(self.teachers) if self.teachers else "не назначены"


@dataclass(frozen=True)
class RosterData:
    """Everything the roster prints: the institution, the date and the groups in order."""

    institution: str
    as_of: date
    groups: list[RosterGroup]


def render_group_rosters(data: RosterData, template: Path, out: Path) -> None:
    """Render the group rosters (списки групп) from a Word template into ``out``."""
    context: dict[str, object] = {
        "institution": data.institution,
        "as_of": data.as_of,
        "groups": data.groups,
        "total_pupils": sum(len(group.pupils) for group in data.groups),
    }
    render_docx(template, context, out)
