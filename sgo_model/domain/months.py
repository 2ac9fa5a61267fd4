"""Months as the documents count them: first and last days, their days, the months of a span."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def month_end(month: date) -> date:
    """The last day of the month of ``month``."""
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def month_days(month: date) -> list[date]:
    """Every day of the month of ``month``."""
    first = month.replace(day=1)
    count = calendar.monthrange(first.year, first.month)[1]
    return [first + timedelta(days=offset) for offset in range(count)]


def months_between(first: date, last: date) -> list[date]:
    """The first days of every month from ``first``'s to ``last``'s, both included."""
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months
