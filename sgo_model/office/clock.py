"""The kindergarten's clock: its time zone, for the days and hours people see."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from tzlocal import get_localzone_name

TIME_ZONE_VARIABLE = "SGO_TIME_ZONE"


def site_time_zone_name() -> str:
    """``SGO_TIME_ZONE`` (e.g. ``Asia/Vladivostok``), else the machine's own zone."""
    return os.environ.get(TIME_ZONE_VARIABLE) or get_localzone_name()


def local(moment: datetime) -> datetime:
    """A stored moment on the kindergarten's clock (a moment without a zone is UTC, as the
    store writes them)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(ZoneInfo(site_time_zone_name()))
