"""Attendance: monthly blanks, timesheets and the indicators report."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sgo_model.cli.app import (
    HomeOption,
    console,
    forms_app,
    open_context,
    report_app,
)
from sgo_model.domain.attendance import month_start
from sgo_model.domain.errors import DomainError
from sgo_model.domain.months import month_end


@forms_app.command("attendance")
def forms_attendance(
    month: Annotated[str, typer.Option(help="Month as YYYY-MM.")],
    out: Annotated[
        Path | None,
        typer.Option(help="Folder for the sheets (default: each teacher's inbox/<login>/бланки)."),
    ] = None,
    home: HomeOption = None,
) -> None:
    """Write each group's attendance sheet for a month, pre-filled with its pupils."""
    from sgo_model.attendance.publish import prepare_blanks

    with open_context(home) as ctx:
        ctx.require_initialised()
        first = month_start(month)
        site = None if out else ctx.settings.site
        paths = prepare_blanks(ctx.uow, first, out, site)
    for path in paths:
        console.print(str(path))


def _day_or_month(text: str, *, end: bool) -> date:
    """``2026-10`` (a whole month) or ``2026-10-15`` / ``15.10.2026`` (a day)."""
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    first = month_start(text)
    return month_end(first) if end else first


@report_app.command("timesheet")
def report_timesheet(
    group: Annotated[str, typer.Option(help="Group name.")],
    month: Annotated[str, typer.Option(help="Month as YYYY-MM.")],
    home: HomeOption = None,
) -> None:
    """Render the timesheet 0504608 of a group for a month (from its current sheet)."""
    from sgo_model.attendance.publish import render_timesheets

    with open_context(home) as ctx:
        ctx.require_initialised()
        first = month_start(month)
        with ctx.uow(read_only=True) as uow:
            found = [g for g in uow.groups.groups() if g.name.lower() == group.strip().lower()]
            submitted = found and uow.attendance.current(found[0].id, first)
        if not found:
            raise DomainError(f"Группа «{group}» не найдена")
        if not submitted:
            raise DomainError(f"Лист посещаемости группы «{group}» за {month} не сдан")
        records = render_timesheets(ctx.settings.site, ctx.uow, only={(found[0].id, first)})
    for record in records:
        console.print(f"{record.title}: {record.path}")


@report_app.command("attendance")
def report_attendance(
    first: Annotated[str, typer.Option("--from", help="First month (YYYY-MM) or day.")],
    last: Annotated[str, typer.Option("--to", help="Last month (YYYY-MM) or day.")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    home: HomeOption = None,
) -> None:
    """Attendance indicators per group and institution, written as xlsx with a chart."""
    from sgo_model.attendance.reports import write_attendance_report

    with open_context(home) as ctx:
        ctx.require_initialised()
        indicators, path = write_attendance_report(
            ctx.settings.site,
            ctx.uow,
            _day_or_month(first, end=False),
            _day_or_month(last, end=True),
        )
    if as_json:
        payload = {
            "path": str(path),
            "rows": [row.__dict__ for row in indicators.rows],
            "monthly": indicators.monthly,
            "missing": [{"group": g, "month": f"{m:%Y-%m}"} for g, m in indicators.missing],
            "preliminary": [
                {"group": g, "month": f"{m:%Y-%m}", "covered_through": c.isoformat()}
                for g, m, c in indicators.preliminary
            ],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("group", "avg list", "working days", "attended", "missed", "illness", "%")
    for row in indicators.rows:
        table.add_row(
            row.scope,
            f"{row.average_headcount:.1f}",
            str(row.working_days),
            str(row.attended),
            str(row.missed),
            str(row.missed_illness),
            f"{row.attendance_percent:.1f}",
        )
    console.print(table)
    for group_name, month in indicators.missing:
        console.print(f"[yellow]not submitted:[/] {group_name} {month:%Y-%m}")
    for group_name, month, through in indicators.preliminary:
        console.print(
            f"[yellow]preliminary:[/] {group_name} {month:%Y-%m}, marked through {through:%d.%m}"
        )
    console.print(f"Written: {path}")
