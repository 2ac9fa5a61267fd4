"""Each hard rule, broken alone in a small week, makes the week impossible and is named in the
explanation; pins are honoured; ``keep`` moves no activity that still fits."""

from __future__ import annotations

import dataclasses

import pytest

from sgo_model.domain.age import AgeCategory
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.limits import LoadLimits
from sgo_model.domain.schedule import (
    GroupWeek,
    Lesson,
    Pin,
    Regime,
    Teacher,
    WeekPlan,
    Window,
    default_windows,
)
from sgo_model.domain.schedule_rules import check_week
from sgo_model.schedule.solver import solve, still_fitting

MIDDLE = AgeCategory.MIDDLE
SPEECH, ART = EducationalArea.SPEECH, EducationalArea.ARTISTIC
MUSIC = Teacher("m", "Белова И. А.", "музыкальный руководитель", True, None, "1,0")


def _group(name: str, daily: int = 40) -> GroupWeek:
    return GroupWeek(name, MIDDLE, LoadLimits(MIDDLE, 20, daily, 10))


def _plan(
    lessons: list[Lesson],
    *,
    groups: tuple[str, ...] = ("А",),
    daily: int = 40,
    teachers: tuple[Teacher, ...] = (MUSIC,),
    windows: tuple[Window, ...] = (),
    pins: tuple[Pin, ...] = (),
    shared: frozenset[str] = frozenset(),
) -> WeekPlan:
    return WeekPlan(
        [_group(g, daily) for g in groups],
        lessons,
        list(teachers),
        [*default_windows(list(groups)), *windows],
        list(pins),
        shared,
    )


def _lesson(group: str, kind: str, count: int, **kw: object) -> Lesson:
    return Lesson(group, kind, kw.pop("area", SPEECH), count, 20, **kw)  # type: ignore[arg-type]


def _daily(who: str, start: int, end: int) -> tuple[Window, ...]:
    return tuple(Window(who, d, start, end, Regime.AVAILABLE) for d in range(5))


BROKEN = {
    "rate": _plan(
        [_lesson("А", "Музыка", 2, area=ART, teacher="m")],
        teachers=(dataclasses.replace(MUSIC, weekly_minutes=30, rate="0,02"),),
    ),
    "availability": _plan(
        [_lesson("А", "Музыка", 2, area=ART, teacher="m")],
        windows=(Window("m", 0, 9 * 60, 9 * 60 + 30, Regime.AVAILABLE),),
    ),
    "regime": _plan(
        [_lesson("А", "Речь", 1)],
        windows=(
            Window("А", None, 8 * 60, 9 * 60, Regime.UNAVAILABLE),
            Window("А", None, 9 * 60 + 15, 17 * 60, Regime.WALK),
        ),
    ),
    "teacher_overlap": _plan(
        [
            _lesson("А", "Музыка", 3, area=ART, teacher="m"),
            _lesson("Б", "Музыка", 3, area=ART, teacher="m"),
        ],
        groups=("А", "Б"),
        windows=_daily("m", 9 * 60, 9 * 60 + 25),
    ),
    "room_overlap": _plan(
        [
            _lesson("А", "Музыка", 3, area=ART, room="зал"),
            _lesson("Б", "Музыка", 3, area=ART, room="зал"),
        ],
        groups=("А", "Б"),
        windows=_daily("зал", 9 * 60, 9 * 60 + 25),
        shared=frozenset({"зал"}),
    ),
    "day_cap": _plan([_lesson("А", "Речь", 3), _lesson("А", "Лепка", 3, area=ART)], daily=20),
    "once_a_day": _plan([_lesson("А", "Речь", 6)]),
    "pin": _plan([_lesson("А", "Речь", 1)], pins=(Pin("А", "Речь", 0, 11 * 60 + 30),)),
}


NAMED = {
    "rate": "Белова И. А.: 0,02 ставки — не более 0 часов",
    "availability": "Белова И. А.: пн 9:00–9:30",
    "regime": "режим дня группы «А»: недоступен ежедневно 8:00–9:00",
    "teacher_overlap": "Белова И. А. ведёт одно занятие в одно время",
    "room_overlap": "зал: одно занятие в одно время",
    "day_cap": "группа «А» (средняя): не более 20 мин занятий в день",
    "once_a_day": "группа «А»: не более одного занятия одного вида в день",
    "pin": "закреплено: «А», «Речь» — понедельник 11:30",
}
"""How each rule is named in the explanation."""


@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_a_hard_rule_broken_alone_is_named_in_the_explanation(rule: str) -> None:
    solution = solve(BROKEN[rule], time_limit=2.0)
    assert solution.status == "infeasible"
    (conflict,) = solution.conflicts
    assert rule in conflict.kinds
    assert NAMED[rule] in conflict.rules[conflict.kinds.index(rule)]
    assert conflict.message and not solution.slots


def test_the_same_week_with_the_rule_relaxed_is_built() -> None:
    relaxed = dataclasses.replace(BROKEN["rate"], teachers=[MUSIC])
    solution = solve(relaxed, time_limit=1.0)
    assert solution.found and check_week(relaxed, solution.slots) == []


def test_a_pinned_activity_stays_where_the_methodist_put_it() -> None:
    pin = Pin("А", "Речь", 2, 9 * 60 + 40)
    plan = _plan([_lesson("А", "Речь", 2), _lesson("А", "Лепка", 2, area=ART)], pins=(pin,))
    solution = solve(plan, time_limit=1.0)
    assert solution.found and check_week(plan, solution.slots) == []
    assert any((s.kind, s.day, s.start) == ("Речь", 2, pin.start) for s in solution.slots)


def test_keep_moves_no_activity_that_still_fits() -> None:
    lessons = [
        _lesson("А", "Речь", 2),
        _lesson("А", "Лепка", 2, area=ART),
        _lesson("А", "Музыка", 2, area=ART, teacher="m"),
    ]
    before = solve(_plan(lessons), time_limit=1.0).slots
    # Music moves to Thursday and Friday mornings: what stood elsewhere moves, nothing else.
    hours = tuple(Window("m", d, 9 * 60, 11 * 60, Regime.AVAILABLE) for d in (3, 4))
    changed = _plan(lessons, windows=hours)
    after = solve(changed, time_limit=2.0, keep=before)
    assert after.found and check_week(changed, after.slots) == []
    fitting = still_fitting(changed, before)
    assert set(fitting) <= set(after.slots)
    assert after.kept + after.moved == len(before)
    assert after.moved == len(before) - len(fitting) > 0
