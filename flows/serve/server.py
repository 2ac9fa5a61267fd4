"""The local Prefect server ``sgo serve`` starts when ``PREFECT_API_URL`` is not set."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path
from typing import Any

DEFAULT_PORT = 4200
SERVER_START_TIMEOUT = 60.0
SERVER_STOP_TIMEOUT = 10.0


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
