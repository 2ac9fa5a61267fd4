"""Backups of the store and restoring one: SQLite's online backup, ``pg_dump``/``pg_restore``
for PostgreSQL.

A backup is a consistent copy taken while the store is in use (SQLite copies its pages under a
read lock; ``pg_dump`` reads one snapshot). Restoring replaces everything the store holds with
the backup's content, in one step: a killed restore leaves the store as it was (SQLite writes
the copy beside the store and swaps it in; ``pg_restore`` runs in a single transaction). Only
the store: the documents and the archive of originals are files under the site's folder.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from sgo_model.office.files import TEMPORARY_SUFFIX
from sgo_model.store.engine import schema_in


class BackupError(Exception):
    """A backup or restore that cannot be done; ``str(error)`` says why, for the command line."""


def is_sqlite(url: str) -> bool:
    """Whether the store is a SQLite file."""
    return make_url(url).get_backend_name() == "sqlite"


def suffix(url: str) -> str:
    """The backup file's extension: ``.db`` (a SQLite database) or ``.dump`` (pg_dump's)."""
    return ".db" if is_sqlite(url) else ".dump"


def backup(url: str, target: Path) -> Path:
    """Write a consistent copy of the store to ``target`` (written beside it, then moved)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + TEMPORARY_SUFFIX)
    partial.unlink(missing_ok=True)
    try:
        if is_sqlite(url):
            _copy_sqlite(_sqlite_path(url), partial)
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", f"--file={partial}",
                  *_schema_options(url), _libpq(url)])  # fmt: skip
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def restore(url: str, source: Path) -> None:
    """Replace the store's content with the backup ``source``."""
    if not source.is_file():
        raise BackupError(f"no backup file {source}")
    if is_sqlite(url):
        live = _sqlite_path(url)
        partial = live.with_name(live.name + TEMPORARY_SUFFIX)
        try:
            _copy_sqlite(source, partial)
            for stale in (Path(f"{live}-wal"), Path(f"{live}-shm")):
                stale.unlink(missing_ok=True)
            os.replace(partial, live)
        finally:
            partial.unlink(missing_ok=True)
        return
    options = ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error"]
    _run(["pg_restore", *options, *_schema_options(url), f"--dbname={_libpq(url)}", str(source)])


def _copy_sqlite(source: Path, target: Path) -> None:
    origin = sqlite3.connect(source)
    copy = sqlite3.connect(target)
    try:
        origin.backup(copy)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source} is not a readable SQLite database: {error}") from None
    finally:
        origin.close()
        copy.close()


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory store has nothing to back up")
    return Path(database)


def _libpq(url: str) -> str:
    """The SQLAlchemy URL as libpq takes it (no driver name, no query options)."""
    parsed = make_url(url).set(drivername="postgresql", query={})
    return parsed.render_as_string(hide_password=False)


def _schema_options(url: str) -> list[str]:
    """``--schema`` for a store kept in a schema of its own (``options=-csearch_path=…``)."""
    schema = schema_in(url)
    return [f"--schema={schema}"] if schema else []


def _run(command: list[str]) -> None:
    tool = command[0]
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not installed (PostgreSQL's client tools are needed)")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{tool} failed: {done.stderr.strip() or done.returncode}")
