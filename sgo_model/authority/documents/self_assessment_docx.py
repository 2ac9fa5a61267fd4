"""The indicators of the self-assessment (показатели деятельности ДОО, подлежащей
самообследованию) as a Word document to publish: the title block, the table of indicators
with their units and values, the notes on what is filled in by hand, the head's signature.
Counts only: no child is named."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from sgo_model.domain.statistical_form import Figures, FormTemplate, Line, Section, Value
from sgo_model.office.files import atomic_output
from sgo_model.office.russian import long_date
from sgo_model.office.typography import typeset
from sgo_model.office.word_page import (
    a4_page,
    add_line,
    page_numbers_from_the_second,
    plain_normal_style,
    repeat_header_row,
)

FONT = "Times New Roman"
_WIDTHS = (Cm(1.6), Cm(9.8), Cm(2.6), Cm(3.0))


@dataclass(frozen=True)
class SelfAssessmentContent:
    """What the document prints."""

    template: FormTemplate
    institution: str
    period: str
    figures: Figures
    gaps: tuple[str, ...]
    signatory: str
    made_on: date


def value_text(line: Line, section: Section, figures: Figures) -> str:
    """A line's value as printed: «263», «14 / 5,3 %», «4,8», «да»."""
    row = figures.get(section.code, {}).get(line.number, {})
    first = section.numeric_columns[0].number
    text = _number(row.get(first))
    share = next((c for c in section.columns if c.share), None)
    if line.share_of and share is not None and share.number in row:
        text += f" / {_number(row[share.number])}\u00a0%"
    return text


def _number(value: Value | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")
    return str(value)


def write_self_assessment_docx(content: SelfAssessmentContent, out: Path) -> Path:
    """Write the document (A4 portrait, ГОСТ Р 7.0.97 margins, pages numbered from the
    second)."""
    document = Document()
    plain_normal_style(document, FONT, 12, language="ru-RU")
    a4_page(document.sections[0], landscape=False, top=2.0, bottom=2.0, left=3.0, right=1.5)
    page_numbers_from_the_second(document.sections[0])
    document.core_properties.title = f"{content.template.title} за {content.period} год"
    document.core_properties.language = "ru-RU"
    add_line(document, content.institution, bold=True, centre=True)
    add_line(document, "ПОКАЗАТЕЛИ ДЕЯТЕЛЬНОСТИ", bold=True, centre=True, before=12)
    add_line(
        document,
        "дошкольной образовательной организации, подлежащей самообследованию, "
        f"за {content.period} год",
        centre=True,
    )
    add_line(document, f"({content.template.edition})", centre=True, after=12)
    if content.gaps:
        add_line(
            document,
            typeset(f"Данные предварительные на {content.made_on:%d.%m.%Y}: ")
            + "; ".join(content.gaps)
            + ".",
            after=6,
            size=10,
        )
    for section in content.template.sections:
        _table(document, section, content.figures)
    for note in content.template.manual:
        add_line(document, note, before=6, size=10)
    add_line(document, long_date(content.made_on), before=18)
    add_line(document, content.signatory, before=12)
    with atomic_output(out) as tmp:
        document.save(str(tmp))
    return out


def _table(document: Any, section: Section, figures: Figures) -> None:
    lines = [line for line in section.lines if line.printed]
    table = document.add_table(rows=1 + len(lines), cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(
        table.rows[0].cells, ("№ п/п", "Показатели", "Единица измерения", "Значение"), strict=True
    ):
        cell.text = text
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].runs[0].bold = True
    repeat_header_row(table.rows[0])
    for row, line in zip(table.rows[1:], lines, strict=True):
        values = (line.number, line.label, line.unit, value_text(line, section, figures))
        for index, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            cell.text = text
            paragraph = cell.paragraphs[0]
            if index == 1:
                paragraph.paragraph_format.left_indent = Cm(0.5 * line.level)
            else:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    table.autofit = False
    for column, width in zip(table.columns, _WIDTHS, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, _WIDTHS, strict=True):
            cell.width = width
