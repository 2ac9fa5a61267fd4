"""Missing and late group-months of attendance (полнота и оперативность), as ``status`` shows.

A month's sheet is due by the ``attendance_due_day`` (5 by default) of the next month; it is
late when its first version came after that day. When each version came is set in the store,
so the test does not depend on the day it runs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update
from support import SiteHarness

from sgo_model.intake.receipts import Verdict
from sgo_model.setup.service import set_setting
from sgo_model.status import site_status
from sgo_model.store.tables import attendance_versions, groups

SEPTEMBER, OCTOBER = date(2026, 9, 1), date(2026, 10, 1)


def _came_at(harness: SiteHarness, group: str, month: date, version: int, when: datetime) -> None:
    """Say when a submitted version of a group-month came."""
    with harness.uow() as uow:
        group_id = uow.connection.execute(
            groups.select().with_only_columns(groups.c.id).where(groups.c.name == group)
        ).scalar_one()
        done = uow.connection.execute(
            update(attendance_versions)
            .where(attendance_versions.c.group_id == group_id)
            .where(attendance_versions.c.month == month)
            .where(attendance_versions.c.version == version)
            .values(created_at=when)
        )
        assert done.rowcount == 1
        uow.commit()


@pytest.fixture
def submitted(harness: SiteHarness) -> SiteHarness:
    """September of both groups (Ромашка twice), October of Ромашка only."""
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    for group, month, marks in (
        ("Ромашка", SEPTEMBER, {}),
        ("Ромашка", SEPTEMBER, {"Иванова": {7: "Б"}}),  # a corrected version
        ("Солнышко", SEPTEMBER, {}),
        ("Ромашка", OCTOBER, {}),
    ):
        receipt = harness.submit_attendance("volkova", group, month, marks)
        assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    # On the due day itself is in time; the correction that came later does not count.
    _came_at(harness, "Ромашка", SEPTEMBER, 1, datetime(2026, 10, 5, 17, 0, tzinfo=UTC))
    _came_at(harness, "Ромашка", SEPTEMBER, 2, datetime(2026, 10, 20, 9, 0, tzinfo=UTC))
    _came_at(harness, "Солнышко", SEPTEMBER, 1, datetime(2026, 10, 6, 9, 30, tzinfo=UTC))
    _came_at(harness, "Ромашка", OCTOBER, 1, datetime(2026, 11, 2, 8, 0, tzinfo=UTC))
    return harness


def _attendance(harness: SiteHarness, today: date) -> list[dict[str, object]]:
    state = site_status(harness.uow(), today=today)
    gaps: list[dict[str, object]] = state["attendance"]  # type: ignore[assignment]
    for gap in gaps:
        if gap["submitted_at"] is not None:
            # SQLite gives the stored UTC time back without its offset; PostgreSQL with one.
            moment = datetime.fromisoformat(str(gap["submitted_at"]))
            gap["submitted_at"] = (
                moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            ).astimezone(UTC)
    return gaps


def test_a_month_that_came_after_its_due_day_is_late_and_an_absent_one_missing(
    submitted: SiteHarness,
) -> None:
    assert _attendance(submitted, date(2026, 11, 20)) == [
        {
            "group": "Солнышко",
            "month": "2026-09",
            "state": "late",
            "due": "2026-10-05",
            "submitted_at": datetime(2026, 10, 6, 9, 30, tzinfo=UTC),
        },
        {
            "group": "Солнышко",
            "month": "2026-10",
            "state": "missing",
            "due": "2026-11-05",
            "submitted_at": None,
        },
    ]


def test_only_months_that_are_over_are_asked_for(submitted: SiteHarness) -> None:
    # On 31 October only September counts; October is not over yet.
    on_31_october = _attendance(submitted, date(2026, 10, 31))
    assert [(g["group"], g["month"], g["state"]) for g in on_31_october] == [
        ("Солнышко", "2026-09", "late")
    ]


def test_a_later_due_day_makes_the_same_month_in_time(submitted: SiteHarness) -> None:
    with submitted.uow() as uow:
        uow.settings.set("attendance_due_day", "10")
        uow.commit()

    assert [
        (g["group"], g["month"], g["state"], g["due"])
        for g in _attendance(submitted, date(2026, 11, 20))
    ] == [("Солнышко", "2026-10", "missing", "2026-11-10")]


@pytest.mark.parametrize(
    ("zone", "late"),
    [("Europe/Kaliningrad", False), ("Asia/Vladivostok", True)],
)
def test_the_due_day_is_the_kindergartens_own(
    submitted: SiteHarness, zone: str, late: bool
) -> None:
    # Ромашка's September came on 5 October at 17:00 UTC: 19:00 in Kaliningrad, in time;
    # already 6 October, 03:00, in Vladivostok.
    with submitted.uow() as uow:
        set_setting(uow, "time_zone", zone)
        uow.commit()
    state = site_status(submitted.uow(), today=date(2026, 11, 20))
    gaps = {(g["group"], g["month"]): g for g in state["attendance"]}  # type: ignore[attr-defined]
    assert (("Ромашка", "2026-09") in gaps) is late
    if late:
        assert gaps[("Ромашка", "2026-09")]["submitted_at"] == "2026-10-06T03:00:00+10:00"
