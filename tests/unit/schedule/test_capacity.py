"""A specialist's hours are checked before solving, in the solver's own words."""

from __future__ import annotations

import dataclasses

from sgo_model.demo.data import build_demo
from sgo_model.demo.schedule import week_plan
from sgo_model.domain.schedule import Regime, Window
from sgo_model.schedule.capacity import short_hours

PLAN = week_plan(build_demo())
MUSIC = next(t for t in PLAN.teachers if t.post == "музыкальный руководитель")


def test_a_rate_too_small_for_the_activities_is_reported_before_solving() -> None:
    small = dataclasses.replace(MUSIC, weekly_minutes=6 * 60, rate="0,25")
    plan = dataclasses.replace(
        PLAN, teachers=[small if t.key == MUSIC.key else t for t in PLAN.teachers]
    )
    (conflict,) = short_hours(plan)
    assert conflict.kinds == ("demand_teacher", "rate")
    assert conflict.message == (
        f"Музыкальный руководитель {MUSIC.name}: 24 занятия по 10–30 мин не помещаются в её "
        "часы (0,25 ставки)"
    )


def test_hours_of_availability_too_few_are_reported_with_the_hours() -> None:
    hours = [Window(MUSIC.key, d, 9 * 60, 11 * 60, Regime.AVAILABLE) for d in (1, 3)]
    plan = dataclasses.replace(PLAN, windows=[*PLAN.windows, *hours])
    (conflict,) = short_hours(plan)
    assert conflict.kinds == ("demand_teacher", "availability")
    assert conflict.message.endswith(
        f"не помещаются в её часы ({MUSIC.rate} ставки; вт и чт 9:00–11:00)"
    )


def test_the_demo_week_has_hours_enough() -> None:
    assert short_hours(PLAN) == []
