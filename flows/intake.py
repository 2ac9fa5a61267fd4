"""The intake flow: one run takes a batch of ready inbox files, applies them, answers each."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_table_artifact

from sgo_model.bootstrap import Settings, Store, intake, load_settings, publish_context, publishers
from sgo_model.intake.pipeline import IntakeOptions, PassResult, ingest_pass
from sgo_model.intake.publishing import publish_pending, settle_interrupted
from sgo_model.intake.receipts import Receipt


def _row(receipt: Receipt) -> dict[str, Any]:
    return {
        "Пользователь": receipt.login,
        "Файл": receipt.file_name,
        "Форма": receipt.form or "",
        "Результат": receipt.verdict.label,
        "Строк": receipt.rows,
        "Ошибок": len(receipt.errors),
        "Пояснение": receipt.reason or "",
    }


@task(name="take-inbox-batch")
def take_batch(settings: Settings, settle_seconds: float, today: date | None = None) -> PassResult:
    """Claim every ready file and apply or reject each (per-file work is plain functions)."""
    store = Store(settings.database_url)
    try:
        store.check()
        settle_interrupted(settings.site, store.uow)
        options = IntakeOptions(settle_seconds=settle_seconds)
        return ingest_pass(intake(settings, store, options, today))
    finally:
        store.close()


@task(name="refresh-documents")
def refresh_documents(settings: Settings, today: date | None = None) -> list[str]:
    """Regenerate the documents the accepted files (or an interrupted run) left to refresh."""
    store = Store(settings.database_url)
    try:
        published = publish_pending(publishers(), publish_context(settings, store, today))
    finally:
        store.close()
    for name, reason in published.failures.items():
        print(f"Документы «{name}» не обновлены: {reason}")
    return [record.path for record in published.documents]


@flow(name="sgo-intake", log_prints=True)
def intake_flow(
    home: str | None = None,
    database_url: str | None = None,
    settle_seconds: float = 3.0,
    today: date | None = None,
) -> dict[str, Any]:
    """Take a batch of ready inbox files; receipts go to each submitter and to an artifact.

    ``today`` is the day the run takes for today (default: the clock's), e.g. to replay a
    day's files or to build the demo as of a date.
    """
    settings = load_settings(Path(home) if home else None, database_url)
    result = take_batch(settings, settle_seconds, today)
    documents = refresh_documents(settings, today)
    if result.receipts:
        create_table_artifact(
            table=[_row(r) for r in result.receipts],
            key="intake-receipts",
            description=f"Квитанции: принято {len(result.accepted)}, "
            f"отклонено {len(result.rejected)}",
        )
    return {
        "files": len(result.receipts),
        "accepted": len(result.accepted),
        "rejected": len(result.rejected),
        "documents": documents,
    }
