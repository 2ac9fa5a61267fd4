"""The movement book as an Excel workbook: the whole book, ready to print (landscape A4).

The workbook's frame is streamed by openpyxl (write-only mode, styles shared by name); the
entries' rows are written as sheet XML by the kernel's cell writer.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

from sgo_model.movement.documents.book import (
    BOOK_COLUMNS,
    BOOK_TITLE,
    FONT,
    GREY,
    BookEntry,
    book_row,
)
from sgo_model.office import sheet_xml
from sgo_model.office.page import landscape_a4

__all__ = ["write_book_xlsx"]

# Widths in characters of the default font.
_XLSX_WIDTHS = (5, 20, 11, 22, 26, 18, 14, 11, 18, 16, 14)
_HEADER_ROW = 3


def write_book_xlsx(institution: str, entries: Sequence[BookEntry], out: Path) -> None:
    """Write the whole book as an Excel workbook ``out``, ready to print (landscape A4)."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("Книга движения")
    _register_styles(workbook)
    last_column = get_column_letter(len(BOOK_COLUMNS))
    last_row = _HEADER_ROW + len(entries)

    # A streamed sheet takes its layout before the first row.
    for index, width in enumerate(_XLSX_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"A{_HEADER_ROW + 1}"
    ws.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    ws.auto_filter.ref = f"A{_HEADER_ROW}:{last_column}{last_row}"
    landscape_a4(ws, left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.merged_cells.add(f"A1:{last_column}1")
    ws.merged_cells.add(f"A2:{last_column}2")
    ws.row_dimensions[1].height = 21
    ws.row_dimensions[2].height = _row_height([institution], (sum(_XLSX_WIDTHS),))
    ws.row_dimensions[_HEADER_ROW].height = _row_height(BOOK_COLUMNS, _XLSX_WIDTHS, bold=True)

    ws.append([_cell(ws, BOOK_TITLE, "book_title")])
    ws.append([_cell(ws, institution, "book_institution")])
    ws.append([_cell(ws, title, "book_header") for title in BOOK_COLUMNS])
    styles = {name: _cell(ws, None, name).style_id for name in _ROW_STYLES}
    workbook.properties.title = BOOK_TITLE
    workbook.properties.creator = "sgo"
    skeleton = io.BytesIO()
    workbook.save(skeleton)
    # openpyxl spends some 25 µs on each cell it writes (10,000 entries took over 5 s), so
    # the entries' rows are written as sheet XML here and put into its skeleton.
    rows = _sheet_rows(entries, styles)
    sheet_xml.write_package(skeleton.getvalue(), {ws.path.lstrip("/"): rows}, out)


def _cell(ws: Any, value: object, style: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws)
    sheet_xml.set_value(cell, value)
    cell.style = style
    return cell


def _register_styles(workbook: Workbook) -> None:
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(vertical="top", wrap_text=True)
    centred = Alignment(horizontal="center", vertical="top", wrap_text=True)
    styles = [
        NamedStyle(
            "book_title",
            font=Font(name=FONT, size=14, bold=True),
            alignment=Alignment(horizontal="center"),
        ),
        NamedStyle(
            "book_institution",
            font=Font(name=FONT, size=12),
            alignment=Alignment(horizontal="center", wrap_text=True),
        ),
        NamedStyle(
            "book_header",
            font=Font(name=FONT, size=11, bold=True),
            border=box,
            fill=PatternFill("solid", fgColor="E7E6E6"),
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        ),
    ]
    for suffix, font in (
        ("", Font(name=FONT, size=11)),
        ("_unsigned", Font(name=FONT, size=11, italic=True, color=GREY)),
    ):
        styles += [
            NamedStyle(f"book_text{suffix}", font=font, border=box, alignment=wrap),
            NamedStyle(f"book_centred{suffix}", font=font, border=box, alignment=centred),
            NamedStyle(
                f"book_date{suffix}",
                font=font,
                border=box,
                alignment=centred,
                number_format="DD.MM.YYYY",
            ),
        ]
    for style in styles:
        workbook.add_named_style(style)


_ROW_KINDS = ("text", "centred", "date")
_ROW_STYLES = tuple(f"book_{kind}{suffix}" for suffix in ("", "_unsigned") for kind in _ROW_KINDS)


def _sheet_rows(entries: Sequence[BookEntry], styles: dict[str, int]) -> Iterator[str]:
    """``<row>`` elements of the entries, from the row after the header on."""
    columns = [get_column_letter(index) for index in range(1, len(BOOK_COLUMNS) + 1)]
    for offset, entry in enumerate(entries, start=1):
        r = _HEADER_ROW + offset
        suffix = "_unsigned" if entry.unsigned else ""
        text, centred, day = (styles[f"book_{kind}{suffix}"] for kind in _ROW_KINDS)
        row = book_row(entry)
        cells = [
            sheet_xml.cell(f"A{r}", centred, entry.number),
            sheet_xml.cell(f"B{r}", text, row[1]),
            sheet_xml.cell(f"C{r}", day, entry.birth_date),
        ]
        cells += (
            sheet_xml.cell(f"{column}{r}", text, value)
            for column, value in zip(columns[3:], row[3:], strict=True)
        )
        yield sheet_xml.row(r, cells, _row_height(row, _XLSX_WIDTHS))


# Neither Excel nor LibreOffice reliably fits the height of a row with wrapped text when
# opening a file (LibreOffice prints such rows one line high), so the writer sets each
# row's height from an estimate of its lines: a column N units wide holds about N
# characters of Times New Roman 11 pt (measured in LibreOffice: 1.2), fewer in bold.
_LINE_POINTS = 13.0
_PADDING_POINTS = 2.0


def _row_height(texts: Sequence[str], widths: Sequence[float], *, bold: bool = False) -> float:
    lines = 1
    for text, width in zip(texts, widths, strict=True):
        per_line = max(1, int(width * (1.0 if bold else 1.1)))
        lines = max(lines, sum(max(1, -(-len(part) // per_line)) for part in text.split("\n")))
    return round(lines * _LINE_POINTS + _PADDING_POINTS, 1)
