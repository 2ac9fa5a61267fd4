"""The municipal summary (сводный отчёт): the totals laid out like the form, a sheet per
section with the institutions by lines and a native chart, every package received and what
became of it, and the institutions that have not sent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from sgo_model.authority.documents.form_xlsx import write_section
from sgo_model.domain.periods import period_words
from sgo_model.domain.statistical_form import Figures, FormTemplate, Section
from sgo_model.domain.text import plural
from sgo_model.office.files import atomic_output
from sgo_model.office.page import landscape_a4

TOTALS_SHEET = "Итого {code}"
BY_INSTITUTION_SHEET = "По учреждениям {code}"
PACKAGES_SHEET = "Пакеты"
MISSING_SHEET = "Не представили"
TOTAL_ROW = "Итого"

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD = Alignment(horizontal="center", vertical="center", wrap_text=True)
_BOLD = Font(bold=True)


@dataclass(frozen=True)
class InstitutionFigures:
    """An accepted package's institution and figures."""

    name: str
    code: str
    figures: Figures
    preliminary: bool


@dataclass(frozen=True)
class PackageLine:
    """A row of the packages sheet."""

    folder: str
    institution: str
    name: str
    status: str
    prepared_at: str
    preliminary: bool
    reason: str


@dataclass(frozen=True)
class SummaryContent:
    """What the summary prints."""

    template: FormTemplate
    period: str
    made_on: date
    institutions: Sequence[InstitutionFigures]
    totals: Figures
    packages: Sequence[PackageLine]
    missing: Sequence[str]


def short_name(name: str) -> str:
    """A name as people say it, Детский сад № 40 «Журавлик», of the full legal name
    Муниципальное … учреждение «Детский сад № 40 „Журавлик“» (written «…«…»» in the store)."""
    start = name.find("«")
    if start < 0 or not name.endswith("»"):
        return name
    return name[start + 1 : -1]


def _title(ws: Any, text: str, width: int) -> None:
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(1, width))
    cell = ws.cell(1, 1, text)
    cell.font, cell.alignment = Font(bold=True, size=12), Alignment(wrap_text=True)
    ws.row_dimensions[1].height = 32


def write_summary_xlsx(content: SummaryContent, out: Path) -> Path:
    """Write the summary workbook."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    heading = (
        f"Свод: {content.template.form_number} за {period_words(content.period)} — "
        f"{plural(len(content.institutions), 'учреждение', 'учреждения', 'учреждений')}, "
        f"на {content.made_on:%d.%m.%Y}"
    )
    for section in content.template.sections:
        ws = workbook.create_sheet(TOTALS_SHEET.format(code=section.code))
        write_section(ws, section, content.totals)
        ws.oddHeader.center.text = heading
    for section in content.template.sections:
        _by_institution(
            workbook.create_sheet(BY_INSTITUTION_SHEET.format(code=section.code)), section, content
        )
    _packages(workbook.create_sheet(PACKAGES_SHEET), content)
    _missing(workbook.create_sheet(MISSING_SHEET), content)
    with atomic_output(out) as tmp:
        workbook.save(tmp)
    return out


def _lines(section: Section) -> list[str]:
    return [line.number for line in section.lines if line.printed and line.kind == "sum"]


def _by_institution(ws: Any, section: Section, content: SummaryContent) -> None:
    """Institutions by lines (the section's first column, «всего»), the total row and a
    column chart of the section's first line by institution."""
    column = section.numeric_columns[0].number
    lines = _lines(section)
    _title(
        ws,
        f"Раздел {section.code}. {section.title}: графа {column} по учреждениям "
        f"({section.unit or 'значение'})",
        len(lines) + 2,
    )
    ws.cell(2, 1, "Учреждение").font = _BOLD
    ws.cell(2, 2, "Код").font = _BOLD
    for offset, number in enumerate(lines, start=3):
        cell = ws.cell(2, offset, f"стр. {number}")
        cell.font, cell.alignment = _BOLD, _HEAD
        ws.column_dimensions[get_column_letter(offset)].width = 10
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 14
    row = 3
    for institution in content.institutions:
        name = short_name(institution.name) + (" (предв.)" if institution.preliminary else "")
        ws.cell(row, 1, name).alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row, 2, institution.code)
        for offset, number in enumerate(lines, start=3):
            value = institution.figures.get(section.code, {}).get(number, {}).get(column, 0)
            ws.cell(row, offset, float(value) if isinstance(value, Decimal) else value)
        row += 1
    last = row - 1
    ws.cell(row, 1, TOTAL_ROW).font = _BOLD
    for offset, number in enumerate(lines, start=3):
        value = content.totals.get(section.code, {}).get(number, {}).get(column, 0)
        total = ws.cell(row, offset, float(value) if isinstance(value, Decimal) else value)
        total.font = _BOLD
    for cells in ws.iter_rows(min_row=2, max_row=row, max_col=len(lines) + 2):
        for cell in cells:
            cell.border = _BOX
    ws.freeze_panes = "C3"
    ws.print_title_rows = "2:2"
    if content.institutions and lines:
        chart = BarChart()
        chart.type = "bar"
        chart.title = f"{section.line(lines[0]).label[:60]} (стр. {lines[0]})"
        chart.legend = None
        chart.x_axis.tickLblSkip = 1
        chart.add_data(Reference(ws, min_col=3, min_row=2, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=3, max_row=last))
        chart.height = max(7.5, 0.5 * len(content.institutions))
        chart.width = 18
        ws.add_chart(chart, f"A{row + 3}")
    landscape_a4(ws, left=0.5, right=0.4, top=0.6, bottom=0.6)


def _packages(ws: Any, content: SummaryContent) -> None:
    headers = ("Папка", "Учреждение", "Пакет", "Состояние", "Подготовлен", "Данные", "Причина")
    widths = (14, 40, 34, 18, 20, 16, 70)
    _title(ws, f"Пакеты, полученные за {period_words(content.period)}", len(headers))
    for index, (label, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(2, index, label)
        cell.font, cell.border, cell.alignment = _BOLD, _BOX, _HEAD
        ws.column_dimensions[get_column_letter(index)].width = width
    for row, line in enumerate(content.packages, start=3):
        values = (
            line.folder,
            line.institution,
            line.name,
            line.status,
            line.prepared_at,
            "предварительные" if line.preliminary else "окончательные",
            line.reason,
        )
        for index, value in enumerate(values, start=1):
            cell = ws.cell(row, index, value)
            cell.border, cell.alignment = _BOX, Alignment(wrap_text=True, vertical="top")
        wrapped = max(len(str(v)) / (w * 1.1) for v, w in zip(values, widths, strict=True))
        ws.row_dimensions[row].height = 13 * max(1, int(wrapped) + 1)
    ws.print_title_rows = "2:2"
    landscape_a4(ws, left=0.5, right=0.4, top=0.6, bottom=0.6)


def _missing(ws: Any, content: SummaryContent) -> None:
    _title(ws, f"Не представили принятый пакет за {period_words(content.period)}", 2)
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 40
    for index, label in enumerate(("№", "Папка учреждения"), start=1):
        cell = ws.cell(2, index, label)
        cell.font, cell.border = _BOLD, _BOX
    for row, folder in enumerate(content.missing, start=3):
        ws.cell(row, 1, row - 2).border = _BOX
        ws.cell(row, 2, folder).border = _BOX
    if not content.missing:
        ws.cell(3, 1, "Все учреждения представили пакеты.")
    landscape_a4(ws, left=0.5, right=0.4, top=0.6, bottom=0.6)
