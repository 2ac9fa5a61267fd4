"""The movement book (книга учёта движения воспитанников): Excel for the whole book, Word
for the pages of a period.

The book is cumulative across years, so it grows to thousands of rows; both writers are
built for that. The workbook is streamed (openpyxl write-only mode, styles shared by name)
and the Word table's rows are generated as XML text and attached in one parse instead of
being built cell by cell with python-docx, which is far slower for thousands of cells.

An entry whose order is not signed yet stays in the book but is marked: its note says
«приказ не подписан» and the whole row is printed in grey italics.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

from sgo_model.office import sheet_xml
from sgo_model.office.files import atomic_output
from sgo_model.office.page import landscape_a4
from sgo_model.office.russian import short_date

__all__ = [
    "BOOK_COLUMNS",
    "BOOK_TITLE",
    "UNSIGNED_NOTE",
    "BookEntry",
    "book_row",
    "entries_in_period",
    "write_book_docx",
    "write_book_xlsx",
]

BOOK_TITLE = "Книга учёта движения воспитанников"
UNSIGNED_NOTE = "приказ не подписан"
BOOK_COLUMNS: tuple[str, ...] = (
    "№ п/п",
    "ФИО ребёнка",
    "Дата рождения",
    "Домашний адрес",
    "ФИО родителей (законных представителей), телефон",
    "Дата зачисления, № и дата приказа",
    "Откуда прибыл",
    "Группа",
    "Дата отчисления, № и дата приказа",
    "Куда выбыл / причина",
    "Примечание",
)
"""The book's columns, in order, as printed in its header."""

FONT = "Times New Roman"
# Excel widths in characters of the default font; Word widths in cm (sum: the 26.7 cm
# between the margins of a landscape A4 page).
_XLSX_WIDTHS = (5, 20, 11, 22, 26, 18, 14, 11, 18, 16, 14)
_DOCX_WIDTHS = (0.9, 2.8, 2.3, 2.9, 3.3, 2.8, 2.2, 1.9, 2.8, 2.4, 2.4)
_CENTRED = (0, 2)  # № and the date of birth
_HEADER_ROW = 3
_GREY = "7F7F7F"


@dataclass(frozen=True)
class BookEntry:
    """One line of the movement book: a child's stay in the institution.

    ``enrol_order`` and ``withdraw_order`` read like «№ 12-д от 01.09.2026» (empty when
    there is none yet); ``unsigned`` is true while an order of the entry is not signed.
    """

    number: int
    pupil: str
    birth_date: date
    address: str
    guardians: str
    enrolled_on: date | None
    enrol_order: str
    arrived_from: str
    group: str
    withdrawn_on: date | None
    withdraw_order: str
    destination: str
    note: str
    unsigned: bool


def book_row(entry: BookEntry) -> tuple[str, ...]:
    """The entry's eleven cells as printed text, in the order of :data:`BOOK_COLUMNS`."""
    return (
        str(entry.number),
        entry.pupil,
        short_date(entry.birth_date),
        entry.address,
        entry.guardians,
        _event(entry.enrolled_on, entry.enrol_order),
        entry.arrived_from,
        entry.group,
        _event(entry.withdrawn_on, entry.withdraw_order),
        entry.destination,
        _note(entry),
    )


def entries_in_period(entries: Sequence[BookEntry], period: tuple[date, date]) -> list[BookEntry]:
    """The entries enrolled or withdrawn between the period's first and last day inclusive."""
    first, last = period
    if first > last:
        raise ValueError(f"Начало периода {short_date(first)} позже конца {short_date(last)}")
    return [
        entry
        for entry in entries
        if any(
            moment is not None and first <= moment <= last
            for moment in (entry.enrolled_on, entry.withdrawn_on)
        )
    ]


def _event(on: date | None, order: str) -> str:
    # Accept «приказ № 12-д от …» as well as the documented «№ 12-д от …».
    if order and not order.lower().startswith("приказ"):
        order = f"приказ {order}"
    if on is None:
        return order
    return f"{short_date(on)}, {order}" if order else short_date(on)


def _note(entry: BookEntry) -> str:
    if not entry.unsigned or UNSIGNED_NOTE in entry.note:
        return entry.note
    return f"{entry.note}; {UNSIGNED_NOTE}" if entry.note else UNSIGNED_NOTE


# --- Excel ----------------------------------------------------------------------------------


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
    rows = "".join(_sheet_rows(entries, styles))
    sheet_xml.write_package(skeleton.getvalue(), {ws.path.lstrip("/"): rows}, out)


def _cell(ws: Any, value: object, style: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
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
        ("_unsigned", Font(name=FONT, size=11, italic=True, color=_GREY)),
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


# --- Word -------------------------------------------------------------------------------------


def write_book_docx(
    institution: str,
    entries: Sequence[BookEntry],
    period: tuple[date, date] | None,
    out: Path,
) -> None:
    """Write the book's pages as a landscape A4 Word document ``out``.

    With a ``period``, only the entries enrolled or withdrawn in it are printed (their
    running numbers kept); without one, the whole book.
    """
    chosen = list(entries) if period is None else entries_in_period(entries, period)
    document = Document()
    _set_up_book_document(document)
    _centred(document, BOOK_TITLE, size=14, bold=True)
    _centred(document, institution, size=12)
    if period is not None:
        first, last = period
        _centred(document, f"за период с {short_date(first)} по {short_date(last)}", size=12)
    document.add_paragraph().paragraph_format.space_after = Pt(6)

    table = document.add_table(rows=1, cols=len(BOOK_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    header = table.rows[0]
    row_properties = header._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):  # schema order
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        row_properties.append(element)
    for index, (title, width) in enumerate(zip(BOOK_COLUMNS, _DOCX_WIDTHS, strict=True)):
        table.columns[index].width = Cm(width)
        cell = header.cells[index]
        cell.width = Cm(width)
        shading = OxmlElement("w:shd")
        for name, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", "E7E6E6")):
            shading.set(qn(name), value)
        cell._tc.get_or_add_tcPr().append(shading)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(title).bold = True

    rows = "".join(_rows_xml(chosen))
    if rows:
        parsed = parse_xml(f"<w:tbl {nsdecls('w')}>{rows}</w:tbl>")
        table._tbl.extend(list(parsed))
    else:
        _centred(document, "За период записей нет.", size=12)

    properties = document.core_properties
    properties.title = BOOK_TITLE
    properties.author = "sgo"
    properties.language = "ru-RU"
    with atomic_output(out) as tmp:
        document.save(str(tmp))


def _set_up_book_document(document: WordDocument) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.5)
    section.left_margin, section.right_margin = Cm(2), Cm(1)


def _centred(document: WordDocument, text: str, *, size: float, bold: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


_TWIPS_PER_CM = 1440 / 2.54
_CELL_WIDTHS = tuple(round(width * _TWIPS_PER_CM) for width in _DOCX_WIDTHS)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
_UNSIGNED_RUN = f'<w:rPr><w:i/><w:color w:val="{_GREY}"/></w:rPr>'
_CENTRE = '<w:pPr><w:jc w:val="center"/></w:pPr>'


def _rows_xml(entries: Sequence[BookEntry]) -> Iterator[str]:
    """``<w:tr>`` elements of the entries, as text in the main namespace's prefix ``w``."""
    for entry in entries:
        run_properties = _UNSIGNED_RUN if entry.unsigned else ""
        cells = []
        for index, value in enumerate(book_row(entry)):
            alignment = _CENTRE if index in _CENTRED else ""
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{_CELL_WIDTHS[index]}" w:type="dxa"/></w:tcPr>'
                f"<w:p>{alignment}{_run_xml(value, run_properties)}</w:p></w:tc>"
            )
        yield f'<w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr>{"".join(cells)}</w:tr>'


def _run_xml(text: str, run_properties: str) -> str:
    if not text:
        return ""
    clean = _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = escape(clean, quote=False).split("\n")
    content = "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)
    return f"<w:r>{run_properties}{content}</w:r>"
