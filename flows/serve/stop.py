"""Stopping ``sgo serve`` gracefully: Ctrl-C or SIGTERM let the current run end first."""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from types import FrameType
from typing import TYPE_CHECKING, Any

from flows.serve.terminal import say, warn
from flows.serve.trigger import IntakeTrigger
from sgo_model.intake.watcher import InboxWatcher

if TYPE_CHECKING:
    from prefect.runner import Runner

SHUTDOWN_GRACE_SECONDS = 60.0


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
            say("Stopping now.")
            self._stop_runner()
            return
        self._requested = True
        threading.Thread(target=self._drain, name="sgo-graceful-stop", daemon=True).start()

    def _drain(self) -> None:
        self.watcher.stop()
        if not self._idle() and not self._stopped:
            say("Letting the current intake run finish (Ctrl-C again stops it now)…")
            deadline = time.monotonic() + self.grace
            while not self._idle() and not self._stopped:
                if time.monotonic() > deadline:
                    warn(f"The intake run did not end within {self.grace:.0f} s; cancelling it.")
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


def graceful_runner(stop: GracefulStop) -> Runner:
    """What ``prefect.serve`` runs, but SIGTERM (like Ctrl-C) lets the current run end."""
    from prefect.runner import Runner

    class GracefulRunner(Runner):
        def handle_sigterm(self, *args: Any, **kwargs: Any) -> None:
            stop()

    # One run at a time: runs share one store, and the watcher never asks for more.
    runner = GracefulRunner(pause_on_shutdown=False, limit=1)
    stop.runner = runner
    return runner


@contextlib.contextmanager
def stop_on_sigterm() -> Iterator[None]:
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
