"""The list of a group's children who need an individual educational route (индивидуальный
образовательный маршрут): the areas where their level is «не сформирован». It names children,
so it goes only to the group's teachers and the methodist (ФГОС ДО п. 3.2.3), never into the
institution's documents or a report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from sgo_model.office.files import atomic_output
from sgo_model.office.russian import long_date
from sgo_model.office.word_page import (
    a4_page,
    page_numbers_from_the_second,
    plain_normal_style,
    repeat_header_row,
)

ROUTES_TITLE = "Дети, которым рекомендован индивидуальный образовательный маршрут"
FONT = "Times New Roman"
_NOTICE = (
    "Для воспитателей группы и старшего воспитателя. Результаты диагностики используются "
    "только для индивидуализации образования (ФГОС ДО, п.\u00a03.2.3); список содержит "
    "персональные данные и третьим лицам не передаётся."
)


@dataclass(frozen=True)
class RouteLine:
    """A child of the list and the areas «не сформирован» with their mean scores."""

    full_name: str
    birth_date: date
    areas: str
    """«речевое развитие (2,25); физическое развитие (2)»"""


@dataclass(frozen=True)
class RouteList:
    """A group's list at a period."""

    institution: str
    group: str
    year: str
    period: str
    """«конец учебного года»"""
    made_on: date
    lines: Sequence[RouteLine]


def write_route_list(routes: RouteList, out: Path) -> None:
    """Write the list into ``out``."""
    document = Document()
    plain_normal_style(document, FONT, 12, language="ru-RU")
    a4_page(document.sections[0], landscape=False, top=2.0, bottom=2.0, left=3.0, right=1.5)
    page_numbers_from_the_second(document.sections[0])
    document.core_properties.title = f"{ROUTES_TITLE}: группа «{routes.group}»"
    document.core_properties.author = "sgo"
    for text, bold in (
        (routes.institution, False),
        (ROUTES_TITLE, True),
        (
            f"Группа «{routes.group}», {routes.year} учебный год, "
            f"по итогам диагностики на {routes.period}",
            False,
        ),
    ):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    _small(document, _NOTICE)
    _small(document, long_date(routes.made_on))
    if not routes.lines:
        document.add_paragraph(
            "Детей с уровнем «не сформирован» ни в одной образовательной области нет."
        )
    else:
        _table(document, routes.lines)
    with atomic_output(out) as tmp:
        document.save(str(tmp))


def _small(document: Any, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    run = paragraph.add_run(text)
    run.font.size = Pt(10)
    run.italic = True


def _table(document: Any, lines: Sequence[RouteLine]) -> None:
    heads = ("№", "Ребёнок", "Дата рождения", "Области: «не сформирован» (средний балл)")
    widths = (Cm(1.0), Cm(5.5), Cm(2.7), Cm(7.3))
    table = document.add_table(rows=1 + len(lines), cols=len(heads))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    repeat_header_row(table.rows[0])
    table_rows = table.rows
    # Row by row: python-docx's table.cell() walks the whole table on every call.
    for cell, text, width in zip(table_rows[0].cells, heads, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].add_run(text).bold = True
    for number, (row, line) in enumerate(zip(table_rows[1:], lines, strict=True), start=1):
        values = (str(number), line.full_name, f"{line.birth_date:%d.%m.%Y}", line.areas)
        for cell, text, width in zip(row.cells, values, widths, strict=True):
            cell.width = width
            cell.paragraphs[0].add_run(text)
