"""The week built by CP-SAT obeys every hard rule (checked by the independent validator),
is the same for the same inputs, and an impossible week is explained by the rules that
conflict."""

from __future__ import annotations

import dataclasses

import pytest

from sgo_model.demo.data import build_demo
from sgo_model.demo.schedule import week_plan
from sgo_model.domain.schedule import WeekPlan
from sgo_model.domain.schedule_rules import check_week
from sgo_model.schedule.goals import score
from sgo_model.schedule.greedy import first_fit
from sgo_model.schedule.solver import solve


@pytest.fixture(scope="module")
def plan() -> WeekPlan:
    return week_plan(build_demo())


def test_the_demo_week_satisfies_every_hard_rule(plan: WeekPlan) -> None:
    solution = solve(plan, time_limit=0.5)
    assert solution.found
    assert check_week(plan, solution.slots) == []
    assert len(solution.slots) == sum(lesson.weekly_count for lesson in plan.lessons)


def test_the_same_inputs_give_the_same_week(plan: WeekPlan) -> None:
    assert solve(plan, time_limit=0.3).slots == solve(plan, time_limit=0.3).slots


def test_the_solver_does_no_worse_than_the_first_fit_it_starts_from(plan: WeekPlan) -> None:
    greedy = first_fit(plan)
    assert greedy.complete and check_week(plan, greedy.slots) == []
    solution = solve(plan, time_limit=0.5)
    assert score(plan, solution.slots).total <= score(plan, greedy.slots).total


def test_a_specialist_whose_rate_is_too_small_is_named_with_her_hours(plan: WeekPlan) -> None:
    music = next(t for t in plan.teachers if t.post == "музыкальный руководитель")
    small = dataclasses.replace(music, weekly_minutes=4 * 60, rate="0,17")
    teachers = [small if t.key == music.key else t for t in plan.teachers]
    solution = solve(dataclasses.replace(plan, teachers=teachers), time_limit=0.5)
    assert solution.status == "infeasible"
    (conflict,) = solution.conflicts
    count = sum(lesson.weekly_count for lesson in plan.lessons if lesson.teacher == music.key)
    assert conflict.message.startswith(
        f"Музыкальный руководитель {music.name}: {count} занятия по "
    ) or conflict.message.startswith(f"Музыкальный руководитель {music.name}: {count} занятий по ")
    assert conflict.message.endswith("не помещаются в её часы (0,17 ставки)")
    assert len(conflict.rules) == 2
