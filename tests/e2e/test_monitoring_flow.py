"""The Prefect flow «Мониторинг качества образования»: the report's documents written, the
share «сформирован» per scope and area as a table artifact."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from support import SiteHarness, latest_artifact, settle

from sgo_model.diagnostics.blanks import prepare_diagnostics_blanks
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.diagnostics import Period
from sgo_model.intake.receipts import Verdict

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_the_flow_writes_the_report_and_shows_the_shares(sqlite_harness: SiteHarness) -> None:
    from openpyxl import load_workbook

    from flows.monitoring import monitoring_flow

    harness = sqlite_harness
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    (blank,) = [
        p
        for p in prepare_diagnostics_blanks(
            harness.uow, Period.START, AcademicYear(2026), date(2026, 9, 20), site=harness.site
        )
        if p.parent.parent.name == "volkova" and "Солнышко" in p.name
    ]
    workbook = load_workbook(blank)
    ws = workbook.worksheets[0]
    for row in (10, 11):  # Ли Анна-Мария, Шевчук Павел: every indicator 4 and 2
        for column in range(4, 4 + 17):
            ws.cell(row, column).value = 4 if row == 10 else 2
    filled = harness.site.user_inbox("volkova") / blank.name
    workbook.save(filled)
    settle(filled)
    assert harness.ingest().receipts[0].verdict is Verdict.ACCEPTED

    result = monitoring_flow(home=str(harness.site.home), database_url=harness.url, period="start")
    assert result["written"] and str(result["note"]).endswith(
        "Аналитическая справка 2026-2027.docx"
    )
    assert result["shares"]["groups"]["Солнышко"]["speech"]["start"]["formed"]["percent"] == 50
    table = json.loads(latest_artifact("monitoring-shares"))
    (speech,) = [
        r
        for r in table
        if r["Подразделение"] == "Группа «Солнышко»" and r["Область"] == "речевое развитие"
    ]
    assert speech == {
        "Подразделение": "Группа «Солнышко»",
        "Область": "речевое развитие",
        "Сформирован, начало учебного года": "50\u00a0%",
    }
    assert "Аналитическая справка" in latest_artifact("monitoring-result")
    bad = monitoring_flow(home=str(harness.site.home), database_url=harness.url, year="2026")
    assert not bad["written"] and "2026/2027" in str(bad["reason"])


def test_the_reminders_flow_sends_each_reminder_once(sqlite_harness: SiteHarness) -> None:
    from flows.reminders import reminders_flow

    harness = sqlite_harness
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    where = {"home": str(harness.site.home), "database_url": harness.url}
    first = reminders_flow(**where, today=date(2026, 12, 7))
    assert first["headline"].startswith("Не сданы: 6 табелей, 2 диагностики")
    texts = {Path(p).read_text(encoding="utf-8") for p in first["paths"]}
    assert (
        "Напоминание: не сдан табель группы «Солнышко» за ноябрь 2026\u00a0г. "
        "Срок сдачи — 05.12.2026.\n" in texts
    )
    assert {Path(p).parent.parent.name for p in first["paths"]} == {"popova", "volkova"}
    assert (harness.site.documents / "Качество данных.xlsx").exists()
    assert "Напоминание — не сдан табель группы «Солнышко»" in latest_artifact("reminders")
    assert reminders_flow(**where, today=date(2026, 12, 7))["sent"] == 0
    assert "Новых напоминаний нет" in latest_artifact("reminders")
