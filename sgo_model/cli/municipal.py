"""``sgo municipal``: a municipality's kindergartens in one folder and one store
(the Prefect side, ``serve``/``deploy``/``worker``, is in ``flows.cli``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sgo_model.cli.app import app, console, errors, open_context
from sgo_model.intake.journal import record_act

municipal_app = typer.Typer(
    help="A municipality: many kindergartens' sites in one folder and one store.",
    no_args_is_help=True,
)
app.add_typer(municipal_app, name="municipal")

RootArgument = Annotated[Path, typer.Argument(help="The municipality's folder.")]


@municipal_app.command("init")
def municipal_init(
    root: RootArgument,
    database_url: Annotated[
        str,
        typer.Option(
            help="The shared store, e.g. postgresql+psycopg://sgo@db/sgo (no password: give "
            "it in SGO_DATABASE_URL to every process); empty: SQLite, a file per site."
        ),
    ] = "",
) -> None:
    """Make a folder the home of a municipality's kindergartens."""
    from sqlalchemy.engine import make_url

    from sgo_model.office.municipality import Municipality

    if database_url and make_url(database_url).password:
        errors.print(
            "[red]Error:[/red] keep the password out of municipality.json: give the URL "
            "without it here and with it in SGO_DATABASE_URL"
        )
        raise typer.Exit(2)
    municipality = Municipality.create(root, database_url)
    store = database_url or "SQLite, a file per kindergarten"
    console.print(f"Municipality at [bold]{municipality.root}[/bold]; store: {store}")


@municipal_app.command("add")
def municipal_add(
    root: RootArgument,
    code: Annotated[str, typer.Argument(help="The kindergarten's code (folder and schema).")],
    institution: Annotated[str, typer.Option(help="Full name of the institution.")],
    year: Annotated[str, typer.Option(help="Academic year, e.g. 2026/2027.")],
    admin: Annotated[str, typer.Option(help="Login of its administrator.")] = "admin",
) -> None:
    """Add a kindergarten: its site folder, its own store (schema) and its set-up."""
    from sgo_model.office.municipality import Municipality, MunicipalityError
    from sgo_model.setup.service import init_site

    try:
        home = Municipality.open(root).site(code)
    except MunicipalityError as error:
        errors.print(f"[red]Error:[/red] {error}")
        raise typer.Exit(2) from None
    home.mkdir(exist_ok=True)
    with open_context(home) as ctx:
        ctx.migrate()
        result = init_site(ctx.settings.site, ctx.uow(), institution, year, admin)
        record_act(ctx.settings.site, "init", institution=institution, year=year, admin=admin)
    console.print(
        f"Kindergarten {code}: {result.institution}, {result.year.label}; the administrator "
        f"drops the staff list into {ctx.settings.site.user_inbox(result.admin)}"
    )


@municipal_app.command("list")
def municipal_list(root: RootArgument) -> None:
    """The municipality's kindergartens, their stores and waiting inbox files."""
    from sgo_model.office.municipality import Municipality, MunicipalityError
    from sgo_model.store.engine import schema_in

    try:
        municipality = Municipality.open(root)
    except MunicipalityError as error:
        errors.print(f"[red]Error:[/red] {error}")
        raise typer.Exit(2) from None
    table = Table("code", "institution", "year", "store schema", "inbox files")
    for code in municipality.codes():
        home = municipality.site(code)
        with open_context(home) as ctx:
            with ctx.uow(read_only=True) as uow:
                record = uow.institution.get()
            store = schema_in(ctx.settings.database_url) or "SQLite file"
        waiting = sum(1 for p in ctx.settings.site.inbox.glob("*/*") if p.is_file())
        name = record.name if record else "(not initialised)"
        year = record.current_year.label if record and record.current_year else ""
        table.add_row(code, name, year, store, str(waiting))
    console.print(table)
