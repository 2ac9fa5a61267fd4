"""Building the database engine and migrating the schema with Alembic."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, inspect, make_url, text

MIGRATIONS = Path(__file__).with_name("migrations")
SCHEMA_REVISION = "0014"
"""The newest migration; a store at another revision is refused until ``sgo migrate``."""
READ_ONLY = "sgo_read_only"
"""Execution option of a connection that only reads: on SQLite it takes no write lock."""


def with_schema(url: str, schema: str) -> str:
    """A PostgreSQL URL whose connections work in ``schema`` (their ``search_path``)."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


def schema_in(url: str | URL) -> str | None:
    """The schema a PostgreSQL URL's connections work in, if it names one."""
    options = str(make_url(url).query.get("options", ""))
    found = re.search(r"-c\s*search_path=([A-Za-z0-9_]+)", options)
    return found.group(1) if found else None


def make_engine(url: str) -> Engine:
    """An engine for the store; SQLite gets WAL, a busy timeout and write-locking transactions."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, issue BEGIN: we need BEGIN IMMEDIATE so that two
        # intake workers serialise on the write lock instead of failing on lock upgrade.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        read_only = connection.get_execution_options().get(READ_ONLY)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


class SchemaMismatch(Exception):
    """The store's schema is not the one the code needs; ``str(error)`` says what to do."""


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (creates it on an empty database)."""
    from alembic import command
    from alembic.config import Config

    schema = schema_in(engine.url) if engine.url.get_backend_name() != "sqlite" else None
    if schema is not None:
        with engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    command.upgrade(config, "head")


def schema_revision(engine: Engine) -> str | None:
    """The migration the store is at (``None``: no schema yet)."""
    if not inspect(engine).has_table("alembic_version"):
        return None
    with engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def check_schema(engine: Engine) -> None:
    """Refuse a store whose schema is behind (or ahead of) the code, naming the remedy."""
    revision = schema_revision(engine)
    if revision != SCHEMA_REVISION:
        raise SchemaMismatch(
            f"the store's schema is at revision {revision or 'none'}, this version of sgo "
            f"needs {SCHEMA_REVISION}; run `sgo migrate` (back up the store first)"
        )


def is_initialised(engine: Engine) -> bool:
    """Whether the database has the store's schema (an absent SQLite file is not created)."""
    database = engine.url.database
    sqlite_file = engine.url.get_backend_name() == "sqlite" and database not in (
        None,
        "",
        ":memory:",
    )
    if sqlite_file and not Path(str(database)).exists():
        return False
    return inspect(engine).has_table("alembic_version")
