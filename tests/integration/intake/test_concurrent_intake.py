"""Several intake processes, racing or dying, still apply each file exactly once."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select
from support import SiteHarness, settle

from sgo_model.domain.roles import FormKind
from sgo_model.store.tables import applied_files, profiles, submissions

FILES = 40
COPIES = 8


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
    files = [
        harness.drop(
            "admin",
            FormKind.PROFILES,
            [{"Профиль": f"Профиль {n:03}", "Направленность": "общеразвивающая"}],
            f"профиль {n:03}.xlsx",
        )
        for n in range(FILES)
    ]
    for n in range(COPIES):  # the same bytes under other names, in other folders
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


def test_two_racing_intake_processes_apply_each_file_exactly_once(harness: SiteHarness) -> None:
    _drop_profiles(harness)
    workers = [_sgo(harness, "ingest", "--settle", "0") for _ in range(2)]
    outputs = [w.communicate(timeout=240) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs
    assert _counts(harness) == (FILES, FILES, FILES)
    assert _left_in_inbox(harness) == []
    assert len(_all_receipts(harness)) == FILES + COPIES


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
