"""``sgo serve``: a Prefect server, the intake deployment served, and the inbox watcher.

The watcher runs in a thread and starts a run of the intake deployment whenever files have
settled; a Prefect runner (what ``prefect.serve`` runs) executes those runs in the main
thread, so each shows in the Prefect UI with its receipts. Without ``PREFECT_API_URL`` a
Prefect server is started as a subprocess first: the temporary server ``serve`` would start
on its own is reachable only from its own thread, so the watcher could not ask it for runs.

Prefect is imported only once ``PREFECT_API_URL`` is in the environment, because Prefect
reads its settings when it is first imported.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any
from uuid import UUID

import typer
from sqlalchemy.engine import make_url

from flows.environment import quiet_prefect
from sgo_model.bootstrap import Settings
from sgo_model.cli.app import console, errors
from sgo_model.intake.watcher import InboxWatcher

if TYPE_CHECKING:
    from prefect.runner import Runner

FLOW_NAME = "sgo-intake"
DEPLOYMENT_NAME = "intake"
DEFAULT_PORT = 4200
SERVER_START_TIMEOUT = 60.0
SERVER_STOP_TIMEOUT = 10.0
FIRST_RETRY_SECONDS = 15.0
LAST_RETRY_SECONDS = 600.0
SHUTDOWN_GRACE_SECONDS = 60.0


class ServerError(RuntimeError):
    """The local Prefect server could not be started."""


class LocalServer:
    """A Prefect server run as a subprocess of ``sgo serve``, its output in a log file."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
        self.process = process
        self.port = port
        self.log_path = log_path

    @property
    def url(self) -> str:
        """The server's address (the UI is served there too)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """The value for ``PREFECT_API_URL``."""
        return f"{self.url}/api"

    @classmethod
    def start(cls, folder: Path, timeout: float = SERVER_START_TIMEOUT) -> LocalServer:
        """Start a server on port 4200 (or a free one) and wait until it answers."""
        port = free_port(DEFAULT_PORT)
        folder.mkdir(parents=True, exist_ok=True)
        log_path = folder / "server.log"
        env = dict(os.environ)
        env.pop("PREFECT_API_URL", None)
        env.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")
        env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
        command = [sys.executable, "-m", "prefect", "server", "start"]
        command += ["--host", "127.0.0.1", "--port", str(port)]
        with log_path.open("ab") as out:
            out.write(f"\n--- {datetime.now():%Y-%m-%d %H:%M:%S} sgo serve, port {port}\n".encode())
            out.flush()
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                **_own_process_group(),
            )
        server = cls(process, port, log_path)
        try:
            server.wait_healthy(timeout)
        except BaseException:
            server.stop()
            raise
        return server

    def wait_healthy(self, timeout: float) -> None:
        """Return once ``/api/health`` answers; :class:`ServerError` if it never does."""
        deadline = time.monotonic() + timeout
        while True:
            code = self.process.poll()
            if code is not None:
                raise ServerError(
                    f"the Prefect server stopped at start (exit code {code}); see "
                    f"{self.log_path} (more detail with PREFECT_SERVER_LOGGING_LEVEL=INFO)"
                    f"{_tail(self.log_path)}"
                )
            if _answers(f"{self.api_url}/health"):
                return
            if time.monotonic() > deadline:
                raise ServerError(
                    f"the Prefect server did not answer at {self.api_url} within "
                    f"{timeout:.0f} s; see {self.log_path}{_tail(self.log_path)}"
                )
            time.sleep(0.25)

    def stop(self, timeout: float = SERVER_STOP_TIMEOUT) -> None:
        """Terminate the server; kill it if it does not stop within ``timeout``."""
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def free_port(preferred: int) -> int:
    """``preferred`` if nothing listens there on 127.0.0.1, otherwise any free port."""
    for port in (preferred, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            bound: int = probe.getsockname()[1]
            return bound
    raise ServerError("cannot bind any port on 127.0.0.1 for the Prefect server")


def _own_process_group() -> dict[str, Any]:
    # Ctrl-C in the terminal goes to the whole process group; the server must outlive it
    # until the runner has shut down, or the runner's last API calls fail noisily.
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _answers(url: str) -> bool:
    # No proxies: a corporate HTTP_PROXY must not swallow requests to 127.0.0.1.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    except OSError:
        return ""
    return "\n" + "\n".join(text) if text else ""


class IntakeTrigger:
    """``on_ready`` of the watcher: start an intake run unless the last one is still going.

    A run that ended other than completed (the store was unreachable, a file was locked)
    delays the next one, doubling up to ten minutes, so a lasting fault does not fill the
    UI with failed runs.
    """

    def __init__(self, deployment: str, ui_url: str) -> None:
        self.deployment = deployment
        self.ui_url = ui_url
        self.last_run: UUID | None = None
        self._not_before = 0.0
        self._retry_seconds = FIRST_RETRY_SECONDS
        self._lock = threading.Lock()

    def __call__(self, count: int) -> None:
        with self._lock:
            try:
                self._start_run(count)
            except Exception as error:  # the server may be restarting; the watcher asks again
                _warn(f"{datetime.now():%H:%M:%S} cannot start an intake run: {error!r}")

    def _start_run(self, count: int) -> None:
        if time.monotonic() < self._not_before or self._last_run_in_flight():
            return
        from prefect.client.schemas.objects import FlowRun
        from prefect.deployments import run_deployment

        run = run_deployment(self.deployment, timeout=0)
        assert isinstance(run, FlowRun)  # called from sync code: not a coroutine
        self.last_run = run.id
        _say(
            f"{datetime.now():%H:%M:%S} ready files: {count}; "
            f"intake run [bold]{run.name}[/bold] {self.ui_url}/runs/flow-run/{run.id}"
        )

    def last_run_ended(self) -> bool:
        """Whether the last run started here has reached a final state (or cannot be asked)."""
        with self._lock:
            try:
                return not self._last_run_in_flight()
            except Exception:  # the server is gone: nothing left to wait for
                return True

    def _last_run_in_flight(self) -> bool:
        if self.last_run is None:
            return False
        from prefect.client.orchestration import get_client

        with get_client(sync_client=True) as client:
            run = client.read_flow_run(self.last_run)
        state = run.state
        if state is None or not state.is_final():
            return True
        if state.is_completed():
            self._retry_seconds = FIRST_RETRY_SECONDS
        else:
            _warn(
                f"{datetime.now():%H:%M:%S} intake run {run.name} ended {state.name}; "
                f"next try in {self._retry_seconds:.0f} s"
            )
            self._not_before = time.monotonic() + self._retry_seconds
            self._retry_seconds = min(self._retry_seconds * 2, LAST_RETRY_SECONDS)
        self.last_run = None
        return False


class GracefulStop:
    """Ctrl-C or SIGTERM while serving: no new runs, let the current one end, then stop.

    A run killed mid-batch would stay «Running» in the UI and its claimed files would wait
    for their claims to expire; a second Ctrl-C still stops at once.
    """

    def __init__(self, watcher: InboxWatcher, trigger: IntakeTrigger, grace: float) -> None:
        self.watcher = watcher
        self.trigger = trigger
        self.grace = grace
        self.runner: Runner | None = None
        self._requested = False
        self._stopped = False
        self._lock = threading.Lock()

    def __call__(self, signum: int | None = None, frame: FrameType | None = None) -> None:
        runner = self.runner
        if runner is None or not runner.started or self._stopped:
            raise KeyboardInterrupt
        if self._requested:
            _say("Stopping now.")
            self._stop_runner()
            return
        self._requested = True
        threading.Thread(target=self._drain, name="sgo-graceful-stop", daemon=True).start()

    def _drain(self) -> None:
        self.watcher.stop()
        if not self._idle() and not self._stopped:
            _say("Letting the current intake run finish (Ctrl-C again stops it now)…")
            deadline = time.monotonic() + self.grace
            while not self._idle() and not self._stopped:
                if time.monotonic() > deadline:
                    _warn(f"The intake run did not end within {self.grace:.0f} s; cancelling it.")
                    break
                time.sleep(0.5)
        self._stop_runner()

    def _idle(self) -> bool:
        # A run reports Completed before its process has exited; stopping the runner then
        # would kill the process and overwrite Completed with Cancelled.
        runner = self.runner
        return self.trigger.last_run_ended() and (runner is None or runner.has_slots_available())

    def _stop_runner(self) -> None:
        with self._lock:
            if self._stopped or self.runner is None:
                return
            self._stopped = True
            self.runner.execute_in_background(self.runner.astop)


def deployment_parameters(settings: Settings, settle_seconds: float) -> dict[str, Any]:
    """Parameters of the intake deployment (shown in the UI, so never a password)."""
    url = settings.database_url
    # A URL with a password would be stored and shown by Prefect; the run's process
    # inherits SGO_DATABASE_URL and finds it there instead.
    shown = None if make_url(url).password else url
    return {"home": str(settings.home), "database_url": shown, "settle_seconds": settle_seconds}


def serve_site(
    settings: Settings, *, polling: bool, settle_seconds: float, rescan_seconds: float
) -> None:
    """Serve the intake deployment and start a run whenever inbox files have settled.

    Blocks until Ctrl-C or SIGTERM; then stops the watcher and the server it started.
    """
    quiet_prefect(keep_run_logs=True)
    server: LocalServer | None = None
    with _stop_on_sigterm():
        try:
            api_url = os.environ.get("PREFECT_API_URL")
            if not api_url:
                _say("Starting a local Prefect server…")
                began = time.monotonic()
                server = LocalServer.start(settings.home / ".prefect")
                api_url = os.environ["PREFECT_API_URL"] = server.api_url
                _say(
                    f"Prefect server up in {time.monotonic() - began:.0f} s "
                    f"(log: {server.log_path})"
                )
            ui_url = api_url.rstrip("/").removesuffix("/api")
            _say(f"Prefect UI: [bold]{ui_url}[/bold]")
            _serve(settings, polling, settle_seconds, rescan_seconds, ui_url)
        except ServerError as error:
            _warn(f"[red]Cannot start the Prefect server:[/red] {error}")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            pass
        finally:
            # A second Ctrl-C must not interrupt the clean-up and leave the server running.
            interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)
            if server is not None:
                server.stop()
            signal.signal(signal.SIGINT, interrupt)
    _say("Stopped.")


def _serve(
    settings: Settings, polling: bool, settle_seconds: float, rescan_seconds: float, ui_url: str
) -> None:
    from prefect.context import refresh_global_settings_context
    from prefect.deployments.runner import RunnerDeployment
    from prefect.types.entrypoint import EntrypointType

    # Prefect may have been imported before PREFECT_API_URL was set (tests, embedding).
    refresh_global_settings_context()
    from flows.intake import intake_flow

    deployment = intake_flow.to_deployment(
        name=DEPLOYMENT_NAME,
        parameters=deployment_parameters(settings, settle_seconds),
        # A module path loads in the run's process whatever its working directory.
        entrypoint_type=EntrypointType.MODULE_PATH,
        description="Takes a batch of settled inbox files; receipts as a table artifact.",
    )
    assert isinstance(deployment, RunnerDeployment)  # called from sync code: not a coroutine
    from flows.attendance import SCHEDULE, attendance_blanks_flow

    parameters = deployment_parameters(settings, settle_seconds)
    blanks = attendance_blanks_flow.to_deployment(
        name="monthly",
        parameters={"home": parameters["home"], "database_url": parameters["database_url"]},
        cron=SCHEDULE,
        entrypoint_type=EntrypointType.MODULE_PATH,
        description="On the month's first working day: attendance blanks for every teacher.",
    )
    assert isinstance(blanks, RunnerDeployment)
    trigger = IntakeTrigger(f"{FLOW_NAME}/{DEPLOYMENT_NAME}", ui_url)
    watcher = InboxWatcher(
        settings.site,
        settle_seconds=settle_seconds,
        rescan_seconds=rescan_seconds,
        polling=polling,
        on_ready=trigger,
    )
    stop = GracefulStop(watcher, trigger, SHUTDOWN_GRACE_SECONDS)
    runner = _graceful_runner(stop)
    # Registered before the watcher starts, so its first run request finds the deployment.
    runner.add_deployment(deployment)
    runner.add_deployment(blanks)
    watcher.start()
    mode = "polling" if polling else "file-system events"
    _say(
        f"Watching {settings.site.inbox} ({mode}; settle {settle_seconds:g} s, "
        f"rescan {rescan_seconds:g} s). Ctrl-C stops."
    )
    previous = signal.getsignal(signal.SIGINT)
    if previous is not signal.SIG_IGN:  # started in the background: Ctrl-C is not for us
        signal.signal(signal.SIGINT, stop)
    try:
        asyncio.run(runner.start())
    finally:
        signal.signal(signal.SIGINT, previous)
        watcher.stop()


def _graceful_runner(stop: GracefulStop) -> Runner:
    """What ``prefect.serve`` runs, but SIGTERM (like Ctrl-C) lets the current run end."""
    from prefect.runner import Runner

    class GracefulRunner(Runner):
        def handle_sigterm(self, *args: Any, **kwargs: Any) -> None:
            stop()

    # One run at a time: runs share one store, and the watcher never asks for more.
    runner = GracefulRunner(pause_on_shutdown=False, limit=1)
    stop.runner = runner
    return runner


def _say(text: str) -> None:
    # Soft wrap: a URL broken over two lines cannot be clicked or grepped.
    console.print(text, soft_wrap=True)


def _warn(text: str) -> None:
    errors.print(text, soft_wrap=True)


@contextlib.contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt until the runner installs its own handler."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
