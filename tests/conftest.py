"""Shared fixtures: a store on SQLite and on PostgreSQL; an initialised site.

PostgreSQL tests are skipped, with the reason, when ``SGO_TEST_DATABASE_URL`` is not set; once
it is set (or under ``CI=true``) a server that cannot be reached fails them. Tests marked
``soffice`` need LibreOffice and poppler-utils: skipped without them, failed under CI.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from support import CI, DOCUMENT_TOOLS, SiteHarness, require_tools, unavailable

from sgo_model.store.engine import with_schema

PG_URL = os.environ.get("SGO_TEST_DATABASE_URL", "")
_pg_reason: str | None = None


def _postgres_unavailable() -> str | None:
    """Why PostgreSQL tests cannot run here, or ``None`` when they can."""
    global _pg_reason
    if not PG_URL:
        return (
            "PostgreSQL tests need SGO_TEST_DATABASE_URL, e.g. "
            "postgresql+psycopg://postgres@127.0.0.1:5432/test (.ci/run sets it)"
        )
    if _pg_reason is None:
        engine = create_engine(PG_URL)
        try:
            with engine.connect():
                _pg_reason = ""
        except OperationalError as error:
            _pg_reason = (
                f"PostgreSQL at SGO_TEST_DATABASE_URL is not reachable: {error.orig}; unset "
                "SGO_TEST_DATABASE_URL to skip the PostgreSQL tests instead"
            )
        finally:
            engine.dispose()
    return _pg_reason or None


def pytest_report_header() -> list[str]:
    """Say at the top of the run which environment checks are required."""
    pg = "required" if PG_URL or CI else "skipped (SGO_TEST_DATABASE_URL is not set)"
    return [f"PostgreSQL tests: {pg}; CI={'true' if CI else 'no'}"]


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tests marked ``soffice`` run only where LibreOffice and poppler-utils are installed,
    those marked ``postgres`` only where PostgreSQL is reachable."""
    if item.get_closest_marker("soffice") is not None:
        require_tools(*DOCUMENT_TOOLS)
    if item.get_closest_marker("postgres") is not None:
        reason = _postgres_unavailable()
        if reason:
            unavailable(reason, required=bool(PG_URL))


def postgres_url() -> Iterator[str]:
    """A URL of a fresh PostgreSQL schema, dropped afterwards."""
    reason = _postgres_unavailable()
    if reason:
        unavailable(reason, required=bool(PG_URL))
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield with_schema(PG_URL, schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The store's URL: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'sgo.db'}"
    else:
        yield from postgres_url()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite store only, for tests that need no second database."""
    return f"sqlite:///{tmp_path / 'sgo.db'}"


@pytest.fixture
def harness(tmp_path: Path, database_url: str) -> Iterator[SiteHarness]:
    """An initialised site (institution, 2026/2027, admin) on each database."""
    site = SiteHarness.create(tmp_path / "site", database_url)
    yield site
    site.close()


@pytest.fixture
def sqlite_harness(tmp_path: Path, sqlite_url: str) -> Iterator[SiteHarness]:
    """An initialised site on SQLite only."""
    site = SiteHarness.create(tmp_path / "site", sqlite_url)
    yield site
    site.close()
