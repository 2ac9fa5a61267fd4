"""The monitoring report from submitted diagnostics: the workbook's figures recounted from
the scores, its native charts, the analytic note's sentences and charts, no child named in
either, and the route lists only in the folders of the group's teachers and the methodist."""

from __future__ import annotations

from datetime import date

import pytest
from diagnostics_support import YEAR, Submit
from docx import Document
from openpyxl import load_workbook
from support import PUPILS, SiteHarness

from sgo_model.diagnostics.report import MonitoringReport, write_monitoring_report
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.diagnostics import Period
from sgo_model.intake.receipts import Verdict
from sgo_model.office.gost import check_layout

START = {
    "Ромашка": {"Иванова": 2, "Кузьмин": 3, "Никитина": 4},
    "Солнышко": {"Ли": 5, "Шевчук": 1},
}
END = {"Ромашка": {"Иванова": 3, "Кузьмин": 4, "Никитина": 5}}
TEACHERS = {"Ромашка": "popova", "Солнышко": "volkova"}
NAMES = [f"{p['Фамилия']} {p['Имя']}" for p in PUPILS]


def _percent(count: int, total: int) -> int:
    return int(100 * count / total + 0.5)


@pytest.fixture
def report(harness: SiteHarness, submit: Submit) -> MonitoringReport:
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    for group, scores in START.items():
        receipt = submit(TEACHERS[group], group, Period.START, scores, assessed="25.09.2026")
        assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    harness.today = date(2027, 5, 15)
    for group, scores in END.items():
        receipt = submit(TEACHERS[group], group, Period.END, scores, assessed="14.05.2027")
        assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    return write_monitoring_report(harness.uow, harness.site, YEAR, made_on=date(2027, 5, 20))


def test_the_workbooks_shares_are_the_scores_recounted(report: MonitoringReport) -> None:
    workbook = load_workbook(report.workbook)
    assert workbook.sheetnames == ["Учреждение в целом", "Группа «Ромашка»", "Группа «Солнышко»"]
    ws = workbook["Учреждение в целом"]
    rows = {
        (ws.cell(r, 1).value, ws.cell(r, 2).value): [ws.cell(r, c).value for c in range(3, 7)]
        for r in range(6, 30)
        if ws.cell(r, 1).value in {a.label for a in EducationalArea}
    }
    # Every child's scores are equal within an area, so the mean is that score: 4 and up is
    # «сформирован», from 2,5 «в стадии формирования», below «не сформирован».
    start = [s for group in START.values() for s in group.values()]
    expected_start = [
        len(start),
        _percent(sum(s >= 4 for s in start), len(start)),
        _percent(sum(2.5 <= s < 4 for s in start), len(start)),
        _percent(sum(s < 2.5 for s in start), len(start)),
    ]
    end = list(END["Ромашка"].values())
    expected_end = [len(end), _percent(2, 3), _percent(1, 3), 0]
    for area in EducationalArea:
        assert rows[(area.label, "начало учебного года")] == expected_start
        assert rows[(area.label, "конец учебного года")] == expected_end
    for sheet in workbook.worksheets:
        assert len(sheet._charts) == 1  # type: ignore[attr-defined]
    text = " ".join(
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
    )
    assert not any(name in text for name in NAMES)
    assert "«сформирован» — от 4" in text


def test_the_note_tells_the_dynamics_in_agreeing_words_with_charts_and_no_names(
    report: MonitoringReport,
) -> None:
    document = Document(str(report.note))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "АНАЛИТИЧЕСКАЯ СПРАВКА" in text
    assert "«20» мая 2027 г." in text
    assert (
        "В группе «Ромашка» доля детей со сформированными навыками в речевом развитии выросла "
        "с 33\u00a0% до 67\u00a0%; на конец года оценено 3 ребёнка." in text
    )
    assert (
        "На начало учебного года в группе «Солнышко» доля детей со сформированными навыками "
        "в физическом развитии — 50\u00a0%; оценено 2 ребёнка." in text
    )
    assert "на начало учебного года оценено 5 детей в 2 группах" in text
    assert "рекомендован 1 ребёнку в 1 группе" in text
    assert "на конец учебного года: группа «Солнышко»" in text
    assert "одинакова во всех оценённых областях (67\u00a0%)" in text
    assert "М. И. Орлова" in text
    assert len(document.inline_shapes) == 3
    assert check_layout(report.note) == []  # A4, margins, 12–14 pt, page numbers from page 2
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert not any(name in text or name in cells for name in NAMES)


def test_route_lists_reach_only_the_groups_teachers_and_the_methodist(
    harness: SiteHarness, report: MonitoringReport
) -> None:
    where = sorted(str(p.relative_to(harness.site.inbox)) for p in report.routes)
    assert where == [
        "methodist/диагностика/Индивидуальные маршруты Ромашка 2026-2027.docx",
        "methodist/диагностика/Индивидуальные маршруты Солнышко 2026-2027.docx",
        "popova/диагностика/Индивидуальные маршруты Ромашка 2026-2027.docx",
        "volkova/диагностика/Индивидуальные маршруты Ромашка 2026-2027.docx",
        "volkova/диагностика/Индивидуальные маршруты Солнышко 2026-2027.docx",
    ]
    assert not list(harness.site.documents.rglob("Индивидуальные*"))
    # At the end of the year nobody in «Ромашка» is below 2,5; at its start Иванова was.
    camomile = Document(str(harness.site.inbox / where[0]))
    assert not camomile.tables
    assert any("«не сформирован» ни в одной" in p.text for p in camomile.paragraphs)
    (sun,) = Document(str(harness.site.inbox / where[1])).tables[0].rows[1:]
    assert [c.text for c in sun.cells][1:3] == ["Шевчук Павел Олегович", "14.02.2023"]
    assert "речевое развитие (1)" in sun.cells[3].text


def test_json_gives_the_shares_by_group_area_period_and_level(report: MonitoringReport) -> None:
    data = report.monitoring.as_json()
    speech = data["groups"]["Ромашка"]["speech"]
    assert speech["start"]["formed"] == {"count": 1, "total": 3, "percent": 33}
    assert speech["end"]["not_formed"]["count"] == 0
    assert data["institution"]["physical"]["start"]["formed"]["count"] == 2
