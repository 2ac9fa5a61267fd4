"""``sgo backup`` and ``sgo restore``: a consistent copy of the store, and putting one back."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from sgo_model.cli.app import HomeOption, app, console, errors, open_context


@app.command()
def backup(
    home: HomeOption = None,
    to: Annotated[
        Path | None,
        typer.Option(
            "--to",
            help="Backup file (default: backups/sgo YYYY-MM-DD HH-MM-SS.db "
            "or .dump under the site).",
        ),
    ] = None,
) -> None:
    """Copy the store while it is in use (SQLite online backup; pg_dump for PostgreSQL)."""
    from sgo_model.store.backup import BackupError, suffix
    from sgo_model.store.backup import backup as make_backup

    with open_context(home) as ctx:
        url = ctx.settings.database_url
        stamp = f"{datetime.now():%Y-%m-%d %H-%M-%S}"
        target = to or ctx.settings.home / "backups" / f"sgo {stamp}{suffix(url)}"
        try:
            written = make_backup(url, target)
        except BackupError as error:
            errors.print(f"[red]Backup failed:[/red] {error}")
            raise typer.Exit(1) from None
    console.print(f"Backed up the store to {written} ({written.stat().st_size:,} bytes)")


@app.command()
def restore(
    source: Annotated[Path, typer.Argument(help="A file `sgo backup` wrote.")],
    home: HomeOption = None,
    yes: Annotated[
        bool, typer.Option("--yes", help="Replace the store's content without asking.")
    ] = False,
) -> None:
    """Replace everything the store holds with a backup, in one step (stop `sgo serve` first);
    then `sgo migrate` if the backup is of an older schema."""
    from sgo_model.store.backup import BackupError
    from sgo_model.store.backup import restore as put_back
    from sgo_model.store.engine import SCHEMA_REVISION, schema_revision

    with open_context(home) as ctx:
        if not yes:
            errors.print(
                f"This replaces everything in the store of {ctx.settings.home} with {source}; "
                "run again with --yes to do it"
            )
            raise typer.Exit(1)
        ctx.store.close()  # no connection may hold the old store open
        try:
            put_back(ctx.settings.database_url, source)
        except BackupError as error:
            errors.print(f"[red]Restore failed:[/red] {error}")
            raise typer.Exit(1) from None
        revision = schema_revision(ctx.store.engine)
    console.print(f"Restored the store from {source} (schema revision {revision})")
    if revision != SCHEMA_REVISION:
        console.print(f"Run `sgo migrate` to bring it to revision {SCHEMA_REVISION}")
