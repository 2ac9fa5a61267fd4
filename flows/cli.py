"""The full ``sgo`` command line: the service commands plus those that run Prefect flows."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flows.environment import quiet_prefect
from sgo_model.cli.app import HomeOption, app, console, errors, open_context
from sgo_model.cli.municipal import RootArgument, municipal_app

if TYPE_CHECKING:
    from sgo_model.office.municipality import Municipality


@app.command()
def demo(
    home: Annotated[
        Path, typer.Option("--home", help="Folder for the demo site (created).")
    ] = Path("demo-site"),
    seed: Annotated[int, typer.Option(help="Seed of the fictional data.")] = 2026,
    today: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            help="Build the demo as of this day of 2026/2027 (attendance up to it, documents "
            "dated it).",
        ),
    ] = None,
) -> None:
    """Live a fictional kindergarten's whole school year 2025/2026 through the flows, close it,
    and go on with this autumn: forms into the inbox, orders, attendance, diagnostics, the
    schedule, the reports."""
    from flows.demo import run_demo
    from sgo_model.demo.dates import SCHOOL_YEAR_START

    day = today.date() if today else date.today()
    if day < SCHOOL_YEAR_START:
        raise typer.BadParameter(
            f"the demo goes on in the year from {SCHOOL_YEAR_START:%Y-%m-%d}", param_hint="--today"
        )
    quiet_prefect()
    with open_context(home) as ctx:
        run_demo(ctx, seed, day)


@app.command()
def serve(
    home: HomeOption = None,
    polling: Annotated[
        bool, typer.Option(help="Poll the folder instead of file-system events (network shares).")
    ] = False,
    settle: Annotated[float, typer.Option(help="Seconds a file must be unchanged.")] = 3.0,
    rescan: Annotated[float, typer.Option(help="Seconds between full rescans.")] = 60.0,
) -> None:
    """Watch the inbox and run the intake flow for every batch of ready files."""
    quiet_prefect(keep_run_logs=True)
    with open_context(home) as ctx:
        ctx.migrate()  # a long-running server migrates once, at its start
        ctx.require_initialised()
    from flows.serve.site import serve_site

    serve_site(ctx.settings, polling=polling, settle_seconds=settle, rescan_seconds=rescan)


def _municipality(root: Path) -> Municipality:
    from sgo_model.office.municipality import Municipality, MunicipalityError

    try:
        return Municipality.open(root)
    except MunicipalityError as error:
        errors.print(f"[red]Error:[/red] {error}")
        raise typer.Exit(2) from None


@municipal_app.command("serve")
def municipal_serve(
    root: RootArgument,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes to start here.")] = 2,
    polling: Annotated[
        bool, typer.Option(help="Poll the folders instead of file-system events (network shares).")
    ] = False,
    settle: Annotated[float, typer.Option(help="Seconds a file must be unchanged.")] = 3.0,
    rescan: Annotated[float, typer.Option(help="Seconds between full rescans.")] = 60.0,
    prefect_database_url: Annotated[
        str | None,
        typer.Option(
            help="The Prefect server's database (postgresql+asyncpg://…); default: "
            "<store database>_prefect beside a PostgreSQL store."
        ),
    ] = None,
) -> None:
    """Serve a municipality: a Prefect server on PostgreSQL (unless PREFECT_API_URL names one),
    every kindergarten's deployments in the work pool `sgo`, N workers, and the watchers of
    every inbox."""
    from flows.municipal.serve import serve_municipality
    from flows.municipal.worker import WorkerRefused
    from flows.serve.server import ServerError

    municipality = _municipality(root)
    for code in municipality.codes():  # a long-running server migrates once, at its start
        with open_context(municipality.site(code)) as ctx:
            ctx.migrate()
    try:
        serve_municipality(
            municipality,
            workers=workers,
            polling=polling,
            settle_seconds=settle,
            rescan_seconds=rescan,
            prefect_database=prefect_database_url,
        )
    except (WorkerRefused, ServerError) as error:
        errors.print(f"[red]Refused:[/red] {error}")
        raise typer.Exit(1) from None


@municipal_app.command("deploy")
def municipal_deploy(
    root: RootArgument,
    settle: Annotated[float, typer.Option(help="Seconds a file must be unchanged.")] = 3.0,
) -> None:
    """Register every kindergarten's deployments on the server PREFECT_API_URL names (after
    `sgo municipal add`, or to update them)."""
    from prefect.context import refresh_global_settings_context

    from flows.municipal.deploy import POOL, deploy

    quiet_prefect()
    refresh_global_settings_context()
    deployed = deploy(_municipality(root), settle)
    console.print(
        f"Pool {POOL}: {len(deployed)} kindergartens, {sum(deployed.values())} deployments"
    )


@app.command()
def worker(
    root: RootArgument,
    limit: Annotated[
        int,
        typer.Option(
            min=1,
            help="Flow runs this worker runs at once (each its own process: start more "
            "workers, or raise it, by the cores and memory there are).",
        ),
    ] = 1,
    name: Annotated[str | None, typer.Option(help="The worker's name in the UI.")] = None,
) -> None:
    """A Prefect process worker of the municipality's pool (PREFECT_API_URL names the server;
    on SQLite only one may run)."""
    from flows.municipal.worker import WorkerRefused, run_worker

    quiet_prefect(keep_run_logs=True)
    try:
        run_worker(_municipality(root), limit, name)
    except WorkerRefused as error:
        errors.print(f"[red]Refused:[/red] {error}")
        raise typer.Exit(1) from None


def main() -> None:
    """Entry point of ``sgo``."""
    app()
