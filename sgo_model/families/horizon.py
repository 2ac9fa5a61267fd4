"""How far back notices are issued: a site started on years of archived originals (or a
rebuilt store) must not send families a year of old papers at once."""

from __future__ import annotations

from datetime import date, timedelta

NOTICE_HORIZON = timedelta(days=92)
"""Notices are issued about orders dated, and months ended, within this time before today."""


def recent(day: date, today: date) -> bool:
    """Whether something of ``day`` is still news to the family on ``today``."""
    return day >= today - NOTICE_HORIZON
