"""The full ``sgo`` command line: the service commands plus those that run Prefect flows."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from flows.environment import quiet_prefect
from sgo_model.cli.app import HomeOption, app, open_context


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


def main() -> None:
    """Entry point of ``sgo``."""
    app()
