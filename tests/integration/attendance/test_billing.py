"""No billing in advance: what a sheet covers, preliminary timesheets, the fee rule, and rows
that each name one child with its account and the day's rate."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook
from support import SiteHarness

from sgo_model.attendance.reports import attendance_indicators, report_notes
from sgo_model.domain.roles import FormKind
from sgo_model.intake.receipts import Verdict
from sgo_model.setup.service import set_setting

DECEMBER = date(2026, 12, 1)
NOVEMBER = date(2026, 11, 1)
# December 2026: the 5th, 6th, 12th, 13th… are the weekend; the 10th is a Thursday.


@pytest.fixture
def kindergarten(harness: SiteHarness) -> SiteHarness:
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    return harness


def _timesheet(harness: SiteHarness, month: date, group: str = "Ромашка") -> tuple[Any, Any]:
    """The registered timesheet of a group-month and its sheet, read back."""
    harness.publish()
    with harness.uow() as uow:
        (record,) = [
            d
            for d in uow.documents.list("timesheet")
            if d.key.endswith(f"{month:%Y-%m}") and group in d.title
        ]
    return record, load_workbook(record.path).active


def _child_row(ws: Any, name: str) -> list[object]:
    for row in ws.iter_rows(values_only=True):
        if row[1] == name:
            return list(row)
    raise AssertionError(f"{name} not in the timesheet")


def _totals(row: list[object], days: int) -> list[object]:
    """Missed, of them excused, payable: the three columns after the day columns."""
    return row[4 + days : 4 + days + 3]


def test_a_sheet_sent_mid_month_covers_the_days_before_and_bills_nothing_after(
    kindergarten: SiteHarness,
) -> None:
    kindergarten.today = date(2026, 12, 10)
    receipt = kindergarten.submit_attendance("popova", "Ромашка", DECEMBER, {"Иванова": {3: "Б"}})

    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    assert "Лист предварительный: отметки по 09.12.2026" in receipt.reason
    record, ws = _timesheet(kindergarten, DECEMBER)
    assert record.status == "preliminary"
    assert record.title.startswith("Табель посещаемости (предварительный)")
    assert "ПРЕДВАРИТЕЛЬНЫЙ: отметки по 09.12.2026, дни после этой даты не учтены" in [
        c.value for c in ws["A"]
    ]
    ivanova = _child_row(ws, "Иванова Мария")
    # 1–9 December: seven working days, one of them ill; the 10th on: not attended, not missed.
    assert ivanova[4 + 2] == "Н"
    assert ivanova[4 + 9] == "·" and ivanova[4 + 15] == "·"
    assert _totals(ivanova, 31) == [1, 1, 6]
    assert _totals(_child_row(ws, "Никитина Любовь"), 31) == [0, 0, 7]


def test_the_stated_last_day_and_a_later_mark_decide_what_is_covered(
    kindergarten: SiteHarness,
) -> None:
    kindergarten.today = date(2026, 12, 10)
    receipt = kindergarten.submit_attendance(
        "popova", "Ромашка", DECEMBER, {"Кузьмин": {10: "О"}}, stated=date(2026, 12, 4)
    )

    # Stated the 4th, but an absence is marked on the 10th: the 10th is covered.
    assert "отметки по 10.12.2026" in receipt.reason
    _, ws = _timesheet(kindergarten, DECEMBER)
    assert _totals(_child_row(ws, "Кузьмин Илья"), 31) == [1, 1, 7]


def test_a_sheet_sent_after_the_month_covers_all_of_it_and_is_final(
    kindergarten: SiteHarness,
) -> None:
    receipt = kindergarten.submit_attendance("popova", "Ромашка", NOVEMBER)

    assert "Лист охватывает весь месяц." in receipt.reason
    record, ws = _timesheet(kindergarten, NOVEMBER)
    assert record.status == "final"
    assert not any("ПРЕДВАРИТЕЛЬНЫЙ" in str(c.value) for c in ws["A"])
    # 20 working days in November 2026 (the 4th is a holiday).
    assert _totals(_child_row(ws, "Иванова Мария"), 30) == [0, 0, 20]


def test_a_stated_day_that_has_not_come_is_refused_at_its_cell(kindergarten: SiteHarness) -> None:
    kindergarten.today = date(2026, 12, 10)
    receipt = kindergarten.submit_attendance(
        "popova", "Ромашка", DECEMBER, stated=date(2026, 12, 20)
    )

    assert receipt.verdict is Verdict.REJECTED
    (problem,) = receipt.errors
    assert problem.message == "Отметки внесены по 20.12.2026, а этот день ещё не наступил"
    assert problem.cell == "C13"  # under three pupils and a gap


@pytest.mark.parametrize(
    ("stated", "message"),
    [
        ("вчера", "Дата «вчера» не распознана: укажите её как 15.10.2026"),
        (
            date(2026, 11, 30),
            "Отметки внесены по 30.11.2026, а лист за декабрь 2026 г.: укажите день этого месяца",
        ),
    ],
)
def test_a_stated_day_that_is_no_day_of_the_month_is_refused(
    kindergarten: SiteHarness, stated: object, message: str
) -> None:
    kindergarten.today = date(2026, 12, 10)
    receipt = kindergarten.submit_attendance("popova", "Ромашка", DECEMBER, stated=stated)

    assert receipt.verdict is Verdict.REJECTED
    assert [(p.cell, p.column, p.message) for p in receipt.errors] == [
        ("C13", "Отметки внесены по (дата)", message)
    ]


def test_a_sheet_sent_on_the_first_covers_nothing(kindergarten: SiteHarness) -> None:
    kindergarten.today = DECEMBER
    receipt = kindergarten.submit_attendance("popova", "Ромашка", DECEMBER)

    assert "отметок за месяц ещё нет" in receipt.reason
    record, ws = _timesheet(kindergarten, DECEMBER)
    assert record.status == "preliminary"
    assert _totals(_child_row(ws, "Иванова Мария"), 31) == [0, 0, 0]
    with kindergarten.uow() as uow:
        indicators = attendance_indicators(uow, DECEMBER, date(2026, 12, 31))
    assert indicators.rows[-1].attended == 0
    assert indicators.preliminary == [("Ромашка", DECEMBER, date(2026, 11, 30))]


def test_indicators_leave_out_the_days_not_covered_and_say_so(kindergarten: SiteHarness) -> None:
    kindergarten.today = date(2026, 12, 10)
    kindergarten.submit_attendance("popova", "Ромашка", DECEMBER, {"Иванова": {3: "Б"}})

    with kindergarten.uow() as uow:
        indicators = attendance_indicators(uow, DECEMBER, date(2026, 12, 31))
    (romashka,) = [r for r in indicators.rows if r.scope == "Ромашка"]
    # Three children, 1–9 December: seven working days, one day ill.
    assert (romashka.attended, romashka.missed, romashka.missed_illness) == (20, 1, 1)
    assert romashka.working_days == 7
    assert indicators.preliminary == [("Ромашка", DECEMBER, date(2026, 12, 9))]
    assert report_notes(indicators)[-1] == (
        "Данные предварительные: листы охватывают не весь месяц, дни после указанной даты не "
        "учтены ни как посещения, ни как пропуски: «Ромашка» — декабрь 2026 г., отметки по "
        "09.12.2026."
    )


def test_the_month_summary_marks_a_preliminary_group(kindergarten: SiteHarness) -> None:
    kindergarten.today = date(2026, 12, 10)
    kindergarten.submit_attendance("popova", "Ромашка", DECEMBER)
    kindergarten.publish()

    with kindergarten.uow() as uow:
        (summary,) = [d for d in uow.documents.list("timesheet_summary") if d.key == "2026-12"]
    ws = load_workbook(summary.path).active
    assert ws["A3"].value.startswith("Данные предварительные: листы посещаемости некоторых групп")
    assert [c.value for c in ws[5]] == ["Ромашка", 3, 7, 21, 0, 0, 0, 100.0, "по 09.12"]


@pytest.mark.parametrize(
    ("rule", "payable", "footer"),
    [
        ("attended", 18, "оплате подлежат дни посещения"),
        (
            "attended_unexcused",
            19,
            "оплате подлежат дни посещения и дни пропусков без уважительной причины",
        ),
    ],
)
def test_payable_days_follow_the_fee_rule_printed_in_the_footer(
    kindergarten: SiteHarness, rule: str, payable: int, footer: str
) -> None:
    with kindergarten.uow() as uow:
        set_setting(uow, "fee_rule", rule)
        uow.commit()
    # Ill on the 2nd (excused, never charged), away without a reason on the 3rd.
    kindergarten.submit_attendance("popova", "Ромашка", NOVEMBER, {"Иванова": {2: "Б", 3: "Н"}})

    _, ws = _timesheet(kindergarten, NOVEMBER)
    assert _totals(_child_row(ws, "Иванова Мария"), 30) == [2, 1, payable]
    texts = [c.value for c in ws["A"] if isinstance(c.value, str)]
    assert f"Дни, подлежащие оплате: {footer} (положение о родительской плате)." in texts


def test_rows_name_each_child_once_with_its_account_and_the_rate(harness: SiteHarness) -> None:
    twins = [
        {
            "Фамилия": "Орлов",
            "Имя": "Иван",
            "Отчество": patronymic,
            "Дата рождения": born,
            "Группа": "Ромашка",
            "Дата зачисления": "01.09.2026",
            "Лицевой счёт": account,
        }
        for patronymic, born, account in (
            ("Петрович", date(2022, 3, 1), "4001"),
            ("Сергеевич", date(2022, 4, 1), 4002),  # typed as a number
            ("Сергеевич", date(2022, 5, 1), None),
        )
    ]
    harness.drop_setup(upto=FormKind.GROUPS)
    harness.drop("clerk", FormKind.PUPILS, twins, "Орловы.xlsx", age=10)
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    with harness.uow() as uow:
        set_setting(uow, "daily_rate", "150.5")
        set_setting(uow, "okpo", "12345678")
        uow.commit()
    harness.submit_attendance("popova", "Ромашка", NOVEMBER)

    _, ws = _timesheet(harness, NOVEMBER)
    rows = [row[1:4] for row in ws.iter_rows(values_only=True) if str(row[1]).startswith("Орлов")]
    assert rows == [
        ("Орлов Иван\u00a0П.", "4001", "150,50"),
        ("Орлов Иван\u00a0С., 01.04.2022", "4002", "150,50"),
        ("Орлов Иван\u00a0С., 01.05.2022", None, "150,50"),
    ]
    assert ws.cell(4, 4 + 30 + 4).value == "12345678"


def test_timesheets_are_numbered_per_year_and_a_new_version_keeps_its_number(
    kindergarten: SiteHarness,
) -> None:
    kindergarten.submit_attendance("popova", "Ромашка", NOVEMBER)
    kindergarten.submit_attendance("volkova", "Солнышко", NOVEMBER)
    kindergarten.submit_attendance("popova", "Ромашка", NOVEMBER, {"Иванова": {2: "Б"}})

    numbers = {}
    for group in ("Ромашка", "Солнышко"):
        _, ws = _timesheet(kindergarten, NOVEMBER, group)
        numbers[group] = ws["A2"].value
    assert numbers == {
        "Ромашка": "ТАБЕЛЬ №\u00a01 УЧЕТА ПОСЕЩАЕМОСТИ ДЕТЕЙ",
        "Солнышко": "ТАБЕЛЬ №\u00a02 УЧЕТА ПОСЕЩАЕМОСТИ ДЕТЕЙ",
    }
