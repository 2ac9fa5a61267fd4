"""The data-quality workbook: a summary, then what is owed (attendance sheets, diagnostics)
with due dates and lateness, each submitter's refused files and their usual reasons, and the
orders waiting for a signature."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.utils import get_column_letter

from sgo_model.office.files import atomic_output
from sgo_model.office.page import landscape_a4
from sgo_model.office.xlsx_styles import BOX, CENTRE, FONT, GREY_FILL

QUALITY_TITLE = "Качество данных: полнота, качество, оперативность"
STATES = {
    "missing": "не сдан",
    "pending": "срок не наступил",
    "late": "сдан с опозданием",
    "on_time": "сдан в срок",
}

Row = Sequence[object]


@dataclass(frozen=True)
class QualitySheet:
    """A table of the workbook: its name, column heads and widths, rows."""

    name: str
    heads: Sequence[str]
    widths: Sequence[int]
    rows: Sequence[Row]


_WRAPPED = Alignment(vertical="top", wrap_text=True)
# Named styles, registered once per workbook: a cell then takes its style by name instead
# of hashing a font, an alignment and a border of its own (thousands of cells per pass).
_STYLES = (
    NamedStyle("quality_title", font=Font(name=FONT, size=13, bold=True), alignment=_WRAPPED),
    NamedStyle("quality_text", font=Font(name=FONT, size=11), alignment=_WRAPPED),
    NamedStyle(
        "quality_head",
        font=Font(name=FONT, size=10, bold=True),
        alignment=CENTRE,
        border=BOX,
        fill=GREY_FILL,
    ),
    NamedStyle("quality_cell", font=Font(name=FONT, size=10), alignment=_WRAPPED, border=BOX),
    NamedStyle(
        "quality_date",
        font=Font(name=FONT, size=10),
        alignment=_WRAPPED,
        border=BOX,
        number_format="DD.MM.YYYY",
    ),
    NamedStyle("quality_none", font=Font(name=FONT, size=10, italic=True), alignment=_WRAPPED),
)


def write_quality_xlsx(
    institution: str,
    first: date,
    last: date,
    summary: Sequence[str],
    sheets: Sequence[QualitySheet],
    out: Path,
) -> None:
    """Write the workbook: the summary sheet, then each table on a sheet of its own."""
    # Written row by row (openpyxl's write-only mode): the watch is rewritten after every
    # intake pass, and a municipality's tables run to thousands of rows.
    workbook = Workbook(write_only=True)
    for style in _STYLES:
        workbook.add_named_style(style)
    ws = workbook.create_sheet("Сводка")
    ws.column_dimensions["A"].width = 95
    landscape_a4(ws, left=0.6, right=0.6, top=0.6, bottom=0.6)
    lines = [
        (QUALITY_TITLE, "quality_title"),
        (institution, "quality_text"),
        (f"с {first:%d.%m.%Y} по {last:%d.%m.%Y}", "quality_text"),
        ("", "quality_text"),
        *((line, "quality_text") for line in summary),
    ]
    for row, (text, style) in enumerate(lines, start=1):
        # A wrapped cell does not grow its row by itself: about 105 characters of 11 pt
        # Times fit the column's 95 width units.
        ws.row_dimensions[row].height = 16.0 * max(1, -(-len(text) // 105))
        ws.append([_cell(ws, text, style)])
    for sheet in sheets:
        _table(workbook.create_sheet(sheet.name), sheet)
    with atomic_output(out) as tmp:
        workbook.save(tmp)


def _cell(ws: Any, value: object, style: str) -> Any:
    cell = WriteOnlyCell(ws, value)
    cell.style = style
    return cell


def _table(ws: Any, sheet: QualitySheet) -> None:
    for column, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = "A2"
    last = get_column_letter(len(sheet.heads))
    ws.auto_filter.ref = f"A1:{last}{max(len(sheet.rows) + 1, 1)}"
    ws.print_title_rows = "1:1"
    landscape_a4(ws, left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.row_dimensions[1].height = 30
    ws.append([_cell(ws, head, "quality_head") for head in sheet.heads])
    for values in sheet.rows:
        ws.append(
            [
                _cell(ws, value, "quality_date" if isinstance(value, date) else "quality_cell")
                for value in values
            ]
        )
    if not sheet.rows:
        ws.append([_cell(ws, "Нет", "quality_none")])
