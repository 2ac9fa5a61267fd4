"""«Напоминания»: every morning, each person who owes an attendance sheet or diagnostics
past its due day (and the head, for orders too long unsigned) finds a reminder in their
folder's ``напоминания``; each reminder is sent once. The data-quality workbook is refreshed
on the way."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact

from flows.environment import artifact_key
from sgo_model.bootstrap import Settings, Store, load_settings
from sgo_model.diagnostics.quality import data_quality
from sgo_model.diagnostics.watch import quality_path, send_reminders, write_quality

SCHEDULE = "0 7 * * *"
"""Daily at 07:00 on the kindergarten's clock."""


@task(name="send-reminders")
def remind(settings: Settings, today: date) -> tuple[list[str], str]:
    """Send the reminders owed today; rewrite the watch's workbook; its headline."""
    store = Store(settings.database_url)
    try:
        store.check()
        sent = send_reminders(settings.site, store.uow, today)
        with store.uow(read_only=True) as uow:
            report = data_quality(uow, today)
            institution = uow.institution.get()
        write_quality(report, institution.name if institution else "", quality_path(settings.site))
        return [str(p) for p in sent], report.headline()
    finally:
        store.close()


@flow(name="sgo-reminders", flow_run_name="Напоминания", log_prints=True)
def reminders_flow(
    home: str | None = None, database_url: str | None = None, today: date | None = None
) -> dict[str, Any]:
    """Put the reminders owed ``today`` (default: the clock's) into their people's folders."""
    settings = load_settings(Path(home) if home else None, database_url)
    sent, headline = remind(settings, today or date.today())
    listed = [f"- {Path(p).parent.parent.name}: {Path(p).stem}" for p in sent]
    lines = [f"## {headline}", "", *(listed or ["Новых напоминаний нет."])]
    create_markdown_artifact(
        markdown="\n".join(lines),
        key=artifact_key("reminders", settings.home),
        description="Напоминания",
    )
    print(headline)
    return {"sent": len(sent), "paths": sent, "headline": headline}
