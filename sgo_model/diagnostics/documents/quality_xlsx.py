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
from openpyxl.styles import Alignment, Font

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


def write_quality_xlsx(
    institution: str,
    first: date,
    last: date,
    summary: Sequence[str],
    sheets: Sequence[QualitySheet],
    out: Path,
) -> None:
    """Write the workbook: the summary sheet, then each table on a sheet of its own."""
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = "Сводка"
    ws.cell(1, 1, QUALITY_TITLE).font = Font(name=FONT, size=13, bold=True)
    ws.cell(2, 1, institution).font = Font(name=FONT, size=11)
    ws.cell(3, 1, f"с {first:%d.%m.%Y} по {last:%d.%m.%Y}").font = Font(name=FONT, size=11)
    for row, line in enumerate(summary, start=5):
        cell = ws.cell(row, 1, line)
        cell.font = Font(name=FONT, size=11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 120
    landscape_a4(ws, left=0.6, right=0.6, top=0.6, bottom=0.6)
    for sheet in sheets:
        _table(workbook.create_sheet(sheet.name), sheet)
    with atomic_output(out) as tmp:
        workbook.save(tmp)


def _table(ws: Any, sheet: QualitySheet) -> None:
    for column, (head, width) in enumerate(zip(sheet.heads, sheet.widths, strict=True), start=1):
        cell = ws.cell(1, column, head)
        cell.font = Font(name=FONT, size=10, bold=True)
        cell.fill = GREY_FILL
        cell.border = BOX
        cell.alignment = CENTRE
        ws.column_dimensions[cell.column_letter].width = width
    ws.row_dimensions[1].height = 30
    for index, values in enumerate(sheet.rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = ws.cell(index, column, value)
            cell.font = Font(name=FONT, size=10)
            cell.border = BOX
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(value, date):
                cell.number_format = "DD.MM.YYYY"
    if not sheet.rows:
        ws.cell(2, 1, "Нет").font = Font(name=FONT, size=10, italic=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = (
        f"A1:{ws.cell(1, len(sheet.heads)).column_letter}{max(len(sheet.rows) + 1, 1)}"
    )
    ws.print_title_rows = "1:1"
    landscape_a4(ws, left=0.5, right=0.5, top=0.6, bottom=0.6)
