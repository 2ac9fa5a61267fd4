"""A municipality through Prefect's own machinery: generated kindergartens' set-up and a month
of attendance, each kindergarten's files one keyed intake run in the work pool, executed by
1 and then 2 ``sgo worker`` processes (one flow run at a time each), on a Prefect server
whose state is in PostgreSQL and a store with a schema per kindergarten.

Prints the files per second of each phase with 1 and with 2 workers, the 2-worker/1-worker
ratio (target ≥ 1.6 on 2 cores), and the headline: the whole municipal year (set-up and
twelve months of attendance) projected from the 2-worker figures.

    SGO_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/municipal.py [--kindergartens 100]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from flows.environment import quiet_prefect
from flows.municipal.deploy import deploy, intake_deployment
from flows.municipal.worker import worker_command
from flows.serve.server import LocalServer
from sgo_model.bootstrap import Store, load_settings
from sgo_model.demo.attendance import stage_attendance
from sgo_model.demo.data import build_demo
from sgo_model.demo.stage import stage_setup
from sgo_model.office.municipality import Municipality, schema_of
from sgo_model.setup.service import init_site

MONTH_END = date(2026, 9, 30)
RATIO_TARGET = 1.6


def _municipality(root: Path, base: str, count: int, tag: str) -> Municipality:
    municipality = Municipality.create(root, base)
    for number in range(1, count + 1):
        home = municipality.site(f"{tag}_{number:03d}")
        home.mkdir()
        settings = load_settings(home)
        store = Store(settings.database_url)
        store.migrate()
        init_site(settings.site, store.uow(), f"МБДОУ «Детский сад № {number}»", "2026/2027")
        store.close()
    return municipality


def _stage(municipality: Municipality, phase: str) -> int:
    files = 0
    for number, code in enumerate(municipality.codes(), start=1):
        settings = load_settings(municipality.site(code))
        if phase == "setup":
            kindergarten = build_demo(number, groups=12, employees=40, pupils=120)
            files += len(stage_setup(settings.site, kindergarten))
        else:
            store = Store(settings.database_url)
            files += len(stage_attendance(settings.site, store.uow(), MONTH_END, number,
                                          mistakes=False))  # fmt: skip
            store.close()
    return files


def _run_all(municipality: Municipality, phase: str) -> float:
    """Ask for every kindergarten's intake run (keyed) and wait until all are over."""
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment

    started = time.perf_counter()
    runs = [
        run_deployment(
            intake_deployment(code), timeout=0, idempotency_key=f"{code}:{phase}:bench"
        ).id
        for code in municipality.codes()
    ]
    # Generous (a kindergarten's run takes some 10 s), but never waiting forever on runs no
    # worker takes.
    deadline = time.monotonic() + 120 + 60 * len(runs)
    with get_client(sync_client=True) as client:
        pending = set(runs)
        while pending:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{len(pending)} intake runs did not end in time")
            for run_id in list(pending):
                state = client.read_flow_run(run_id).state
                if state is not None and state.is_final():
                    if not state.is_completed():
                        raise RuntimeError(f"intake run {run_id} ended {state.name}")
                    pending.discard(run_id)
            time.sleep(0.5)
    return time.perf_counter() - started


def _with_workers(municipality: Municipality, workers: int, work: Callable[[], float]) -> float:
    children = [
        subprocess.Popen(
            worker_command(municipality.root, 1, f"bench-{workers}-{n}"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for n in range(workers)
    ]
    try:
        return work()
    finally:
        for child in children:
            child.terminate()
        for child in children:
            child.wait(60)


def _measure(base: str, count: int, workers: int) -> dict[str, tuple[int, float]]:
    tag = f"b{uuid.uuid4().hex[:5]}"
    figures: dict[str, tuple[int, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        municipality = _municipality(Path(tmp) / "m", base, count, tag)
        try:
            deploy(municipality, 0.0)
            for phase in ("setup", "month"):
                files = _stage(municipality, phase)
                seconds = _with_workers(
                    municipality, workers, lambda phase=phase: _run_all(municipality, phase)
                )
                figures[phase] = (files, seconds)
                print(
                    f"{count} kindergartens, {phase:5}, {workers} worker(s): {files} files "
                    f"in {seconds:6.1f} s, {files / seconds:5.1f} files/s",
                    flush=True,
                )
        finally:
            engine = create_engine(base)
            for code in municipality.codes():
                # One transaction each: a hundred schemas' tables at once exceed the server's
                # lock table (max_locks_per_transaction).
                with engine.begin() as connection:
                    connection.execute(text(f"DROP SCHEMA IF EXISTS {schema_of(code)} CASCADE"))
            engine.dispose()
    return figures


def main(argv: list[str] | None = None) -> int:
    """Measure with 1 and 2 workers and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--kindergartens", type=int, default=100)
    count = parser.parse_args(argv).kindergartens
    base = os.environ.get("SGO_TEST_DATABASE_URL") or os.environ.get("SGO_DATABASE_URL")
    if not base or not base.startswith("postgresql"):
        print("municipal needs PostgreSQL: set SGO_TEST_DATABASE_URL", file=sys.stderr)
        return 2
    quiet_prefect()
    name = f"prefect_bench_{uuid.uuid4().hex[:6]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    prefect_url = make_url(base).set(drivername="postgresql+asyncpg", database=name)
    results: dict[int, dict[str, tuple[int, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        server = LocalServer.start(
            Path(tmp) / ".prefect", database_url=prefect_url.render_as_string(hide_password=False)
        )
        os.environ["PREFECT_API_URL"] = server.api_url
        from prefect.context import refresh_global_settings_context

        refresh_global_settings_context()
        try:
            for workers in (1, 2):
                results[workers] = _measure(base, count, workers)
        finally:
            server.stop()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
    one = sum(s for _, s in results[1].values())
    two = sum(s for _, s in results[2].values())
    ratio = one / two
    verdict = "met" if ratio >= RATIO_TARGET else "MISSED"
    print(f"2 workers / 1 worker: {ratio:4.2f}  (target ≥ {RATIO_TARGET}: {verdict})")
    setup, month = results[2]["setup"][1], results[2]["month"][1]
    year = (setup + 12 * month) * 100 / count
    print(
        f"headline: a municipal year of 100 kindergartens (set-up + 12 months of attendance) "
        f"with 2 workers: {year / 60:5.1f} min (projected from {count})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
