"""The sheet of pedagogical diagnostics (лист педагогической диагностики) of a group at a
period: what its blank shows and what a read sheet holds.

A row per child; under each educational area its indicators, a column each, scored on the
institution's scale; a last column for the reason a child was not assessed. The areas head
one header row, their indicators the row below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.diagnostics import Period, Scale
from sgo_model.domain.problems import Problem
from sgo_model.domain.text import squeeze
from sgo_model.office.names import PART_BYTES, safe_name

DIAGNOSTICS_FORM = "diagnostics"
DIAGNOSTICS_VERSION = 1
DIAGNOSTICS_SHEET = "Диагностика"
META_GROUP_ID = "group_id"
META_GROUP = "group"
META_YEAR = "year"
META_PERIOD = "period"
META_HEADER_ROW = "header_row"
META_PUPIL = "pupil"

GROUP_CELL = "A3"
"""Where the blank names the group (a refusal about the group points here)."""
HEADER_ROW = 8
"""The row of the areas; their indicators are in the next one."""
FIRST_PUPIL_ROW = HEADER_ROW + 2
NUMBER_COLUMN, NAME_COLUMN, BIRTH_COLUMN = 1, 2, 3
FIRST_SCORE_COLUMN = 4
NAME_HEADER = "Воспитанник"
REASON_HEADER = "Не оценён: причина"
DATE_LABEL = "Дата проведения:"


def date_row(children: int) -> int:
    """The row of «Дата проведения:» (its date in the birth dates' column): two rows below
    the last child's (or below the one empty row of a blank without children)."""
    return FIRST_PUPIL_ROW + max(children, 1) + 1


@dataclass(frozen=True)
class SheetArea:
    """An area of the blank with its indicators, in order."""

    area: EducationalArea
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class SheetChild:
    """A row of the blank; ``reason`` pre-fills why the child is not assessed (left the
    group), and then the child's score cells are locked."""

    pupil_id: int
    full_name: str
    birth_date: date
    reason: str = ""


@dataclass(frozen=True)
class DiagnosticsBlank:
    """Everything a group's diagnostics blank shows."""

    institution: str
    group: str
    group_id: int
    category: str
    """The age category as the title names it («вторая младшая группа»)."""
    year: str
    period: Period
    scale: Scale
    rule: str
    areas: tuple[SheetArea, ...]
    children: tuple[SheetChild, ...]
    assessor: str = ""


@dataclass(frozen=True)
class ScoreCell:
    """A score read from the sheet with its cell and the raw value."""

    area: EducationalArea
    position: int
    indicator: str
    score: int
    cell: str
    raw: object


@dataclass(frozen=True)
class BlankCell:
    """An indicator cell left empty (a complete row scores every indicator of an area)."""

    area: EducationalArea
    indicator: str
    cell: str


@dataclass(frozen=True)
class ChildRow:
    """A child's row of a read sheet."""

    row: int
    pupil_id: int | None
    full_name: str
    birth_date: date | None
    scores: tuple[ScoreCell, ...]
    blanks: tuple[BlankCell, ...]
    reason: str = ""
    reason_cell: str = ""


@dataclass
class DiagnosticsSheet:
    """A read diagnostics sheet: its rows and the located problems of the file."""

    group_id: int | None
    group: str
    year: str
    period: Period
    sheet: str
    rows: list[ChildRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    areas: list[SheetArea] = field(default_factory=list)
    """The areas and indicators the sheet's header holds, in its order."""
    area_cells: dict[EducationalArea, str] = field(default_factory=dict)
    """Each area's header cell."""
    name_column: str = ""
    assessed_on: date | None = None

    @property
    def errors(self) -> list[Problem]:
        """Problems that refuse the file."""
        return [p for p in self.problems if p.is_error]


def diagnostics_blank_name(blank: DiagnosticsBlank, suffix: str = "") -> str:
    """«Диагностика Ромашка 2026-2027 начало.xlsx» (``suffix`` names a specialist's area)."""
    group = safe_name(squeeze(blank.group) or str(blank.group_id), limit=PART_BYTES)
    period = "начало" if blank.period is Period.START else "конец"
    tail = f" {suffix}" if suffix else ""
    return f"Диагностика {group} {blank.year.replace('/', '-')} {period}{tail}.xlsx"
