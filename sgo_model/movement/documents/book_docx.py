"""The movement book as a Word document: the pages of a period (landscape A4).

python-docx makes the frame (page, styles, title, the table's repeated header row); the
entries' rows are generated as XML text and put into the saved package, instead of being
built cell by cell with python-docx, which is far slower for thousands of cells.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from sgo_model.movement.documents.book import (
    BOOK_COLUMNS,
    BOOK_TITLE,
    FONT,
    GREY,
    BookEntry,
    book_row,
    entries_in_period,
)
from sgo_model.office.package import replace_parts
from sgo_model.office.russian import short_date
from sgo_model.office.typography import NB_HYPHEN, typeset
from sgo_model.office.word_page import a4_page, add_field, plain_normal_style
from sgo_model.office.xml_text import xml_text

__all__ = ["write_book_docx"]

# Widths in cm (sum: the 26.7 cm between the margins of a landscape A4 page).
# cm, 26.7 in all (landscape A4 less the margins), for 9 pt text: «№» takes four digits, the
# name column «Константинович», the group column «Колокольчик», the dates «23.12.2024» whole.
_DOCX_WIDTHS = (1.1, 3.1, 1.9, 3.5, 3.6, 2.4, 1.8, 2.3, 2.4, 2.3, 2.3)
_CELL_POINTS = 9
_CENTRED = (0, 2)  # № and the date of birth


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
        caption = paragraph.add_run(title)
        caption.bold = True
        caption.font.size = Pt(_CELL_POINTS)

    if not chosen:
        _centred(document, "За период записей нет.", size=12)

    properties = document.core_properties
    properties.title = BOOK_TITLE
    properties.author = "sgo"
    properties.language = "ru-RU"
    frame = io.BytesIO()
    document.save(frame)
    # The entries' rows go after the header row of the one table, as text.
    part = document.part.partname.lstrip("/")
    with zipfile.ZipFile(frame) as package:
        xml = package.read(part).decode("utf-8")
    if xml.count(_TABLE_END) != 1:
        raise ValueError(f"неожиданное устройство документа {part} от python-docx")
    xml = xml.replace(_TABLE_END, "".join(_rows_xml(chosen)) + _TABLE_END)
    replace_parts(frame.getvalue(), {part: xml.encode("utf-8")}, out)


def _set_up_book_document(document: WordDocument) -> None:
    plain_normal_style(document, FONT, 10)
    section = document.sections[0]
    # The footer sits 0.8 cm from the edge, inside a 2 cm bottom margin: never cut.
    a4_page(section, landscape=True, top=1.5, bottom=2, left=2, right=1)
    section.footer_distance = Cm(0.8)
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Страница ")
    add_field(paragraph, "PAGE")
    paragraph.add_run(" из ")
    add_field(paragraph, "NUMPAGES")


def _centred(document: WordDocument, text: str, *, size: float, bold: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


_TWIPS_PER_CM = 1440 / 2.54
_CELL_WIDTHS = tuple(round(width * _TWIPS_PER_CM) for width in _DOCX_WIDTHS)
_SIZE = f'<w:sz w:val="{_CELL_POINTS * 2}"/>'
_SIGNED_RUN = f"<w:rPr>{_SIZE}</w:rPr>"
_UNSIGNED_RUN = f'<w:rPr><w:i/><w:color w:val="{GREY}"/>{_SIZE}</w:rPr>'
_TABLE_END = "</w:tbl>"
_CENTRE = '<w:pPr><w:jc w:val="center"/></w:pPr>'


def _rows_xml(entries: Sequence[BookEntry]) -> Iterator[str]:
    """``<w:tr>`` elements of the entries, as text in the main namespace's prefix ``w``."""
    for entry in entries:
        run_properties = _UNSIGNED_RUN if entry.unsigned else _SIGNED_RUN
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
    # Typeset: a phone number, «д. 5» or «кв. 14» is not broken between lines.
    text = typeset(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = xml_text(text).split("\n")
    content = "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)
    # Word's own non-breaking hyphen, drawn in the run's font (Liberation has no U+2011).
    content = content.replace(NB_HYPHEN, '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">')
    return f"<w:r>{run_properties}{content}</w:r>"
