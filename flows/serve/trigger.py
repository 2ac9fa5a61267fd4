"""Starting intake runs when the watcher finds settled files."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from uuid import UUID

from flows.serve.terminal import say, warn

FIRST_RETRY_SECONDS = 15.0
LAST_RETRY_SECONDS = 600.0


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
                warn(f"{datetime.now():%H:%M:%S} cannot start an intake run: {error!r}")

    def _start_run(self, count: int) -> None:
        if time.monotonic() < self._not_before or self._last_run_in_flight():
            return
        from prefect.client.schemas.objects import FlowRun
        from prefect.deployments import run_deployment

        run = run_deployment(self.deployment, timeout=0)
        assert isinstance(run, FlowRun)  # called from sync code: not a coroutine
        self.last_run = run.id
        say(
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
            warn(
                f"{datetime.now():%H:%M:%S} intake run {run.name} ended {state.name}; "
                f"next try in {self._retry_seconds:.0f} s"
            )
            self._not_before = time.monotonic() + self._retry_seconds
            self._retry_seconds = min(self._retry_seconds * 2, LAST_RETRY_SECONDS)
        self.last_run = None
        return False
