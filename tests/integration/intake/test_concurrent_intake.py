"""Several intake processes, racing or dying, still apply each file exactly once."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from support import SiteHarness, settle

from sgo_model.bootstrap import REPOSITORY_TEMPLATES, publishers, readers
from sgo_model.domain.roles import FormKind
from sgo_model.intake import inbox
from sgo_model.intake.pipeline import Intake, IntakeOptions, ingest_claimed
from sgo_model.intake.publishing import PublishContext, publish_pending
from sgo_model.office.site import Site
from sgo_model.store.engine import make_engine
from sgo_model.store.tables import applied_files, profiles, submissions
from sgo_model.store.uow import SqlUnitOfWork

FILES = 40
COPIES = 8
TODAY = date(2026, 11, 16)


def _sgo(harness: SiteHarness, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "SGO_DATABASE_URL": harness.url, "SGO_HOME": str(harness.site.home)}
    return subprocess.Popen(
        [sys.executable, "-m", "flows", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _drop_profiles(harness: SiteHarness) -> list[Path]:
    """Profile forms, the first of them each followed by a copy of its bytes under another
    name: «профиль 000», «копия 0», «профиль 001», «копия 1», … in the order they arrive."""
    files = []
    for n in range(FILES):
        files.append(
            harness.drop(
                "admin",
                FormKind.PROFILES,
                [{"Профиль": f"Профиль {n:03}", "Направленность": "общеразвивающая"}],
                f"профиль {n:03}.xlsx",
            )
        )
        if n < COPIES:  # the same bytes under another name
            copy = harness.site.user_inbox("admin") / f"копия {n}.xlsx"
            shutil.copyfile(files[n], copy)
            settle(copy)
    return files


def _counts(harness: SiteHarness) -> tuple[int, int, int]:
    with harness.engine.connect() as connection:
        return (
            connection.execute(select(func.count()).select_from(profiles)).scalar_one(),
            connection.execute(select(func.count()).select_from(applied_files)).scalar_one(),
            connection.execute(
                select(func.count())
                .select_from(submissions)
                .where(submissions.c.status == "accepted")
            ).scalar_one(),
        )


def _left_in_inbox(harness: SiteHarness) -> list[Path]:
    folder = harness.site.user_inbox("admin")
    return [p for p in folder.glob("*.xlsx")] + list(folder.glob(".sgo-claims/*"))


def _all_receipts(harness: SiteHarness) -> list[Path]:
    return harness.receipts("admin")


def _racing_worker(home: str, url: str, names: list[str], barrier: Any, results: Any) -> None:
    """One intake worker in its own process: claim its share, wait for the other, then
    read, apply and answer what it holds and refresh the documents, as ``sgo ingest`` does."""
    site, engine = Site(Path(home)), make_engine(url)
    uow = partial(SqlUnitOfWork, engine)
    intake = Intake(
        site, uow, readers(), publishers(), IntakeOptions(settle_seconds=0), lambda: TODAY
    )
    worker = inbox.new_worker_id()
    mine = [c for c in inbox.candidates(site) if c.path.name in names]
    claimed = [inbox.claim(candidate, worker, 600) for candidate in mine]
    barrier.wait(timeout=120)  # both hold their files: from here on they race
    result = ingest_claimed([c for c in claimed if c is not None], intake)
    publish_pending(intake.publishers, PublishContext(site, uow, REPOSITORY_TEMPLATES, TODAY))
    engine.dispose()
    verdicts = [(r.file_name, r.verdict.value, r.sha256) for r in result.receipts]
    results.put((worker, len(claimed), verdicts))


def test_two_racing_intake_processes_apply_each_file_exactly_once(harness: SiteHarness) -> None:
    files = _drop_profiles(harness)
    copies = [f"копия {n}.xlsx" for n in range(COPIES)]
    # Each worker takes every other profile and the copies of the other's, so that one
    # applies «профиль 000» while the other applies «копия 0», and so on: the same bytes
    # at the same moment. Each also has files that only it can apply.
    shares = [
        [f.name for f in files[0::2]] + copies[1::2],
        [f.name for f in files[1::2]] + copies[0::2],
    ]
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    workers = [
        context.Process(
            target=_racing_worker,
            args=(str(harness.site.home), harness.url, share, barrier, results),
        )
        for share in shares
    ]
    for worker in workers:
        worker.start()
    reports = [results.get(timeout=240) for _ in workers]
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0, 0]

    assert sorted(claimed for _, claimed, _ in reports) == sorted(map(len, shares))
    by_worker = {
        worker: Counter(verdict for _, verdict, _ in verdicts) for worker, _, verdicts in reports
    }
    assert all(counts["accepted"] > 0 for counts in by_worker.values()), by_worker
    assert sum(c["accepted"] for c in by_worker.values()) == FILES
    assert sum(c["duplicate"] for c in by_worker.values()) == COPIES
    assert sum(c["rejected"] for c in by_worker.values()) == 0
    accepted = Counter(sha for *_, verdicts in reports for _, v, sha in verdicts if v == "accepted")
    assert len(accepted) == FILES and set(accepted.values()) == {1}, accepted
    # (Whether their answers overlap in time is up to the scheduler: on a loaded machine one
    # may finish first. What the barrier makes certain is that both held their files at once.)

    assert _counts(harness) == (FILES, FILES, FILES)
    assert _left_in_inbox(harness) == []
    receipts = _all_receipts(harness)
    assert len(receipts) == FILES + COPIES
    answered = Counter(p.name.split(" ", 2)[2].removesuffix(".квитанция.txt") for p in receipts)
    assert answered == Counter(f"{n}" for share in shares for n in share)


def test_a_worker_killed_mid_batch_leaves_no_partial_change_and_a_restart_finishes(
    harness: SiteHarness,
) -> None:
    _drop_profiles(harness)
    worker = _sgo(harness, "ingest", "--settle", "0", "--claim-ttl", "1")
    deadline = time.monotonic() + 120
    while len(_all_receipts(harness)) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    worker.send_signal(signal.SIGKILL)
    worker.communicate(timeout=30)
    done = len(_all_receipts(harness))
    assert 3 <= done < FILES + COPIES, "the worker must die in the middle of the batch"
    applied, distinct, accepted = _counts(harness)
    assert applied == distinct == accepted <= FILES
    time.sleep(1.2)  # the dead worker's claims expire
    restart = _sgo(harness, "ingest", "--settle", "0")
    out, err = restart.communicate(timeout=240)
    assert restart.returncode == 0, (out, err)
    assert _counts(harness) == (FILES, FILES, FILES)
    assert _left_in_inbox(harness) == []
    assert len(_all_receipts(harness)) == FILES + COPIES
