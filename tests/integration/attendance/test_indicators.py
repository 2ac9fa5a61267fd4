"""Attendance indicators and form 85-К's lines over several months, counted by hand.

Two groups of three, September to November 2026, every sheet submitted through intake. The
youngest child turns 3 in the middle of October, so the «3 and older» columns differ from the
totals. Working days: 22 in September, 22 in October, 20 in November (the 4th is a holiday):
64 in all; 30 + 31 + 30 = 91 calendar days.
"""

from __future__ import annotations

from dataclasses import astuple
from datetime import date

import pytest
from openpyxl import load_workbook
from support import PUPILS, SiteHarness

from sgo_model.attendance.documents.report import IndicatorRow
from sgo_model.attendance.reports import attendance_indicators, write_attendance_report
from sgo_model.domain.roles import FormKind
from sgo_model.intake.receipts import Verdict

SEPTEMBER, OCTOBER, NOVEMBER = date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)
YOUNGEST = {
    "Фамилия": "Юсупов",
    "Имя": "Тимур",
    "Отчество": "Ренатович",
    "Пол": "м",
    "Дата рождения": date(2023, 10, 15),  # 3 years old from 15.10.2026
    "Группа": "Солнышко",
    "Дата зачисления": "01.09.2026",
}
# (group, month) → {pupil: {day: mark}}; every other working day the child was there.
MARKS: dict[tuple[str, date], dict[str, dict[int, str]]] = {
    ("Ромашка", SEPTEMBER): {
        "Иванова Мария Сергеевна": {7: "Б", 8: "Б"},
        "Кузьмин Илья": {15: "Н"},
    },
    ("Ромашка", OCTOBER): {"Никитина Любовь Никитична": {5: "Б"}},
    ("Ромашка", NOVEMBER): {"Кузьмин Илья": {2: "К", 3: "К"}},
    ("Солнышко", SEPTEMBER): {
        "Юсупов Тимур Ренатович": {9: "Б", 10: "Б", 11: "Б"},
        "Ли Анна-Мария": {21: "О"},
    },
    ("Солнышко", OCTOBER): {
        "Юсупов Тимур Ренатович": {13: "Б", 14: "Б", 15: "Б", 16: "Б"},
        "Шевчук Павел Олегович": {20: "П"},
    },
    ("Солнышко", NOVEMBER): {
        "Ли Анна-Мария": {30: "Б"},
        "Юсупов Тимур Ренатович": {23: "С", 24: "С", 25: "С", 26: "С", 27: "С"},
    },
}
PERIOD = "01.09.2026–30.11.2026"
Figures = tuple[float, int, int, int, int, float, float, tuple[int, ...], tuple[int, ...]]
# Per scope: average headcount, working days, child-days attended, missed, missed for
# illness, illness per child, attendance %; form 85-К lines 01–05; lines 01–04 for children
# of 3 and older.
EXPECTED: dict[str, Figures] = {
    # 3 children × 64 days = 192 child-days, all of children over 3; missed 2 Б + 1 Н in
    # September, 1 Б in October, 2 К in November: 6, of them 3 for illness; 186 / 192.
    "Ромашка": (3.0, 64, 186, 6, 3, 1.0, 96.9, (186, 6, 3, 3, 64), (186, 6, 3, 3)),
    # 192 child-days; missed 3 Б + 1 О, 4 Б + 1 П, 1 Б + 5 С: 15, of them 8 for illness;
    # 177 / 192; 8 / 3 per child. Тимур is under 3 on 22 + 10 working days (to 14.10), 5 of
    # them ill: children over 3 had 160 child-days, 10 missed (3 for illness: Тимур's 15th
    # and 16th October, Ли's 30th November), 150 attended.
    "Солнышко": (3.0, 64, 177, 15, 8, 2.67, 92.2, (177, 15, 8, 7, 64), (150, 10, 3, 7)),
    # 6 × 91 child-days on the list over 91 days; 363 / 384; 11 / 6 per child.
    "Всего по учреждению": (
        6.0,
        64,
        363,
        21,
        11,
        1.83,
        94.5,
        (363, 21, 11, 10, 64),
        (336, 16, 6, 10),
    ),
}
# By month, both groups: 132 − 7, 132 − 6 and 120 − 8 child-days attended.
MONTHLY = [("сен 2026", 94.7), ("окт 2026", 95.5), ("ноя 2026", 93.3)]


def _figures(row: IndicatorRow) -> Figures:
    values = astuple(row)  # scope, period, the indicators, lines 01–05, lines 01–04 for 3+
    return (*values[2:9], values[9:14], values[14:18])  # type: ignore[return-value]


def _printed(cells: tuple[object, ...]) -> Figures:
    """A row of the sheet: C–I the indicators; J–R the lines, «всего» and «3 лет и
    старше» side by side, 05 last."""
    lines = cells[9:18]
    return (*cells[2:9], lines[0:8:2] + lines[8:], lines[1:8:2])  # type: ignore[return-value]


@pytest.fixture
def autumn(harness: SiteHarness) -> SiteHarness:
    """The small kindergarten with a sixth child, and its autumn's sheets accepted."""
    harness.drop_setup(upto=FormKind.GROUPS)
    harness.drop("clerk", FormKind.PUPILS, [*PUPILS, YOUNGEST], age=20)
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    for (group, month), marks in MARKS.items():
        receipt = harness.submit_attendance("volkova", group, month, marks)
        assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
        assert receipt.created == sum(len(days) for days in marks.values())
    return harness


def test_indicators_and_85k_lines_over_three_months(autumn: SiteHarness) -> None:
    with autumn.uow() as uow:
        report = attendance_indicators(uow, SEPTEMBER, date(2026, 11, 30))

    assert {row.scope: _figures(row) for row in report.rows} == EXPECTED
    assert [row.scope for row in report.rows] == list(EXPECTED)
    assert {row.period for row in report.rows} == {PERIOD}
    assert report.monthly == MONTHLY
    assert report.missing == []
    for row in report.rows:  # the control relations of the form
        assert row.line02 == row.line03 + row.line04
        assert row.line02_3plus == row.line03_3plus + row.line04_3plus


def test_the_indicators_workbook_holds_the_same_figures(autumn: SiteHarness) -> None:
    _, path = write_attendance_report(autumn.site, autumn.uow, SEPTEMBER, date(2026, 11, 30))

    workbook = load_workbook(path)
    rows = list(workbook["Показатели"].iter_rows(min_row=8, values_only=True))
    assert [(row[0], row[1]) for row in rows] == [(scope, PERIOD) for scope in EXPECTED]
    assert {row[0]: _printed(row) for row in rows} == EXPECTED
    chart = [tuple(row) for row in workbook["График"].iter_rows(min_row=2, values_only=True)]
    assert chart == MONTHLY
