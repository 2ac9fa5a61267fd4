"""The Prefect flow «Построить расписание НОД»: a new draft version with its documents and
artifacts, or the reason there can be none as its result."""

from __future__ import annotations

import json

import pytest
from support import SiteHarness, latest_artifact

from sgo_model.bootstrap import REPOSITORY_TEMPLATES
from sgo_model.intake.receipts import Verdict

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_the_flow_builds_a_draft_version_and_says_so_in_its_artifacts(
    sqlite_harness: SiteHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.schedule import schedule_flow

    monkeypatch.setenv("SGO_TEMPLATES", str(REPOSITORY_TEMPLATES))
    harness = sqlite_harness
    empty = schedule_flow(home=str(harness.site.home), database_url=harness.url, time_limit=0.5)
    assert not empty["built"] and "нет видов НОД" in str(empty["summary"])

    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    result = schedule_flow(home=str(harness.site.home), database_url=harness.url, time_limit=0.5)
    assert result["built"] and result["version"] == 1
    assert str(result["summary"]).startswith("Версия № 1: 5 занятий, построено решателем")
    assert any(
        str(p).endswith("Расписание НОД по группам (проект).docx") for p in result["documents"]
    )  # type: ignore[attr-defined]
    assert latest_artifact("schedule-result").startswith("## Версия № 1: 5 занятий")
    week = json.loads(latest_artifact("schedule-week"))
    assert len(week) == 5 and {row["Группа"] for row in week} == {"Ромашка", "Солнышко"}
