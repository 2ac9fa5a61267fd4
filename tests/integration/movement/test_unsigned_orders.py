"""Unsigned orders do not change official figures: a child whose enrolment order is a draft is
listed in the roster, marked, and on the teacher's sheet, but counts in no timesheet, fill
report or indicator until the head signs the order; then every one of them follows."""

from __future__ import annotations

from datetime import date
from typing import Any

from docx import Document
from openpyxl import load_workbook
from support import SiteHarness

from sgo_model.attendance.reports import attendance_indicators
from sgo_model.domain.movement import counts_officially
from sgo_model.domain.roles import FormKind
from sgo_model.intake.receipts import Verdict

NOVEMBER = date(2026, 11, 1)


def _document(harness: SiteHarness, kind: str, key_part: str = "") -> Any:
    with harness.uow() as uow:
        (record,) = [d for d in uow.documents.list(kind) if key_part in d.key]
    return record


def _roster_names(harness: SiteHarness) -> list[str]:
    document = Document(_document(harness, "group_rosters").path)
    return [row.cells[1].text for table in document.tables for row in table.rows[2:]]


def _fill_headcount(harness: SiteHarness, group: str) -> int:
    sheet = load_workbook(_document(harness, "group_fill").path).active
    (row,) = [r for r in sheet.iter_rows(min_row=6, values_only=True) if r[1] == group]
    return int(row[9])


def _timesheet_names(harness: SiteHarness) -> list[str]:
    sheet = load_workbook(_document(harness, "timesheet", "2026-11").path).active
    return [r[1] for r in sheet.iter_rows(values_only=True) if isinstance(r[0], int) and r[1]]


def test_the_rule_is_one_function() -> None:
    assert counts_officially(None)  # the initial contingent needs no order
    assert counts_officially("signed")
    assert not counts_officially("draft")


def test_a_pending_child_is_listed_marked_but_counted_nowhere_until_signed(
    pending: SiteHarness,
) -> None:
    assert "Белова Вера Олеговна (зачисление: приказ не подписан)" in _roster_names(pending)
    assert _fill_headcount(pending, "Ромашка") == 3
    # The teacher's sheet lists her (she comes every day) and takes her marks.
    receipt = pending.submit_attendance("popova", "Ромашка", NOVEMBER, {"Белова": {17: "Б"}})
    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    pending.publish()
    assert _timesheet_names(pending) == [
        "Иванова Мария",
        "Кузьмин Илья",
        "Никитина Любовь",
    ]
    with pending.uow() as uow:
        indicators = attendance_indicators(uow, NOVEMBER, date(2026, 11, 30))
    assert indicators.rows[-1].missed == 0  # her day ill is not counted yet
    assert indicators.rows[-1].attended == 3 * 20

    assert pending.sign_order("1-д").verdict is Verdict.ACCEPTED
    pending.publish()

    assert "Белова Вера Олеговна" in _roster_names(pending)
    assert _fill_headcount(pending, "Ромашка") == 4
    assert _timesheet_names(pending) == [
        "Белова Вера",
        "Иванова Мария",
        "Кузьмин Илья",
        "Никитина Любовь",
    ]
    with pending.uow() as uow:
        indicators = attendance_indicators(uow, NOVEMBER, date(2026, 11, 30))
    # From the 16th: eleven working days, one of them ill.
    assert (indicators.rows[-1].attended, indicators.rows[-1].missed) == (3 * 20 + 10, 1)


def test_a_pending_withdrawal_keeps_the_child_in_official_figures(
    pending: SiteHarness,
) -> None:
    assert pending.sign_order("1-д").verdict is Verdict.ACCEPTED
    leaves = {
        "Вид": "отчисление",
        "Фамилия": "Кузьмин",
        "Имя": "Илья",
        "Отчество": "Кузьмич",
        "Дата рождения": date(2021, 7, 5),
        "Дата": date(2026, 11, 20),
        "Причина выбытия": "по заявлению родителей",
    }
    pending.drop("clerk", FormKind.MOVEMENT, [leaves], "Кузьмин.xlsx", age=10)
    assert {r.verdict for r in pending.ingest().receipts} == {Verdict.ACCEPTED}
    pending.publish()

    # The fill report still counts him; the roster lists him, saying what is pending.
    assert "Кузьмин Илья Кузьмич (отчисление: приказ не подписан)" in _roster_names(pending)
    assert _fill_headcount(pending, "Ромашка") == 4
    assert pending.sign_order("2-д").verdict is Verdict.ACCEPTED
    pending.publish()
    assert not any("Кузьмин" in name for name in _roster_names(pending))
    assert _fill_headcount(pending, "Ромашка") == 3
