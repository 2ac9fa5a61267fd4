"""The monthly attendance blanks: on the month's first working day, each teacher gets the
pre-filled sheets of their groups in ``inbox/<login>/бланки/`` (a folder intake never reads)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, task

from flows.environment import artifact_key
from flows.refusal import tell_refusal
from sgo_model.attendance.publish import blanks_due, prepare_month_blanks
from sgo_model.bootstrap import Settings, Store, load_settings
from sgo_model.domain.attendance import month_start
from sgo_model.domain.errors import DomainError

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

    ``month`` is written ``2026-12`` or ``12.2026``; anything else is refused with the reason
    as the run's artifact. Without it: the current month's, if they are due ``today``
    (default: the clock's).
    """
    settings = load_settings(Path(home) if home else None, database_url)
    try:
        chosen = month_start(month) if month else None
    except DomainError as error:  # typed in the UI as «12.2026 г.» or «декабрь»: say so
        reason = tell_refusal(
            error.message, artifact_key("attendance-blanks", settings.home), "Бланки посещаемости"
        )
        return {"files": 0, "paths": [], "reason": reason}
    written = prepare(settings, chosen, today or date.today())
    return {"files": len(written), "paths": written}
