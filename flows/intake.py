"""The intake flow: one run takes a batch of ready inbox files, applies them, answers each."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_table_artifact

from flows.environment import artifact_key
from sgo_model.bootstrap import Settings, Store, intake, load_settings, publish_context, publishers
from sgo_model.domain.text import plural
from sgo_model.intake.pipeline import IntakeOptions, PassResult, ingest_pass
from sgo_model.intake.publishing import publish_pending, settle_interrupted
from sgo_model.intake.receipts import Receipt, Verdict
from sgo_model.office.memory import release_memory

REJECTED_TAG = "отклонены файлы"
"""The tag of a run that rejected a file: the UI filters by it (the run itself completed)."""


def run_name(result: PassResult) -> str:
    """«Приём: 3 файла, принято 2, отклонён 1» (or «Приём: файлов нет»)."""
    files = len(result.receipts)
    if not files:
        return "Приём: файлов нет"
    parts = [plural(files, "файл", "файла", "файлов")]
    duplicates = files - len(result.accepted) - len(result.rejected)
    for count, one, many in (
        (len(result.accepted), "принят", "принято"),
        (len(result.rejected), "отклонён", "отклонено"),
        (duplicates, "повторных", "повторных"),
    ):
        if count:
            agreeing = one if count % 10 == 1 and count % 100 != 11 else many
            parts.append(f"{agreeing} {count}")
    return "Приём: " + ", ".join(parts)


def error_rows(receipts: list[Receipt]) -> list[dict[str, Any]]:
    """Every error of every rejected file, as its receipt lists it (a file refused as a
    whole: its reason)."""
    rows = []
    for receipt in receipts:
        if receipt.verdict is not Verdict.REJECTED:
            continue
        problems = receipt.errors
        if not problems:
            rows.append({"Пользователь": receipt.login, "Файл": receipt.file_name, "Лист": "",
                         "Ячейка": "", "Столбец": "", "Значение": "",
                         "Ошибка": receipt.reason or ""})  # fmt: skip
        for problem in problems:
            rows.append({
                "Пользователь": receipt.login,
                "Файл": receipt.file_name,
                "Лист": problem.sheet or "",
                "Ячейка": problem.cell or "",
                "Столбец": problem.column or "",
                "Значение": "" if problem.value is None else str(problem.value),
                "Ошибка": problem.message,
            })  # fmt: skip
    return rows


def _name_the_run(result: PassResult) -> None:
    """Give the run a name that says what it took, and the tag of a rejection."""
    from prefect.client.orchestration import get_client
    from prefect.runtime import flow_run

    tags = set(flow_run.tags or ())
    if result.rejected:
        tags.add(REJECTED_TAG)
    with get_client(sync_client=True) as client:
        client.update_flow_run(flow_run.id, name=run_name(result), tags=sorted(tags))


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
        result = ingest_pass(intake(settings, store, options, today))
    finally:
        store.close()
    if result.receipts:
        release_memory()
    return result


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
            key=artifact_key("intake-receipts", settings.home),
            description=f"Квитанции: принято {len(result.accepted)}, "
            f"отклонено {len(result.rejected)}",
        )
    errors = error_rows(result.receipts)
    if errors:
        create_table_artifact(
            table=errors,
            key=artifact_key("intake-errors", settings.home),
            description="Ошибки отклонённых файлов",
        )
    _name_the_run(result)
    return {
        "files": len(result.receipts),
        "accepted": len(result.accepted),
        "rejected": len(result.rejected),
        "documents": documents,
    }
