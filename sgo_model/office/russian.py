"""Russian wording for documents: dates in words and the plural forms of nouns."""

from __future__ import annotations

from datetime import date
from typing import Literal

from sgo_model.domain.calendar import MONTHS, MONTHS_GENITIVE
from sgo_model.domain.text import plural as plural
from sgo_model.domain.text import plural_form as plural_form

MonthCase = Literal["nominative", "genitive"]

_NOMINATIVE = MONTHS
_GENITIVE = MONTHS_GENITIVE


def month_name(month: int, case: MonthCase = "nominative") -> str:
    """The month's name in lower case: ``сентябрь`` (nominative) or ``сентября`` (genitive)."""
    if not 1 <= month <= 12:
        raise ValueError(f"Номер месяца должен быть от 1 до 12, получено {month}")
    if case == "nominative":
        return _NOMINATIVE[month - 1]
    if case == "genitive":
        return _GENITIVE[month - 1]
    raise ValueError(f"Неизвестный падеж {case!r}: допустимо 'nominative' или 'genitive'")


def long_date(d: date) -> str:
    """A date as in the heading of an order: ``«01» сентября 2026 г.``."""
    _require_date(d)
    return f"«{d.day:02d}» {month_name(d.month, 'genitive')} {d.year} г."


def short_date(d: date) -> str:
    """A date in figures: ``01.09.2026``."""
    _require_date(d)
    return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


def month_year(d: date) -> str:
    """The month of a date with its year, as in a report period: ``октябрь 2026 г.``."""
    _require_date(d)
    return f"{month_name(d.month)} {d.year} г."


def _require_date(value: object) -> None:
    # Templates pass whatever the editor typed; a clear message beats an AttributeError.
    if not isinstance(value, date):
        raise TypeError(f"Ожидалась дата, получено значение «{value}» ({type(value).__name__})")
