"""A municipality end to end: three kindergartens in one PostgreSQL store, a Prefect server on
PostgreSQL, two ``sgo worker`` processes, every file answered in its own kindergarten."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from support import sgo_command, wait_for

from flows.municipal.watch import batch_key
from flows.municipal.worker import sqlite_guard
from sgo_model.bootstrap import load_settings, spec_of
from sgo_model.domain.roles import FormKind
from sgo_model.forms.blanks import write_blank
from sgo_model.office.municipality import Municipality, MunicipalityError, schema_of
from sgo_model.office.site import Site
from sgo_model.store.engine import schema_in

SURNAMES = ("Иванова", "Петрова", "Сидорова")


def _staff_list(path: Path, surname: str) -> None:
    row = {
        "Табельный номер": "001",
        "Фамилия": surname,
        "Имя": "Мария",
        "Отчество": "Петровна",
        "Должность": "Заведующий",
        "Дата приёма": "01.09.2020",
        "Ставка": 1,
        "Логин": "head",
        "Роль": "заведующий",
    }
    write_blank(spec_of(FormKind.STAFF), path, rows=[row])


def _run(environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sgo_command(), *arguments], env=environment, capture_output=True, text=True, timeout=180
    )


def test_a_site_of_a_municipality_works_in_its_own_schema_of_the_shared_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SGO_DATABASE_URL", raising=False)
    municipality = Municipality.create(tmp_path / "m", "postgresql+psycopg://sgo@db/sgo")
    (municipality.root / "015" / "inbox").mkdir(parents=True)
    (municipality.root / "notes").mkdir()

    assert municipality.codes() == ["015"]
    url = load_settings(municipality.site("015")).database_url
    assert url.startswith("postgresql+psycopg://sgo@db/sgo?")
    assert schema_in(url) == schema_of("015") == "sgo_015"
    # The password comes from the process's environment, the schema still from the site.
    monkeypatch.setenv("SGO_DATABASE_URL", "postgresql+psycopg://sgo:secret@db/sgo")
    url = load_settings(municipality.site("015")).database_url
    assert make_url(url).password == "secret"
    assert schema_in(url) == "sgo_015"
    # A run's frozen parameter names the schema already: it is kept, not doubled.
    assert load_settings(municipality.site("015"), url).database_url == url
    with pytest.raises(MunicipalityError, match="lower-case Latin"):
        municipality.site("Сад-15")


def test_the_key_of_an_intake_run_changes_with_the_waiting_files_only(tmp_path: Path) -> None:
    site = Site(tmp_path / "015")
    site.ensure()
    (site.inbox / "admin").mkdir()
    empty = batch_key("015", site)
    (site.inbox / "admin" / "Сотрудники.xlsx").write_bytes(b"x")
    waiting = batch_key("015", site)

    assert waiting.startswith("015:intake:")
    assert waiting != empty
    assert batch_key("015", site) == waiting  # a second watcher asks for the same run
    assert batch_key("016", site) != waiting


def test_a_second_worker_on_sqlite_is_refused(tmp_path: Path, environment: dict[str, str]) -> None:
    root = tmp_path / "m"
    assert _run(environment, "municipal", "init", str(root)).returncode == 0

    many = _run(environment, "municipal", "serve", str(root), "--workers", "2")
    assert many.returncode == 1
    assert "SQLite, which takes one worker, not 2" in many.stderr
    with sqlite_guard(Municipality.open(root)):
        second = _run(environment, "worker", str(root))
    assert second.returncode == 1
    assert f"one is running (pid {os.getpid()})" in second.stderr
    assert "Traceback" not in second.stderr
    elsewhere = _run(environment, "worker", str(tmp_path))
    assert elsewhere.returncode == 2
    assert "is not a municipality folder (no municipality.json" in elsewhere.stderr


@pytest.fixture
def prefect_database() -> Iterator[str]:
    """A PostgreSQL database of the test's own for the Prefect server, dropped afterwards."""
    base = os.environ.get("SGO_TEST_DATABASE_URL", "")
    name = f"prefect_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(base).set(drivername="postgresql+asyncpg", database=name)
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def kindergartens(environment: dict[str, str]) -> Iterator[tuple[Path, list[str], str]]:
    """A municipality of three kindergartens in the test database, their schemas dropped
    afterwards."""
    base = os.environ.get("SGO_TEST_DATABASE_URL", "")
    root = Path(environment["PREFECT_HOME"]).parent / "m"
    tag = uuid.uuid4().hex[:6]
    codes = [f"t{tag}_{n}" for n in (1, 2, 3)]
    assert _run(environment, "municipal", "init", str(root), "--database-url", base).returncode == 0
    try:
        for number, code in enumerate(codes, start=1):
            added = _run(
                environment,
                *("municipal", "add", str(root), code, "--year", "2026/2027"),
                *("--institution", f"МБДОУ «Детский сад № {number}»"),
            )
            assert added.returncode == 0, added.stderr
        yield root, codes, base
    finally:
        engine = create_engine(base)
        with engine.begin() as connection:
            for code in codes:
                connection.execute(text(f"DROP SCHEMA IF EXISTS {schema_of(code)} CASCADE"))
        engine.dispose()


@pytest.mark.postgres
@pytest.mark.skipif(sys.platform == "win32", reason="stops the server with SIGTERM")
def test_three_kindergartens_are_served_by_two_workers_on_postgresql(
    kindergartens: tuple[Path, list[str], str],
    prefect_database: str,
    environment: dict[str, str],
) -> None:
    root, codes, base = kindergartens
    out = root / "serve.out"
    command = [sgo_command(), "municipal", "serve", str(root), "--workers", "2", "--settle", "1"]
    command += ["--rescan", "5", "--prefect-database-url", prefect_database]
    with out.open("wb") as stdout:
        serving = subprocess.Popen(
            command,
            env=environment,
            stdout=stdout,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(
            "the server, the workers and the watchers",
            180,
            lambda: serving.poll() is None and "Watching 3 inboxes" in out.read_text(),
        )
        for code, surname in zip(codes, SURNAMES, strict=True):
            _staff_list(root / code / "inbox" / "admin" / "Сотрудники.xlsx", surname)
        receipts = {
            code: wait_for(
                f"the receipt of kindergarten {code}",
                180,
                lambda code=code: list((root / code / "inbox/admin/accepted").glob("*.txt")),
            )
            for code in codes
        }
        assert all(len(found) == 1 for found in receipts.values())
        wait_for("the summaries", 60, lambda: out.read_text().count("Приём: 1 файл") == 3)
        port = json.loads((root / ".prefect" / "server.pid").read_text())["port"]
        same = _same_key_twice(environment, port, codes[0])
    finally:
        serving.terminate()
        serving.wait(90)
    log = out.read_text()
    assert "Stopped." in log, log
    assert "Traceback" not in log, log
    for code in codes:
        assert f"{code}: Приём: 1 файл, принят 1" in log

    listed = _run(environment, "municipal", "list", str(root))
    assert listed.returncode == 0, listed.stderr
    for number, code in enumerate(codes, start=1):
        assert code in listed.stdout and schema_of(code) in listed.stdout
        assert f"МБДОУ «Детский сад № {number}»" in listed.stdout

    # Each kindergarten's employee is in its own schema only.
    engine = create_engine(base)
    with engine.connect() as connection:
        for code, surname in zip(codes, SURNAMES, strict=True):
            names = connection.execute(
                text(f"SELECT last_name FROM {schema_of(code)}.employees")
            ).scalars()
            assert list(names) == [surname]
    engine.dispose()

    # The Prefect side: the runs went through the pool, one queue per kindergarten limited to
    # one run, two workers polled it, and a run asked for twice with one key is one run.
    prefect = create_engine(make_url(prefect_database).set(drivername="postgresql+psycopg"))
    with prefect.connect() as connection:
        queues = dict(
            connection.execute(
                text(
                    "SELECT q.name, q.concurrency_limit FROM work_queue q "
                    "JOIN work_pool p ON p.id = q.work_pool_id WHERE p.name = 'sgo'"
                )
            ).all()
        )
        workers = connection.execute(text("SELECT count(*) FROM worker")).scalar()
        runs = connection.execute(
            text(
                "SELECT work_queue_name, count(*), count(*) FILTER (WHERE state_type = "
                "'COMPLETED') FROM flow_run WHERE flow_id = "
                "(SELECT id FROM flow WHERE name = 'sgo-intake') GROUP BY work_queue_name"
            )
        ).all()
        keys = connection.execute(
            text("SELECT DISTINCT key FROM artifact WHERE key LIKE 'intake-receipts%'")
        ).scalars()
        artifact_keys = set(keys)
    prefect.dispose()
    # Each kindergarten's receipts are its own artifact on the shared server.
    assert artifact_keys == {f"intake-receipts-{code.replace('_', '-')}" for code in codes}
    assert {code: queues.get(code) for code in codes} == dict.fromkeys(codes, 1)
    assert workers == 2
    # One run per dropped file; the first kindergarten also has the run asked for twice.
    counts = {queue: (total, completed >= 1) for queue, total, completed in runs}
    assert counts == {codes[0]: (2, True), codes[1]: (1, True), codes[2]: (1, True)}
    assert same


def _same_key_twice(environment: dict[str, str], port: int, code: str) -> bool:
    """Ask for the same keyed intake run twice from another process: one run."""
    script = (
        "from prefect.deployments import run_deployment\n"
        f"name = 'sgo-intake/intake {code}'\n"
        "a = run_deployment(name, timeout=0, idempotency_key='test-key')\n"
        "b = run_deployment(name, timeout=0, idempotency_key='test-key')\n"
        "print(a.id == b.id)\n"
    )
    env = {**environment, "PREFECT_API_URL": f"http://127.0.0.1:{port}/api"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip() == "True"
