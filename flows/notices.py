"""«Уведомления семьям»: every day, the notices that are due go out by e-mail to the
guardians who consented; without a mail server they wait in outbox/families to be printed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact

from flows.environment import artifact_key
from sgo_model.bootstrap import Settings, Store, load_settings
from sgo_model.families.delivery import SendReport
from sgo_model.families.service import send_notices

SCHEDULE = "30 8 * * *"
"""Daily at 08:30 on the kindergarten's clock (after the morning's reminders)."""
DEPLOYMENT_NAME = "Уведомления семьям"


@task(name="send-notices")
def deliver(settings: Settings) -> SendReport:
    """Send the notices that are due."""
    store = Store(settings.database_url)
    try:
        store.check()
        return send_notices(store.uow, datetime.now(UTC), settings.site)
    finally:
        store.close()


@flow(name="sgo-notices", flow_run_name="Уведомления семьям", log_prints=True)
def notices_flow(home: str | None = None, database_url: str | None = None) -> dict[str, Any]:
    """Deliver the notices that are due by e-mail."""
    settings = load_settings(Path(home) if home else None, database_url)
    report = deliver(settings)
    summary = report.summary()
    create_markdown_artifact(
        markdown=f"## {summary}\n\nПодробности: sgo notices list --home {settings.home}",
        key=artifact_key("notices", settings.home),
        description="Уведомления семьям",
    )
    print(summary)
    return {
        "sent": report.sent,
        "messages": report.messages,
        "failed": report.failed,
        "uncertain": report.uncertain,
        "waiting": report.waiting,
        "summary": summary,
    }
