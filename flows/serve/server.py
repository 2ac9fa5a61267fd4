"""The local Prefect server ``sgo serve`` starts when ``PREFECT_API_URL`` is not set."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path
from typing import Any

from sgo_model.office.files import process_alive

DEFAULT_PORT = 4200
SERVER_START_TIMEOUT = 60.0
SERVER_STOP_TIMEOUT = 10.0


class ServerError(RuntimeError):
    """The local Prefect server could not be started."""


class LocalServer:
    """A Prefect server run for ``sgo serve``, its state and log in the site's ``.prefect``
    folder, its pid and port in ``server.pid`` there.

    A server left running by a ``sgo serve`` that was killed is found by that file: reused if
    it answers, stopped if it does not. The UI it serves is told the API's real address, so a
    server that had to take another port than 4200 never sends the browser to 4200.
    """

    def __init__(
        self, process: subprocess.Popen[bytes] | None, pid: int, port: int, folder: Path
    ) -> None:
        self.process = process
        self.pid = pid
        self.port = port
        self.folder = folder
        self.reused = process is None

    @property
    def url(self) -> str:
        """The server's address (the UI is served there too)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """The value for ``PREFECT_API_URL``."""
        return f"{self.url}/api"

    @property
    def log_path(self) -> Path:
        """The server's output."""
        return self.folder / "server.log"

    @classmethod
    def start(
        cls, folder: Path, timeout: float = SERVER_START_TIMEOUT, database_url: str | None = None
    ) -> LocalServer:
        """The site's server: the one a killed ``sgo serve`` left, if it still answers;
        else a new one on port 4200 (or a free one), once it answers.

        ``database_url`` (``postgresql+asyncpg://…``) keeps its state in PostgreSQL, as a
        server with several workers needs; otherwise SQLite in ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        left = cls.left_running(folder)
        if left is not None:
            return left
        port = free_port(DEFAULT_PORT)
        env = dict(os.environ)
        env.pop("PREFECT_API_URL", None)
        env["PREFECT_HOME"] = str(folder)  # this site's flow runs and deployments only
        env["PREFECT_UI_API_URL"] = f"http://127.0.0.1:{port}/api"
        if database_url:
            env["PREFECT_API_DATABASE_CONNECTION_URL"] = database_url
        env.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")
        env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
        command = [sys.executable, "-m", "prefect", "server", "start"]
        command += ["--host", "127.0.0.1", "--port", str(port)]
        with (folder / "server.log").open("ab") as out:
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
        server = cls(process, process.pid, port, folder)
        _pid_file(folder).write_text(
            json.dumps({"pid": process.pid, "port": port}), encoding="utf-8"
        )
        try:
            server.wait_healthy(timeout)
        except BaseException:
            server.stop()
            raise
        return server

    @classmethod
    def left_running(cls, folder: Path) -> LocalServer | None:
        """The server a killed ``sgo serve`` left running, if it still answers; one that is
        alive but does not answer is stopped, and a stale pid file removed."""
        recorded = _read_pid_file(folder)
        if recorded is None:
            return None
        pid, port = recorded
        server = cls(None, pid, port, folder)
        if not _alive(pid):
            _pid_file(folder).unlink(missing_ok=True)
            return None
        if _answers(f"{server.api_url}/health"):
            return server
        server.stop()  # alive but deaf: it goes
        if _alive(pid):
            raise ServerError(
                f"the Prefect server left running (pid {pid}) does not answer and does not stop"
            )
        return None

    def wait_healthy(self, timeout: float) -> None:
        """Return once ``/api/health`` answers; :class:`ServerError` if it never does."""
        deadline = time.monotonic() + timeout
        while True:
            code = self.process.poll() if self.process else None
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
        try:
            if self.process is not None:
                if self.process.poll() is not None:
                    return
                self.process.terminate()
                try:
                    self.process.wait(timeout)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
                return
            _terminate(self.pid, timeout)
        finally:
            recorded = _read_pid_file(self.folder)
            if recorded is not None and recorded[0] == self.pid:
                _pid_file(self.folder).unlink(missing_ok=True)


def _pid_file(folder: Path) -> Path:
    return folder / "server.pid"


def _read_pid_file(folder: Path) -> tuple[int, int] | None:
    try:
        data = json.loads(_pid_file(folder).read_text(encoding="utf-8"))
        return int(data["pid"]), int(data["port"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(pid: int) -> bool:
    if not process_alive(pid):
        return False
    # A child of ours that has exited but not been waited for is not alive either.
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return done == 0


def _terminate(pid: int, timeout: float) -> None:
    """Stop a server this process did not start: SIGTERM, then SIGKILL after ``timeout``."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            return
        time.sleep(0.1)


def free_port(preferred: int) -> int:
    """``preferred`` if nothing listens there on 127.0.0.1, otherwise any free port.

    A port left in TIME-WAIT by a server stopped a moment ago is free: the probe binds as the
    server will, with ``SO_REUSEADDR``."""
    for port in (preferred, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            if sys.platform != "win32":  # on Windows the option means sharing a live port
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
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
