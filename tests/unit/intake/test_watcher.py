"""The inbox watcher on real temporary folders: only settled user files are reported."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sgo_model.intake.watcher import InboxWatcher
from sgo_model.office.site import Site

WatcherFactory = Callable[..., InboxWatcher]


class Calls:
    """What ``on_ready`` was called with, and when."""

    def __init__(self) -> None:
        self.counts: list[int] = []
        self.times: list[float] = []
        self.called = threading.Event()

    def __call__(self, count: int) -> None:
        self.counts.append(count)
        self.times.append(time.monotonic())
        self.called.set()


@pytest.fixture
def site(tmp_path: Path) -> Site:
    site = Site(tmp_path / "site")
    (site.inbox / "admin").mkdir(parents=True)
    return site


@pytest.fixture
def calls() -> Calls:
    return Calls()


@pytest.fixture
def make_watcher(site: Site, calls: Calls) -> Iterator[WatcherFactory]:
    made: list[InboxWatcher] = []

    def make(**options: object) -> InboxWatcher:
        settings: dict[str, object] = {
            "settle_seconds": 0.3,
            "rescan_seconds": 30.0,
            "polling": False,
            "on_ready": calls,
        }
        settings.update(options)
        watcher = InboxWatcher(site, **settings)  # type: ignore[arg-type]
        made.append(watcher)
        return watcher

    yield make
    for watcher in made:
        watcher.stop()


def test_reports_a_file_once_it_has_settled(
    site: Site, calls: Calls, make_watcher: WatcherFactory
) -> None:
    watcher = make_watcher()
    watcher.start()
    time.sleep(0.1)
    written = time.monotonic()
    (site.inbox / "admin" / "staff.xlsx").write_bytes(b"x" * 100)

    assert calls.called.wait(3)
    assert calls.counts[0] == 1
    assert calls.times[0] - written >= 0.3


@pytest.mark.parametrize("polling", [False, True], ids=["events", "polling"])
def test_does_not_report_a_file_while_it_is_still_being_written(
    site: Site, calls: Calls, make_watcher: WatcherFactory, polling: bool
) -> None:
    watcher = make_watcher(settle_seconds=0.7, polling=polling)
    watcher.start()
    target = site.inbox / "admin" / "big.xlsx"
    written: list[float] = []
    done = threading.Event()

    def copy_slowly() -> None:
        with target.open("ab") as out:
            for _ in range(3):
                out.write(b"x" * 1000)
                out.flush()
                written.append(time.monotonic())
                time.sleep(0.3)
        done.set()

    threading.Thread(target=copy_slowly).start()
    assert not calls.called.wait(0.8)
    assert watcher.check_now() == 0
    assert done.wait(3)

    assert calls.called.wait(3)
    assert calls.times[0] - written[-1] >= 0.7


def test_never_counts_answers_claims_blanks_or_temporary_files(
    site: Site, calls: Calls, make_watcher: WatcherFactory
) -> None:
    admin = site.inbox / "admin"
    ignored = [
        admin / "accepted" / "a.xlsx",
        admin / "rejected" / "b.xlsx",
        admin / ".sgo-claims" / "1~worker~c.xlsx",
        admin / "бланки" / "Бланк — Сотрудники.xlsx",
        site.inbox / "бланки" / "Бланк — Группы.xlsx",
        site.inbox / "README.txt",
        admin / "~$x.xlsx",
        admin / "a.tmp",
        admin / ".~lock.x#",
    ]
    long_ago = time.time() - 3600
    for path in ignored:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
        os.utime(path, (long_ago, long_ago))
    watcher = make_watcher(settle_seconds=0.0)
    watcher.start()

    assert watcher.check_now() == 0
    assert not calls.called.wait(0.3)

    (admin / "staff.xlsx").write_bytes(b"x")
    assert calls.called.wait(2)
    assert calls.counts == [1]
    assert watcher.check_now() == 1


def test_a_copied_file_with_an_old_timestamp_still_waits_to_settle(
    site: Site, make_watcher: WatcherFactory
) -> None:
    # Explorer and `cp -p` keep the original's modification time, so the age of the
    # timestamp alone does not show that the copy has finished.
    watcher = make_watcher(settle_seconds=0.4)
    path = site.inbox / "admin" / "old.xlsx"
    path.write_bytes(b"x")
    long_ago = time.time() - 3600
    os.utime(path, (long_ago, long_ago))

    assert watcher.check_now() == 0
    time.sleep(0.45)
    assert watcher.check_now() == 1


def test_polling_mode_reports_a_settled_file_without_waiting_for_a_rescan(
    site: Site, calls: Calls, make_watcher: WatcherFactory
) -> None:
    watcher = make_watcher(polling=True, rescan_seconds=60.0)
    watcher.start()
    time.sleep(0.1)
    (site.inbox / "admin" / "staff.xlsx").write_bytes(b"x")

    assert calls.called.wait(3)
    assert calls.counts[0] == 1


def test_reports_files_in_a_user_folder_created_after_start(
    site: Site, calls: Calls, make_watcher: WatcherFactory
) -> None:
    watcher = make_watcher(settle_seconds=0.1, rescan_seconds=0.5)
    watcher.start()
    newcomer = site.inbox / "teacher1"
    newcomer.mkdir()
    (newcomer / "pupils.xlsx").write_bytes(b"x")

    assert calls.called.wait(3)


def test_keeps_reporting_while_ready_files_stay(
    site: Site, calls: Calls, make_watcher: WatcherFactory
) -> None:
    (site.inbox / "admin" / "staff.xlsx").write_bytes(b"x")
    watcher = make_watcher(settle_seconds=0.1, renotify_seconds=0.15)
    watcher.start()
    time.sleep(0.5)

    assert len(calls.counts) >= 2
    (site.inbox / "admin" / "staff.xlsx").unlink()
    time.sleep(0.2)
    settled = len(calls.counts)
    time.sleep(0.3)
    assert len(calls.counts) == settled


@pytest.mark.parametrize("polling", [False, True], ids=["events", "polling"])
def test_stop_returns_promptly(make_watcher: WatcherFactory, polling: bool) -> None:
    watcher = make_watcher(polling=polling, rescan_seconds=600.0)
    watcher.start()
    time.sleep(0.1)
    began = time.monotonic()
    watcher.stop()

    assert time.monotonic() - began < 1.0


def test_an_on_ready_failure_does_not_stop_the_watcher(
    site: Site, make_watcher: WatcherFactory
) -> None:
    calls = Calls()

    def failing(count: int) -> None:
        calls(count)
        raise RuntimeError("the server is down")

    (site.inbox / "admin" / "staff.xlsx").write_bytes(b"x")
    watcher = make_watcher(settle_seconds=0.0, renotify_seconds=0.1, on_ready=failing)
    watcher.start()
    time.sleep(0.35)

    assert len(calls.counts) >= 2


@pytest.mark.parametrize("polling", [False, True], ids=["events", "polling"])
def test_watches_again_when_the_inbox_comes_back(
    site: Site, calls: Calls, make_watcher: WatcherFactory, polling: bool
) -> None:
    # A network share that drops takes the inbox folder away for a while.
    watcher = make_watcher(settle_seconds=0.1, polling=polling, rescan_seconds=60.0)
    watcher.start()
    time.sleep(0.2)
    shutil.rmtree(site.inbox)
    time.sleep(0.3)
    (site.inbox / "admin").mkdir(parents=True)
    (site.inbox / "admin" / "staff.xlsx").write_bytes(b"x")

    assert calls.called.wait(3)
