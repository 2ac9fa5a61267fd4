"""The institution's summary of a month's timesheets: a line per group and the total."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.utils import get_column_letter

from sgo_model.office.files import atomic_output
from sgo_model.office.page import landscape_a4
from sgo_model.office.russian import month_year
from sgo_model.office.sheet_xml import set_value
from sgo_model.office.xlsx_styles import BOX, CENTRE, FONT, GREY_FILL, register_styles

SUMMARY_TITLE = "Сводные данные табелей учета посещаемости детей"

SUMMARY_COLUMNS: tuple[str, ...] = (
    "Группа",
    "Списочный состав",
    "Рабочих дней",
    "Дето-дни посещения",
    "Пропущено дней, всего",
    "из них по болезни",
    "из них засчитываемых",
    "Посещаемость, %",
    "Отметки",
)
"""The summary's columns, in order."""


@dataclass(frozen=True)
class SummaryRow:
    """A group's line in the summary of a month's timesheets (figures in child-days)."""

    group: str
    headcount: int
    working_days: int
    attended: int
    missed: int
    missed_illness: int
    missed_excused: int
    coverage: str = "весь месяц"
    """The days the group's sheet covers: «весь месяц», «по 15.10», «нет отметок»."""
    preliminary: bool = False

    @property
    def attendance_percent(self) -> float:
        """Child-days attended out of those the children were expected, one decimal."""
        expected = self.attended + self.missed
        return round(100 * self.attended / expected, 1) if expected else 0.0


def _summary_total(rows: Sequence[SummaryRow]) -> SummaryRow:
    return SummaryRow(
        group="Итого по учреждению",
        headcount=sum(row.headcount for row in rows),
        # Groups work by one calendar; a group that opened later has fewer days.
        working_days=max((row.working_days for row in rows), default=0),
        attended=sum(row.attended for row in rows),
        missed=sum(row.missed for row in rows),
        missed_illness=sum(row.missed_illness for row in rows),
        missed_excused=sum(row.missed_excused for row in rows),
        coverage="",
        preliminary=any(row.preliminary for row in rows),
    )


PRELIMINARY_NOTE = (
    "Данные предварительные: листы посещаемости некоторых групп охватывают не весь месяц "
    "(столбец «Отметки»); дни после указанной даты не учтены ни как посещения, ни как пропуски."
)

_SUMMARY_WIDTHS = (40, 12, 10, 12, 12, 12, 13, 13, 13)
_SUMMARY_HEADER_ROW = 4


def render_timesheet_summary(
    institution: str, month: date, rows: Sequence[SummaryRow], out: Path
) -> None:
    """Write the institution's summary of the month's timesheets, a line per group and the
    total, as an Excel workbook ``out``.

    Attendance % is child-days attended out of child-days attended and missed.
    """
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Свод"
    styles = {style.name: f"sum_{style.name}" for style in _summary_styles()}
    register_styles(workbook, "sum_", _summary_styles())
    last = get_column_letter(len(SUMMARY_COLUMNS))
    ws.merge_cells(f"A1:{last}1")
    ws.merge_cells(f"A2:{last}2")
    set_value(ws["A1"], f"{SUMMARY_TITLE} за {month_year(month)}")
    ws["A1"].style = styles["title"]
    set_value(ws["A2"], institution)
    ws["A2"].style = styles["subtitle"]
    if any(row.preliminary for row in rows):
        ws.merge_cells(f"A3:{last}3")
        set_value(ws["A3"], PRELIMINARY_NOTE)
        ws["A3"].style = styles["note"]
        ws.row_dimensions[3].height = 28
    ws.row_dimensions[_SUMMARY_HEADER_ROW].height = 30
    for index, (title, width) in enumerate(zip(SUMMARY_COLUMNS, _SUMMARY_WIDTHS, strict=True), 1):
        ws.column_dimensions[get_column_letter(index)].width = width
        cell = ws.cell(_SUMMARY_HEADER_ROW, index, title)
        cell.style = styles["head"]
    lines = [*rows, _summary_total(rows)]
    for offset, line in enumerate(lines, start=1):
        values = (
            line.group,
            line.headcount,
            line.working_days,
            line.attended,
            line.missed,
            line.missed_illness,
            line.missed_excused,
            line.attendance_percent,
            line.coverage,
        )
        for index, value in enumerate(values, start=1):
            cell = ws.cell(_SUMMARY_HEADER_ROW + offset, index)
            set_value(cell, value)
            kind = "text" if index in (1, 9) else "pct" if index == 8 else "int"
            cell.style = styles[f"{kind}_total" if offset == len(lines) else kind]
    ws.print_title_rows = f"{_SUMMARY_HEADER_ROW}:{_SUMMARY_HEADER_ROW}"
    ws.freeze_panes = f"B{_SUMMARY_HEADER_ROW + 1}"
    landscape_a4(ws, left=0.5, right=0.5, top=0.6, bottom=0.6)
    workbook.properties.title = f"{SUMMARY_TITLE} за {month_year(month)}"
    workbook.properties.creator = "sgo"
    with atomic_output(out) as tmp:
        workbook.save(tmp)


def _summary_styles() -> list[NamedStyle]:
    cell_font, bold = Font(name=FONT, size=11), Font(name=FONT, size=11, bold=True)
    centred = Alignment(horizontal="center", vertical="center")
    cells = []
    for suffix, font in (("", cell_font), ("_total", bold)):
        cells += [
            NamedStyle(
                f"text{suffix}",
                font=font,
                border=BOX,
                alignment=Alignment(vertical="center", wrap_text=True),
            ),
            NamedStyle(f"int{suffix}", font=font, border=BOX, alignment=centred, number_format="0"),
            NamedStyle(
                f"pct{suffix}", font=font, border=BOX, alignment=centred, number_format="0.0"
            ),
        ]
    return [
        NamedStyle(
            "title",
            font=Font(name=FONT, size=13, bold=True),
            alignment=Alignment(horizontal="center"),
        ),
        NamedStyle("subtitle", font=cell_font, alignment=Alignment(horizontal="center")),
        NamedStyle(
            "note",
            font=Font(name=FONT, size=10, bold=True),
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        ),
        NamedStyle(
            "head",
            font=Font(name=FONT, size=10, bold=True),
            border=BOX,
            fill=GREY_FILL,
            alignment=CENTRE,
        ),
        *cells,
    ]
