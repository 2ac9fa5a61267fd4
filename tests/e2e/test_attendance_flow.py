"""Attendance through the flows: monthly blanks, a teacher's sheet, the timesheet."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from support import TODAY, SiteHarness, latest_artifact, settle

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_blanks_go_to_teachers_and_a_returned_sheet_becomes_a_timesheet(
    harness: SiteHarness,
) -> None:
    from flows.attendance import attendance_blanks_flow
    from flows.intake import intake_flow

    where = {"home": str(harness.site.home), "database_url": harness.url}
    harness.drop_setup()
    assert intake_flow(**where, settle_seconds=0, today=TODAY)["rejected"] == 0
    # A month typed in the UI the way people write it is taken; a wrong one is told in Russian.
    refused = attendance_blanks_flow(**where, month="13.2026", today=TODAY)
    assert refused == {"files": 0, "paths": [], "reason": "Месяц «13.2026» указан неверно; "
                       "ожидается вид 2026-10"}  # fmt: skip
    assert latest_artifact("attendance-blanks") == f"## {refused['reason']}"
    made = attendance_blanks_flow(**where, month="10.2026", today=TODAY)
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
    written = [Path(p).relative_to(harness.site.home).as_posix() for p in summary["documents"]]
    assert written == [
        "documents/2026-2027/Табели/2026-10/Табель Ромашка 2026-10.xlsx",
        "documents/2026-2027/Табели/2026-10/Сводный табель 2026-10.xlsx",
        "documents/Качество данных.xlsx",  # the data-quality watch counts every file
        # The families' statements of October, its timesheet being final.
        *(
            f"outbox/families/{child}/Справка о посещении 2026-10 Ромашка.docx"
            for child in (
                "Иванова Мария Сергеевна 12.03.2022",
                "Кузьмин Илья Кузьмич 05.07.2021",
                "Никитина Любовь Никитична 30.01.2022",
            )
        ),
    ]
    with harness.uow() as uow:
        (record,) = uow.documents.list("timesheet")
    rows = list(load_workbook(record.path).active.iter_rows(values_only=True))
    ivanova = next(row for row in rows if row[1] == "Иванова Мария")
    assert ivanova[4 + 4] == "Н"
    assert date(2026, 10, 5).weekday() == 0
