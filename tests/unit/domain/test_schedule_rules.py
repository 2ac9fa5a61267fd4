"""The independent checker of a NOD week finds each broken rule, at its group, day and time."""

from __future__ import annotations

import dataclasses

import pytest

from sgo_model.demo.data import build_demo
from sgo_model.demo.schedule import week_plan
from sgo_model.domain.schedule import Pin, ScheduleSlot, WeekPlan
from sgo_model.domain.schedule_rules import Rule, check_week
from sgo_model.schedule.greedy import first_fit


@pytest.fixture(scope="module")
def week() -> tuple[WeekPlan, list[ScheduleSlot]]:
    plan = week_plan(build_demo())
    slots = first_fit(plan).slots
    assert check_week(plan, slots) == []
    return plan, slots


def _moved(slot: ScheduleSlot, start: int) -> ScheduleSlot:
    return dataclasses.replace(slot, start=start, end=start + slot.minutes)


def test_a_missing_activity_breaks_the_weekly_count(week: tuple[WeekPlan, list]) -> None:
    plan, slots = week
    (found,) = check_week(plan, slots[1:])
    assert found.rule is Rule.WEEKLY_COUNT
    assert found.group == slots[0].group and found.kind == slots[0].kind
    assert "по учебному плану" in found.message


def test_an_activity_in_the_nap_breaks_the_regime(week: tuple[WeekPlan, list]) -> None:
    plan, slots = week
    napping = _moved(slots[0], 13 * 60)
    found = check_week(plan, [napping, *slots[1:]])
    assert Rule.REGIME in {v.rule for v in found}
    regime = next(v for v in found if v.rule is Rule.REGIME)
    assert (regime.group, regime.day, regime.start) == (napping.group, napping.day, 13 * 60)
    assert "«дневной сон»" in regime.message and "13:00" in regime.message


def test_a_wrong_length_and_an_off_grid_start_are_named(week: tuple[WeekPlan, list]) -> None:
    plan, slots = week
    odd = dataclasses.replace(slots[0], end=slots[0].end + 3)
    rules = {v.rule for v in check_week(plan, [odd, *slots[1:]])}
    assert {Rule.LENGTH, Rule.GRID} <= rules


def test_a_specialist_in_two_groups_at_once(week: tuple[WeekPlan, list]) -> None:
    plan, slots = week
    music = [s for s in slots if s.room == "музыкальный зал"]
    one, other = next((a, b) for a in music for b in music if a.group != b.group and a.day == b.day)
    clash = _moved(other, one.start)
    found = check_week(plan, [clash if s == other else s for s in slots])
    assert {Rule.TEACHER_OVERLAP, Rule.ROOM_OVERLAP} <= {v.rule for v in found}


def test_an_extra_activity_of_a_kind_already_that_day(week: tuple[WeekPlan, list]) -> None:
    plan, slots = week
    extra = _moved(slots[0], 15 * 60 + 30)
    rules = {v.rule for v in check_week(plan, [*slots, extra])}
    assert Rule.ONCE_A_DAY in rules and Rule.WEEKLY_COUNT in rules


def test_a_pin_not_kept_is_a_violation(week: tuple[WeekPlan, list]) -> None:
    plan, slots = week
    slot = slots[0]
    pinned = dataclasses.replace(plan, pins=[Pin(slot.group, slot.kind, slot.day, slot.start + 5)])
    (found,) = check_week(pinned, slots)
    assert found.rule is Rule.PIN and "закреплено" in found.message
