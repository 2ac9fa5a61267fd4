"""Closing the school year: ``sgo year close|reopen|show``."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Annotated

import typer
from rich.table import Table

from sgo_model.cli.app import HomeOption, app, console, open_context
from sgo_model.intake.journal import record_act

year_app = typer.Typer(help="School years: close, reopen, show.", no_args_is_help=True)
app.add_typer(year_app, name="year")

YearArgument = Annotated[str, typer.Argument(help="The school year: 2026/2027.")]
LoginOption = Annotated[
    str, typer.Option("--as", help="The administrator's login (only admin may close a year).")
]


def _pairs(values: list[str] | None, option: str) -> dict[str, str]:
    pairs = {}
    for value in values or []:
        name, sep, target = value.partition("=")
        if not sep or not name.strip() or not target.strip():
            raise typer.BadParameter(f"{option} expects NAME=VALUE, got {value!r}")
        pairs[name.strip()] = target.strip()
    return pairs


@year_app.command("close")
def close(
    year: YearArgument,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show every effect (and write it), change nothing.")
    ] = False,
    override: Annotated[
        str | None, typer.Option(help="Close despite the gate's gaps, for this written reason.")
    ] = None,
    rename: Annotated[
        list[str] | None, typer.Option(help="Rename a group on promotion: OLD=NEW (repeat).")
    ] = None,
    regroup: Annotated[
        list[str] | None,
        typer.Option(help="A category for a group its graduates leave empty: NAME=early."),
    ] = None,
    login: LoginOption = "admin",
    on: Annotated[
        str | None, typer.Option(help="The day of closing, DD.MM.YYYY (default: today).")
    ] = None,
    home: HomeOption = None,
) -> None:
    """Close a school year: graduates, promotions, the lock, the next year, the archive."""
    from sgo_model.bootstrap import publish_context, publishers
    from sgo_model.domain.calendar import AcademicYear
    from sgo_model.intake.publishing import publish_pending
    from sgo_model.year_end.closing import close_year
    from sgo_model.year_end.report import dry_run as plan_only
    from sgo_model.year_end.report import write_result

    renames, categories = _pairs(rename, "--rename"), _pairs(regroup, "--regroup")
    today = datetime.strptime(on, "%d.%m.%Y").date() if on else date.today()
    with open_context(home) as ctx:
        ctx.require_initialised()
        if dry_run:
            planned = plan_only(ctx.uow, ctx.settings.site, year, login, today, renames,
                                categories)  # fmt: skip
            for gap in planned.gaps:
                console.print(f"[yellow]gap:[/] {gap.text}")
            plan = planned.plan
            console.print(
                f"graduates: {len(plan.graduates)}; groups promoted: {len(plan.promotions)}; "
                f"staying: {len(plan.staying)}"
            )
            console.print(f"plan: {planned.document}")
            return

        def publish() -> None:
            publish_pending(publishers(), publish_context(ctx.settings, ctx.store, today))

        result = close_year(
            ctx.uow, ctx.settings.site, AcademicYear.parse(year), login, today,
            override=override, renames=renames, regroup=categories, publish=publish,
            templates=ctx.settings.templates,
        )  # fmt: skip
        publish()
        record_act(
            ctx.settings.site, "year-close", year=year, login=login, day=today.isoformat(),
            override=override, renames=renames, regroup=categories,
        )  # fmt: skip
        if result.already_closed:
            console.print(f"{year} is already closed: nothing to do")
            return
        path = write_result(ctx.uow, ctx.settings.site, result, today)
    for step, detail in result.done.items():
        console.print(f"{step}: {json.dumps(detail, ensure_ascii=False, default=str)[:200]}")
    console.print(f"result: {path}")


@year_app.command("reopen")
def reopen(
    year: YearArgument,
    reason: Annotated[str, typer.Option(help="Why the closed year is reopened.")],
    login: LoginOption = "admin",
    home: HomeOption = None,
) -> None:
    """Reopen a closed year (recorded with the reason)."""
    from sgo_model.domain.calendar import AcademicYear
    from sgo_model.year_end.closing import reopen_year

    with open_context(home) as ctx:
        ctx.require_initialised()
        reopen_year(ctx.uow, AcademicYear.parse(year), login, reason)
        record_act(ctx.settings.site, "year-reopen", year=year, login=login, reason=reason)
    console.print(f"{year} reopened")


@year_app.command("show")
def show(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    home: HomeOption = None,
) -> None:
    """The years, their state and what was done to them."""
    with open_context(home) as ctx:
        ctx.require_initialised()
        with ctx.uow(read_only=True) as uow:
            years = uow.years.years()
            actions = uow.years.actions()
    if as_json:
        payload = [
            {
                "year": y.label,
                "status": y.status,
                "current": y.is_current,
                "actions": [
                    {"action": a.action, "reason": a.reason, "login": a.login,
                     "at": a.at.isoformat()}
                    for a in actions if a.year == y.label
                ],
            }
            for y in years
        ]  # fmt: skip
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("year", "status", "current", "history")
    for y in years:
        history = "; ".join(
            f"{a.action} {a.at:%d.%m.%Y} {a.login}" + (f" ({a.reason})" if a.reason else "")
            for a in actions
            if a.year == y.label
        )
        table.add_row(y.label, y.status, "yes" if y.is_current else "", history)
    console.print(table)
