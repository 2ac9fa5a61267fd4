"""The inbox: one intake pass (``sgo ingest``) and the site's status."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

if TYPE_CHECKING:
    from sgo_model.intake.pipeline import IntakeOptions, PassResult
    from sgo_model.intake.publishing import Published
    from sgo_model.intake.receipts import Receipt

from sgo_model.cli.app import (
    Context,
    HomeOption,
    app,
    console,
    errors,
    open_context,
)


def print_pass(result: PassResult, published: Published | None = None) -> None:
    """Summary table of a pass, and the documents that could not be regenerated."""
    from sgo_model.intake.receipts import Verdict

    if not result.receipts:
        console.print("No files ready in the inbox.")
    else:
        table = Table("login", "file", "form", "result", "details")
        style = {Verdict.ACCEPTED: "green", Verdict.REJECTED: "red", Verdict.DUPLICATE: "yellow"}
        for r in result.receipts:
            details = (
                f"{r.rows} rows, +{r.created} ~{r.updated}"
                if r.verdict is Verdict.ACCEPTED
                else (f"{len(r.errors)} errors" if r.errors else (r.reason or ""))
            )
            table.add_row(
                r.login,
                r.file_name,
                r.form or "",
                f"[{style[r.verdict]}]{r.verdict.value}[/]",
                details[:80],
            )
        console.print(table)
    for publisher, reason in (published.failures if published else {}).items():
        errors.print(f"[yellow]Documents of {publisher} not regenerated:[/] {reason}")


def wait_for_settling(ctx: Context, settle_seconds: float) -> None:
    """Sleep until every file in the inbox has stayed unchanged for ``settle_seconds``."""
    import time

    from sgo_model.intake import inbox

    while waiting := inbox.settling(inbox.candidates(ctx.settings.site), settle_seconds):
        longest = max(seconds for _, seconds in waiting)
        console.print(f"Waiting {longest:.0f} s for {len(waiting)} file(s) still being written…")
        time.sleep(min(longest, settle_seconds) + 0.05)


def settling_note(ctx: Context, settle_seconds: float) -> str | None:
    """What to tell about files not taken because they changed a moment ago."""
    from sgo_model.intake import inbox

    waiting = inbox.settling(inbox.candidates(ctx.settings.site), settle_seconds)
    if not waiting:
        return None
    longest = max(seconds for _, seconds in waiting)
    return (
        f"{len(waiting)} file(s) changed less than {settle_seconds:g} s ago and were left for "
        f"the next pass (ready in {max(longest, 0.1):.1f} s): run again then, or use --wait."
    )


def run_ingest_pass(ctx: Context, options: IntakeOptions) -> tuple[PassResult, Published]:
    """One pass with a progress bar, then the documents it changed."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from sgo_model.bootstrap import ingest_and_publish
    from sgo_model.intake import inbox

    site = ctx.settings.site
    total = len(inbox.ready(inbox.candidates(site), options.settle_seconds))
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True, disable=total < 2) as progress:
        task = progress.add_task("intake", total=total)

        def advance(receipt: Receipt) -> None:
            progress.update(task, advance=1, description=receipt.file_name[:40])

        ctx.check_schema()  # before anything is claimed
        return ingest_and_publish(ctx.settings, ctx.store, options, on_file=advance)


@app.command()
def ingest(
    strict: Annotated[bool, typer.Option(help="Exit 1 if any file was rejected.")] = False,
    settle: Annotated[float, typer.Option(help="Seconds a file must be unchanged.")] = 3.0,
    claim_ttl: Annotated[
        float, typer.Option(help="Seconds after which a dead worker's claim on a file expires.")
    ] = 600.0,
    wait: Annotated[
        bool, typer.Option(help="Wait for files still being written, then take them too.")
    ] = False,
    home: HomeOption = None,
) -> None:
    """One pass over the inbox: apply every ready file or reject it, with receipts."""
    from sgo_model.intake.pipeline import IntakeOptions

    with open_context(home) as ctx:
        ctx.require_initialised()
        if wait:
            wait_for_settling(ctx, settle)
        result, published = run_ingest_pass(
            ctx, IntakeOptions(settle_seconds=settle, claim_ttl_seconds=claim_ttl)
        )
        note = settling_note(ctx, settle)
    print_pass(result, published)
    if note:
        console.print(f"[yellow]{note}[/]")
    if strict and result.rejected:
        raise typer.Exit(1)


@app.command()
def status(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    home: HomeOption = None,
) -> None:
    """Counts of pupils, groups, employees, users, submissions and documents."""
    from sgo_model.status import site_status

    with open_context(home) as ctx:
        ctx.require_initialised()
        state = site_status(ctx.uow(read_only=True))
    if as_json:
        sys.stdout.write(json.dumps(state, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("what", "value")
    gaps: list[dict[str, str]] = []
    for key, value in state.items():
        if isinstance(value, dict):
            for sub, count in value.items():
                table.add_row(f"{key}: {sub}", str(count))
        elif isinstance(value, list):
            gaps = value
        else:
            table.add_row(key, str(value))
    console.print(table)
    if gaps:
        console.print(gaps_table(gaps))


GROUPS_SHOWN = 12
"""Groups named in a row of the status's gaps table; ``--json`` lists every one."""


def gaps_table(gaps: list[dict[str, str]]) -> Table:
    """Missing and late attendance sheets, one row per month and state, groups by name."""
    by_month: dict[tuple[str, str, str], list[str]] = {}
    for gap in gaps:
        by_month.setdefault((gap["month"], gap["state"], gap["due"]), []).append(gap["group"])
    table = Table("month", "attendance sheet", "due", "groups")
    for (month, state, due), groups in sorted(by_month.items()):
        shown = ", ".join(groups[:GROUPS_SHOWN])
        if len(groups) > GROUPS_SHOWN:
            shown += f" and {len(groups) - GROUPS_SHOWN} more (sgo status --json lists them)"
        table.add_row(month, state, due, f"{len(groups)}: {shown}")
    return table
