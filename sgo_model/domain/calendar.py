"""The academic year (учебный год) and its working calendar (производственный календарь)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sgo_model.domain.errors import DomainError

MONTHS = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
"""Names of the months in the nominative, January first."""
MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
"""Names of the months in the genitive («1 сентября»)."""

_YEAR_LABEL = re.compile(r"^\s*(\d{4})\s*[/\-–]\s*(\d{4})\s*$")


@dataclass(frozen=True)
class AcademicYear:
    """Учебный год: 1 September to 31 August, named like ``2026/2027``."""

    start_year: int

    @classmethod
    def parse(cls, label: str) -> AcademicYear:
        """Read ``2026/2027`` (or ``2026-2027``)."""
        match = _YEAR_LABEL.match(label)
        if not match or int(match[2]) != int(match[1]) + 1:
            raise DomainError(f"Учебный год «{label}» указан неверно; ожидается вид 2026/2027")
        return cls(int(match[1]))

    @classmethod
    def containing(cls, day: date) -> AcademicYear:
        """The academic year a date belongs to."""
        return cls(day.year if day.month >= 9 else day.year - 1)

    @property
    def label(self) -> str:
        """``2026/2027``."""
        return f"{self.start_year}/{self.start_year + 1}"

    @property
    def first_day(self) -> date:
        """1 September."""
        return date(self.start_year, 9, 1)

    @property
    def last_day(self) -> date:
        """31 August of the next calendar year."""
        return date(self.start_year + 1, 8, 31)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class DayOverride:
    """An institution's own change to the production calendar (summer closure, repair day)."""

    day: date
    working: bool
    reason: str


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days of the institution: 5-day week, federal holidays and transfers, overrides."""

    holidays: Mapping[date, str] = field(default_factory=dict)
    weekend_workdays: frozenset[date] = frozenset()
    overrides: Mapping[date, DayOverride] = field(default_factory=dict)

    def is_working_day(self, day: date) -> bool:
        """Whether the institution works on the day."""
        override = self.overrides.get(day)
        if override is not None:
            return override.working
        if day in self.weekend_workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def why_closed(self, day: date) -> str | None:
        """The reason the institution does not work on the day, or ``None`` if it works."""
        if self.is_working_day(day):
            return None
        override = self.overrides.get(day)
        if override is not None:
            return override.reason
        if day in self.holidays:
            return self.holidays[day]
        return "выходной день"

    def working_day_from(self, day: date) -> date:
        """The day itself if the institution works on it, else the next day it does."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def working_days(self, first: date, last: date) -> Iterator[date]:
        """The working days from ``first`` to ``last`` inclusive."""
        day = first
        while day <= last:
            if self.is_working_day(day):
                yield day
            day += timedelta(days=1)


# Трудовой кодекс РФ, ст. 112 ч. 1 (as in force since 2013): the non-working holidays, fixed
# by date. The production calendar adds the days off moved from weekends each year.
_STATUTORY_HOLIDAYS: tuple[tuple[int, int, str], ...] = (
    *((1, d, "Новогодние каникулы") for d in (1, 2, 3, 4, 5, 6, 8)),
    (1, 7, "Рождество Христово"),
    (2, 23, "День защитника Отечества"),
    (3, 8, "Международный женский день"),
    (5, 1, "Праздник Весны и Труда"),
    (5, 9, "День Победы"),
    (6, 12, "День России"),
    (11, 4, "День народного единства"),
)


def statutory_holidays(year: int) -> dict[date, str]:
    """The non-working holidays of a calendar year fixed by the Labour Code (ст. 112), without
    the transfers of days off that the yearly production calendar adds."""
    return {date(year, month, day): name for month, day, name in _STATUTORY_HOLIDAYS}
