"""``sgo schedule build|show|check|approve`` and ``sgo forms schedule``, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from support import SiteHarness, run_sgo

from sgo_model.forms.blanks import HEADER_ROW
from sgo_model.intake.receipts import Verdict

sgo = run_sgo


def test_the_schedule_is_built_shown_checked_and_sent_for_approval(
    sqlite_harness: SiteHarness, tmp_path: Path
) -> None:
    harness = sqlite_harness
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    code, output = sgo(harness, "schedule", "show")
    assert code == 1 and "No schedule yet" in output

    code, output = sgo(harness, "schedule", "build", "--time-limit", "0.5")
    assert code == 0, output
    assert "Версия № 1: 5 занятий, построено решателем" in output
    assert "Расписание НОД по группам, версия № 1 (проект)" in output

    code, output = sgo(harness, "schedule", "show", "--group", "Ромашка", "--json")
    shown = json.loads(output)
    assert (shown["version"], shown["status"]) == (1, "draft")
    assert sorted(s["kind"] for s in shown["slots"]) == ["Музыка", "Музыка", *["Развитие речи"] * 2]
    assert {s["teacher"] for s in shown["slots"] if s["kind"] == "Музыка"} == {"Лебедев П. И."}

    code, output = sgo(harness, "forms", "schedule", "--out", str(tmp_path))
    assert code == 0, output
    (sheet,) = tmp_path.glob("Расписание НОД, версия 1.xlsx")
    code, output = sgo(harness, "schedule", "check", str(sheet))
    assert code == 0 and "5 activities: the week breaks no rule" in output

    workbook = load_workbook(sheet)
    ws = workbook.worksheets[0]
    row = HEADER_ROW + 1
    ws.cell(row, 3).value, ws.cell(row, 4).value = "7:30", "7:50"  # before 8:00
    workbook.save(sheet)
    code, output = sgo(harness, "schedule", "check", str(sheet))
    assert code == 1
    assert f"Расписание!C{row} «Начало»" in output and "с 8:00 до 17:00" in output

    code, output = sgo(harness, "schedule", "approve")
    assert code == 0, output
    assert "Drafted order № 1-ОД «Об утверждении учебного плана»" in output
    assert "«Приказ 2-ОД.pdf»" in output
    code, output = sgo(harness, "schedule", "approve")
    assert code == 1 and "уже на утверждении" in output
