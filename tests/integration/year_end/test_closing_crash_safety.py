"""Closing a year killed at every step boundary, then run again: the store ends exactly as
after an uninterrupted run (a digest of its tables), and nothing is done twice."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select
from support import SiteHarness
from test_closing import CLOSING_DAY, YEAR, kindergarten

from sgo_model.bootstrap import REPOSITORY_TEMPLATES, Settings, Store, publish_context, publishers
from sgo_model.intake.faults import FAULT_VARIABLE, KILLED_EXIT_CODE
from sgo_model.intake.publishing import publish_pending
from sgo_model.office.site import Site
from sgo_model.store.engine import make_engine
from sgo_model.store.record_tables import year_actions, year_close_steps, year_closures
from sgo_model.store.tables import (
    academic_years,
    calendar_days,
    counters,
    documents,
    groups,
    movement_events,
    orders,
)
from sgo_model.year_end.closing import STEPS, archive_path, close_year

REASON = "Табели ведутся на бумаге"
COLUMNS = {
    academic_years: ("label", "status", "is_current"),
    groups: ("id", "name", "category"),
    movement_events: ("id", "pupil_id", "kind", "effective_on", "group_id", "from_group_id",
                      "reason", "destination", "note", "order_id"),
    orders: ("id", "number", "kind", "order_date", "effective_on", "title", "status"),
    year_closures: ("id", "year", "status", "login", "override_reason"),
    year_close_steps: ("closure_id", "step", "detail"),
    year_actions: ("year", "action", "reason", "login"),
    calendar_days: ("day", "kind"),
    counters: ("name", "year", "value"),
    documents: ("kind", "key", "title", "path"),
}  # fmt: skip


def _close(home: Path, fault: str | None) -> None:
    if fault:
        os.environ[FAULT_VARIABLE] = fault
    else:
        os.environ.pop(FAULT_VARIABLE, None)
    url = f"sqlite:///{home / 'sgo.db'}"
    settings = Settings(home, url, REPOSITORY_TEMPLATES)
    store = Store(url)
    try:

        def publish() -> None:
            publish_pending(publishers(), publish_context(settings, store, CLOSING_DAY))

        close_year(store.uow, Site(home), YEAR, "admin", CLOSING_DAY, override=REASON,
                   publish=publish, templates=REPOSITORY_TEMPLATES)  # fmt: skip
        publish()
    finally:
        store.close()


def _in_a_process(home: Path, fault: str | None) -> int | None:
    process = multiprocessing.get_context("fork").Process(target=_close, args=(home, fault))
    process.start()
    process.join(120)
    return process.exitcode


def _digest(home: Path) -> str:
    engine = make_engine(f"sqlite:///{home / 'sgo.db'}")
    digest = hashlib.sha256()
    try:
        with engine.connect() as connection:
            for table, names in COLUMNS.items():
                rows = connection.execute(select(*(table.c[n] for n in names))).all()
                for row in sorted(rows, key=repr):
                    digest.update(repr(tuple(row)).replace(str(home), "HOME").encode())
    finally:
        engine.dispose()
    return digest.hexdigest()


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A kindergarten ready to close, and the digest of an uninterrupted close of a copy."""
    base = tmp_path_factory.mktemp("year") / "site"
    harness = SiteHarness.create(base, f"sqlite:///{base / 'sgo.db'}")
    kindergarten(harness)
    harness.close()
    whole = base.with_name("whole")
    shutil.copytree(base, whole)
    assert _in_a_process(whole, None) == 0
    return base, _digest(whole)


@pytest.mark.parametrize("step", STEPS)
def test_a_closing_killed_after_a_step_finishes_as_if_never_interrupted(
    prepared: tuple[Path, str], tmp_path: Path, step: str
) -> None:
    base, expected = prepared
    home = tmp_path / "site"
    shutil.copytree(base, home)

    assert _in_a_process(home, f"year-{step}") == KILLED_EXIT_CODE, f"never reached {step}"
    assert _in_a_process(home, None) == 0
    assert _digest(home) == expected
    assert archive_path(Site(home), YEAR).is_dir()
    # Run again: nothing changes.
    assert _in_a_process(home, None) == 0
    assert _digest(home) == expected
