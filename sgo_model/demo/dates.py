"""The demo's dates: its school year, and the working days people are hired and enrolled on."""

from __future__ import annotations

import functools
from calendar import monthrange
from datetime import date

from sgo_model.domain.calendar import WorkingCalendar, statutory_holidays

SCHOOL_YEAR_START = date(2026, 9, 1)
"""The first day of the demo year 2026/2027; ages of groups are counted on it."""

# Every date the demo invents falls in these years (the first hires are from 1998).
_YEARS = range(1998, SCHOOL_YEAR_START.year + 2)


@functools.cache
def _calendar() -> WorkingCalendar:
    # The holidays fixed by the Labour Code, without the yearly transfers of the production
    # calendar (setup/production_calendar): its data would move some invented hiring dates
    # from one release of the `holidays` package to the next, and the demo stays standard
    # library only.
    holidays: dict[date, str] = {}
    for year in _YEARS:
        holidays.update(statutory_holidays(year))
    return WorkingCalendar(holidays)


def workday(day: date) -> date:
    """The day itself, or the next one that is neither a weekend nor a statutory holiday."""
    return _calendar().working_day_from(day)


def months_before(day: date, months: int) -> date:
    """The same day of the month ``months`` earlier (clamped to the month's end)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))
