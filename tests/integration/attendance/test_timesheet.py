"""The attendance timesheet (ОКУД 0504608), the month's summary and the indicators workbook."""

from __future__ import annotations

import calendar
import subprocess
import time
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from support import convert_to_pdf, pdf_page_size, pdf_pages, png_size

from sgo_model.attendance.documents.report import (
    CHART_SHEET,
    INDICATOR_SHEET,
    IndicatorRow,
    render_attendance_report,
)
from sgo_model.attendance.documents.summary import SummaryRow, render_timesheet_summary
from sgo_model.attendance.documents.timesheet import render_timesheet
from sgo_model.attendance.documents.timesheet_data import TimesheetChild, TimesheetData, day_counts

INSTITUTION = "МБДОУ «Детский сад № 5 «Солнышко»"
GROUP = "группа «Ромашка» (средняя, общеразвивающей направленности)"
NOVEMBER = date(2026, 11, 1)
# November 2026: the 1st is a Sunday, the 4th (Day of National Unity) a public holiday.
DAYS_OFF = {1, 4, 7, 8, 14, 15, 21, 22, 28, 29}
WORKING = tuple(day not in DAYS_OFF for day in range(1, 31))


def _cells(absent: set[int], joined: int = 1) -> tuple[str, ...]:
    cells = []
    for day in range(1, 31):
        if day < joined:
            cells.append("—")
        elif day in DAYS_OFF:
            cells.append("В")
        else:
            cells.append("Н" if day in absent else "")
    return tuple(cells)


CHILDREN = (
    # Ill on the 9th and 10th (excused), away without a reason on the 2nd.
    TimesheetChild("Иванова Мария", _cells({2, 9, 10}), 3, 2, 17, 17, "Б — 2, Н — 1"),
    # Enrolled on the 16th: not in the group before.
    TimesheetChild("Петров Илья", _cells({18}, joined=16), 1, 0, 10, 10, "Н — 1"),
    # Parents' leave on the 3rd and the 30th.
    TimesheetChild("Сидорова Анна", _cells({3, 30}), 2, 2, 18, 18, "О — 2"),
)


def _data(**changes: Any) -> TimesheetData:
    values: dict[str, Any] = {
        "institution": INSTITUTION,
        "group_title": GROUP,
        "month": NOVEMBER,
        "made_on": date(2026, 11, 30),
        "number": "7",
        "working": WORKING,
        "children": CHILDREN,
        "head": "О. П. Смирнова",
        "teacher": "А. С. Попова",
        "covered_through": date(2026, 11, 30),
        "fee_rule": "оплате подлежат дни посещения",
    }
    return TimesheetData(**(values | changes))


def _column(day: int) -> int:
    return 4 + day  # №, name, account and rate come first


def _rendered(tmp_path: Path, data: TimesheetData | None = None) -> Any:
    out = tmp_path / "timesheet.xlsx"
    render_timesheet(data or _data(), out)
    with zipfile.ZipFile(out) as package:
        assert package.testzip() is None
    return openpyxl.load_workbook(out).active


def _row_of(ws: Any, text: str, column: int = 1) -> int:
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, column).value == text:
            return row
    raise AssertionError(f"«{text}» not found in column {column}")


def _values(ws: Any) -> list[object]:
    return [cell for row in ws.iter_rows(values_only=True) for cell in row if cell is not None]


# --- Timesheet ----------------------------------------------------------------------------------


def test_heading_has_the_title_the_codes_and_the_lines(tmp_path: Path) -> None:
    ws = _rendered(tmp_path)

    assert ws.title == "Табель"
    assert ws["A2"].value == "ТАБЕЛЬ №\u00a07 УЧЕТА ПОСЕЩАЕМОСТИ ДЕТЕЙ"
    assert ws["A3"].value == "за ноябрь 2026 г."
    codes = _column(30) + 4  # the last column: reasons
    assert [ws.cell(row, codes).value for row in (1, 2, 3)] == [
        "Коды",
        "0504608",
        datetime(2026, 11, 30),
    ]
    assert ws.cell(3, codes).number_format == "DD.MM.YYYY"
    assert [ws.cell(row, codes - 3).value for row in (2, 3, 4)] == [
        "Форма по ОКУД",
        "Дата",
        "по ОКПО",
    ]
    assert ws.cell(4, codes).value is None
    assert ws.cell(4, codes).border.left.style == "thin"  # the box is drawn
    assert [ws.cell(row, 1).value for row in range(4, 8)] == [
        f"Учреждение: {INSTITUTION}",
        f"Структурное подразделение: {GROUP}",
        "Вид расчета: родительская плата",
        "Единица измерения: день",
    ]


def test_header_of_the_table(tmp_path: Path) -> None:
    ws = _rendered(tmp_path)

    assert [ws.cell(9, c).value for c in range(1, 6)] == [
        "№ п/п",
        "Фамилия, имя ребенка",
        "Номер счета",
        "Плата по ставке",
        "Дни посещения",
    ]
    assert [ws.cell(10, _column(day)).value for day in range(1, 31)] == list(range(1, 31))
    after = _column(30)
    assert [ws.cell(9, after + i).value for i in (1, 3, 4)] == [
        "Пропущено дней",
        "Дни посещения, подлежащие оплате",
        "Причины непосещения (основание)",
    ]
    assert [ws.cell(10, after + i).value for i in (1, 2)] == ["всего", "в том числе засчитываемых"]
    assert ws.max_column == after + 4  # no 31st day in November
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert {"A9:A10", "B9:B10", "E9:AH9", "AI9:AJ9", "AK9:AK10", "AL9:AL10"} <= merged


def test_children_rows_mark_absences_days_off_and_days_before_enrolment(
    tmp_path: Path,
) -> None:
    ws = _rendered(tmp_path)
    after = _column(30)

    rows = {ws.cell(row, 2).value: row for row in (11, 12, 13)}
    assert list(rows) == ["Иванова Мария", "Петров Илья", "Сидорова Анна"]
    assert [ws.cell(row, 1).value for row in rows.values()] == [1, 2, 3]

    ivanova, petrov, _ = rows.values()
    marks = {day: ws.cell(ivanova, _column(day)).value for day in range(1, 31)}
    assert {day for day, mark in marks.items() if mark == "Н"} == {2, 9, 10}
    assert {day for day, mark in marks.items() if mark == "В"} == DAYS_OFF
    assert all(marks[day] is None for day in (3, 5, 30))  # attended: left empty
    assert ws.cell(ivanova, _column(4)).value == "В"  # 4 November, a public holiday

    petrov_marks = [ws.cell(petrov, _column(day)).value for day in range(1, 31)]
    assert petrov_marks[:15] == ["—"] * 15
    assert petrov_marks[17] == "Н"  # the 18th
    assert petrov_marks[15] is None and petrov_marks[20] == "В"

    totals = {
        name: [ws.cell(row, after + i).value for i in (1, 2, 3, 4)] for name, row in rows.items()
    }
    assert totals == {
        "Иванова Мария": [3, 2, 17, "Б — 2, Н — 1"],
        "Петров Илья": [1, 0, 10, "Н — 1"],
        "Сидорова Анна": [2, 2, 18, "О — 2"],
    }


def test_day_totals_count_children_absent_and_present_on_working_days(tmp_path: Path) -> None:
    ws = _rendered(tmp_path)
    absent_row = _row_of(ws, "Всего отсутствует детей")
    present_row = _row_of(ws, "Всего присутствует детей")
    assert (absent_row, present_row) == (14, 15)

    absent = {day: ws.cell(absent_row, _column(day)).value for day in range(1, 31)}
    present = {day: ws.cell(present_row, _column(day)).value for day in range(1, 31)}
    # Counted by hand from the marks above.
    assert [absent[d] for d in (2, 3, 5, 9, 10, 16, 18, 30)] == [1, 1, 0, 1, 1, 0, 1, 1]
    assert [present[d] for d in (2, 3, 5, 9, 10, 16, 18, 30)] == [1, 1, 2, 1, 1, 3, 2, 2]
    assert all(absent[day] is None and present[day] is None for day in DAYS_OFF)
    assert sum(v for v in absent.values() if v is not None) == 6
    assert sum(v for v in present.values() if v is not None) == 45

    after = _column(30)
    assert [ws.cell(absent_row, after + i).value for i in (1, 2, 3)] == [6, 4, None]
    assert [ws.cell(present_row, after + i).value for i in (1, 2, 3)] == [None, None, 45]


def test_day_counts_leave_days_off_blank() -> None:
    present, absent = day_counts(_data())

    assert len(present) == len(absent) == 30
    assert (present[0], absent[0]) == (None, None)
    assert (present[1], absent[1]) == (1, 1)
    assert (present[15], absent[15]) == (3, 0)


def test_signatures_and_date_follow_the_table(tmp_path: Path) -> None:
    ws = _rendered(tmp_path)
    values = _values(ws)

    for text in ("«30» ноября 2026 г.", "(должность)", "(подпись)", "(расшифровка подписи)"):
        assert text in values, text
    head = _row_of(ws, "Руководитель учреждения")
    teacher = _row_of(ws, "Ответственный исполнитель")
    assert head > _row_of(ws, "Всего присутствует детей")
    # Post, signature line and name: one the 0504608 form's order, on one line each.
    assert [v for v in _values_of_row(ws, head)] == [
        "Руководитель учреждения",
        "Заведующий",
        "О. П. Смирнова",
    ]
    assert [v for v in _values_of_row(ws, teacher)] == [
        "Ответственный исполнитель",
        "воспитатель",
        "А. С. Попова",
    ]
    assert [v for v in _values_of_row(ws, teacher + 1)] == [
        "(должность)",
        "(подпись)",
        "(расшифровка подписи)",
    ]


def _values_of_row(ws: Any, row: int) -> list[object]:
    return [c.value for c in ws[row] if c.value is not None]


def test_timesheet_is_set_up_for_printing(tmp_path: Path) -> None:
    ws = _rendered(tmp_path)

    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == "$9:$10"
    assert ws.cell(11, _column(2)).font.sz <= 9  # day cells in a small font
    assert ws.cell(11, _column(1)).fill.fgColor.rgb.endswith("E7E6E6")  # a day off, shaded
    assert ws.cell(11, _column(2)).border.left.style == "thin"
    assert ws.cell(9, 3).alignment.textRotation == 90


def test_without_a_number_and_a_calculation_line(tmp_path: Path) -> None:
    ws = _rendered(tmp_path, _data(number="", calculation=""))

    assert ws["A2"].value == "ТАБЕЛЬ №\u00a0_____ УЧЕТА ПОСЕЩАЕМОСТИ ДЕТЕЙ"
    assert "Вид расчета" not in " ".join(str(v) for v in _values(ws))
    assert ws["A6"].value == "Единица измерения: день"
    assert ws.print_title_rows == "$8:$9"
    assert ws.cell(10, 2).value == "Иванова Мария"


def test_a_group_without_children_has_zero_totals(tmp_path: Path) -> None:
    ws = _rendered(tmp_path, _data(children=()))

    present_row = _row_of(ws, "Всего присутствует детей")
    assert ws.cell(present_row, _column(2)).value == 0
    assert ws.cell(present_row, _column(30) + 3).value == 0


def test_text_is_escaped(tmp_path: Path) -> None:
    child = TimesheetChild("Ким <Ли> & Со", _cells(set()), 0, 0, 20, 20, "")
    ws = _rendered(tmp_path, _data(children=(child,), institution="Сад «A & B»"))

    assert ws.cell(11, 2).value == "Ким <Ли> & Со"
    assert ws["A4"].value == "Учреждение: Сад «A & B»"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"working": WORKING[:-1]}, "Календарь табеля на 29"),
        (
            {"children": (TimesheetChild("Иванова Мария", _cells(set())[:-1], 0, 0, 19, 19, ""),)},
            "29 отметок",
        ),
        (
            {
                "children": (
                    TimesheetChild("Иванова Мария", ("Н", *_cells(set())[1:]), 1, 0, 20, 20, ""),
                )
            },
            "1-го числа",
        ),
        (
            {"children": (TimesheetChild("Иванова Мария", _cells({2}), 2, 0, 19, 19, ""),)},
            "не сходятся",
        ),
        (
            {"children": (TimesheetChild("Иванова Мария", _cells({2}), 1, 2, 19, 19, ""),)},
            "засчитываемых пропусков 2 из 1",
        ),
    ],
)
def test_data_that_does_not_add_up_is_refused(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    out = tmp_path / "timesheet.xlsx"
    with pytest.raises(ValueError, match=message):
        render_timesheet(_data(**change), out)
    assert not out.exists()


def _big(month: date, children: int = 25) -> TimesheetData:
    days = calendar.monthrange(month.year, month.month)[1]
    working = tuple(date(month.year, month.month, d).weekday() < 5 for d in range(1, days + 1))
    rows = []
    for index in range(children):
        cells = tuple(
            ("Н" if (day + index) % 7 == 0 else "") if working[day - 1] else "В"
            for day in range(1, days + 1)
        )
        rows.append(
            TimesheetChild(
                f"Воспитанникова Александра {index + 1}",
                cells,
                cells.count("Н"),
                cells.count("Н") // 2,
                cells.count(""),
                cells.count(""),
                f"Б — {cells.count('Н') // 2}, Н — {cells.count('Н') - cells.count('Н') // 2}",
            )
        )
    last = date(month.year, month.month, days)
    return _data(month=month, working=working, children=tuple(rows), covered_through=last)


def test_a_hundred_full_timesheets_take_well_under_a_second_each(tmp_path: Path) -> None:
    sheets = [_big(date(2026, month, 1)) for month in (1, 3, 5, 7, 8, 10, 12)]  # 31 days
    render_timesheet(sheets[0], tmp_path / "warm.xlsx")  # the frame is made once per shape
    started = time.perf_counter()
    for index in range(100):
        render_timesheet(sheets[index % len(sheets)], tmp_path / f"t{index}.xlsx")
    per_file = (time.perf_counter() - started) / 100

    # Measured 4–6 ms a file; 1,200 took 7–9 s on two busy cores. Room for a slow machine.
    assert per_file < 0.05, f"{per_file * 1000:.1f} ms a file"
    ws = openpyxl.load_workbook(tmp_path / "t99.xlsx").active
    assert ws.cell(35, 2).value == "Воспитанникова Александра 25"


# --- Summary of the month -----------------------------------------------------------------------


def test_summary_has_a_line_per_group_and_the_total(tmp_path: Path) -> None:
    out = tmp_path / "summary.xlsx"
    rows = [
        SummaryRow("Ромашка", 20, 20, 340, 60, 30, 45),
        SummaryRow("Солнышко", 18, 20, 320, 40, 25, 30),
    ]
    render_timesheet_summary(INSTITUTION, NOVEMBER, rows, out)

    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "Сводные данные табелей учета посещаемости детей за ноябрь 2026 г."
    assert ws["A2"].value == INSTITUTION
    assert [c.value for c in ws[4]] == [
        "Группа",
        "Списочный состав",
        "Рабочих дней",
        "Дето-дни посещения",
        "Пропущено дней, всего",
        "из них по болезни",
        "из них засчитываемых",
        "Посещаемость, %",
        "Отметки",
    ]
    table = [[c.value for c in row] for row in ws.iter_rows(min_row=5, max_row=7)]
    assert table == [
        ["Ромашка", 20, 20, 340, 60, 30, 45, 85.0, "весь месяц"],
        ["Солнышко", 18, 20, 320, 40, 25, 30, 88.9, "весь месяц"],
        ["Итого по учреждению", 38, 20, 660, 100, 55, 75, 86.8, None],
    ]
    assert ws["A3"].value is None  # nothing preliminary
    assert ws["H5"].number_format == "0.0"
    assert ws["A7"].font.b and not ws["A5"].font.b
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$4:$4"


def test_summary_of_no_groups_has_a_zero_total(tmp_path: Path) -> None:
    out = tmp_path / "summary.xlsx"
    render_timesheet_summary(INSTITUTION, NOVEMBER, [], out)

    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[5]] == ["Итого по учреждению", 0, 0, 0, 0, 0, 0, 0.0, None]


# --- Indicators ---------------------------------------------------------------------------------

MONTHLY = [("сен 2026", 91.3), ("окт 2026", 88.4), ("ноя 2026", 85.0), ("дек 2026", 79.6)]


def _indicator(
    scope: str, headcount: float, attended: int, illness: int, other: int
) -> IndicatorRow:
    missed = illness + other
    return IndicatorRow(
        scope=scope,
        period="01.09.2026–31.12.2026",
        average_headcount=headcount,
        working_days=80,
        attended=attended,
        missed=missed,
        missed_illness=illness,
        illness_per_child=round(illness / headcount, 2),
        attendance_percent=round(100 * attended / (attended + missed), 1),
        line01=attended,
        line02=missed,
        line03=illness,
        line04=other,
        line05=80,
        line01_3plus=attended - 100,
        line02_3plus=missed - 10,
        line03_3plus=illness - 5,
        line04_3plus=other - 5,
    )


INDICATORS = [
    _indicator("Ромашка", 20.4, 1400, 150, 80),
    _indicator("Солнышко", 18.0, 1250, 120, 70),
    _indicator("Всего по учреждению", 38.4, 2650, 270, 150),
]


def _report(tmp_path: Path) -> Path:
    out = tmp_path / "indicators.xlsx"
    render_attendance_report(
        INSTITUTION, date(2026, 9, 1), date(2026, 12, 31), INDICATORS, MONTHLY, out
    )
    return out


def test_indicators_sheet_has_the_headers_and_values(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(_report(tmp_path))
    assert workbook.sheetnames == [INDICATOR_SHEET, CHART_SHEET]
    ws = workbook[INDICATOR_SHEET]

    assert ws["A1"].value == "Показатели посещаемости"
    assert ws["A3"].value == "за период с 01.09.2026 по 31.12.2026"
    assert [ws.cell(5, c).value for c in range(3, 10)] == [
        "Среднесписочный состав",
        "Рабочих дней",
        "Дето-дни посещения",
        "Дето-дни пропуска",
        "из них по болезни",
        "Пропущено по болезни на 1 ребёнка",
        "Посещаемость, %",
    ]
    assert ws["J5"].value == "Форма 85-К (разд. 2.3)"
    assert [ws.cell(6, c).value for c in (10, 12, 14, 16, 18)] == [
        "01 — Проведено дней в группах",
        "02 — Пропущено дней, всего",
        "03 — в том числе по болезни",
        "04 — по другим причинам",
        "05 — Число дней работы",
    ]
    assert [ws.cell(7, c).value for c in (10, 11)] == ["всего", "в т. ч. дети 3 лет и старше"]
    assert {"J5:R5", "J6:K6", "R6:R7", "A5:A7"} <= {str(m) for m in ws.merged_cells.ranges}

    assert [c.value for c in ws[10]] == [
        "Всего по учреждению",
        "01.09.2026–31.12.2026",
        38.4,
        80,
        2650,
        420,
        270,
        7.03,
        86.3,
        2650,
        2550,
        420,
        410,
        270,
        265,
        150,
        145,
        80,
    ]
    assert ws["A8"].value == "Ромашка" and ws["I8"].value == 85.9
    assert (ws["C8"].number_format, ws["H8"].number_format, ws["I8"].number_format) == (
        "0.0",
        "0.00",
        "0.0",
    )
    assert ws["A10"].font.b and not ws["A8"].font.b
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$5:$7"


def test_chart_sheet_has_a_native_chart_of_the_monthly_figures(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(_report(tmp_path))[CHART_SHEET]

    assert [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(1, 6)] == [
        ("Месяц", "Посещаемость, %"),
        *MONTHLY,
    ]
    assert ws["B2"].number_format == "0.0"
    assert len(ws._charts) == 1
    chart = ws._charts[0]
    assert chart.tagname == "barChart"
    (series,) = chart.series
    assert series.val.numRef.f == "'График'!$B$2:$B$5"
    assert series.cat.strRef.f == "'График'!$A$2:$A$5"
    assert series.tx.strRef.f == "'График'!B1"

    def text(title: Any) -> str:
        return " ".join(run.t for p in title.tx.rich.p for run in (p.r or []))

    assert text(chart.title).startswith("Посещаемость по месяцам, %")
    assert text(chart.x_axis.title) == "Месяц"
    assert text(chart.y_axis.title) == "Посещаемость, %"
    assert (chart.y_axis.scaling.min, chart.y_axis.scaling.max) == (0, 100)


def test_report_without_months_has_no_chart(tmp_path: Path) -> None:
    out = tmp_path / "indicators.xlsx"
    render_attendance_report(INSTITUTION, date(2026, 9, 1), date(2026, 9, 30), [], [], out)

    ws = openpyxl.load_workbook(out)[CHART_SHEET]
    assert ws._charts == []


def test_report_refuses_a_period_that_ends_before_it_starts(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="позже конца"):
        render_attendance_report(
            INSTITUTION, date(2026, 10, 1), date(2026, 9, 1), [], [], tmp_path / "x.xlsx"
        )


# --- LibreOffice --------------------------------------------------------------------------------


def _landscape_a4(pdf: Path) -> bool:
    width, height, paper = pdf_page_size(pdf)
    return paper == "A4" and width > height


@pytest.mark.soffice
def test_timesheet_and_report_print_one_page_wide(tmp_path: Path) -> None:
    timesheet, report = tmp_path / "timesheet.xlsx", _report(tmp_path)
    render_timesheet(_big(date(2026, 10, 1)), timesheet)
    pdfs = convert_to_pdf(tmp_path, timesheet, report)

    for pdf in pdfs:
        assert _landscape_a4(pdf), pdf.name
    pages = pdf_pages(pdfs[0])
    # One page wide: both ends of the table on every page, the codes box on the first.
    assert all("Фамилия, имя ребенка" in page and "Причины" in page for page in pages)
    assert "0504608" in pages[0]
    assert "Всего присутствует детей" in pages[-1]
    assert "Воспитанникова Александра 25" in " ".join(pages)
    report_pages = pdf_pages(pdfs[1])
    assert "Форма 85-К" in report_pages[0] and "Всего по учреждению" in report_pages[0]

    for pdf in pdfs:
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", str(pdf), str(pdf.with_suffix(""))],
            check=True,
            capture_output=True,
            timeout=60,
        )
    pngs = sorted((tmp_path / "pdf").glob("timesheet-*.png"))
    assert len(pngs) == len(pages)
    assert all(width > height for width, height in map(png_size, pngs))  # landscape


# --- Preliminary timesheets, the fee rule and the child's codes ---------------------------------


def _preliminary_data() -> TimesheetData:
    """Marked through the 13th: the later working days are neither attended nor missed."""

    def cells(absent: set[int]) -> tuple[str, ...]:
        return tuple(
            "В" if day in DAYS_OFF else ("·" if day > 13 else ("Н" if day in absent else ""))
            for day in range(1, 31)
        )

    children = (
        TimesheetChild(
            "Иванова Мария", cells({2, 9}), 2, 1, 7, 8, "Б — 1, Н — 1", "1002", "150,00"
        ),
        TimesheetChild("Сидорова Анна", cells(set()), 0, 0, 9, 9, "", "", "150,00"),
    )
    return _data(
        children=children,
        covered_through=date(2026, 11, 13),
        fee_rule="оплате подлежат дни посещения и дни пропусков без уважительной причины",
        okpo="12345678",
    )


def test_a_preliminary_timesheet_says_so_and_counts_only_the_days_covered(
    tmp_path: Path,
) -> None:
    ws = _rendered(tmp_path, _preliminary_data())

    assert ws["A7"].value == (
        "ПРЕДВАРИТЕЛЬНЫЙ: отметки по 13.11.2026, дни после этой даты не учтены"
    )
    assert ws["A8"].value == "Единица измерения: день"
    first = _row_of(ws, "Иванова Мария", column=2)
    # The 16th (a Monday) is not covered: a dot on hatching, not an attended day.
    pending = ws.cell(first, _column(16))
    assert pending.value == "·"
    assert pending.fill.fill_type == "lightUp"
    assert ws.cell(first, _column(13)).fill.fill_type is None
    assert ws.cell(first, _column(2)).value == "Н"
    absent_row = _row_of(ws, "Всего отсутствует детей")
    present_row = _row_of(ws, "Всего присутствует детей")
    assert ws.cell(present_row, _column(3)).value == 2
    assert ws.cell(present_row, _column(16)).value is None  # not covered: no count
    assert ws.cell(absent_row, _column(16)).value is None
    # Totals: missed, of them excused, payable (attended and the unexcused absence).
    after = _column(30)
    assert [ws.cell(first, after + i).value for i in (1, 2, 3)] == [2, 1, 8]
    assert ws.cell(present_row, after + 3).value == 17
    legend = ws.cell(_row_of(ws, "Всего присутствует детей") + 1, 1).value
    assert "Б — болезнь" in legend and "Н — без уважительной причины" in legend
    assert "«·» — дни, за которые отметок ещё нет: они не входят в итоги." in legend
    assert ws.cell(present_row + 2, 1).value == (
        "Дни, подлежащие оплате: оплате подлежат дни посещения и дни пропусков без уважительной "
        "причины (положение о родительской плате)."
    )


def test_a_timesheet_prints_the_accounts_the_rate_and_the_okpo_code(tmp_path: Path) -> None:
    ws = _rendered(tmp_path, _preliminary_data())

    first = _row_of(ws, "Иванова Мария", column=2)
    assert [ws.cell(first, c).value for c in (3, 4)] == ["1002", "150,00"]
    assert [ws.cell(first + 1, c).value for c in (3, 4)] == [None, "150,00"]
    assert ws.cell(4, _column(30) + 4).value == "12345678"


def test_a_full_month_has_no_preliminary_line_nor_hatching(tmp_path: Path) -> None:
    ws = _rendered(tmp_path)

    text = " ".join(str(v) for v in _values(ws))
    assert "ПРЕДВАРИТЕЛЬНЫЙ" not in text and "отметок ещё нет" not in text
    first = _row_of(ws, "Иванова Мария", column=2)
    assert all(ws.cell(first, _column(d)).fill.fill_type != "lightUp" for d in range(1, 31))


def test_cells_that_disagree_with_the_coverage_are_refused(tmp_path: Path) -> None:
    # Marked «attended» on the 16th although the sheet stops on the 13th.
    data = _preliminary_data()
    child = data.children[1]
    cells = tuple("" if day == 16 else c for day, c in enumerate(child.cells, 1))
    wrong = TimesheetChild(child.name, cells, 0, 0, 10, 10, "")
    with pytest.raises(ValueError, match="16-го числа"):
        render_timesheet(
            _data(children=(wrong,), covered_through=date(2026, 11, 13)), tmp_path / "t.xlsx"
        )
