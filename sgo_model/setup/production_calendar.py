"""The Russian production calendar (производственный календарь), from the ``holidays`` package."""

from __future__ import annotations

from datetime import date

import holidays

from sgo_model.domain.calendar import AcademicYear


def russian_calendar(year: AcademicYear) -> tuple[dict[date, str], set[date]]:
    """Federal holidays and transferred days off, and weekend days made working, in a year."""
    calendar = holidays.country_holidays(
        "RU", years=[year.start_year, year.start_year + 1], language="ru"
    )
    first, last = year.first_day, year.last_day
    days_off = {d: str(name) for d, name in calendar.items() if first <= d <= last}
    workdays = {d for d in calendar.weekend_workdays if first <= d <= last}
    return days_off, workdays
