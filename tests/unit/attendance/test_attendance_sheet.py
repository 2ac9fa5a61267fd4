"""The monthly attendance sheet: the blank the engine prepares and the reader that takes it back."""

from __future__ import annotations

import subprocess
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from support import convert_to_pdf, png_size

from sgo_model.attendance.forms.blank import write_attendance_blank
from sgo_model.attendance.forms.model import (
    ATTENDANCE_SHEET,
    FIRST_PUPIL_ROW,
    HEADER_ROW,
    AttendanceBlank,
    SheetDay,
    SheetPupil,
    attendance_blank_name,
)
from sgo_model.attendance.forms.reader import is_attendance_workbook, read_attendance_sheet
from sgo_model.bootstrap import form_specs
from sgo_model.domain.attendance import Mark
from sgo_model.domain.months import month_days
from sgo_model.domain.problems import Severity
from sgo_model.forms.blanks import write_blank
from sgo_model.office.safety import UnacceptableFile
from sgo_model.office.workbook import META_SHEET
from sgo_model.office.workbook import Workbook as SubmittedWorkbook

NOVEMBER = date(2026, 11, 1)
UNITY_DAY = date(2026, 11, 4)
MID_MONTH = date(2026, 11, 16)
# Columns of the days of November 2026: D is the 1st (a Sunday), G the 4th (a holiday).
COLUMN = {day: chr(ord("D") + day - 1) for day in range(1, 24)}


def _days(month: date) -> tuple[SheetDay, ...]:
    days = []
    for day in month_days(month):
        if day == UNITY_DAY:
            days.append(SheetDay(day, False, "День народного единства"))
        elif day.weekday() >= 5:
            days.append(SheetDay(day, False, "выходной день"))
        else:
            days.append(SheetDay(day, True, None))
    return tuple(days)


def _blank(month: date = NOVEMBER, count: int = 3) -> AttendanceBlank:
    whole = tuple(month_days(month))
    names = ("Иванова Мария Сергеевна", "Петров Илья Андреевич", "Сидорова Анна Олеговна")
    pupils = [
        SheetPupil(
            pupil_id=100 + index,
            full_name=names[index % len(names)],
            birth_date=date(2021, 1 + index % 12, 1 + index % 28),
            in_group=whole,
        )
        for index in range(count)
    ]
    if count >= 3:
        # Enrolled in the middle of the month: in the group from the 16th on.
        pupils[2] = SheetPupil(
            102, names[2], date(2021, 3, 3), tuple(d for d in whole if d >= MID_MONTH)
        )
    return AttendanceBlank(
        institution="МБДОУ «Детский сад № 7 „Солнышко“»",
        group="Ромашка",
        group_id=12,
        month=month,
        days=_days(month),
        pupils=tuple(pupils),
        teacher="Попова А. С.",
    )


@pytest.fixture
def blank_path(tmp_path: Path) -> Path:
    blank = _blank()
    return write_attendance_blank(blank, tmp_path / attendance_blank_name(blank))


def test_the_blank_is_named_by_group_and_month() -> None:
    assert attendance_blank_name(_blank()) == "Посещаемость Ромашка 2026-11.xlsx"
    plain = AttendanceBlank("ДОУ", "Младшая 1-2", 4, NOVEMBER, _days(NOVEMBER), ())
    assert attendance_blank_name(plain) == "Посещаемость Младшая 1-2 2026-11.xlsx"
    # The slash cannot stay; the hash of the name keeps its blank apart from «Младшая 1-2».
    odd = AttendanceBlank("ДОУ", "Младшая 1/2", 3, NOVEMBER, _days(NOVEMBER), ())
    assert attendance_blank_name(odd) == "Посещаемость Младшая 1-2~0dbe57 2026-11.xlsx"


def test_a_fresh_blank_reads_back_with_every_pupil_and_no_marks(blank_path: Path) -> None:
    assert blank_path.stat().st_mode & 0o777 == 0o644
    assert not [p for p in blank_path.parent.iterdir() if p.suffix == ".tmp"]

    sheet = read_attendance_sheet(SubmittedWorkbook.from_path(blank_path))

    assert (sheet.group, sheet.group_id, sheet.month, sheet.sheet) == (
        "Ромашка",
        12,
        NOVEMBER,
        ATTENDANCE_SHEET,
    )
    assert sheet.problems == []
    assert sheet.name_column == "B"
    assert list(sheet.day_columns) == month_days(NOVEMBER)
    assert sheet.day_columns[date(2026, 11, 1)] == "D"
    assert sheet.day_columns[date(2026, 11, 30)] == "AG"
    assert [(r.row, r.pupil_id, r.full_name, r.marks) for r in sheet.rows] == [
        (9, 100, "Иванова Мария Сергеевна", ()),
        (10, 101, "Петров Илья Андреевич", ()),
        (11, 102, "Сидорова Анна Олеговна", ()),
    ]
    assert sheet.rows[0].birth_date == date(2021, 1, 1)


def test_the_metadata_names_the_form_group_month_and_each_pupil_row(blank_path: Path) -> None:
    workbook = load_workbook(blank_path)
    meta = workbook[META_SHEET]
    assert meta.sheet_state == "hidden"
    values = [tuple(c for c in row if c is not None) for row in meta.iter_rows(values_only=True)]
    assert values[:7] == [
        ("form", "attendance"),
        ("version", 1),
        ("sheet", ATTENDANCE_SHEET),
        ("group_id", 12),
        ("group", "Ромашка"),
        ("month", "2026-11-01"),
        ("header_row", HEADER_ROW),
    ]
    assert values[7:] == [("pupil", 9, 100), ("pupil", 10, 101), ("pupil", 11, 102)]
    assert _is_attendance(blank_path)


def test_other_workbooks_are_not_attendance_sheets(tmp_path: Path) -> None:
    staff = write_blank(form_specs()[0], tmp_path / "staff.xlsx")
    plain = tmp_path / "plain.xlsx"
    Workbook().save(plain)
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"not a workbook")
    assert not _is_attendance(staff)
    assert not _is_attendance(plain)
    assert not _is_attendance(garbage)
    assert not _is_attendance(tmp_path / "missing.xlsx")


def test_the_layout_has_a_title_legend_and_a_header_with_weekdays(blank_path: Path) -> None:
    sheet = load_workbook(blank_path)[ATTENDANCE_SHEET]
    titles = [sheet.cell(row, 1).value for row in range(1, HEADER_ROW)]
    assert titles[0] == "Лист посещаемости"
    assert titles[1] == "МБДОУ «Детский сад № 7 „Солнышко“»"
    assert titles[2] == "Группа «Ромашка»"
    assert titles[3] == "Месяц: ноябрь 2026 г."
    legend = str(titles[4])
    for text in ("пусто — был", "Б — болезнь", "О — отпуск родителей", "Н — без уважительной"):
        assert text in legend
    assert "4 — День народного единства" in str(titles[5])
    assert [sheet.cell(HEADER_ROW, c).value for c in (1, 2, 3)] == [
        "№",
        "Воспитанник",
        "Дата рождения",
    ]
    header = [sheet.cell(HEADER_ROW, 4 + offset).value for offset in range(30)]
    assert header == list(range(1, 31))
    assert sheet.cell(HEADER_ROW, 4).number_format == "00"
    weekdays = [sheet.cell(HEADER_ROW + 1, 4 + offset).value for offset in range(8)]
    assert weekdays == ["вс", "пн", "вт", "ср", "чт", "пт", "сб", "вс"]
    assert sheet.cell(HEADER_ROW + 1, 4 + 29).value == "пн"
    assert sheet.cell(FIRST_PUPIL_ROW, 3).number_format == "DD.MM.YYYY"
    # Under the table: where the teacher may state the last day marked, then the signature.
    stated = FIRST_PUPIL_ROW + 4
    assert sheet.cell(stated, 2).value == "Отметки внесены по (дата):"
    assert sheet.cell(stated, 3).value is None
    assert not sheet.cell(stated, 3).protection.locked
    assert sheet.cell(stated, 3).number_format == "DD.MM.YYYY"
    assert sheet.cell(stated, 4).value.startswith("Если не заполнено, лист считается")
    assert sheet.cell(stated + 2, 2).value == "Воспитатель ____________________ Попова А. С."
    assert sheet.freeze_panes == "D9"
    assert sheet.print_title_rows == "$7:$8"
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage


def test_only_working_days_in_the_group_are_open_the_rest_locked_and_shaded(
    blank_path: Path,
) -> None:
    sheet = load_workbook(blank_path)[ATTENDANCE_SHEET]
    assert sheet.protection.sheet
    assert not sheet.protection.password
    days = {d.day: d for d in _days(NOVEMBER)}
    for row in range(FIRST_PUPIL_ROW, FIRST_PUPIL_ROW + 3):
        for offset, day in enumerate(month_days(NOVEMBER)):
            cell = sheet.cell(row, 4 + offset)
            in_group = row != FIRST_PUPIL_ROW + 2 or day >= MID_MONTH
            working = days[day].working
            assert cell.protection.locked is not (working and in_group), cell.coordinate
            if not working:
                assert cell.fill.patternType == "solid", cell.coordinate
                assert cell.fill.fgColor.rgb.endswith("BFBFBF")
            elif not in_group:
                assert cell.fill.patternType == "lightUp", cell.coordinate
            else:
                assert cell.fill.patternType is None, cell.coordinate
    # The header of a closed day is grey too; the names and dates are locked.
    assert sheet["G7"].fill.fgColor.rgb.endswith("BFBFBF")
    assert sheet["H7"].fill.fgColor.rgb.endswith("DDEBF7")
    assert sheet["B9"].protection.locked
    assert sheet["C9"].protection.locked


def test_a_pupil_enrolled_mid_month_has_the_earlier_days_locked(blank_path: Path) -> None:
    sheet = load_workbook(blank_path)[ATTENDANCE_SHEET]
    row = FIRST_PUPIL_ROW + 2
    assert sheet.cell(row, 2).value == "Сидорова Анна Олеговна"
    friday_13, monday_16 = sheet[f"{COLUMN[13]}{row}"], sheet[f"{COLUMN[16]}{row}"]
    assert friday_13.protection.locked
    assert friday_13.fill.patternType == "lightUp"
    assert not monday_16.protection.locked
    assert not sheet[f"{COLUMN[13]}{row - 1}"].protection.locked


def test_the_mark_cells_take_a_list_of_marks_with_a_russian_error(blank_path: Path) -> None:
    sheet = load_workbook(blank_path)[ATTENDANCE_SHEET]
    validation, stated = sheet.data_validations.dataValidation
    assert (stated.type, str(stated.sqref)) == ("date", "C13")
    assert (stated.formula1, stated.formula2) == ("DATE(2026,11,1)", "DATE(2026,11,30)")
    assert stated.error == "Укажите день с 01.11.2026 по 30.11.2026"
    assert validation.type == "list"
    assert validation.formula1 == '"Б,О,К,С,П,Н"'
    assert validation.allow_blank
    assert validation.showErrorMessage
    assert validation.errorTitle == "Недопустимая отметка"
    assert "Б — болезнь" in validation.error
    assert len(validation.error) <= 255  # Excel's limit for the message
    assert str(validation.sqref) == "D9:AG11"


def test_marks_are_read_with_their_cells_lower_case_and_latin_accepted(
    blank_path: Path,
) -> None:
    workbook = load_workbook(blank_path)
    sheet = workbook[ATTENDANCE_SHEET]
    sheet["E9"] = "Б"  # 2 November
    sheet["F9"] = "б"  # 3 November, lower case
    sheet["H10"] = "H"  # 5 November, a Latin H for Н
    sheet["I10"] = " о "  # 6 November, spaces around a lower-case О
    sheet["E10"] = "X"  # not a mark
    sheet["G9"] = "Н"  # the holiday: the reader leaves the calendar to the caller
    workbook.save(blank_path)

    read = read_attendance_sheet(SubmittedWorkbook.from_path(blank_path))

    first, second, third = read.rows
    assert [(m.day.day, m.mark, m.cell, m.raw) for m in first.marks] == [
        (2, Mark.ILLNESS, "E9", "Б"),
        (3, Mark.ILLNESS, "F9", "б"),
        (4, Mark.ABSENT, "G9", "Н"),
    ]
    assert [(m.day.day, m.mark, m.cell) for m in second.marks] == [
        (5, Mark.ABSENT, "H10"),
        (6, Mark.PARENTS_LEAVE, "I10"),
    ]
    assert third.marks == ()
    (problem,) = read.problems
    assert problem.severity is Severity.ERROR
    assert (problem.sheet, problem.cell, problem.column, problem.value, problem.row) == (
        ATTENDANCE_SHEET,
        "E10",
        "02",
        "X",
        10,
    )
    assert problem.message.startswith("Недопустимая отметка «X». Допустимо: пусто — был")


def test_a_garbled_header_and_marks_on_days_that_do_not_exist_are_located(
    blank_path: Path,
) -> None:
    workbook = load_workbook(blank_path)
    sheet = workbook[ATTENDANCE_SHEET]
    sheet["H7"] = "пятое"  # garbled day number
    sheet["AH7"] = 31  # November has 30 days
    sheet["AH9"] = "Б"
    sheet["AI7"] = "02.12"  # a day of another month
    sheet["AI10"] = "К"
    sheet["AJ7"] = "02"  # the 2nd again
    sheet["AK9"] = "П"  # a column without a day
    workbook.save(blank_path)

    read = read_attendance_sheet(SubmittedWorkbook.from_path(blank_path))

    located = {(p.cell, p.column, p.value): p.message for p in read.problems}
    assert located[("H7", "пятое", "пятое")].startswith("Заголовок столбца «пятое» не распознан")
    assert "нет в месяце листа (ноябрь 2026 г.)" in located[("AH9", "31", "Б")]
    assert "нет в месяце листа" in located[("AI10", "02.12", "К")]
    assert "повторяется" in located[("AJ7", "02", "02")]
    assert "без числа месяца" in located[("AK9", None, "П")]
    assert all(p.severity is Severity.ERROR for p in read.problems if p.cell)
    (warning,) = [p for p in read.problems if p.severity is Severity.WARNING]
    assert "05" in warning.message
    assert date(2026, 11, 5) not in read.day_columns
    assert read.rows[0].marks == ()


def test_a_hand_made_sheet_without_metadata_is_read_by_its_header(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Посещаемость группы «Берёзка»"])
    sheet.append(["Месяц: сентябрь 2026 г."])
    sheet.append(["№", "ФИО", *[f"{d:02d}.09" for d in range(1, 31)]])
    sheet.append([1, "Котов  Лев", None, "Н"])
    sheet.append([])
    sheet.append(["Итого"])
    path = tmp_path / "hand.xlsx"
    workbook.save(path)

    assert not _is_attendance(path)
    read = read_attendance_sheet(SubmittedWorkbook.from_path(path))

    assert (read.group, read.group_id, read.month) == ("Берёзка", None, date(2026, 9, 1))
    (row,) = read.rows
    assert (row.row, row.pupil_id, row.full_name, row.birth_date) == (4, None, "Котов Лев", None)
    assert [(m.day, m.cell) for m in row.marks] == [(date(2026, 9, 2), "D4")]
    assert read.problems == []


def test_days_must_be_the_whole_month(tmp_path: Path) -> None:
    blank = _blank()
    short = AttendanceBlank("ДОУ", "Ромашка", 12, NOVEMBER, blank.days[:-1], blank.pupils)
    with pytest.raises(ValueError, match="все дни месяца"):
        write_attendance_blank(short, tmp_path / "x.xlsx")


def test_a_blank_of_25_pupils_and_31_days_writes_and_reads_fast(tmp_path: Path) -> None:
    october = date(2026, 10, 1)
    blank = _blank(october, 25)
    assert len(blank.days) == 31
    count = 20
    started = time.perf_counter()
    paths = [write_attendance_blank(blank, tmp_path / f"{n}.xlsx") for n in range(count)]
    written = time.perf_counter() - started
    started = time.perf_counter()
    sheets = [read_attendance_sheet(SubmittedWorkbook.from_path(path)) for path in paths]
    read = time.perf_counter() - started
    print(
        f"\nattendance blank 25×31: write {written / count * 1000:.1f} ms, "
        f"read {read / count * 1000:.1f} ms per file "
        f"(1,200 files: write {written / count * 1200:.0f} s, read {read / count * 1200:.1f} s)"
    )
    assert all(len(s.rows) == 25 and not s.problems for s in sheets)


@pytest.mark.soffice
def test_the_blank_prints_on_one_landscape_page(tmp_path: Path) -> None:
    blank = _blank(date(2026, 10, 1), 25)
    path = write_attendance_blank(blank, tmp_path / "sheet.xlsx")
    (pdf,) = convert_to_pdf(tmp_path, path)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) == 1
    for expected in ("Лист посещаемости", "Группа «Ромашка»", "Месяц: октябрь 2026 г.", "31"):
        assert expected in pages[0]
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    (png,) = tmp_path.glob("page*.png")
    width, height = png_size(png)
    assert width > height > 0  # one landscape page


def test_month_days_cover_leap_february() -> None:
    february = month_days(date(2028, 2, 10))
    assert (february[0], february[-1], len(february)) == (date(2028, 2, 1), date(2028, 2, 29), 29)
    assert february[1] - february[0] == timedelta(days=1)


def _is_attendance(path: Path) -> bool:
    """What intake asks of a workbook: does its metadata name it an attendance sheet?"""
    try:
        return is_attendance_workbook(SubmittedWorkbook.from_path(path))
    except UnacceptableFile:
        return False
