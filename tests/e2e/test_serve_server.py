"""The site's Prefect server as an administrator lives with it: the UI is told the API's real
port when 4200 is taken, a server a killed ``sgo serve`` left running is found by its pid file
and reused, and one that is alive but deaf, or a stale pid file, is cleared."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from flows.serve.server import DEFAULT_PORT, LocalServer, free_port


def _ui_settings(server: LocalServer) -> dict[str, object]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"{server.url}/ui-settings", timeout=10) as response:
        data: dict[str, object] = json.load(response)
    return data


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_ui_is_told_the_real_port_and_a_left_server_is_reused(tmp_path: Path) -> None:
    folder = tmp_path / ".prefect"
    with socket.socket() as squatter:
        # Listening even if an earlier server's port waits in TIME-WAIT.
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:  # something else on 4200 (or something listens there already: the same case)
            squatter.bind(("127.0.0.1", DEFAULT_PORT))
            squatter.listen()
        except OSError:
            pass
        server = LocalServer.start(folder)
        again: LocalServer | None = None
        try:
            assert server.port != DEFAULT_PORT and not server.reused
            assert _ui_settings(server)["api_url"] == server.api_url  # not …:4200/api
            assert (folder / "server.pid").is_file()
            assert (folder / "prefect.db").exists() or any(folder.glob("*.db"))  # its own state
            # `sgo serve` killed with -9: its server went on; the next start finds it.
            again = LocalServer.start(folder)
            assert again.reused and (again.pid, again.port) == (server.pid, server.port)
        finally:
            (again or server).stop()
            server.stop()
    assert not _alive(server.pid)
    assert not (folder / "server.pid").exists()


def test_a_stale_pid_file_and_a_deaf_process_are_cleared(tmp_path: Path) -> None:
    folder = tmp_path / ".prefect"
    folder.mkdir()
    pid_file = folder / "server.pid"
    pid_file.write_text(json.dumps({"pid": 4_000_000, "port": free_port(0)}), encoding="utf-8")
    assert LocalServer.left_running(folder) is None and not pid_file.exists()

    deaf = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    pid_file.write_text(json.dumps({"pid": deaf.pid, "port": free_port(0)}), encoding="utf-8")
    assert LocalServer.left_running(folder) is None  # alive, answers nothing: stopped
    assert deaf.wait(10) is not None and not pid_file.exists()


def test_a_port_in_time_wait_counts_as_free() -> None:
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = listener.accept()
        accepted.close()  # the server side closes first: its end waits in TIME-WAIT
        client.close()
    assert free_port(port) == port
