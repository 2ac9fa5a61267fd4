"""Killed at every step boundary of intake and publishing, then restarted: nothing is lost,
nothing is applied twice, every file gets exactly one receipt with its real verdict, and the
document registry never names a file whose bytes differ from its registered hash."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
from sqlalchemy import func, select
from support import SiteHarness

from sgo_model.bootstrap import REPOSITORY_TEMPLATES, Settings, Store, ingest_and_publish
from sgo_model.domain.roles import FormKind
from sgo_model.intake.faults import FAULT_VARIABLE, KILLED_EXIT_CODE, STEPS
from sgo_model.intake.pipeline import IntakeOptions
from sgo_model.office.files import TEMPORARY_SUFFIX, file_sha256
from sgo_model.store.tables import applied_files, documents, refresh_requests, submissions

BAD_GROUP = {
    "Группа": "Незабудка",
    "Возрастная категория": "неведомая",
    "Направленность": "общеразвивающая",
    "Площадь, м²": 50,
}
EXPECTED = {
    "Сотрудники.xlsx": "accepted",
    "Профили учебного плана.xlsx": "accepted",
    "Предельные нагрузки.xlsx": "accepted",
    "Группы.xlsx": "accepted",
    "Воспитанники.xlsx": "accepted",
    "Группы с ошибкой.xlsx": "rejected",
}


def _run(home: Path, url: str, ttl: float, fault: str | None) -> None:
    if fault:
        os.environ[FAULT_VARIABLE] = fault
    else:
        os.environ.pop(FAULT_VARIABLE, None)
    store = Store(url)
    try:
        options = IntakeOptions(settle_seconds=0, claim_ttl_seconds=ttl)
        ingest_and_publish(Settings(home, url, REPOSITORY_TEMPLATES), store, options)
    finally:
        store.close()


def _in_a_process(harness: SiteHarness, ttl: float, fault: str | None) -> int | None:
    harness.engine.dispose()  # the child must not share the parent's connections
    context = multiprocessing.get_context("fork")
    process = context.Process(target=_run, args=(harness.site.home, harness.url, ttl, fault))
    process.start()
    process.join(120)
    return process.exitcode


def _count(harness: SiteHarness, table: object, *where: object) -> int:
    with harness.engine.connect() as connection:
        return int(
            connection.execute(select(func.count()).select_from(table).where(*where)).scalar_one()
        )


def _drop(harness: SiteHarness) -> None:
    harness.drop_setup(upto=FormKind.PUPILS)
    harness.drop("admin", FormKind.GROUPS, [BAD_GROUP], "Группы с ошибкой.xlsx", age=10)


@pytest.mark.parametrize("step", [*STEPS, "answered:3", "document-moved:2"])
def test_a_worker_killed_at_a_step_boundary_loses_and_doubles_nothing(
    harness: SiteHarness, step: str
) -> None:
    _drop(harness)
    # Claims that expire at once: the restart may take over the dead worker's files.
    assert _in_a_process(harness, 0, step) == KILLED_EXIT_CODE, f"never reached {step}"
    assert _in_a_process(harness, 0, None) == 0

    site = harness.site
    receipts = sorted(site.inbox.glob("*/*/*.квитанция.txt"))
    verdicts = {
        p.name.split(" ", 2)[2].removesuffix(".квитанция.txt"): p.parent.name for p in receipts
    }
    assert verdicts == EXPECTED, receipts
    assert len(receipts) == len(EXPECTED)
    for receipt in receipts:
        text = receipt.read_text(encoding="utf-8")
        assert "УЖЕ ПРИНЯТ РАНЕЕ" not in text  # never a duplicate of itself
        assert text.endswith("\n") and "РЕЗУЛЬТАТ:" in text
    originals = [p for p in site.inbox.glob("*/*/*.xlsx") if "ошибки" not in p.name]
    assert len(originals) == len(EXPECTED)
    assert not list(site.inbox.glob("*/.sgo-claims/*")), "a file was left in its claim"
    assert not list(site.inbox.glob("*/*.xlsx")), "a file was left unanswered"
    assert _count(harness, applied_files) == 5
    assert _count(harness, submissions) == len(EXPECTED)
    assert _count(harness, refresh_requests) == 0, "documents were left to refresh"
    assert not list(site.home.rglob(f"*{TEMPORARY_SUFFIX}")), "a temporary file was left"
    with harness.engine.connect() as connection:
        registered = connection.execute(select(documents)).all()
    kinds = {row.kind for row in registered}
    assert {"group_rosters", "group_fill", "movement_book", "movement_book_pages"} <= kinds
    for row in registered:
        assert row.pending_sha256 is None and row.version >= 1
        assert file_sha256(Path(row.path)) == row.sha256, row.path


def test_a_dead_workers_claims_on_this_host_are_taken_over_at_once(harness: SiteHarness) -> None:
    """Killed holding files whose claims are valid for ten minutes: the next pass on the same
    host sees the process is gone and finishes them now."""
    _drop(harness)
    assert _in_a_process(harness, 600, "archived") == KILLED_EXIT_CODE
    assert list(harness.site.inbox.glob("*/.sgo-claims/*")), "the dead worker held a file"
    assert _in_a_process(harness, 600, None) == 0
    assert not list(harness.site.inbox.glob("*/.sgo-claims/*"))
    receipts = sorted(harness.site.inbox.glob("*/*/*.квитанция.txt"))
    assert len(receipts) == len(EXPECTED)
    assert _count(harness, submissions) == len(EXPECTED)


def test_a_claim_waits_for_its_expiry_unless_its_worker_is_provably_gone(tmp_path: Path) -> None:
    import socket
    import time

    from sgo_model.intake.inbox import CLAIMS, reclaim_expired, worker_gone
    from sgo_model.office.site import Site

    site = Site(tmp_path)
    claims = site.user_inbox("clerk") / CLAIMS
    claims.mkdir(parents=True)
    later = int(time.time() + 600)
    host = socket.gethostname()
    dead = 4_000_000  # above any pid the kernel hands out (pid_max ≤ 4 194 304)
    for worker, name in (
        (f"{host}-{dead}-a1b2c3", "умер.xlsx"),
        (f"{host}-{os.getpid()}-d4e5f6", "жив.xlsx"),
        (f"other-host-{dead}-0a0b0c", "чужой.xlsx"),
    ):
        (claims / f"{later}~{worker}~{name[:3]}token~{name}").write_bytes(b"x")
    assert worker_gone(f"{host}-{dead}-a1b2c3") and not worker_gone(f"other-host-{dead}-0a0b0c")
    (taken,) = reclaim_expired(site, f"{host}-{os.getpid()}-ffffff", 600)
    assert taken.name == "умер.xlsx"
    assert sorted(p.name.rsplit("~", 1)[1] for p in claims.iterdir()) == [
        "жив.xlsx",
        "умер.xlsx",
        "чужой.xlsx",
    ]  # the taken one under its new claim
