"""The curriculum against a week of its age: what a day holds, the weekly count, once a day."""

from __future__ import annotations

from sgo_model.domain.age import AgeCategory
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.curriculum_check import check_curriculum, day_capacity, group_loads
from sgo_model.domain.limits import LoadLimits
from sgo_model.domain.schedule import GroupWeek, Lesson, Regime, WeekPlan, Window, default_windows

SPEECH = EducationalArea.SPEECH


def _plan(category: AgeCategory, minutes: int, daily: int, counts: dict[str, int],
          weekly: int | None = None, windows: list[Window] | None = None) -> WeekPlan:  # fmt: skip
    group = GroupWeek("А", category, LoadLimits(category, minutes, daily, weekly))
    lessons = [Lesson("А", kind, SPEECH, n, minutes) for kind, n in counts.items()]
    return WeekPlan([group], lessons, (), windows or default_windows(["А"]))


def test_a_senior_day_holds_two_activities_before_the_nap_and_one_after() -> None:
    plan = _plan(AgeCategory.SENIOR, 25, 50, {"Речь": 3})
    assert day_capacity(plan, plan.groups[0], 0) == 3


def test_a_middle_day_holds_what_its_minutes_allow() -> None:
    plan = _plan(AgeCategory.MIDDLE, 20, 40, {"Речь": 3})
    assert [load.day_capacity for load in group_loads(plan)] == [[2, 2, 2, 2, 2]]


def test_the_groups_day_limits_what_fits() -> None:
    # Only 9:00–9:25 free in the morning and nothing after the nap: one activity a day.
    windows = [
        Window("А", None, 8 * 60, 9 * 60, Regime.UNAVAILABLE),
        Window("А", None, 9 * 60 + 25, 17 * 60, Regime.NAP),
    ]
    plan = _plan(AgeCategory.MIDDLE, 20, 40, {"Речь": 3, "Счёт": 3}, windows=windows)
    (problem,) = check_curriculum(plan)
    assert problem.group == "А"
    assert problem.message == (
        "«А»: 6 занятий в неделю не помещаются в неделю: по нагрузке в день (40 мин) и режиму "
        "дня группы в дни с понедельника по пятницу помещается 1, 1, 1, 1, 1 — всего 5"
    )


def test_more_of_one_kind_than_days_and_more_than_the_weekly_count_are_reported() -> None:
    plan = _plan(AgeCategory.MIDDLE, 20, 40, {"Речь": 6, "Счёт": 5}, weekly=10)
    messages = [p.message for p in check_curriculum(plan)]
    assert messages == [
        "«А»: «Речь» — 6 занятий в неделю, а одного вида НОД бывает не более одного в день "
        "(не более 5 в неделю)",
        "«А»: 11 занятий в неделю, по учебному плану для детей 4–5 лет — не более 10",
        "«А»: 11 занятий в неделю не помещаются в неделю: по нагрузке в день (40 мин) и режиму "
        "дня группы в дни с понедельника по пятницу помещается 2, 2, 2, 2, 2 — всего 10",
    ]


def test_a_plan_that_fits_has_no_problems() -> None:
    assert (
        check_curriculum(_plan(AgeCategory.PREP, 30, 90, {"Речь": 5, "Счёт": 5, "Лепка": 4})) == []
    )
