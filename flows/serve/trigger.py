"""Starting intake runs when the watcher finds settled files."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime
from uuid import UUID

from flows.serve.terminal import say, warn

FIRST_RETRY_SECONDS = 15.0
LAST_RETRY_SECONDS = 600.0
REPORT_WAIT_SECONDS = 3600.0
"""How long a finished batch's summary is waited for (a run stuck longer is the UI's news)."""


class IntakeTrigger:
    """``on_ready`` of the watcher: start an intake run unless the last one is still going,
    and print the run's one-line Russian summary (its name) once it has completed.

    ``label`` starts its terminal lines (a municipality's kindergarten code); ``key`` names
    the batch (the kindergarten and its waiting files): a run asked for twice
    with the same key is one run.

    A run that ended other than completed (the store was unreachable, a file was locked)
    delays the next one, doubling up to ten minutes, so a lasting fault does not fill the
    UI with failed runs.
    """

    def __init__(
        self,
        deployment: str,
        ui_url: str,
        key: Callable[[], str] | None = None,
        label: str = "",
    ) -> None:
        self.deployment = deployment
        self.ui_url = ui_url
        self.key = key
        self.label = label
        self.last_run: UUID | None = None
        self._not_before = 0.0
        self._retry_seconds = FIRST_RETRY_SECONDS
        self._lock = threading.Lock()
        self._told: set[UUID] = set()
        self._told_lock = threading.Lock()

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

        key = self.key() if self.key else None
        run = run_deployment(self.deployment, timeout=0, idempotency_key=key)
        assert isinstance(run, FlowRun)  # called from sync code: not a coroutine
        # The key's run is over yet its files wait (they came back after a crash): the next
        # attempt has a key of its own, the same for every watcher that sees it.
        while key is not None and run.state is not None and run.state.is_final():
            key = f"{key}/{run.id}"
            run = run_deployment(self.deployment, timeout=0, idempotency_key=key)
            assert isinstance(run, FlowRun)
        self.last_run = run.id
        say(
            f"{datetime.now():%H:%M:%S} {self.label}ready files: {count}; "
            f"intake run [bold]{run.name}[/bold] {self.ui_url}/runs/flow-run/{run.id}"
        )
        threading.Thread(target=self._report_when_done, args=(run.id,), daemon=True).start()

    def _report_when_done(self, run_id: UUID) -> None:
        """Wait for the run, then print its one-line summary (its name, set by the flow)."""
        from prefect.client.orchestration import get_client

        deadline = time.monotonic() + REPORT_WAIT_SECONDS
        while time.monotonic() < deadline:
            try:
                with get_client(sync_client=True) as client:
                    run = client.read_flow_run(run_id)
            except Exception:  # the server is stopping: the stop reports what it can
                return
            if run.state is not None and run.state.is_final():
                self._tell(run.id, run.name, run.state.is_completed())
                return
            time.sleep(1.0)

    def _tell(self, run_id: UUID, name: str, completed: bool) -> None:
        """«12:04:31 Приём: 2 файла, принят 1, отклонён 1», once per run."""
        with self._told_lock:
            if run_id in self._told:
                return
            self._told.add(run_id)
        if completed:
            say(f"{datetime.now():%H:%M:%S} {self.label}{name}")

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
        self._tell(run.id, run.name, state.is_completed())
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
