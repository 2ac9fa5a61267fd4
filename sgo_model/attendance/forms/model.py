"""The monthly attendance sheet (лист посещаемости) of a group: what its blank shows and what
a read sheet holds.

The blank has a row per pupil and a column per day of the month. Only the cells of working
days on which the pupil belongs to the group are unlocked; the sheet is protected (without a
password) so that days off and days out of the group cannot be marked. A blank cell means the
child was there; absences are marked with the letters of :class:`Mark`.
"""

from dataclasses import dataclass, field
from datetime import date

from sgo_model.domain.attendance import Mark
from sgo_model.domain.calendar import MONTHS
from sgo_model.domain.problems import Problem
from sgo_model.domain.text import squeeze
from sgo_model.office.names import PART_BYTES, safe_name

ATTENDANCE_FORM = "attendance"
ATTENDANCE_VERSION = 1
ATTENDANCE_SHEET = "Посещаемость"
META_GROUP_ID = "group_id"
META_GROUP = "group"
META_MONTH = "month"
META_HEADER_ROW = "header_row"
META_PUPIL = "pupil"

MARKED_THROUGH_LABEL = "Отметки внесены по (дата):"
"""The label of the cell where the teacher may state the last day the sheet covers."""

HEADER_ROW = 7
"""The row of the column headers (day numbers); the weekday abbreviations are in the next."""
FIRST_PUPIL_ROW = HEADER_ROW + 2
NUMBER_COLUMN, NAME_COLUMN, BIRTH_COLUMN = 1, 2, 3
FIRST_DAY_COLUMN = 4
MARK_LIST = ",".join(m.value for m in Mark if m.value)


WEEKDAYS = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")


@dataclass(frozen=True)
class SheetPupil:
    """A row of the blank: a child and the days of the month it belongs to the group."""

    pupil_id: int
    full_name: str
    birth_date: date
    in_group: tuple[date, ...]


@dataclass(frozen=True)
class SheetDay:
    """A day column of the blank; ``why_closed`` explains a non-working day."""

    day: date
    working: bool
    why_closed: str | None = None


@dataclass(frozen=True)
class AttendanceBlank:
    """Everything a group's monthly attendance blank shows; ``days`` is every day of the month."""

    institution: str
    group: str
    group_id: int
    month: date
    days: tuple[SheetDay, ...]
    pupils: tuple[SheetPupil, ...]
    teacher: str = ""


@dataclass(frozen=True)
class MarkCell:
    """A non-blank mark read from the sheet, with its cell and the raw cell value."""

    day: date
    mark: Mark
    cell: str
    raw: object


@dataclass(frozen=True)
class SheetRow:
    """A pupil row of a read sheet; ``marks`` holds only the non-blank (absence) cells."""

    row: int
    pupil_id: int | None
    full_name: str
    birth_date: date | None
    marks: tuple[MarkCell, ...]


@dataclass
class AttendanceSheet:
    """A read attendance sheet: its rows with marks and the located problems of the file."""

    group_id: int | None
    group: str
    month: date
    sheet: str
    rows: list[SheetRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    day_columns: dict[date, str] = field(default_factory=dict)
    name_column: str = ""
    marked_through: date | None = None
    """The last day the teacher states the marks cover (the cell «Отметки внесены по»)."""
    marked_through_cell: str = ""

    @property
    def errors(self) -> list[Problem]:
        """Problems that refuse the file."""
        return [p for p in self.problems if p.is_error]


def month_title(month: date) -> str:
    """The month as the sheet names it: ``октябрь 2026 г.``."""
    return f"{MONTHS[month.month - 1]} {month.year} г."


def attendance_blank_name(blank: AttendanceBlank) -> str:
    """The file name of a blank: «Посещаемость Ромашка 2026-10.xlsx»."""
    group = safe_name(squeeze(blank.group) or str(blank.group_id), limit=PART_BYTES)
    return f"Посещаемость {group} {blank.month:%Y-%m}.xlsx"
