"""Attendance indicators for a period (показатели посещаемости), as an Excel workbook.

Sheet «Показатели» holds a line per group and one for the whole institution: average
headcount, working days, child-days attended and missed (of them for illness), illness
per child, attendance %, and the lines 01–05 of form 85-К's old section 2.3, each for all
children and for children aged 3 and older. Sheet «График» holds the institution's
attendance % by month and a native Excel chart of it that refers to those cells, so the
chart follows if someone corrects a figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from sgo_model.office.files import atomic_output
from sgo_model.office.page import landscape_a4
from sgo_model.office.russian import short_date
from sgo_model.office.sheet_xml import set_value
from sgo_model.office.xlsx_charts import add_labelled_series, percent_columns
from sgo_model.office.xlsx_styles import BOX, CENTRE, FONT, GREY_FILL

__all__ = [
    "CHART_SHEET",
    "CHART_TITLE",
    "INDICATOR_COLUMNS",
    "INDICATOR_SHEET",
    "LINES_85K",
    "REPORT_TITLE",
    "TOTAL_SCOPE",
    "IndicatorRow",
    "render_attendance_report",
]

REPORT_TITLE = "Показатели посещаемости"
INDICATOR_SHEET = "Показатели"
CHART_SHEET = "График"
CHART_TITLE = "Посещаемость по месяцам, %"
TOTAL_SCOPE = "Всего по учреждению"
"""The scope of the institution's line, printed in bold."""


@dataclass(frozen=True)
class IndicatorRow:
    """A group's (or the institution's, scope «Всего по учреждению») indicators for a period.

    ``line01`` … ``line05`` are form 85-К's lines: 01 days spent in groups, 02 days missed
    = 03 (illness) + 04 (other reasons), 05 working days; ``*_3plus`` the same for
    children aged 3 and older.
    """

    scope: str
    period: str
    average_headcount: float
    working_days: int
    attended: int
    missed: int
    missed_illness: int
    illness_per_child: float
    attendance_percent: float
    line01: int
    line02: int
    line03: int
    line04: int
    line05: int
    line01_3plus: int
    line02_3plus: int
    line03_3plus: int
    line04_3plus: int


INDICATOR_COLUMNS: tuple[str, ...] = (
    "Группа",
    "Период",
    "Среднесписочный состав",
    "Рабочих дней",
    "Дето-дни посещения",
    "Дето-дни пропуска",
    "из них по болезни",
    "Пропущено по болезни на 1 ребёнка",
    "Посещаемость, %",
)
"""The indicator columns before the block of form 85-К."""

LINES_85K: tuple[tuple[str, str], ...] = (
    ("01", "Проведено дней в группах"),
    ("02", "Пропущено дней, всего"),
    ("03", "в том числе по болезни"),
    ("04", "по другим причинам"),
    ("05", "Число дней работы"),
)
"""The lines of form 85-К, section 2.3: code and name."""

BLOCK_85K = "Форма 85-К (разд. 2.3)"
ALL_CHILDREN = "всего"
CHILDREN_3PLUS = "в т. ч. дети 3 лет и старше"

_HEADER_ROW = 5  # three rows: the columns, the lines of 85-К, «всего» / «3 лет и старше»
_FIRST_ROW = _HEADER_ROW + 3
_WIDTHS = (26, 21, 14, 9, 11, 11, 11, 12, 13) + (10,) * 9
_FORMATS = ("@", "@", "0.0", "0", "0", "0", "0", "0.00", "0.0") + ("0",) * 9


def _values(row: IndicatorRow) -> tuple[str | int | float, ...]:
    return (
        row.scope,
        row.period,
        row.average_headcount,
        row.working_days,
        row.attended,
        row.missed,
        row.missed_illness,
        row.illness_per_child,
        row.attendance_percent,
        row.line01,
        row.line01_3plus,
        row.line02,
        row.line02_3plus,
        row.line03,
        row.line03_3plus,
        row.line04,
        row.line04_3plus,
        row.line05,
    )


def render_attendance_report(
    institution: str,
    first: date,
    last: date,
    rows: Sequence[IndicatorRow],
    monthly: Sequence[tuple[str, float]],
    out: Path,
    notes: Sequence[str] = (),
) -> None:
    """Write the indicators for ``first`` … ``last`` as an Excel workbook ``out``.

    ``rows`` are printed in order (the institution's line usually last); ``monthly`` is the
    institution's attendance % by month, as («сен 2026», 91.3), for the chart; ``notes``
    (what the figures leave out) are printed under the table.
    """
    if first > last:
        raise ValueError(f"Начало периода {short_date(first)} позже конца {short_date(last)}")
    workbook = Workbook()
    _indicators(workbook.active, institution, first, last, rows, notes)
    _chart(workbook.create_sheet(CHART_SHEET), institution, monthly)
    workbook.properties.title = f"{REPORT_TITLE}: {institution}"
    workbook.properties.creator = "sgo"
    with atomic_output(out) as tmp:
        workbook.save(tmp)


def _indicators(
    ws: Any,
    institution: str,
    first: date,
    last: date,
    rows: Sequence[IndicatorRow],
    notes: Sequence[str],
) -> None:
    ws.title = INDICATOR_SHEET
    columns = len(INDICATOR_COLUMNS) + 2 * len(LINES_85K) - 1
    end = get_column_letter(columns)
    for row, text, size, bold in (
        (1, REPORT_TITLE, 14, True),
        (2, institution, 11, False),
        (3, f"за период с {short_date(first)} по {short_date(last)}", 11, False),
    ):
        ws.merge_cells(f"A{row}:{end}{row}")
        cell = ws.cell(row, 1)
        set_value(cell, text)
        cell.font = Font(name=FONT, size=size, bold=bold)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    ws.row_dimensions[2].height = 30 if len(institution) > 120 else 15

    head, lines_row, kinds_row = _HEADER_ROW, _HEADER_ROW + 1, _HEADER_ROW + 2
    for index, title in enumerate(INDICATOR_COLUMNS, start=1):
        _head(ws, head, index, kinds_row, index, title)
    block = len(INDICATOR_COLUMNS) + 1
    _head(ws, head, block, head, columns, BLOCK_85K)
    for offset, (code, name) in enumerate(LINES_85K):
        column = block + 2 * offset
        if code == "05":  # the working days are the same for the children of 3 and older
            _head(ws, lines_row, column, kinds_row, column, f"{code} — {name}")
            continue
        _head(ws, lines_row, column, lines_row, column + 1, f"{code} — {name}")
        _head(ws, kinds_row, column, kinds_row, column, ALL_CHILDREN)
        _head(ws, kinds_row, column + 1, kinds_row, column + 1, CHILDREN_3PLUS)
    for row, height in ((head, 18), (lines_row, 30), (kinds_row, 42)):
        ws.row_dimensions[row].height = height

    for offset, line in enumerate(rows):
        bold = line.scope == TOTAL_SCOPE
        for column, value in enumerate(_values(line), start=1):
            cell = ws.cell(_FIRST_ROW + offset, column)
            set_value(cell, value)
            cell.number_format = _FORMATS[column - 1]
            cell.border = BOX
            cell.font = Font(name=FONT, size=11, bold=bold)
            cell.alignment = (
                Alignment(vertical="center", wrap_text=True)
                if column <= 2
                else Alignment(horizontal="center", vertical="center")
            )
    below = _FIRST_ROW + len(rows) + 1
    for offset, note in enumerate(notes):
        row = below + offset
        ws.merge_cells(f"A{row}:{end}{row}")
        cell = ws.cell(row, 1)
        set_value(cell, note)
        cell.font = Font(name=FONT, size=10, bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        # A merged cell does not grow to its text: about 250 characters fit on a line.
        ws.row_dimensions[row].height = 14 * (1 + len(note) // 250)
    for index, width in enumerate(_WIDTHS[:columns], start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"B{_FIRST_ROW}"
    ws.print_title_rows = f"{head}:{kinds_row}"
    _print_setup(ws)


def _head(ws: Any, top: int, left: int, bottom: int, right: int, title: str) -> None:
    if (top, left) != (bottom, right):
        ws.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
    for row in range(top, bottom + 1):
        for column in range(left, right + 1):
            cell = ws.cell(row, column)
            cell.border = BOX
            cell.fill = GREY_FILL
            cell.font = Font(name=FONT, size=10, bold=True)
            cell.alignment = CENTRE
    if title:
        ws.cell(top, left, title)


def _print_setup(ws: Any) -> None:
    landscape_a4(ws, left=0.4, right=0.4, top=0.6, bottom=0.6)


def _chart(ws: Any, institution: str, monthly: Sequence[tuple[str, float]]) -> None:
    head_font = Font(name=FONT, size=11, bold=True)
    for column, title in enumerate(("Месяц", "Посещаемость, %"), start=1):
        cell = ws.cell(1, column, title)
        cell.font = head_font
        cell.border = BOX
        cell.fill = GREY_FILL
        cell.alignment = CENTRE
    for offset, (month, percent) in enumerate(monthly, start=2):
        label = ws.cell(offset, 1)
        set_value(label, month)
        value = ws.cell(offset, 2, percent)
        value.number_format = "0.0"
        for cell in (label, value):
            cell.font = Font(name=FONT, size=11)
            cell.border = BOX
        value.alignment = Alignment(horizontal="center")
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 16
    ws.row_dimensions[1].height = 30
    _print_setup(ws)
    if not monthly:
        return

    last_row = len(monthly) + 1
    title = f"{CHART_TITLE}\n{institution}" if institution else CHART_TITLE
    chart = percent_columns(title, "Посещаемость, %", 10)
    chart.x_axis.title = "Месяц"
    chart.y_axis.number_format = "0"
    chart.legend = None
    add_labelled_series(
        chart,
        Reference(ws, min_col=2, min_row=1, max_row=last_row),
        f"'{ws.title}'!$A$2:$A${last_row}",
        "0.0",
    )
    chart.width, chart.height = 24.0, 12.0  # cm
    ws.add_chart(chart, "D2")
