"""The kindergarten's clock: its time zone, for the days and hours people see."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def local(moment: datetime, time_zone: str) -> datetime:
    """A stored moment on the kindergarten's clock (``time_zone``, its ``time_zone`` setting;
    a moment without a zone is UTC, as the store writes them)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(ZoneInfo(time_zone))
