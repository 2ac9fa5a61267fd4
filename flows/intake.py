"""The intake flow: one run takes a batch of ready inbox files, applies them, answers each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_table_artifact

from sgo_model.services import publishing
from sgo_model.services.intake import IntakeOptions, PassResult, ingest_pass
from sgo_model.services.receipts import Receipt
from sgo_model.settings import Settings, load_settings
from sgo_model.store.engine import make_engine, migrate
from sgo_model.store.uow import SqlUnitOfWork


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
def take_batch(settings: Settings, settle_seconds: float) -> PassResult:
    """Claim every ready file and apply or reject each (per-file work is plain functions)."""
    engine = make_engine(settings.database_url)
    migrate(engine)
    try:
        return ingest_pass(
            settings.site,
            lambda: SqlUnitOfWork(engine),
            IntakeOptions(settle_seconds=settle_seconds),
        )
    finally:
        engine.dispose()


@task(name="refresh-documents")
def refresh_documents(settings: Settings) -> list[str]:
    """Regenerate rosters, fill report, pending orders and the movement book if changed."""
    engine = make_engine(settings.database_url)
    try:
        records = publishing.refresh_documents(
            settings.site, lambda: SqlUnitOfWork(engine), settings.templates
        )
    finally:
        engine.dispose()
    return [record.path for record in records]


@flow(name="sgo-intake", log_prints=True)
def intake_flow(
    home: str | None = None,
    database_url: str | None = None,
    settle_seconds: float = 3.0,
) -> dict[str, Any]:
    """Take a batch of ready inbox files; receipts go to each submitter and to an artifact."""
    settings = load_settings(Path(home) if home else None, database_url)
    result = take_batch(settings, settle_seconds)
    documents = refresh_documents(settings) if result.accepted else []
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
