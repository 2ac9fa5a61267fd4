"""``sgo rebuild --from-archive``: the store built again from the archived originals and the
journal, and compared with the live one table by table."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from sgo_model.cli.app import HomeOption, app, console, errors, open_context


@app.command()
def rebuild(
    from_archive: Annotated[
        bool,
        typer.Option("--from-archive", help="Replay the archive's journal (the only source)."),
    ] = False,
    into: Annotated[
        str | None,
        typer.Option(
            help="The empty store to build (default: rebuilt/sgo.db under the site, SQLite)."
        ),
    ] = None,
    home: HomeOption = None,
) -> None:
    """Replay every archived original and every recorded act, in their order, into an empty
    store; then compare it with the live store table by table (exit 1 if they differ)."""
    from sgo_model.bootstrap import Store
    from sgo_model.intake.journal import journal_path
    from sgo_model.rebuild import rebuild as replay
    from sgo_model.store.digest import store_digest
    from sgo_model.store.engine import is_initialised

    if not from_archive:
        raise typer.BadParameter("say where from: --from-archive", param_hint="--from-archive")
    with open_context(home) as ctx:
        ctx.require_initialised()
        if not journal_path(ctx.settings.site).exists():
            errors.print(
                f"[red]Error:[/red] {journal_path(ctx.settings.site)} does not exist: the site "
                "was set up before sgo kept a journal; restore it from a backup instead"
            )
            raise typer.Exit(2)
        url = into or f"sqlite:///{(ctx.settings.home / 'rebuilt' / 'sgo.db').resolve()}"
        target = Store(url)
        try:
            if is_initialised(target.engine):
                errors.print(f"[red]Error:[/red] {url} is not empty; give an empty store")
                raise typer.Exit(2)
            done = replay(ctx.settings, target)
            with ctx.store.engine.connect() as live, target.engine.connect() as built:
                expected, got = store_digest(live), store_digest(built)
        finally:
            target.close()
    table = Table("table", "live rows", "rebuilt rows", "same")
    differing = []
    for name, digest in expected.items():
        same = got[name] == digest
        if not same:
            differing.append(name)
        table.add_row(name, str(digest.rows), str(got[name].rows), "yes" if same else "[red]NO[/]")
    console.print(table)
    console.print(f"Replayed {done.files} files and {done.acts} acts into {url}")
    for act in done.not_replayed:
        errors.print(f"[yellow]Not replayed:[/] {act.act} of {act.at:%d.%m.%Y %H:%M}")
    for entry in done.missing:
        errors.print(f"[yellow]Original missing from the archive:[/] {entry.login}/{entry.name}")
    if differing:
        errors.print(f"[red]The rebuilt store differs in:[/] {', '.join(differing)}")
        raise typer.Exit(1)
    console.print("The rebuilt store holds the same facts as the live one.")
