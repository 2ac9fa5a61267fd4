"""The monitoring workbook, read back: the shares recounted from the scores, a native chart
per scope, the rule printed, and no child's name anywhere."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook

from sgo_model.diagnostics.documents.monitoring_xlsx import MonitoringScope, write_monitoring_xlsx
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.diagnostics import Level, Period, Share, Thresholds, assess, level_shares

SPEECH, PHYSICAL = EducationalArea.SPEECH, EducationalArea.PHYSICAL
CHILDREN = ["Иванова Мария", "Кузьмин Илья", "Никитина Любовь", "Ли Анна-Мария"]
START = {SPEECH: [[3, 3], [2, 2], [4, 5], [3, 2]], PHYSICAL: [[4, 4], [3, 3], [5, 5], [2, 2]]}
END = {SPEECH: [[4, 4], [3, 3], [5, 5], [4, 3]], PHYSICAL: [[5, 5], [4, 4], [5, 5], [3, 3]]}


def _shares(
    scores: dict[EducationalArea, list[list[int]]],
) -> dict[EducationalArea, dict[Level, Share]]:
    results = [
        r
        for area, per_child in scores.items()
        for child, given in zip(CHILDREN, per_child, strict=True)
        for r in assess(child, {area: given}, Thresholds())
    ]
    return level_shares(results)


def test_the_report_holds_the_shares_a_chart_per_scope_and_no_names(tmp_path: Path) -> None:
    start, end = _shares(START), _shares(END)
    scopes = [
        MonitoringScope("Всего по учреждению", {Period.START: start, Period.END: end}),
        MonitoringScope("Группа «Ромашка»", {Period.START: start}),
    ]
    out = tmp_path / "Мониторинг.xlsx"
    write_monitoring_xlsx("МБДОУ «Детский сад № 5»", "2026/2027", Thresholds().rule, scopes, out)

    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Всего по учреждению", "Группа «Ромашка»"]
    ws = workbook["Всего по учреждению"]
    assert ws["A3"].value == Thresholds().rule
    rows = {(r[0], r[1]): r[2:6] for r in ws.iter_rows(min_row=6, max_row=9, values_only=True)}
    # Speech at the start: means 3, 2, 4.5, 2.5 → one formed, two forming, one not formed.
    assert rows[("речевое развитие", "начало учебного года")] == (4, 25, 50, 25)
    # At the end: 4, 3, 5, 3.5 → two formed, two forming.
    assert rows[("речевое развитие", "конец учебного года")] == (4, 50, 50, 0)
    assert rows[("физическое развитие", "конец учебного года")] == (4, 75, 25, 0)
    (chart,) = ws._charts
    assert len(chart.series) == 2  # start and end
    assert len(workbook["Группа «Ромашка»"]._charts) == 1

    with zipfile.ZipFile(out) as package:
        text = "".join(
            package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith(".xml")
        )
    assert "barChart" in text
    assert not any(name.split()[0] in text for name in CHILDREN)
    assert {level.label for level in Level} <= {str(c.value).removesuffix(", %") for c in ws[5]}
