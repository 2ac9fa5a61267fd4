"""The document of a year's closing (план закрытия учебного года): what the gate found, who
graduates, which group becomes which, who stays and why, the orders to be issued and what the
next year carries over. Written by the dry run, and again by the run as what it did."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt

from sgo_model.office.files import atomic_output
from sgo_model.office.russian import long_date
from sgo_model.office.word_page import (
    a4_page,
    add_line,
    page_numbers_from_the_second,
    plain_normal_style,
    repeat_header_row,
)

FONT = "Times New Roman"


@dataclass(frozen=True)
class PlanContent:
    """What the document prints, every line ready in Russian."""

    institution: str
    year: str
    next_year: str
    made_on: date
    dry_run: bool
    gaps: Sequence[str]
    override: str | None
    graduates: Sequence[tuple[str, str, str]]
    """(name, date of birth, group)"""
    changes: Sequence[tuple[str, str, str, int]]
    """(group, from category, to group and category, children)"""
    staying: Sequence[tuple[str, str]]
    """(name, reason)"""
    orders: Sequence[str]
    carried: Sequence[str]


def _table(
    document: object,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
) -> None:
    """A table of the text's width (16,5 cm), columns of ``widths`` cm: a narrow «№», room for
    a child's full name on one line."""
    table = document.add_table(rows=1 + len(rows), cols=len(headers))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid LibreOffice reads
        for cell in column.cells:
            cell.width = Cm(width)  # and each cell, which Word reads
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    repeat_header_row(table.rows[0])
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = str(value)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(11)


def write_plan_docx(content: PlanContent, out: Path) -> Path:
    """Write the document (A4 portrait, ГОСТ Р 7.0.97 margins)."""
    document = Document()
    plain_normal_style(document, FONT, 12, language="ru-RU")
    a4_page(document.sections[0], landscape=False, top=2.0, bottom=2.0, left=3.0, right=1.5)
    page_numbers_from_the_second(document.sections[0])
    add_line(document, content.institution, bold=True, centre=True)
    heading = "ПЛАН ЗАКРЫТИЯ" if content.dry_run else "ИТОГИ ЗАКРЫТИЯ"
    add_line(document, f"{heading} {content.year} УЧЕБНОГО ГОДА", bold=True, centre=True,
             before=12)  # fmt: skip
    add_line(
        document,
        "(пробный запуск: ничего не изменено)" if content.dry_run else "(выполнено)",
        centre=True,
        after=6,
    )
    add_line(document, long_date(content.made_on), after=12)
    add_line(document, "1. Проверка полноты данных", bold=True, before=6, after=3)
    if content.gaps:
        for index, gap in enumerate(content.gaps, start=1):
            add_line(document, f"— {gap}{'.' if index == len(content.gaps) else ';'}")
        if content.override:
            add_line(document, f"Закрытие без них обосновано: «{content.override}».", before=3)
    else:
        add_line(document, "Замечаний нет: табели, итоговая диагностика и приказы в порядке.")
    add_line(document, "2. Выпуск в школу", bold=True, before=12, after=3)
    if content.graduates:
        _table(document, ("№", "Воспитанник", "Дата рождения", "Группа"),
               [(i, *g) for i, g in enumerate(content.graduates, start=1)],
               (1.2, 7.8, 3.3, 4.2))  # fmt: skip
    else:
        add_line(document, "Выпускников нет.")
    add_line(document, "3. Группы в новом учебном году", bold=True, before=12, after=3)
    _table(document, ("Группа", "Сейчас", "С 1 сентября", "Детей"), content.changes,
           (3.8, 4.5, 6.2, 2.0))  # fmt: skip
    add_line(document, "4. Остаются без перевода", bold=True, before=12, after=3)
    if content.staying:
        _table(document, ("№", "Воспитанник", "Причина"),
               [(i, *s) for i, s in enumerate(content.staying, start=1)],
               (1.2, 6.3, 9.0))  # fmt: skip
    else:
        add_line(document, "Таких детей нет.")
    add_line(document, "5. Приказы", bold=True, before=12, after=3)
    for order in content.orders or ["Приказов не требуется."]:
        add_line(document, order)
    add_line(document, f"6. Переносится в {content.next_year} учебный год", bold=True,
             before=12, after=3)  # fmt: skip
    for item in content.carried:
        add_line(document, f"— {item}")
    with atomic_output(out) as tmp:
        document.save(str(tmp))
    return out
