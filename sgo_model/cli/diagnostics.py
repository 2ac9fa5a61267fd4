"""Quality monitoring: diagnostics blanks and the monitoring report."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from sgo_model.cli.app import Context, HomeOption, console, forms_app, open_context, report_app

if TYPE_CHECKING:
    from sgo_model.diagnostics.report import MonitoringReport
    from sgo_model.domain.calendar import AcademicYear

PeriodOption = Annotated[str, typer.Option(help="start (September) or end (April–May).")]
YearOption = Annotated[
    str | None, typer.Option(help="Academic year as 2026/2027 (default: the current one).")
]


def academic_year(ctx: Context, label: str | None, today: date) -> AcademicYear:
    """The year asked for, or the site's current year, or the one containing today."""
    from sgo_model.domain.calendar import AcademicYear

    if label:
        return AcademicYear.parse(label)
    with ctx.uow(read_only=True) as uow:
        institution = uow.institution.get()
    if institution is not None and institution.current_year is not None:
        return institution.current_year
    return AcademicYear.containing(today)


@forms_app.command("diagnostics")
def forms_diagnostics(
    period: PeriodOption,
    year: YearOption = None,
    on: Annotated[
        str | None, typer.Option(help="The day whose children the blanks list (DD.MM.YYYY).")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="Folder for the blanks (default: the assessors' inbox/<login>/бланки)."),
    ] = None,
    home: HomeOption = None,
) -> None:
    """Write each group's diagnostics blank for a period, pre-filled with its children."""
    from sgo_model.diagnostics.blanks import prepare_diagnostics_blanks
    from sgo_model.domain.diagnostics import Period

    day = datetime.strptime(on, "%d.%m.%Y").date() if on else date.today()
    with open_context(home) as ctx:
        ctx.require_initialised()
        chosen = academic_year(ctx, year, day)
        site = None if out else ctx.settings.site
        paths = prepare_diagnostics_blanks(ctx.uow, Period.parse(period), chosen, day, out, site)
    for path in paths:
        console.print(str(path))


@report_app.command("monitoring")
def report_monitoring(
    year: YearOption = None,
    group: Annotated[
        list[str] | None, typer.Option(help="Only this group (repeat for several).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the shares as JSON.")] = False,
    home: HomeOption = None,
) -> None:
    """The monitoring report: the workbook with charts and the analytic note (and the route
    lists into the teachers' and the methodist's folders)."""
    from sgo_model.diagnostics.report import write_monitoring_report

    with open_context(home) as ctx:
        ctx.require_initialised()
        chosen = academic_year(ctx, year, date.today())
        report = write_monitoring_report(ctx.uow, ctx.settings.site, chosen, group or None)
    if as_json:
        payload = {
            **report.monitoring.as_json(),
            "workbook": str(report.workbook),
            "note": str(report.note),
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    print_monitoring(report)


def print_monitoring(report: MonitoringReport) -> None:
    """The headline figures and where the documents are (also used by the demo)."""
    from sgo_model.domain.curriculum import EducationalArea
    from sgo_model.domain.diagnostics import Level, Period

    whole = report.monitoring.institution_shares()
    table = Table("area", *(f"{p.value}: formed %" for p in Period), title="institution")
    for area in EducationalArea:
        cells = [
            whole[p][area][Level.FORMED].text if area in whole.get(p, {}) else "—" for p in Period
        ]
        table.add_row(area.short, *cells)
    console.print(table)
    console.print(f"workbook: {report.workbook}")
    console.print(f"note: {report.note}")
    console.print(
        f"route lists: {len(report.routes)} files in the teachers' and methodist's folders"
    )
