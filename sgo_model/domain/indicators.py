"""Attendance indicators (показатели посещаемости) for groups and the institution.

Counted over the group-months whose sheets were submitted: a child's day in a group is a
child-day; on a working day it is attended unless the sheet marks an absence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sgo_model.domain.age import full_years
from sgo_model.domain.attendance import Mark
from sgo_model.domain.calendar import WorkingCalendar


@dataclass
class Tally:
    """Child-day counts over some days."""

    calendar_days: int = 0
    headcount_days: int = 0
    working_days: int = 0
    attended: int = 0
    missed: int = 0
    illness: int = 0
    excused: int = 0
    attended_3plus: int = 0
    missed_3plus: int = 0
    illness_3plus: int = 0
    days: set[date] = field(default_factory=set)

    def add(self, other: Tally) -> None:
        """Add another tally's counts (the days of different groups are counted once)."""
        for name in (
            "headcount_days",
            "attended",
            "missed",
            "illness",
            "excused",
            "attended_3plus",
            "missed_3plus",
            "illness_3plus",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.days |= other.days

    def close(self, calendar: WorkingCalendar) -> Tally:
        """Fix the calendar and working days from the days covered."""
        self.calendar_days = len(self.days)
        self.working_days = sum(1 for day in self.days if calendar.is_working_day(day))
        return self

    @property
    def average_headcount(self) -> float:
        """Среднесписочный состав: child-days on the list over calendar days."""
        return self.headcount_days / self.calendar_days if self.calendar_days else 0.0

    @property
    def attendance_percent(self) -> float:
        """Attended child-days as a share of those that should have been attended."""
        total = self.attended + self.missed
        return round(100 * self.attended / total, 1) if total else 0.0

    @property
    def illness_per_child(self) -> float:
        """Days missed for illness per child on the average list."""
        headcount = self.average_headcount
        return round(self.illness / headcount, 2) if headcount else 0.0


def tally_group(
    members: Mapping[int, Iterable[date]],
    marks: Mapping[tuple[int, date], Mark],
    calendar: WorkingCalendar,
    birth_dates: Mapping[int, date],
    first: date,
    last: date,
) -> Tally:
    """Count the child-days of a group's pupils between two dates."""
    tally = Tally()
    day = first
    while day <= last:
        tally.days.add(day)
        day += timedelta(days=1)
    for pupil, days in members.items():
        born = birth_dates.get(pupil)
        for day in days:
            if not first <= day <= last:
                continue
            tally.headcount_days += 1
            if not calendar.is_working_day(day):
                continue
            older = born is not None and full_years(born, day) >= 3
            mark = marks.get((pupil, day), Mark.PRESENT)
            if mark.attended:
                tally.attended += 1
                tally.attended_3plus += older
            else:
                tally.missed += 1
                tally.missed_3plus += older
                tally.excused += mark.excused
                if mark.illness:
                    tally.illness += 1
                    tally.illness_3plus += older
    return tally.close(calendar)
