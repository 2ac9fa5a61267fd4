"""The analytic note (аналитическая справка) on the year's pedagogical diagnostics: for the
institution and each group a chart, a table of the shares by level and the sentences on the
dynamics; conclusions; the methodist's signature. Counts only: no child is named."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.diagnostics import Level, Period, Share
from sgo_model.office.files import atomic_output
from sgo_model.office.russian import long_date
from sgo_model.office.word_page import (
    a4_page,
    add_line,
    page_numbers_from_the_second,
    plain_normal_style,
    repeat_header_row,
)

NOTE_TITLE = "Аналитическая справка по результатам педагогической диагностики"
FONT = "Times New Roman"
_PURPOSE = (
    "Педагогическая диагностика проведена в соответствии с федеральной образовательной "
    "программой дошкольного образования (приказ Минпросвещения России от 25.11.2022 "
    "№\u00a01028) методами наблюдения, беседы, анализа продуктов детской деятельности и "
    "диагностических ситуаций. Её результаты используются только для индивидуализации "
    "образования и оптимизации работы с группой детей (ФГОС ДО, п.\u00a03.2.3) и не являются "
    "основанием для формального сравнения с реальными достижениями детей (п.\u00a04.3)."
)

Shares = Mapping[EducationalArea, Mapping[Level, Share]]


@dataclass(frozen=True)
class NoteScope:
    """The institution or a group in the note."""

    title: str
    periods: Mapping[Period, Shares]
    sentences: Sequence[str]
    chart: bytes | None
    not_assessed: str = ""
    """A sentence on the children not assessed, by reason (no names)."""


@dataclass(frozen=True)
class AnalyticNote:
    """Everything the note prints."""

    institution: str
    year: str
    made_on: date
    rule: str
    summary: str
    scopes: Sequence[NoteScope]
    conclusions: Sequence[str]
    signatory: str
    """«Старший воспитатель ____ М. И. Орлова»: the post and the name as signed."""


def write_analytic_note(note: AnalyticNote, out: Path) -> None:
    """Write the note into ``out`` (A4 portrait, ГОСТ Р 7.0.97 margins)."""
    document = Document()
    plain_normal_style(document, FONT, 13, language="ru-RU")
    a4_page(document.sections[0], landscape=False, top=2.0, bottom=2.0, left=3.0, right=1.5)
    page_numbers_from_the_second(document.sections[0])
    properties = document.core_properties
    properties.title = f"{NOTE_TITLE}, {note.year} учебный год"
    properties.author = "sgo"
    properties.language = "ru-RU"
    add_line(document, note.institution, bold=True, centre=True)
    add_line(document, "АНАЛИТИЧЕСКАЯ СПРАВКА", bold=True, centre=True, before=12)
    add_line(
        document,
        f"по результатам педагогической диагностики за {note.year} учебный год",
        centre=True,
        after=12,
    )
    add_line(document, long_date(note.made_on), after=12)
    for text in (_PURPOSE, note.rule + ".", note.summary):
        _text(document, text)
    for index, scope in enumerate(note.scopes, start=1):
        _scope(document, index, scope)
    add_line(document, "Выводы и рекомендации", bold=True, centre=True, before=12, after=6)
    for text in note.conclusions:
        _text(document, text)
    add_line(document, note.signatory, before=24)
    with atomic_output(out) as tmp:
        document.save(str(tmp))


def _text(document: Any, text: str) -> None:
    paragraph = document.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1.25)
    paragraph.paragraph_format.space_after = Pt(3)


def _scope(document: Any, index: int, scope: NoteScope) -> None:
    heading = add_line(document, f"{index}. {scope.title}", bold=True, before=12, after=6)
    heading.paragraph_format.keep_with_next = True
    if scope.chart is not None:
        picture = document.add_paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True
        picture.add_run().add_picture(io.BytesIO(scope.chart), width=Cm(16.0))
    _shares_table(document, scope.periods)
    for sentence in scope.sentences:
        _text(document, sentence)
    if scope.not_assessed:
        _text(document, scope.not_assessed)


def _shares_table(document: Any, periods: Mapping[Period, Shares]) -> None:
    rows = [
        (area, period, by_area[area])
        for area in EducationalArea
        for period, by_area in sorted(periods.items(), key=lambda p: list(Period).index(p[0]))
        if area in by_area
    ]
    if not rows:
        _text(document, "Диагностика не проводилась.")
        return
    heads = ("Образовательная область", "Этап", "Детей", *(lv.label for lv in Level))
    table = document.add_table(rows=1 + len(rows), cols=len(heads))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # The text is 16,5 cm wide (A4 less the 3 cm and 1,5 cm margins).
    widths = (Cm(3.7), Cm(2.5), Cm(1.8), Cm(2.8), Cm(3.0), Cm(2.7))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    table_rows = table.rows
    # Row by row: python-docx's table.cell() walks the whole table on every call.
    for column, (cell, text) in enumerate(zip(table_rows[0].cells, heads, strict=True)):
        _cell(cell, text, bold=True, width=widths[column])
    repeat_header_row(table_rows[0])
    for row, (area, period, shares) in zip(table_rows[1:], rows, strict=True):
        total = shares[Level.FORMED].total
        values = (area.label, period.short, str(total), *(shares[lv].text for lv in Level))
        for column, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            _cell(cell, text, width=widths[column])
    document.add_paragraph().paragraph_format.space_after = Pt(3)


def _cell(cell: Any, text: str, *, bold: bool = False, width: Any = None) -> None:
    if width is not None:
        cell.width = width
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.font.size = Pt(10)
    run.bold = bold
