"""``sgo municipal serve``: the municipality's Prefect server (on PostgreSQL), its
deployments, N workers and the watchers of every kindergarten's inbox, in one command."""

from __future__ import annotations

import os
import signal
import subprocess
import time

from flows.environment import quiet_prefect
from flows.municipal.deploy import POOL, deploy
from flows.municipal.watch import watchers
from flows.municipal.worker import WorkerRefused, worker_command
from flows.serve.server import LocalServer
from flows.serve.stop import stop_on_sigterm
from flows.serve.terminal import say, warn
from flows.serve.trigger import IntakeTrigger
from sgo_model.intake.watcher import InboxWatcher
from sgo_model.office.municipality import Municipality

WORKER_STOP_SECONDS = 30.0


def prefect_database_url(store_url: str) -> str:
    """The Prefect server's own PostgreSQL database beside the store: the store's database
    name with ``_prefect``, on the same server (created when missing)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    store = make_url(store_url)
    name = f"{store.database}_prefect"
    admin = create_engine(store.set(query={}), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).first()
            if exists is None:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    url = store.set(drivername="postgresql+asyncpg", database=name, query={})
    return url.render_as_string(hide_password=False)


def serve_municipality(
    municipality: Municipality,
    *,
    workers: int,
    polling: bool,
    settle_seconds: float,
    rescan_seconds: float,
    prefect_database: str | None = None,
) -> None:
    """Run until Ctrl-C or SIGTERM; then stop the watchers, the workers and the server.

    The server keeps its state in ``prefect_database`` (``postgresql+asyncpg://…``), by
    default a database beside a PostgreSQL store (:func:`prefect_database_url`)."""
    quiet_prefect(keep_run_logs=True)
    store_url = os.environ.get("SGO_DATABASE_URL") or municipality.database_url
    if not store_url and workers > 1:
        raise WorkerRefused(
            f"the municipality's store is SQLite, which takes one worker, not {workers}; "
            "move it to PostgreSQL (`sgo municipal init --database-url …`) for several"
        )
    server: LocalServer | None = None
    children: list[subprocess.Popen[bytes]] = []
    pairs: list[tuple[InboxWatcher, IntakeTrigger]] = []
    with stop_on_sigterm():
        try:
            api_url = os.environ.get("PREFECT_API_URL")
            if not api_url:
                database = prefect_database or (
                    prefect_database_url(store_url) if store_url else None
                )
                say("Starting the municipality's Prefect server…")
                server = LocalServer.start(municipality.prefect_home, database_url=database)
                api_url = os.environ["PREFECT_API_URL"] = server.api_url
            ui_url = api_url.rstrip("/").removesuffix("/api")
            from prefect.context import refresh_global_settings_context

            refresh_global_settings_context()
            deployed = deploy(municipality, settle_seconds)
            say(
                f"Pool «{POOL}»: {len(deployed)} kindergartens, "
                f"{sum(deployed.values())} deployments. Prefect UI: [bold]{ui_url}[/bold]"
            )
            children.extend(_start_workers(municipality, workers))
            pairs = watchers(
                municipality,
                ui_url,
                polling=polling,
                settle_seconds=settle_seconds,
                rescan_seconds=rescan_seconds,
            )
            for watcher, _ in pairs:
                watcher.start()
            say(f"Watching {len(pairs)} inboxes under {municipality.root}. Ctrl-C stops.")
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not skip this
            for watcher, _ in pairs:
                watcher.stop()
            _stop(children)
            if server is not None:
                server.stop()
    say("Stopped.")


def _start_workers(municipality: Municipality, count: int) -> list[subprocess.Popen[bytes]]:
    log = municipality.prefect_home / "workers.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    started = []
    with log.open("ab") as out:  # each worker keeps its own copy of the descriptor
        for number in range(1, count + 1):
            command = worker_command(municipality.root, 1, f"{_host()}-{number}")
            # Their own session: Ctrl-C in the terminal reaches serve, which stops them after
            # the watchers, instead of every worker at once in the middle of a run.
            started.append(
                subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=out,
                    start_new_session=True,
                )
            )
    say(f"Workers started: {count} (log: {log})")
    return started


def _stop(children: list[subprocess.Popen[bytes]]) -> None:
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        try:
            child.wait(WORKER_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            warn(f"worker pid {child.pid} did not stop in {WORKER_STOP_SECONDS:.0f} s; killed")
            child.kill()
            child.wait()


def _host() -> str:
    import socket

    return socket.gethostname().split(".")[0]
