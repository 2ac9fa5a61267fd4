"""Weekly timetables as a Word document: one landscape A4 page per group, specialist or hall,
for the notice board (days across, activities down in time order)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from sgo_model.domain.schedule import WEEKDAYS
from sgo_model.office.word_page import a4_page, plain_normal_style, repeat_header_row
from sgo_model.schedule.documents.timetable import FONT, TITLE, Stamp, Timetable

__all__ = ["write_timetables_docx"]

_TEXT_WIDTH = 29.7 - 2.0 - 1.5  # cm between the margins of a landscape A4 page
_GREY = "E7E6E6"


def write_timetables_docx(stamp: Stamp, timetables: Sequence[Timetable], out: Path) -> None:
    """Write ``timetables`` into the Word document ``out``, one page each."""
    document = Document()
    plain_normal_style(document, FONT, 12, language="ru-RU")
    a4_page(document.sections[0], landscape=True, top=1.5, bottom=1.5, left=2.0, right=1.5)
    properties = document.core_properties
    properties.title = TITLE
    properties.author = "sgo"
    properties.language = "ru-RU"
    for index, timetable in enumerate(timetables):
        _page(document, stamp, timetable, first=index == 0)
    if not timetables:
        _paragraph(document, "Занятий нет", size=14, center=True)
    document.save(str(out))


def _paragraph(
    document: Any,
    text: str,
    *,
    size: float = 12,
    bold: bool = False,
    center: bool = False,
    right: bool = False,
    after: float = 0,
) -> Any:
    paragraph = document.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.paragraph_format.space_after = Pt(after)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    return paragraph


def _page(document: Any, stamp: Stamp, timetable: Timetable, *, first: bool) -> None:
    mark = stamp.lines
    head = _paragraph(document, mark[0], bold=True, right=True)
    if not first:
        head.paragraph_format.page_break_before = True
    if stamp.approval is None:
        head.runs[0].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    _paragraph(document, mark[1], right=True, after=6)
    _paragraph(document, stamp.institution, center=True, after=6)
    _paragraph(document, TITLE, size=16, bold=True, center=True)
    _paragraph(document, timetable.heading, size=16, bold=True, center=True)
    _paragraph(
        document,
        f"{timetable.subheading}, {stamp.year} учебный год",
        size=12,
        center=True,
        after=8,
    )
    rows = max(timetable.rows, 1)
    table = document.add_table(rows=rows + 1, cols=len(WEEKDAYS))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    width = Cm(_TEXT_WIDTH / len(WEEKDAYS))
    for column in table.columns:
        column.width = width
    header = table.rows[0]
    repeat_header_row(header)
    for day, cell in enumerate(header.cells):
        cell.width = width
        _shade(cell, _GREY)
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(WEEKDAYS[day].capitalize())
        run.bold = True
        run.font.size = Pt(13)
    for row_index in range(rows):
        row = table.rows[row_index + 1]
        _keep_together(row)
        for day, cell in enumerate(row.cells):
            cell.width = width
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
            entries = timetable.days[day]
            if row_index >= len(entries):
                continue
            found = entries[row_index]
            time = cell.paragraphs[0]
            run = time.add_run(found.time)
            run.bold = True
            run.font.size = Pt(14)
            what = cell.add_paragraph()
            what.add_run(found.what).font.size = Pt(14)
            what.paragraph_format.space_after = Pt(4)
            if found.detail:
                what.paragraph_format.space_after = Pt(0)
                detail = cell.add_paragraph()
                detail.paragraph_format.space_after = Pt(4)
                small = detail.add_run(found.detail)
                small.font.size = Pt(11)
                small.italic = True
    if not timetable.rows:
        table.rows[1].cells[0].paragraphs[0].add_run("Занятий нет")


def _shade(cell: Any, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _keep_together(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    properties.append(element)
