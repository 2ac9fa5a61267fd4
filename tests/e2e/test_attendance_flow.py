"""Attendance through the flows: monthly blanks, a teacher's sheet, the timesheet."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from support import TODAY, SiteHarness, settle

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_blanks_go_to_teachers_and_a_returned_sheet_becomes_a_timesheet(
    harness: SiteHarness,
) -> None:
    from flows.attendance import attendance_blanks_flow
    from flows.intake import intake_flow

    where = {"home": str(harness.site.home), "database_url": harness.url}
    harness.drop_setup()
    assert intake_flow(**where, settle_seconds=0, today=TODAY)["rejected"] == 0
    made = attendance_blanks_flow(**where, month="2026-10", today=TODAY)
    assert made["files"] == 3  # Ромашка for both its teachers, Солнышко for Волкова
    blank = harness.site.user_inbox("popova") / "бланки" / "Посещаемость Ромашка 2026-10.xlsx"
    sheet = harness.site.user_inbox("popova") / "Ромашка октябрь.xlsx"
    shutil.copyfile(blank, sheet)
    workbook = load_workbook(sheet)
    workbook.worksheets[0]["H9"] = "Б"  # 5 October, the first pupil
    workbook.save(sheet)
    settle(sheet)
    summary = intake_flow(**where, settle_seconds=0, today=TODAY)
    assert summary["accepted"] == 1, summary
    written = [Path(p).relative_to(harness.site.documents).as_posix() for p in summary["documents"]]
    assert written == [
        "2026-2027/Табели/2026-10/Табель Ромашка 2026-10.xlsx",
        "2026-2027/Табели/2026-10/Сводный табель 2026-10.xlsx",
        "Качество данных.xlsx",  # the data-quality watch counts every file
    ]
    with harness.uow() as uow:
        (record,) = uow.documents.list("timesheet")
    rows = list(load_workbook(record.path).active.iter_rows(values_only=True))
    ivanova = next(row for row in rows if row[1] == "Иванова Мария")
    assert ivanova[4 + 4] == "Н"
    assert date(2026, 10, 5).weekday() == 0
