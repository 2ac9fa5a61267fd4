"""The monthly attendance blanks: on the month's first working day, each teacher gets the
pre-filled sheets of their groups in ``inbox/<login>/бланки/`` (a folder intake never reads)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, task

from sgo_model.attendance.publish import blanks_due, prepare_month_blanks
from sgo_model.bootstrap import Settings, Store, load_settings

SCHEDULE = "0 7 * * *"
"""Daily at 07:00: the flow itself knows whether this month's blanks are due."""


@task(name="prepare-attendance-blanks")
def prepare(settings: Settings, month: date | None, today: date) -> list[str]:
    """Write the blanks of a month (or of the current one when they are due)."""
    store = Store(settings.database_url)
    try:
        store.check()
        target = month or blanks_due(store.uow, today)
        if target is None:
            return []
        return [str(p) for p in prepare_month_blanks(settings.site, store.uow, target)]
    finally:
        store.close()


@flow(name="sgo-attendance-blanks", log_prints=True)
def attendance_blanks_flow(
    home: str | None = None,
    database_url: str | None = None,
    month: str | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """Put each group's attendance sheet for the month into its teachers' blanks folders.

    Without ``month``: the current month's, if they are due ``today`` (default: the clock's).
    """
    settings = load_settings(Path(home) if home else None, database_url)
    chosen = date.fromisoformat(f"{month}-01") if month else None
    written = prepare(settings, chosen, today or date.today())
    return {"files": len(written), "paths": written}
