"""Watching the inbox: which files have settled, told to whoever starts the intake.

Three sources feed the same check: file-system events (or polling of the user folders, for
network shares where events do not arrive), a recheck when a changed file is due to settle,
and a periodic full rescan that catches anything the other two missed. A file is ready once
its size and modification time have stayed the same for ``settle_seconds`` and its
modification time is that old too, so a copy still in progress is never reported.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import (
    EVENT_TYPE_CLOSED_NO_WRITE,
    EVENT_TYPE_OPENED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserverVFS

from sgo_model.intake import inbox
from sgo_model.office.site import Site

log = logging.getLogger(__name__)

RESERVED_FOLDERS = frozenset({inbox.ACCEPTED, inbox.REJECTED, inbox.CLAIMS, inbox.BLANKS})
# Clock ticks and file-system timestamps are coarse; a recheck a little late is harmless,
# a recheck a little early costs another full settle period.
_SLACK = 0.05


def is_user_folder(name: str) -> bool:
    """Whether a folder directly under the inbox is a user's (not hidden, not the engine's)."""
    return not name.startswith(".") and name not in RESERVED_FOLDERS


@dataclass(frozen=True)
class _Seen:
    size: int
    mtime: float
    since: float  # monotonic time this size and mtime were first seen


class InboxWatcher:
    """Report settled inbox files through ``on_ready(count)``, at most once per check.

    ``on_ready`` is called from the watcher's thread after every check that finds ready files,
    again every ``renotify_seconds`` while they stay (the callee decides whether an intake
    run is already in flight, and files that settled during a run are not left waiting for
    the next rescan).
    """

    def __init__(
        self,
        site: Site,
        *,
        settle_seconds: float,
        rescan_seconds: float,
        polling: bool,
        on_ready: Callable[[int], None],
        poll_seconds: float | None = None,
        renotify_seconds: float | None = None,
    ) -> None:
        self.site = site
        self.settle_seconds = max(settle_seconds, 0.0)
        self.rescan_seconds = max(rescan_seconds, 0.1)
        self.polling = polling
        self.poll_seconds = poll_seconds or min(max(self.settle_seconds / 2, 0.25), 2.0)
        self.renotify_seconds = renotify_seconds or max(self.settle_seconds, 1.0)
        self._on_ready = on_ready
        self._inbox = site.inbox.resolve()
        self._lock = threading.Lock()
        self._seen: dict[Path, _Seen] = {}
        self._due: float | None = None
        self._watch_lost = False
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._observer: BaseObserver | None = None
        self._observer_lock = threading.Lock()

    def start(self) -> None:
        """Start observing the inbox and checking it in a background thread."""
        if self._thread is not None:
            raise RuntimeError("the watcher is already running")
        self._stop.clear()
        _quiet_stop_race()
        self._inbox.mkdir(parents=True, exist_ok=True)
        with self._observer_lock:
            self._observer = self._start_observer()
        self._thread = threading.Thread(target=self._run, name="sgo-inbox-watcher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop observing; returns once the threads have ended (or ``timeout`` passed)."""
        self._stop.set()
        self._wake.set()
        with self._observer_lock:
            observer, self._observer = self._observer, None
        if observer is not None:
            observer.stop()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        if observer is not None:
            observer.join(timeout)

    def check_now(self) -> int:
        """Scan the inbox once, now, and return how many files are ready (no ``on_ready``)."""
        count, _ = self._scan()
        return count

    def _start_observer(self) -> BaseObserver:
        observer: BaseObserver
        if self.polling:
            # Only the user folders' own files are listed: answer folders grow all year and
            # would be stat-ed on every poll, which is slow on a network share.
            observer = PollingObserverVFS(
                os.stat, self._listdir, polling_interval=self.poll_seconds
            )
        else:
            observer = Observer()
        observer.schedule(_Handler(self), str(self._inbox), recursive=True)
        observer.daemon = True
        observer.start()
        return observer

    def _restart_observer(self) -> None:
        """Watch again after the inbox vanished and came back (a share that reconnected)."""
        if not self._inbox.is_dir():
            return
        with self._observer_lock:
            if self._stop.is_set():
                return
            old, self._observer = self._observer, None
            if old is not None:
                old.stop()
                old.join(5.0)
            self._observer = self._start_observer()
            self._watch_lost = False
        log.info("watching %s again", self._inbox)

    def _listdir(self, path: str | None) -> Iterator[os.DirEntry[str]]:
        folder = Path(path or ".")
        try:
            depth = len(folder.relative_to(self._inbox).parts)
        except ValueError:
            return
        with os.scandir(folder) as entries:
            for entry in entries:
                if _listed(entry, depth):
                    yield entry

    def _run(self) -> None:
        next_rescan = time.monotonic()
        while not self._stop.is_set():
            with self._lock:
                due = self._due
            now = time.monotonic()
            wake_at = next_rescan if due is None else min(due, next_rescan)
            if now < wake_at:
                self._wake.wait(wake_at - now)
                self._wake.clear()
                continue
            if now >= next_rescan:
                next_rescan = now + self.rescan_seconds
            with self._lock:
                self._due = None
            if self._watch_lost:
                self._restart_observer()
                if self._watch_lost:
                    self._schedule(now + min(self.rescan_seconds, max(self.poll_seconds, 0.5)))
            try:
                count, next_due = self._scan()
            except OSError as error:
                log.warning("cannot list the inbox %s: %s", self._inbox, error)
                continue
            if count:
                self._notify(count)
                self._schedule(time.monotonic() + self.renotify_seconds)
            if next_due is not None:
                self._schedule(next_due)

    def _notify(self, count: int) -> None:
        try:
            self._on_ready(count)
        except Exception:  # the watcher must outlive a failed start of a run
            log.exception("on_ready failed for %d ready file(s)", count)

    def _schedule(self, at: float) -> None:
        with self._lock:
            self._due = at if self._due is None else min(self._due, at)
        self._wake.set()

    def _scan(self) -> tuple[int, float | None]:
        """Count ready files; also when the next unsettled one may become ready."""
        # A bag dropped as a folder becomes a zip here, then waits to settle like any file.
        inbox.pack_bag_folders(self.site, self.settle_seconds)
        found = [c for c in inbox.candidates(self.site) if is_user_folder(c.login)]
        with self._lock:
            mono, wall = time.monotonic(), time.time()
            seen = {}
            for candidate in found:
                prior = self._seen.get(candidate.path)
                if prior is None or (prior.size, prior.mtime) != (
                    candidate.size,
                    candidate.changed,
                ):
                    prior = _Seen(candidate.size, candidate.changed, mono)
                seen[candidate.path] = prior
            self._seen = seen
        stable = [c for c in found if mono - seen[c.path].since >= self.settle_seconds]
        ready = inbox.ready(stable, self.settle_seconds, now=wall)
        ready_paths = {c.path for c in ready}
        settle = self.settle_seconds
        waits = [
            max(seen[c.path].since + settle - mono, c.changed + settle - wall)
            for c in found
            if c.path not in ready_paths
        ]
        next_due = mono + max(min(waits), 0.0) + _SLACK if waits else None
        return len(ready), next_due

    def _observe(self, path: Path) -> None:
        """Note a file an event named, so it settles from the moment it last changed."""
        mono = time.monotonic()
        try:
            info = path.stat()
        except OSError:
            with self._lock:
                self._seen.pop(path, None)
            self._schedule(mono + _SLACK)
            return
        with self._lock:
            prior = self._seen.get(path)
            if prior is None or (prior.size, prior.mtime) != (info.st_size, info.st_mtime):
                prior = _Seen(info.st_size, info.st_mtime, mono)
                self._seen[path] = prior
        delay = max(prior.since + self.settle_seconds - mono, 0.0)
        self._schedule(mono + delay + _SLACK)

    def _on_event(self, event: FileSystemEvent) -> None:
        if event.event_type in (EVENT_TYPE_OPENED, EVENT_TYPE_CLOSED_NO_WRITE):
            return
        paths = [event.src_path, event.dest_path] if event.dest_path else [event.src_path]
        for raw in paths:
            path = Path(os.fsdecode(raw))
            try:
                parts = path.relative_to(self._inbox).parts
            except ValueError:
                continue
            if not parts:
                if event.event_type == "deleted":
                    self._watch_lost = True
                    self._schedule(time.monotonic() + _SLACK)
                continue
            if not is_user_folder(parts[0]):
                continue
            if len(parts) == 1 and event.is_directory:
                self._schedule(time.monotonic() + _SLACK)
            elif len(parts) == 2 and not event.is_directory and not inbox.is_ignored(parts[1]):
                self._observe(path)


class _StopRaceFilter(logging.Filter):
    """Drop watchdog's error about events still queued when its inotify emitter stopped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "called when the thread is inactive" not in record.getMessage()


def _quiet_stop_race() -> None:
    # watchdog 7 logs this at ERROR when events (e.g. from files just filed away) are still
    # buffered as the observer stops; nothing is lost that matters, and Ctrl-C must be quiet.
    logger = logging.getLogger("watchdog.observers.inotify")
    if not any(isinstance(f, _StopRaceFilter) for f in logger.filters):
        logger.addFilter(_StopRaceFilter())


def _listed(entry: os.DirEntry[str], depth: int) -> bool:
    if depth == 0:
        return entry.is_dir() and is_user_folder(entry.name)
    return depth == 1 and entry.is_file() and not inbox.is_ignored(entry.name)


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: InboxWatcher) -> None:
        self._watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        self._watcher._on_event(event)
