"""What a timesheet 0504608 holds: the group-month's children, their day cells and totals.

The form is the one of Приказ Минфина России от 30.03.2015 № 52н: a row per child with a
column per day of the month (only absences «Н» and days off «В» are marked, attended days stay
empty), the child's totals, and per-day counts of children absent and present.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

TIMESHEET_TITLE = "Табель учета посещаемости детей"
OKUD = "0504608"
"""The form's code in ОКУД (общероссийский классификатор управленческой документации)."""

PRESENT = ""
ABSENT = "Н"
DAY_OFF = "В"
NOT_IN_GROUP = "—"
"""The day cells of a child: attended, absent, a day the institution does not work, a day
before the child came to the group or after the child left it."""

_CELL_VALUES = frozenset({PRESENT, ABSENT, DAY_OFF, NOT_IN_GROUP})


@dataclass(frozen=True)
class TimesheetChild:
    """A child's row of the timesheet.

    ``cells`` has one value per day of the month (see :data:`PRESENT`, :data:`ABSENT`,
    :data:`DAY_OFF`, :data:`NOT_IN_GROUP`); ``missed`` is the number of «Н», of them
    ``missed_excused`` for a good reason (not charged); ``attended`` the days attended
    (charged); ``reasons`` the absences by reason, as «Б — 3, О — 2».
    """

    name: str
    cells: tuple[str, ...]
    missed: int
    missed_excused: int
    attended: int
    reasons: str


@dataclass(frozen=True)
class TimesheetData:
    """A group's timesheet for a month.

    ``month`` is the month's first day, ``working`` says for each day of the month whether
    the institution works, ``head`` and ``teacher`` are short names («О. П. Смирнова»);
    ``number`` may be empty (the form then leaves a line to write it by hand) and so may
    ``calculation`` (the «Вид расчета» line is then left out).
    """

    institution: str
    group_title: str
    month: date
    made_on: date
    number: str
    working: tuple[bool, ...]
    children: tuple[TimesheetChild, ...]
    head: str
    teacher: str
    calculation: str = "родительская плата"

    @property
    def days(self) -> int:
        """The number of days in the month."""
        return calendar.monthrange(self.month.year, self.month.month)[1]


def day_counts(data: TimesheetData) -> tuple[tuple[int | None, ...], tuple[int | None, ...]]:
    """Children present and children absent on each day of the month.

    A day the institution does not work counts as ``None`` (the form leaves it blank);
    children not in the group that day are counted in neither.
    """
    present: list[int | None] = []
    absent: list[int | None] = []
    for day, working in enumerate(data.working):
        if not working:
            present.append(None)
            absent.append(None)
            continue
        marks = [child.cells[day] for child in data.children]
        present.append(marks.count(PRESENT))
        absent.append(marks.count(ABSENT))
    return tuple(present), tuple(absent)


def check(data: TimesheetData) -> None:
    days = data.days
    if len(data.working) != days:
        raise ValueError(f"Календарь табеля на {len(data.working)} дн., а в месяце {days} дн.")
    for child in data.children:
        if len(child.cells) != days:
            raise ValueError(
                f"У ребёнка «{child.name}» {len(child.cells)} отметок, а в месяце {days} дн."
            )
        for day, (cell, working) in enumerate(zip(child.cells, data.working, strict=True), 1):
            allowed = (PRESENT, ABSENT, NOT_IN_GROUP) if working else (DAY_OFF, NOT_IN_GROUP)
            if cell not in allowed:
                kind = "рабочий" if working else "нерабочий"
                shown = ", ".join(f"«{value}»" for value in allowed)
                raise ValueError(
                    f"У ребёнка «{child.name}» {day}-го числа ({kind} день) отметка "
                    f"«{cell}»; допустимо {shown}"
                )
        if child.missed != child.cells.count(ABSENT) or child.attended != child.cells.count(
            PRESENT
        ):
            raise ValueError(
                f"Итоги ребёнка «{child.name}» не сходятся с отметками: пропущено "
                f"{child.missed} (отметок «Н» {child.cells.count(ABSENT)}), посещено "
                f"{child.attended} (дней без отметки {child.cells.count(PRESENT)})"
            )
        if not 0 <= child.missed_excused <= child.missed:
            raise ValueError(
                f"У ребёнка «{child.name}» засчитываемых пропусков {child.missed_excused} "
                f"из {child.missed}"
            )


# --- The sheet's frame ----------------------------------------------------------------------
