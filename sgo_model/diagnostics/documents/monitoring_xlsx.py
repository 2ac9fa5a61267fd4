"""The monitoring report as a workbook: per scope (the institution, then each group) the share
of children at each level in each area, start against end of year, with a native chart of
the share «сформирован». Children appear only as counts: no name, no ranking."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import Reference
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.pagebreak import Break

from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.diagnostics import Level, Period, Share
from sgo_model.office.files import atomic_output
from sgo_model.office.page import landscape_a4
from sgo_model.office.xlsx_charts import add_labelled_series, percent_columns
from sgo_model.office.xlsx_styles import BOX, CENTRE, FONT, GREY_FILL

__all__ = ["REPORT_TITLE", "MonitoringScope", "write_monitoring_xlsx"]

REPORT_TITLE = "Мониторинг качества образования: результаты педагогической диагностики"
_HEADERS = (
    "Образовательная область",
    "Этап",
    "Оценено детей",
    *(f"{level.label}, %" for level in Level),
)
_WIDTHS = (40, 24, 12, 16, 20, 18)
_CHART_TITLE = "Доля детей со сформированными навыками, %"

Shares = Mapping[EducationalArea, Mapping[Level, Share]]


@dataclass(frozen=True)
class MonitoringScope:
    """The institution or one group: a title and the shares by period (a period that was not
    assessed is absent)."""

    title: str
    periods: Mapping[Period, Shares]


def _sheet_name(title: str, used: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, no []:*?/\\), unique in the workbook."""
    name = "".join("_" if c in "[]:*?/\\" else c for c in title)[:31]
    base, number = name, 2
    while name in used:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(name)
    return name


def _rows(scope: MonitoringScope) -> list[list[str | int]]:
    """A row per area and period assessed: the children counted, the per cent at each level."""
    rows: list[list[str | int]] = []
    for area in EducationalArea:
        for period in Period:
            shares = scope.periods.get(period, {}).get(area)
            if shares is None:
                continue
            total = shares[Level.FORMED].total
            rows.append([area.label, period.label, total, *(shares[lv].percent for lv in Level)])
    return rows


def _scope_sheet(ws: Any, institution: str, year: str, rule: str, scope: MonitoringScope) -> None:
    ws.cell(1, 1, f"{REPORT_TITLE}, {year} учебный год").font = Font(name=FONT, size=13, bold=True)
    ws.cell(2, 1, f"{institution}: {scope.title}").font = Font(name=FONT, size=11)
    ws.cell(3, 1, rule).font = Font(name=FONT, size=10, italic=True)
    for column, caption in enumerate(_HEADERS, start=1):
        cell = ws.cell(5, column, caption)
        cell.font = Font(name=FONT, size=10, bold=True)
        cell.fill = GREY_FILL
        cell.border = BOX
        cell.alignment = CENTRE
        ws.column_dimensions[cell.column_letter].width = _WIDTHS[column - 1]
    ws.row_dimensions[5].height = 30
    rows = _rows(scope)
    for offset, values in enumerate(rows, start=6):
        for column, value in enumerate(values, start=1):
            cell = ws.cell(offset, column, value)
            cell.font = Font(name=FONT, size=10)
            cell.border = BOX
            cell.alignment = Alignment(vertical="top", wrap_text=column <= 2)
    ws.freeze_panes = "A6"
    landscape_a4(ws, left=0.5, right=0.5, top=0.6, bottom=0.6)
    if rows:
        _chart(ws, scope, len(rows))


def _chart(ws: Any, scope: MonitoringScope, count: int) -> None:
    """Columns of the share «сформирован» per area, one series per period assessed."""
    areas = [a for a in EducationalArea if any(a in s for s in scope.periods.values())]
    periods = [p for p in Period if p in scope.periods]
    # The chart reads a small table of its own beside the report (areas × periods).
    first = 6 + count + 2
    ws.cell(first, 1, "Для диаграммы: доля «сформирован», %").font = Font(
        name=FONT, size=9, italic=True
    )
    small = Font(name=FONT, size=9)
    for column, period in enumerate(periods, start=2):
        ws.cell(first + 1, column, period.label).font = small
    for row, area in enumerate(areas, start=first + 2):
        ws.cell(row, 1, area.short).font = small
        for column, period in enumerate(periods, start=2):
            shares = scope.periods[period].get(area)
            value = shares[Level.FORMED].percent if shares else None
            ws.cell(row, column, value).font = small
    last = first + 1 + len(areas)
    # The chart and its small table begin a page of their own, so that it never splits.
    ws.row_breaks.append(Break(id=first - 1))
    chart = percent_columns(f"{_CHART_TITLE}\n{scope.title}", "%", 20)
    data = Reference(ws, min_col=2, max_col=1 + len(periods), min_row=first + 1, max_row=last)
    add_labelled_series(chart, data, f"'{ws.title}'!$A${first + 2}:$A${last}")
    chart.width, chart.height = 24.0, 11.0  # cm
    # Under the tables, so that the page prints at a readable size.
    ws.add_chart(chart, f"A{last + 2}")


def write_monitoring_xlsx(
    institution: str, year: str, rule: str, scopes: Sequence[MonitoringScope], out: Path
) -> None:
    """Write the report: a sheet per scope (the institution's first), each with its chart."""
    workbook = Workbook()
    used: set[str] = set()
    first = workbook.active
    assert first is not None
    for index, scope in enumerate(scopes):
        ws = first if index == 0 else workbook.create_sheet()
        ws.title = _sheet_name(scope.title, used)
        _scope_sheet(ws, institution, year, rule, scope)
    with atomic_output(out) as tmp:
        workbook.save(tmp)
