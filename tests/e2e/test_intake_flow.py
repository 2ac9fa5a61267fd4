"""Real files dropped into an inbox, taken by the Prefect intake flow, read back."""

from __future__ import annotations

import asyncio
import json

import pytest
from docx import Document
from openpyxl import load_workbook
from support import PUPILS, STAFF, TODAY, SiteHarness

from sgo_model.bootstrap import REPOSITORY_TEMPLATES
from sgo_model.domain.roles import FormKind

pytestmark = pytest.mark.usefixtures("prefect_harness")


def _run_flow(harness: SiteHarness) -> dict[str, object]:
    from flows.intake import intake_flow

    return intake_flow(
        home=str(harness.site.home), database_url=harness.url, settle_seconds=0.0, today=TODAY
    )


def test_the_flow_sets_up_a_kindergarten_and_writes_its_first_documents(
    harness: SiteHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SGO_TEMPLATES", str(REPOSITORY_TEMPLATES))
    harness.drop_setup()
    bad = [{**PUPILS[0], "Группа": "Нет такой"}]
    harness.drop("clerk", FormKind.PUPILS, bad, "с ошибкой.xlsx", age=10)
    summary = _run_flow(harness)
    assert summary["files"] == 7
    assert summary["accepted"] == 6
    assert summary["rejected"] == 1

    rejected = harness.receipts("clerk", "rejected")
    assert len(rejected) == 1
    assert "Группа «Нет такой» не найдена" in rejected[0].read_text(encoding="utf-8")
    assert len(harness.receipts("admin", "accepted")) == 1
    assert len(harness.receipts("methodist", "accepted")) == 3

    with harness.uow() as uow:
        docs = {d.kind: d for d in uow.documents.list()}
    assert set(docs) == {
        "group_rosters",
        "group_fill",
        "movement_book",
        "movement_book_pages",
        "curriculum",  # the kinds of NOD as the curriculum, a draft until approved by order
        "data_quality",  # the data-quality watch
    }
    roster = Document(docs["group_rosters"].path)
    text = "\n".join(p.text for p in roster.paragraphs)
    assert "по состоянию на «01» декабря 2026 г." in text  # TODAY, the day of the run
    assert "Ромашка" in text and "Солнышко" in text
    cells = [cell.text for table in roster.tables for row in table.rows for cell in row.cells]
    assert "Иванова Мария Сергеевна" in cells
    assert "Кузьмин Илья Кузьмич" in cells
    assert "12.03.2022" in cells

    sheet = load_workbook(docs["group_fill"].path).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    by_group = {row[1]: row for row in values if row and row[1] in ("Ромашка", "Солнышко")}
    assert by_group["Ромашка"][6] == 25  # 50.5 m² / 2.0 m² per child
    assert by_group["Ромашка"][9] == 3  # «Списочный состав»
    assert by_group["Солнышко"][6] == 3  # 6.0 m² / 2.0
    assert by_group["Солнышко"][9] == 2


def test_the_flow_records_its_receipts_as_a_table_artifact(harness: SiteHarness) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    harness.drop_setup(upto=FormKind.STAFF)
    summary = _run_flow(harness)
    assert summary["accepted"] == 1

    async def latest() -> str:
        async with get_client() as client:
            artifacts = await client.read_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["intake-receipts"]))
            )
            newest = max(artifacts, key=lambda artifact: artifact.created or 0)  # type: ignore[arg-type,return-value]
            return str(newest.data)

    (row,) = json.loads(asyncio.run(latest()))
    assert row["Форма"] == "Сотрудники"
    assert row["Результат"] == "ПРИНЯТ"


def test_an_empty_inbox_is_a_quiet_run(harness: SiteHarness) -> None:
    summary = _run_flow(harness)
    assert summary == {"files": 0, "accepted": 0, "rejected": 0, "documents": []}


def test_a_run_says_what_it_took_and_a_rejection_marks_it(harness: SiteHarness) -> None:
    """«Приём: 2 файла, принят 1, отклонён 1», the tag of a rejection, and every error of the
    rejected file in an artifact, with its sheet, cell, column and value."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterTags
    from support import latest_artifact

    from flows.intake import REJECTED_TAG, run_name
    from sgo_model.intake.pipeline import PassResult

    harness.drop_setup(upto=FormKind.STAFF)
    bad = dict(STAFF[0], **{"Дата приёма": "31.02.2020"})
    harness.drop("admin", FormKind.STAFF, [bad], "Сотрудники с ошибкой.xlsx", age=5)
    summary = _run_flow(harness)
    assert (summary["accepted"], summary["rejected"]) == (1, 1)

    async def tagged() -> list[str]:
        async with get_client() as client:
            runs = await client.read_flow_runs(
                flow_run_filter=FlowRunFilter(tags=FlowRunFilterTags(all_=[REJECTED_TAG]))
            )
            return [run.name for run in runs]

    assert "Приём: 2 файла, принят 1, отклонён 1" in asyncio.run(tagged())
    (error,) = json.loads(latest_artifact("intake-errors"))
    assert error["Файл"] == "Сотрудники с ошибкой.xlsx" and error["Значение"] == "31.02.2020"
    assert error["Лист"] and error["Ячейка"] and error["Столбец"] == "Дата приёма"
    assert run_name(PassResult()) == "Приём: файлов нет"
