"""What a cell of a submitted sheet holds, as python-calamine gives it: blank or not, its text,
a whole number, a date (typed as a date, or as text like 15.10.2026)."""

from __future__ import annotations

import re
from datetime import date, datetime

_DATE_TEXT = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def cell_at(row: list[object], index: int | None) -> object:
    """The value in a row's column (``None`` past its end or for no column)."""
    if index is None or index >= len(row):
        return None
    return row[index]


def is_blank(value: object) -> bool:
    """Whether a cell is empty (nothing, or only spaces)."""
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object) -> str:
    """A cell as text: a whole number without «.0», nothing as an empty string."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def as_int(value: object) -> int | None:
    """A whole number, or ``None`` (a fraction, a flag, words)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def as_date(value: object) -> date | None:
    """A date typed as a date or as «15.10.2026», or ``None``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        found = _DATE_TEXT.fullmatch(value.strip())
        if found:
            day, month, year = (int(g) for g in found.groups())
            try:
                return date(year, month, day)
            except ValueError:
                return None
    return None
