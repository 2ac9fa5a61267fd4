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
    """The year asked for, or the site's current year (see ``year_of``)."""
    from sgo_model.domain.calendar import AcademicYear

    if label:
        return AcademicYear.parse(label)
    with ctx.uow(read_only=True) as uow:
        return uow.institution.year_of(today)


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


@report_app.command("quality")
def report_quality(
    first: Annotated[
        str | None, typer.Option("--from", help="First day (DD.MM.YYYY; default: 1 September).")
    ] = None,
    last: Annotated[str | None, typer.Option("--to", help="Last day (default: today).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    home: HomeOption = None,
) -> None:
    """The data-quality watch: what is missing or late, refused files and why, unsigned
    orders; written as xlsx (it is also regenerated after every intake pass)."""
    from sgo_model.diagnostics.quality import data_quality
    from sgo_model.diagnostics.watch import quality_path, write_quality

    def day(text: str | None) -> date | None:
        return datetime.strptime(text, "%d.%m.%Y").date() if text else None

    today = date.today()
    with open_context(home) as ctx:
        ctx.require_initialised()
        with ctx.uow(read_only=True) as uow:
            report = data_quality(uow, today, day(first), day(last))
            institution = uow.institution.get()
        path = quality_path(ctx.settings.site)
        if first or last:
            path = path.with_name(
                f"{path.stem} {report.first:%Y-%m-%d}—{report.last:%Y-%m-%d}.xlsx"
            )
        write_quality(report, institution.name if institution else "", path)
    if as_json:
        sys.stdout.write(
            json.dumps({**report.as_json(), "path": str(path)}, ensure_ascii=False, indent=2) + "\n"
        )
        return
    console.print(report.headline())
    table = Table("owed", "due", "state", "days late", "responsible")
    for due in (*report.attendance, *report.diagnostics):
        if due.state != "on_time":
            table.add_row(due.what, f"{due.due:%d.%m.%Y}", due.state, str(due.days_late),
                          ", ".join(due.responsible))  # fmt: skip
    console.print(table)
    files = Table("submitter", "files", "rejected", "%", "usual reasons")
    for s in report.submitters:
        reasons = "; ".join(f"{r} ({n})" for r, n in s.reasons)
        files.add_row(s.login, str(s.files), str(s.rejected), str(s.rejected_percent), reasons)
    console.print(files)
    for order in report.unsigned:
        console.print(f"[yellow]unsigned:[/] № {order.number} {order.title} ({order.days} days)")
    console.print(f"workbook: {path}")
