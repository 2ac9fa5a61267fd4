"""Attendance sheets through intake: rules at their cells, versions, rights, timesheets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, update
from support import JOINS_MID_NOVEMBER, SiteHarness, settle

from sgo_model.attendance.publish import (
    blanks_due,
    plan_timesheets,
    prepare_blanks,
    prepare_month_blanks,
    render_timesheets,
)
from sgo_model.attendance.reports import attendance_indicators
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.roles import FormKind, Role
from sgo_model.intake.receipts import Verdict
from sgo_model.setup.service import add_user
from sgo_model.status import site_status
from sgo_model.store.tables import (
    academic_years,
    attendance_marks,
    attendance_versions,
    documents,
)

NOVEMBER = date(2026, 11, 1)
MESSAGE_X = (
    "Недопустимая отметка «X». Допустимо: пусто — был, Б — болезнь, О — отпуск родителей, "
    "К — карантин, С — санаторий, оздоровление, П — другая уважительная причина (по заявлению), "
    "Н — без уважительной причины"
)
# Columns of the blank: D is the 1st of the month; the first pupil is on row 9.
COLUMN = {day: chr(ord("D") + day - 1) for day in range(1, 24)}


@pytest.fixture
def kindergarten(harness: SiteHarness) -> SiteHarness:
    harness.drop_setup()
    harness.drop("clerk", FormKind.MOVEMENT, [JOINS_MID_NOVEMBER], "Белова.xlsx", age=20)
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    assert harness.sign_order("1-д").verdict is Verdict.ACCEPTED  # Белова's enrolment
    return harness


def blank(harness: SiteHarness, group: str = "Ромашка") -> Path:
    (path,) = [
        p
        for p in prepare_blanks(harness.uow, NOVEMBER, out=harness.site.home / "blanks")
        if group in p.name
    ]
    return path


def rows_by_name(path: Path) -> dict[str, int]:
    sheet = load_workbook(path).worksheets[0]
    return {
        str(sheet.cell(row, 2).value): row
        for row in range(9, 20)
        if sheet.cell(row, 2).value and sheet.cell(row, 1).value
    }


def submit(harness: SiteHarness, login: str, source: Path, cells: dict[str, object], name: str):
    workbook = load_workbook(source)
    sheet = workbook.worksheets[0]
    for ref, value in cells.items():
        sheet[ref] = value
    path = harness.site.user_inbox(login) / name
    workbook.save(path)
    settle(path)
    (receipt,) = harness.ingest().receipts
    return receipt


def count(harness: SiteHarness, table: object) -> int:
    with harness.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_a_month_is_accepted_and_its_timesheet_totals_are_right(kindergarten: SiteHarness) -> None:
    source = blank(kindergarten)
    rows = rows_by_name(source)
    assert list(rows) == [
        "Белова Вера Олеговна",
        "Иванова Мария Сергеевна",
        "Кузьмин Илья Кузьмич",
        "Никитина Любовь Никитична",
    ]
    ivanova, kuzmin = rows["Иванова Мария Сергеевна"], rows["Кузьмин Илья Кузьмич"]
    belova = rows["Белова Вера Олеговна"]
    receipt = submit(
        kindergarten,
        "popova",
        source,
        {
            f"{COLUMN[5]}{ivanova}": "б",
            f"{COLUMN[6]}{ivanova}": "Б",
            f"{COLUMN[9]}{kuzmin}": "H",
            f"{COLUMN[10]}{kuzmin}": "о",
            f"{COLUMN[17]}{belova}": "Н",
        },
        "Ромашка ноябрь.xlsx",
    )
    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    assert receipt.created == 5
    (record, summary) = render_timesheets(kindergarten.site, kindergarten.uow)
    sheet = load_workbook(record.path).active
    text = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    flat = [str(c) for row in text for c in row if c is not None]
    assert "0504608" in flat
    by_child = {
        row[1]: row
        for row in text
        if row and row[1] in ("Белова Вера", "Иванова Мария", "Кузьмин Илья", "Никитина Любовь")
    }
    days = 30
    first_day = 4  # the column of the 1st in the timesheet: № п/п, name, account, rate
    ivanova_row = by_child["Иванова Мария"]
    assert ivanova_row[first_day + 3] == "В"  # 4 November
    assert ivanova_row[first_day + 4] == "Н"  # 5 November
    belova_row = by_child["Белова Вера"]
    assert all(cell == "—" for cell in belova_row[first_day : first_day + 15])  # 1–15 Nov
    totals = {
        name: tuple(row[first_day + days : first_day + days + 3]) for name, row in by_child.items()
    }
    # 20 working days in November 2026; Белова joins on Monday 16th: 11 of them.
    assert totals["Иванова Мария"] == (2, 2, 18)
    assert totals["Кузьмин Илья"] == (2, 1, 18)
    assert totals["Белова Вера"] == (1, 0, 10)
    assert totals["Никитина Любовь"] == (0, 0, 20)
    # The month's summary, read back: one line per group that submitted, and the total.
    assert summary.kind == "timesheet_summary"
    book = load_workbook(summary.path).active
    assert book["A1"].value == "Сводные данные табелей учета посещаемости детей за ноябрь 2026 г."
    lines = [list(row) for row in book.iter_rows(min_row=5, values_only=True) if row[0]]
    # Списочный состав, working days, attended, missed (Б 2 + Н 2 + О 1), of them for
    # illness (Б 2) and excused (Б 2 + О 1), attendance 66 / 71 = 93.0 %.
    assert lines == [
        ["Ромашка", 4, 20, 66, 5, 2, 3, 93.0, "весь месяц"],
        ["Итого по учреждению", 4, 20, 66, 5, 2, 3, 93.0, None],
    ]
    with kindergarten.uow() as uow:
        report = attendance_indicators(uow, NOVEMBER, date(2026, 11, 30))
    institution = report.rows[-1]
    assert institution.attended == 18 + 18 + 10 + 20
    assert institution.missed == 5
    assert institution.missed_illness == 2
    assert institution.line05 == 20


def test_each_error_is_reported_at_its_cell_and_nothing_is_stored(
    kindergarten: SiteHarness,
) -> None:
    source = blank(kindergarten)
    rows = rows_by_name(source)
    belova = rows["Белова Вера Олеговна"]
    ivanova = rows["Иванова Мария Сергеевна"]
    nikitina = rows["Никитина Любовь Никитична"]
    workbook = load_workbook(source)
    sheet = workbook.worksheets[0]
    sheet.protection.sheet = False
    cells = {
        f"{COLUMN[4]}{ivanova}": "Б",  # a public holiday
        f"{COLUMN[3]}{belova}": "Б",  # before she joined the group
        f"{COLUMN[5]}{ivanova}": "X",  # not a mark
    }
    for ref, value in cells.items():
        sheet[ref] = value
    sheet.delete_rows(nikitina)  # a pupil missing from the sheet
    path = kindergarten.site.user_inbox("popova") / "с ошибками.xlsx"
    workbook.save(path)
    settle(path)
    (receipt,) = kindergarten.ingest().receipts
    assert receipt.verdict is Verdict.REJECTED
    # The signature line under the table moved up with the deleted row: it is no pupil.
    assert [(p.cell, p.message) for p in receipt.errors] == [
        (f"{COLUMN[5]}{ivanova}", MESSAGE_X),
        (f"{COLUMN[3]}{belova}", "03.11.2026 Белова Вера Олеговна не числится в группе «Ромашка»"),
        (
            f"{COLUMN[4]}{ivanova}",
            "04.11.2026 учреждение не работает (День народного единства); отметка не ставится",
        ),
        (
            None,
            "В листе нет воспитанника Никитина Любовь Никитична, который числится в группе "
            "«Ромашка» с 01.11.2026; возьмите свежий бланк",  # the first day of the month
        ),
    ]
    assert count(kindergarten, attendance_versions) == 0
    assert count(kindergarten, attendance_marks) == 0


@pytest.mark.parametrize(
    ("column", "value"),
    [(2, 99999), (0, None)],
    ids=["an id the store does not know", "a row the metadata does not name"],
)
def test_a_pupil_unknown_to_the_store_is_an_error(
    kindergarten: SiteHarness, column: int, value: object
) -> None:
    source = blank(kindergarten)
    workbook = load_workbook(source)
    # The hidden sheet maps each pupil row of the sheet to its pupil: («pupil», row, id).
    pupils = [row for row in workbook["_sgo"].iter_rows() if row[0].value == "pupil"]
    assert [row[1].value for row in pupils] == [9, 10, 11, 12]
    pupils[0][column].value = value  # row 9: Белова Вера Олеговна
    path = kindergarten.site.user_inbox("popova") / "чужой.xlsx"
    workbook.save(path)
    settle(path)
    (receipt,) = kindergarten.ingest().receipts
    assert receipt.verdict is Verdict.REJECTED
    assert [(p.sheet, p.cell, p.column, p.value, p.message) for p in receipt.errors] == [
        (
            "Посещаемость",
            "B9",
            "Воспитанник",
            "Белова Вера Олеговна",
            "Воспитанник «Белова Вера Олеговна» не найден в списке воспитанников",
        ),
        (
            "Посещаемость",
            None,
            None,
            None,
            "В листе нет воспитанника Белова Вера Олеговна, который числится в группе «Ромашка» "
            "с 16.11.2026; возьмите свежий бланк",
        ),
    ]
    assert count(kindergarten, attendance_versions) == 0


def test_resubmitting_a_month_makes_a_new_version_and_keeps_the_old(
    kindergarten: SiteHarness,
) -> None:
    source = blank(kindergarten)
    ivanova = rows_by_name(source)["Иванова Мария Сергеевна"]
    first = submit(kindergarten, "popova", source, {f"{COLUMN[5]}{ivanova}": "Б"}, "v1.xlsx")
    assert first.verdict is Verdict.ACCEPTED
    second = submit(
        kindergarten,
        "volkova",
        source,
        {f"{COLUMN[5]}{ivanova}": None, f"{COLUMN[6]}{ivanova}": "О"},
        "v2.xlsx",
    )
    assert second.verdict is Verdict.ACCEPTED
    with kindergarten.uow() as uow:
        group = next(g for g in uow.groups.groups() if g.name == "Ромашка")
        history = uow.attendance.history(group.id, NOVEMBER)
        assert [(v.version, v.is_current, v.login) for v in history] == [
            (1, False, "popova"),
            (2, True, "volkova"),
        ]
        assert history[1].changes == "Иванова М. С. 05.11: Б → был; Иванова М. С. 06.11: был → О"
        assert len(uow.attendance.marks(history[0].id)) == 1


def test_a_teacher_may_not_submit_for_another_group(kindergarten: SiteHarness) -> None:
    receipt = submit(kindergarten, "popova", blank(kindergarten, "Солнышко"), {}, "чужая.xlsx")
    assert receipt.verdict is Verdict.REJECTED
    assert "«popova» не ведёт группу «Солнышко»" in (receipt.reason or "")


def test_a_nurse_corrects_only_illness(kindergarten: SiteHarness) -> None:
    add_user(kindergarten.site, kindergarten.uow(), "nurse", Role.NURSE)
    source = blank(kindergarten)
    ivanova = rows_by_name(source)["Иванова Мария Сергеевна"]
    ok = submit(kindergarten, "nurse", source, {f"{COLUMN[5]}{ivanova}": "Б"}, "болезнь.xlsx")
    assert ok.verdict is Verdict.ACCEPTED
    bad = submit(kindergarten, "nurse", source, {f"{COLUMN[6]}{ivanova}": "О"}, "отпуск.xlsx")
    assert bad.verdict is Verdict.REJECTED
    (error,) = [e for e in bad.errors if "Медицинская сестра" in e.message]
    assert error.cell == f"{COLUMN[6]}{ivanova}"


def test_a_month_of_a_closed_year_cannot_be_changed(kindergarten: SiteHarness) -> None:
    source = blank(kindergarten)
    with kindergarten.uow() as uow:
        uow.connection.execute(
            update(academic_years)
            .where(academic_years.c.label == "2026/2027")
            .values(status="closed")
        )
        uow.commit()
    receipt = submit(kindergarten, "popova", source, {}, "закрыт.xlsx")
    assert receipt.verdict is Verdict.REJECTED
    assert "2026/2027 учебный год закрыт" in (receipt.reason or "")
    assert AcademicYear.parse("2026/2027").first_day == date(2026, 9, 1)


def test_status_lists_missing_and_late_group_months(kindergarten: SiteHarness) -> None:
    state = site_status(kindergarten.uow(), today=date(2026, 12, 10))
    gaps = {(g["group"], g["month"], g["state"]) for g in state["attendance"]}  # type: ignore[union-attr]
    assert ("Ромашка", "2026-11", "missing") in gaps
    assert ("Солнышко", "2026-09", "missing") in gaps


def test_blanks_are_due_from_the_first_working_day_until_prepared(
    kindergarten: SiteHarness,
) -> None:
    # 1 November 2026 is a Sunday: the blanks are due from Monday the 2nd.
    assert blanks_due(kindergarten.uow, date(2026, 11, 1)) is None
    assert blanks_due(kindergarten.uow, date(2026, 11, 2)) == NOVEMBER
    paths = prepare_month_blanks(kindergarten.site, kindergarten.uow, NOVEMBER)
    folders = {p.parent.relative_to(kindergarten.site.inbox).as_posix() for p in paths}
    assert folders == {"popova/бланки", "volkova/бланки"}
    assert blanks_due(kindergarten.uow, date(2026, 11, 3)) is None
    # Intake never reads the blanks folder.
    assert kindergarten.ingest().receipts == []


def test_reports_from_the_command_line(kindergarten: SiteHarness) -> None:
    from typer.testing import CliRunner

    from flows.cli import app

    runner = CliRunner()
    env = {"SGO_DATABASE_URL": kindergarten.url}
    home = ["--home", str(kindergarten.site.home)]
    out = kindergarten.site.home / "листы"
    result = runner.invoke(
        app, ["forms", "attendance", "--month", "2026-11", "--out", str(out), *home], env=env
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "Посещаемость Ромашка 2026-11.xlsx",
        "Посещаемость Солнышко 2026-11.xlsx",
    ]
    result = runner.invoke(
        app, ["report", "timesheet", "--group", "Ромашка", "--month", "2026-11", *home], env=env
    )
    assert result.exit_code == 1 and "не сдан" in result.output
    source = out / "Посещаемость Ромашка 2026-11.xlsx"
    assert submit(kindergarten, "popova", source, {}, "ноябрь.xlsx").verdict is Verdict.ACCEPTED
    result = runner.invoke(
        app, ["report", "timesheet", "--group", "Ромашка", "--month", "2026-11", *home], env=env
    )
    assert result.exit_code == 0, result.output
    assert "Табель посещаемости" in result.output
    result = runner.invoke(
        app,
        ["report", "attendance", "--from", "2026-11", "--to", "2026-11", "--json", *home],
        env=env,
    )
    assert result.exit_code == 0, result.output
    import json

    payload = json.loads(result.output)
    assert payload["rows"][-1]["scope"] == "Всего по учреждению"
    assert payload["rows"][-1]["attendance_percent"] == 100.0
    assert payload["missing"] == [{"group": "Солнышко", "month": "2026-11"}]
    # The indicators workbook, read back: Ромашка had everyone present every working day;
    # Белова joined on the 16th: 20 + 20 + 20 + 11 child-days, (30 + 30 + 30 + 15) / 30
    # children on average. All four are 3 or older.
    workbook = load_workbook(payload["path"])
    assert workbook.sheetnames == ["Показатели", "График"]
    sheet = workbook["Показатели"]
    assert sheet["A3"].value == "за период с 01.11.2026 по 30.11.2026"
    expected = ["ноябрь 2026", 3.5, 20, 71, 0, 0, 0, 100, 71, 71, 0, 0, 0, 0, 0, 0, 20]
    assert [list(row) for row in sheet.iter_rows(min_row=8, max_row=9, values_only=True)] == [
        ["Ромашка", *expected],
        ["Всего по учреждению", *expected],
    ]
    # Under the table, what the figures leave out.
    assert sheet["A10"].value is None
    assert sheet["A11"].value == (
        "Не сданы листы посещаемости (в показатели не вошли): «Солнышко» — ноябрь 2026 г."
    )
    assert sheet.max_row == 11
    chart = workbook["График"]
    assert [list(row) for row in chart.iter_rows(values_only=True)] == [
        ["Месяц", "Посещаемость, %"],
        ["ноя 2026", 100],
    ]


def test_a_row_deleted_in_the_middle_shifts_no_mark_onto_another_child(
    kindergarten: SiteHarness,
) -> None:
    source = blank(kindergarten)
    rows = rows_by_name(source)
    order = sorted(rows, key=rows.get)  # type: ignore[arg-type]
    gone, after = order[1], order[2]  # a child in the middle, and the one below
    workbook = load_workbook(source)
    sheet = workbook.worksheets[0]
    sheet.protection.sheet = False
    sheet[f"{COLUMN[9]}{rows[after]}"] = "Б"  # 9 November, a Monday
    sheet.delete_rows(rows[gone])
    path = kindergarten.site.user_inbox("popova") / "без строки.xlsx"
    workbook.save(path)
    settle(path)

    (receipt,) = kindergarten.ingest().receipts

    assert receipt.verdict is Verdict.REJECTED
    (problem,) = receipt.errors
    assert problem.message.startswith(f"В листе нет воспитанника {gone}, который числится")
    # The child below is still known by name on its shifted row: its mark is not an error.
    assert after not in problem.message


def test_a_timesheet_is_rendered_again_when_its_layout_changes_and_only_then(
    kindergarten: SiteHarness,
) -> None:
    receipt = submit(kindergarten, "popova", blank(kindergarten), {}, "Ромашка.xlsx")
    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    assert [r.kind for r in render_timesheets(kindergarten.site, kindergarten.uow)] == [
        "timesheet",
        "timesheet_summary",
    ]
    assert plan_timesheets(kindergarten.site, kindergarten.uow) == []
    with kindergarten.uow() as uow:  # as if registered by an older timesheet layout
        uow.connection.execute(
            update(documents).where(documents.c.kind == "timesheet").values(template_sha256="0")
        )
        uow.commit()

    assert [job.kind for job in plan_timesheets(kindergarten.site, kindergarten.uow)] == [
        "timesheet",
        "timesheet_summary",
    ]
