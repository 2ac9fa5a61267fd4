"""``sgo forms diagnostics`` and ``sgo report monitoring``, run in-process."""

from __future__ import annotations

import json

from diagnostics_support import fill_blank
from support import SiteHarness, run_sgo, settle

from sgo_model.intake.receipts import Verdict

sgo = run_sgo


def test_blanks_go_to_the_assessors_and_the_report_prints_its_shares(
    sqlite_harness: SiteHarness,
) -> None:
    harness = sqlite_harness
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    code, output = sgo(harness, "forms", "diagnostics", "--period", "start", "--on", "20.09.2026")
    assert code == 0, output
    blank = harness.site.inbox / "popova" / "бланки" / "Диагностика Ромашка 2026-2027 начало.xlsx"
    assert str(blank) in output.replace("\n", "")
    assert "music/бланки/Диагностика Солнышко" not in output  # he leads no NOD there
    filled = harness.site.user_inbox("popova") / blank.name
    fill_blank(blank, {"Иванова": 5, "Кузьмин": 2, "Никитина": 4}, "21.09.2026").rename(filled)
    settle(filled)
    (receipt,) = harness.ingest().receipts
    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems

    code, output = sgo(harness, "report", "monitoring", "--json")
    assert code == 0, output
    shown = json.loads(output)
    assert shown["year"] == "2026/2027"
    assert shown["groups"]["Ромашка"]["speech"]["start"]["formed"]["percent"] == 67
    assert shown["groups"]["Солнышко"] == {}
    assert shown["note"].endswith("Аналитическая справка 2026-2027.docx")

    code, output = sgo(harness, "report", "monitoring", "--group", "Ромашка")
    assert code == 0, output
    assert "67" in output and "Мониторинг 2026-2027 Ромашка.xlsx" in output.replace("\n", "")
    code, output = sgo(harness, "report", "monitoring", "--group", "Луна")
    assert code == 1 and "Группа «Луна» не найдена" in output


def test_the_quality_report_prints_what_is_owed_and_writes_its_workbook(
    sqlite_harness: SiteHarness,
) -> None:
    harness = sqlite_harness
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    code, output = sgo(
        harness, "report", "quality", "--from", "01.09.2026", "--to", "30.11.2026", "--json"
    )
    assert code == 0, output
    shown = json.loads(output)
    assert (shown["from"], shown["to"]) == ("2026-09-01", "2026-11-30")
    assert {d["state"] for d in shown["attendance"]} <= {"missing", "pending"}
    assert {d["group"] for d in shown["diagnostics"]} == {"Ромашка", "Солнышко"}
    assert shown["path"].endswith("Качество данных 2026-09-01—2026-11-30.xlsx")
    harness.publish()  # the watch's workbook, rewritten after each pass, holds the headline
    code, output = sgo(harness, "status", "--json")
    assert code == 0 and json.loads(output)["data_quality"].startswith("Не сданы: ")
