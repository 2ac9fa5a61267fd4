"""The NOD schedule: build, check a corrected sheet, show, approve; the editable sheet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from sgo_model.cli.app import Context, HomeOption, app, console, errors, forms_app, open_context
from sgo_model.intake.journal import record_act

if TYPE_CHECKING:
    from sgo_model.schedule.service import BuildResult

schedule_app = typer.Typer(
    help="The NOD schedule: built by a solver, corrected by the methodist, approved by order.",
    no_args_is_help=True,
)
app.add_typer(schedule_app, name="schedule")


def _publish(ctx: Context) -> None:
    from sgo_model.bootstrap import publish_context, publishers
    from sgo_model.intake.publishing import publish_pending

    published = publish_pending(publishers(), publish_context(ctx.settings, ctx.store))
    for document in published.documents:
        console.print(f"  {document.title}: {document.path}")
    for publisher, reason in published.failures.items():
        errors.print(f"[yellow]Documents of {publisher} not regenerated:[/] {reason}")


def print_build(result: BuildResult) -> None:
    """What ``sgo schedule build`` and the demo print of a build."""
    for problem in result.problems:
        errors.print(f"[red]Учебный план:[/red] {problem.message}")
    solution = result.solution
    if solution is not None and solution.conflicts:
        errors.print("[red]Расписание построить нельзя.[/red] Противоречат друг другу:")
        for conflict in solution.conflicts:
            errors.print(f"  • {conflict.message}")
    console.print(result.summary)
    if result.diff is not None and result.diff.changed and result.diff.unchanged:
        for line in result.diff.lines()[:20]:
            console.print(f"  {line}")
    if solution is not None and solution.found:
        console.print(
            f"Solver: {solution.status}, objective {solution.objective:.0f}, "
            f"bound {solution.bound:.0f}, {solution.seconds:.1f} s"
        )


@schedule_app.command("build")
def schedule_build(
    time_limit: Annotated[
        float, typer.Option(help="Solver time limit (deterministic seconds, ≈ wall seconds).")
    ] = 5.0,
    keep: Annotated[
        bool, typer.Option(help="Keep every activity of the latest version that still fits.")
    ] = False,
    home: HomeOption = None,
) -> None:
    """Check the curriculum, solve the week, store it as a new (draft) version."""
    from sgo_model.schedule.service import build_schedule, built_arguments

    with open_context(home) as ctx:
        ctx.require_initialised()
        result = build_schedule(ctx.uow(), time_limit=time_limit, keep=keep)
        built = built_arguments(result)
        if built is not None:
            record_act(ctx.settings.site, "schedule-build", **built)
        print_build(result)
        if not result.built:
            raise typer.Exit(1)
        _publish(ctx)


@schedule_app.command("check")
def schedule_check(
    file: Annotated[Path, typer.Argument(help="A corrected schedule sheet (.xlsx).")],
    home: HomeOption = None,
) -> None:
    """Check a corrected sheet against every rule without applying it (exit 1 if it breaks any)."""
    from datetime import date

    from sgo_model.schedule.correction import check_file

    with open_context(home) as ctx:
        ctx.require_initialised()
        checked = check_file(file, ctx.uow(read_only=True), date.today())
    problems = [p for p in checked.problems if p.is_error]
    for problem in problems:
        where = f"{problem.sheet}!{problem.cell} «{problem.column}»" if problem.cell else ""
        errors.print(f"[red]{where}[/red] {problem.message}".strip())
    if problems:
        raise typer.Exit(1)
    console.print(f"{len(checked.slots)} activities: the week breaks no rule")


@schedule_app.command("show")
def schedule_show(
    group: Annotated[str | None, typer.Option(help="Only this group.")] = None,
    version: Annotated[int | None, typer.Option(help="This version (default: the latest).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    home: HomeOption = None,
) -> None:
    """Show the latest (or a given) version of the week."""
    from sgo_model.domain.schedule import clock, weekday_name
    from sgo_model.domain.text import fold
    from sgo_model.schedule.service import current_week

    with open_context(home) as ctx:
        ctx.require_initialised()
        view = current_week(ctx.uow(read_only=True), version)
    if view is None:
        console.print("No schedule yet: run `sgo schedule build`")
        raise typer.Exit(1)
    slots = [s for s in view.slots if group is None or fold(s.group) == fold(group)]
    if group is not None and not slots:
        errors.print(f"[red]Ошибка:[/red] в расписании нет группы «{group}»")
        raise typer.Exit(1)
    state = "approved" if view.is_official else "draft"
    if as_json:
        payload = {
            "version": view.version.number,
            "status": state,
            "order": view.version.order_number,
            "note": view.version.note,
            "slots": [
                {
                    "group": s.group,
                    "day": s.day,
                    "weekday": weekday_name(s.day),
                    "start": clock(s.start),
                    "end": clock(s.end),
                    "kind": s.kind,
                    "teacher": view.inputs.teacher_name(s.teacher) or None,
                    "room": s.room,
                }
                for s in slots
            ],
        }
        console.print_json(json.dumps(payload, ensure_ascii=False))
        return
    console.print(f"Version {view.version.number} ({state}): {view.version.note}")
    table = Table("Группа", "День", "Время", "Вид НОД", "Педагог", "Помещение")
    for s in slots:
        table.add_row(
            s.group,
            weekday_name(s.day),
            f"{clock(s.start)}–{clock(s.end)}",
            s.kind,
            view.inputs.teacher_name(s.teacher),
            s.room or "",
        )
    console.print(table)


@schedule_app.command("approve")
def schedule_approve(home: HomeOption = None) -> None:
    """Draft the order approving the latest version (and the curriculum's, if it has none);
    the version becomes official once the head's signed scan arrives."""
    from datetime import date

    from sgo_model.schedule.service import approve_schedule

    with open_context(home) as ctx:
        ctx.require_initialised()
        approval = approve_schedule(ctx.uow(), date.today())
        record_act(ctx.settings.site, "schedule-approve", day=date.today().isoformat())
        for order in approval.orders:
            console.print(f"Drafted order № {order.number} «{order.title}»")
        console.print(
            f"Version {approval.version.number} awaits the head's signature: drop the signed "
            f"scan named «Приказ {approval.orders[-1].number}.pdf» into the head's inbox"
        )
        _publish(ctx)


@forms_app.command("schedule")
def forms_schedule(
    out: Annotated[
        Path | None,
        typer.Option(help="Folder for the sheet (default: each methodist's inbox/<login>/бланки)."),
    ] = None,
    home: HomeOption = None,
) -> None:
    """Write the latest week as an editable sheet to correct and drop into the inbox."""
    from sgo_model.domain.roles import Role
    from sgo_model.schedule.lists import write_week_sheet
    from sgo_model.setup.lists import form_lists

    with open_context(home) as ctx:
        ctx.require_initialised()
        lists = form_lists(ctx.uow(read_only=True))
        if out is not None:
            folders = [out]
        else:
            with ctx.uow(read_only=True) as uow:
                logins = [u.login for u in uow.staff.users() if u.role is Role.METHODIST]
            site = ctx.settings.site
            folders = [site.user_inbox(login) / "бланки" for login in logins or ["admin"]]
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
            console.print(str(write_week_sheet(ctx.uow(read_only=True), folder, lists)))
