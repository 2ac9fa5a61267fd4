"""``sgo worker``: a Prefect process worker of the municipality's pool."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from flows.municipal.deploy import POOL
from flows.serve.stop import stop_on_sigterm
from flows.serve.terminal import say
from sgo_model.office.municipality import Municipality

WORKER_POLL_SECONDS = "2"
"""How often an idle worker asks for runs (Prefect's default, 10 s, would add up to 10 s
before a dropped file's receipt)."""


class WorkerRefused(RuntimeError):
    """This worker must not start; says why."""


@contextlib.contextmanager
def sqlite_guard(municipality: Municipality) -> Iterator[None]:
    """On SQLite, the only worker: a second one is refused while this one runs.

    A municipality on SQLite keeps its Prefect server's state in SQLite too, which locks up
    under concurrent writers (Prefect's own advice: PostgreSQL for several workers). The lock
    is this machine's: a worker elsewhere on SQLite is not seen (and not supported).
    """
    if municipality.database_url:
        yield
        return
    import fcntl

    municipality.prefect_home.mkdir(parents=True, exist_ok=True)
    path = municipality.prefect_home / "sqlite-worker.lock"
    handle: IO[str] = path.open("a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise WorkerRefused(
                f"the municipality's store is SQLite, which takes one worker, and one is "
                f"running (pid {holder}); stop it, or move the store to PostgreSQL "
                "(`sgo municipal init --database-url postgresql+psycopg://…`) for several"
            ) from None
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()


def run_worker(municipality: Municipality, limit: int, name: str | None) -> None:
    """Poll the pool and run its flow runs (each in its own process) until stopped."""
    os.environ.setdefault("PREFECT_WORKER_QUERY_SECONDS", WORKER_POLL_SECONDS)
    with sqlite_guard(municipality):
        from prefect.context import refresh_global_settings_context
        from prefect.workers.process import ProcessWorker

        refresh_global_settings_context()
        worker = ProcessWorker(work_pool_name=POOL, name=name, limit=limit)
        say(f"Worker {worker.name} polls the pool «{POOL}» of {municipality.root}")
        with stop_on_sigterm(), contextlib.suppress(KeyboardInterrupt):
            asyncio.run(worker.start(printer=lambda *args, **kwargs: None))
        say(f"Worker {worker.name} stopped")


def worker_command(root: Path, limit: int, name: str | None) -> list[str]:
    """The command line of one worker process, as ``sgo municipal serve`` starts them."""
    import sys

    command = [sys.executable, "-m", "flows", "worker", str(root), "--limit", str(limit)]
    if name is not None:
        command += ["--name", name]
    return command
