"""Cells of the schedule's forms: a time of day and a weekday, however Excel stores them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from sgo_model.domain.errors import DomainError
from sgo_model.domain.schedule import EVERY_DAY, parse_clock, parse_weekday
from sgo_model.domain.text import fold
from sgo_model.forms.fields import cell, optional_cell, to_text


def to_clock(value: Any) -> int:
    """Minutes since midnight from «9:05», an Excel time (a fraction of a day) or a time."""
    if isinstance(value, dt.datetime):
        value = value.time()
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute
    if isinstance(value, float) and 0 <= value < 1:
        return round(value * 24 * 60)
    return parse_clock(to_text(value))


def to_weekday(value: Any) -> int:
    """A weekday (0 for Monday) from its name or abbreviation."""
    return parse_weekday(to_text(value))


def to_weekday_or_every(value: Any) -> int | None:
    """A weekday, or ``None`` for «ежедневно» / «каждый день»."""
    text = fold(to_text(value))
    if text in (EVERY_DAY, "каждый день", "все дни", "пн-пт", "пн–пт"):
        return None
    try:
        return to_weekday(value)
    except DomainError as error:
        raise DomainError(f"{error.message}, или «{EVERY_DAY}»") from None


Clock = Annotated[int, cell(to_clock)]
OptionalClock = Annotated[int | None, optional_cell(to_clock)]
Weekday = Annotated[int, cell(to_weekday)]
OptionalWeekday = Annotated[int | None, optional_cell(to_weekday_or_every)]
