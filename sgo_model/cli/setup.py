"""Setting up a site: init, migrate, users, the calendar, settings and blank forms."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sgo_model.cli.app import (
    HomeOption,
    app,
    calendar_app,
    console,
    errors,
    forms_app,
    open_context,
    settings_app,
    users_app,
)
from sgo_model.domain.roles import Role
from sgo_model.domain.settings import InstitutionSettings
from sgo_model.intake.journal import record_act


@app.command()
def init(
    institution: Annotated[str, typer.Option(help="Full name of the institution.")],
    year: Annotated[str, typer.Option(help="Academic year, e.g. 2026/2027.")],
    admin: Annotated[str, typer.Option(help="Login of the administrator.")] = "admin",
    home: HomeOption = None,
) -> None:
    """Create the site: store, folders, academic year, calendar, SanPiN limits, admin account."""
    from sgo_model.setup.service import init_site

    with open_context(home) as ctx:
        ctx.migrate()
        result = init_site(ctx.settings.site, ctx.uow(), institution, year, admin)
        record_act(ctx.settings.site, "init", institution=institution, year=year, admin=admin)
    console.print(f"Site ready at [bold]{ctx.settings.home}[/bold]")
    console.print(f"Institution: {result.institution}; academic year {result.year.label}")
    state = "created" if result.admin_created else "already existed"
    console.print(
        f"Administrator '{result.admin}' {state}; drop the staff list into "
        f"{ctx.settings.site.user_inbox(result.admin)}"
    )


@forms_app.callback(invoke_without_command=True)
def forms(
    typer_context: typer.Context,
    out: Annotated[
        Path | None, typer.Option(help="Folder to write the blank set-up forms into.")
    ] = None,
    home: HomeOption = None,
) -> None:
    """Write blank intake forms, with drop-down lists of what the store already knows."""
    if typer_context.invoked_subcommand is not None:
        return
    if out is None:
        raise typer.BadParameter("give --out DIR (or a subcommand, e.g. `forms attendance`)")
    from sgo_model.bootstrap import write_all_blanks
    from sgo_model.schedule.lists import form_rows as schedule_rows
    from sgo_model.setup.lists import form_lists, form_rows

    with open_context(home) as ctx:
        ready = ctx.is_initialised()
        lists = form_lists(ctx.uow(read_only=True)) if ready else None
        rows = dict(form_rows(ctx.uow(read_only=True) if ready else None))
        if ready:
            rows.update(schedule_rows(ctx.uow(read_only=True)))
        paths = write_all_blanks(out, lists, rows)
    for path in paths:
        console.print(str(path))


@users_app.command("add")
def users_add(
    login: Annotated[str, typer.Argument(help="Login (lower-case Latin).")],
    role: Annotated[str, typer.Option(help="Role: " + ", ".join(r.value for r in Role))],
    home: HomeOption = None,
) -> None:
    """Create or change a user account."""
    from sgo_model.setup.service import add_user

    with open_context(home) as ctx:
        ctx.require_initialised()
        created = add_user(ctx.settings.site, ctx.uow(), login, Role.parse(role))
        record_act(ctx.settings.site, "users-add", login=login, role=role)
    console.print(f"User '{login}' {'created' if created else 'updated'}")


@users_app.command("list")
def users_list(home: HomeOption = None) -> None:
    """List user accounts."""
    with open_context(home) as ctx:
        ctx.require_initialised()
        with ctx.uow(read_only=True) as uow:
            accounts = uow.staff.users()
            groups = uow.staff.groups_led()
    table = Table("login", "role", "groups", "active")
    for user in accounts:
        led = ", ".join(groups.get(user.login, ()))
        table.add_row(user.login, user.role.value, led, str(user.active))
    console.print(table)


@calendar_app.command("set")
def calendar_set(
    day: Annotated[datetime, typer.Argument(formats=["%Y-%m-%d", "%d.%m.%Y"])],
    reason: Annotated[str, typer.Option(help="Why (shown in documents).")],
    working: Annotated[bool, typer.Option("--working/--closed")] = False,
    home: HomeOption = None,
) -> None:
    """Mark a day as closed (summer closure, repair) or working, overriding the calendar."""
    from sgo_model.setup.service import set_day

    with open_context(home) as ctx:
        ctx.require_initialised()
        set_day(ctx.uow(), day.date(), working, reason)
        record_act(
            ctx.settings.site,
            "calendar-set",
            day=day.date().isoformat(),
            working=working,
            reason=reason,
        )
    console.print(f"{day:%d.%m.%Y}: {'working' if working else 'closed'} ({reason})")


@calendar_app.command("show")
def calendar_show(
    month: Annotated[str, typer.Option(help="Month as YYYY-MM.")],
    home: HomeOption = None,
) -> None:
    """Show the working days of a month."""
    from sgo_model.setup.service import working_calendar

    with open_context(home) as ctx:
        ctx.require_initialised()
        calendar = working_calendar(ctx.uow(read_only=True))
    year, number = (int(p) for p in month.split("-"))
    first = date(year, number, 1)
    last = date(year + number // 12, number % 12 + 1, 1).toordinal() - 1
    table = Table("date", "working", "why not")
    count = 0
    for ordinal in range(first.toordinal(), last + 1):
        day = date.fromordinal(ordinal)
        why = calendar.why_closed(day)
        count += why is None
        table.add_row(f"{day:%d.%m.%Y %a}", "yes" if why is None else "", why or "")
    console.print(table)
    console.print(f"{count} working days")


@settings_app.command("show")
def settings_show(home: HomeOption = None) -> None:
    """Show the institution settings."""
    with open_context(home) as ctx:
        ctx.require_initialised()
        with ctx.uow(read_only=True) as uow:
            current = uow.settings.load()
    table = Table("key", "value")
    for key in InstitutionSettings.names():
        table.add_row(key, str(getattr(current, key)))
    console.print(table)


@settings_app.command("set")
def settings_set(
    key: Annotated[str, typer.Argument(help=", ".join(InstitutionSettings.names()))],
    value: Annotated[str, typer.Argument(help="New value.")],
    home: HomeOption = None,
) -> None:
    """Change an institution setting (e.g. `sgo settings set place "г. Энск"`); the documents
    that print it are regenerated."""
    from sgo_model.bootstrap import publish_context, publishers
    from sgo_model.intake.publishing import publish_pending
    from sgo_model.setup.service import set_setting

    with open_context(home) as ctx:
        ctx.require_initialised()
        with ctx.uow() as uow:
            checked = set_setting(uow, key, value)
            uow.commit()
        record_act(ctx.settings.site, "settings-set", key=key, value=value)
        published = publish_pending(
            publishers(), publish_context(ctx.settings, ctx.store), everything=True
        )
    console.print(f"{key} = {checked}")
    if published.documents:
        console.print(f"Documents regenerated: {len(published.documents)}")
    for publisher, reason in published.failures.items():
        errors.print(f"[yellow]Documents of {publisher} not regenerated:[/] {reason}")


@app.command()
def migrate(home: HomeOption = None) -> None:
    """Bring the store's schema up to the version this sgo needs (back up the store first)."""
    from sgo_model.store.engine import SCHEMA_REVISION

    with open_context(home) as ctx:
        ctx.migrate()
    console.print(f"The store is at schema revision {SCHEMA_REVISION}")
