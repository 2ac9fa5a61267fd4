"""The Prefect flow «Закрытие учебного года»: a dry run by default, the gaps and the plan as
artifacts; only the administrator closes; the run closes the year and opens the next."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest
from support import SiteHarness, latest_artifact

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration" / "year_end"))
from test_closing import CLOSING_DAY, kindergarten

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_the_flow_plans_refuses_a_teacher_and_closes(sqlite_harness: SiteHarness) -> None:
    from flows.year_end import year_close_flow

    harness = sqlite_harness
    kindergarten(harness)
    where = {"home": str(harness.site.home), "database_url": harness.url, "today": CLOSING_DAY}

    planned = year_close_flow(year="2026/2027", **where)
    assert planned["dry_run"] and not planned["closed"] and planned["graduates"] == 1
    assert "План закрытия (пробный запуск): 2026/2027" in latest_artifact("year-close")
    gaps = json.loads(latest_artifact("year-gaps"))
    assert {row["Вид"] for row in gaps} == {"attendance", "diagnostics"}

    refused = year_close_flow(year="2026/2027", dry_run=False, login="volkova", **where)
    assert not refused["closed"] and "только системный администратор" in refused["reason"]
    refused = year_close_flow(year="2026/2027", dry_run=False, **where)
    assert not refused["closed"] and refused["gaps"] == 6  # three groups: sheets, diagnostics

    closed = year_close_flow(year="2026/2027", dry_run=False, override="Табели на бумаге", **where)
    assert closed["closed"] and closed["steps"] == sorted(
        ["gate", "graduate", "promote", "lock", "open_next", "advance_groups", "archive", "package"]
    )
    assert "Учебный год закрыт: 2026/2027" in latest_artifact("year-close")
    with harness.uow(read_only=True) as uow:
        assert {y.label: y.status for y in uow.years.years()} == {
            "2026/2027": "closed",
            "2027/2028": "open",
        }
        promoted = uow.movement.history(1)  # Иванова, «Ромашка»
    assert promoted[-1].effective_on == date(2027, 9, 1)
