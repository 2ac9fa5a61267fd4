"""What a timesheet 0504608 holds: the group-month's children, their day cells and totals.

The form is the one of Приказ Минфина России от 30.03.2015 № 52н: a row per child with a
column per day of the month (only absences «Н» and days off «В» are marked, attended days stay
empty), the child's totals, and per-day counts of children absent and present.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

TIMESHEET_TITLE = "Табель учета посещаемости детей"
OKUD = "0504608"
"""The form's code in ОКУД (общероссийский классификатор управленческой документации)."""

PRESENT = ""
ABSENT = "Н"
DAY_OFF = "В"
NOT_IN_GROUP = "—"
NOT_COVERED = "·"
"""The day cells of a child: attended, absent, a day the institution does not work, a day
before the child came to the group or after the child left it, and a working day after the
last day the teacher's sheet covers (printed as a dot on hatching, counted in nothing)."""


@dataclass(frozen=True)
class TimesheetChild:
    """A child's row of the timesheet.

    ``cells`` has one value per day of the month (see :data:`PRESENT`, :data:`ABSENT`,
    :data:`DAY_OFF`, :data:`NOT_IN_GROUP`); ``missed`` is the number of «Н», of them
    ``missed_excused`` for a good reason (засчитываемых: never charged); ``attended`` the
    days attended; ``payable`` the days charged under the fee rule; ``reasons`` the absences
    by reason, as «Б — 3, О — 2»; ``account`` the personal account, ``rate`` the daily fee;
    ``pupil_id`` the child in the store and ``by_reason`` the absences as (mark, days).
    """

    name: str
    cells: tuple[str, ...]
    missed: int
    missed_excused: int
    attended: int
    payable: int
    reasons: str
    account: str = ""
    rate: str = ""
    pupil_id: int | None = None
    by_reason: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class TimesheetData:
    """A group's timesheet for a month.

    ``month`` is the month's first day, ``working`` says for each day of the month whether
    the institution works, ``head`` and ``teacher`` are short names («О. П. Смирнова»);
    ``number`` may be empty (the form then leaves a line to write it by hand) and so may
    ``calculation`` (the «Вид расчета» line is then left out). ``covered_through`` is the
    last day the teacher's sheet covers: a timesheet that stops before the month's end is
    preliminary. ``fee_rule`` is the local fee rule, as its footer prints it.
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
    covered_through: date
    fee_rule: str
    okpo: str = ""
    head_post: str = "Заведующий"
    teacher_post: str = "воспитатель"
    calculation: str = "родительская плата"

    @property
    def days(self) -> int:
        """The number of days in the month."""
        return calendar.monthrange(self.month.year, self.month.month)[1]

    @property
    def last_day(self) -> date:
        """The month's last day."""
        return self.month.replace(day=self.days)

    @property
    def preliminary(self) -> bool:
        """Whether the sheet stops before the month's end (the month is not over, or its
        sheet was not submitted for all of it): such a timesheet is not final."""
        return self.covered_through < self.last_day

    def covers(self, day: int) -> bool:
        """Whether the teacher's sheet covers the ``day``-th of the month."""
        return self.month + timedelta(days=day - 1) <= self.covered_through


def day_counts(data: TimesheetData) -> tuple[tuple[int | None, ...], tuple[int | None, ...]]:
    """Children present and children absent on each day of the month.

    A day the institution does not work counts as ``None`` (the form leaves it blank);
    children not in the group that day are counted in neither.
    """
    present: list[int | None] = []
    absent: list[int | None] = []
    for day, working in enumerate(data.working):
        if not working or not data.covers(day + 1):
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
            if not working:
                allowed: tuple[str, ...] = (DAY_OFF, NOT_IN_GROUP)
            elif data.covers(day):
                allowed = (PRESENT, ABSENT, NOT_IN_GROUP)
            else:
                allowed = (NOT_COVERED, NOT_IN_GROUP)
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
        if not child.attended <= child.payable <= child.attended + child.missed:
            raise ValueError(
                f"У ребёнка «{child.name}» к оплате {child.payable} дн. при {child.attended} "
                f"днях посещения и {child.missed} пропусках"
            )


# --- The sheet's frame ----------------------------------------------------------------------
