"""The curriculum (учебный план) against the load limits, before any schedule is built.

Each group's kinds of NOD with their weekly counts must fit a week of its age: the length of
one activity, the minutes a day (for 5–6 year olds 50, or 75 with one activity after the
nap), the institution's weekly count, and the group's day (walk, nap). What cannot fit is
reported per group, in Russian, so that nobody waits for a solver to say it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sgo_model.domain.schedule import (
    DAY_END,
    DAY_START,
    MIN_BREAK,
    SENIOR_MORNING_MINUTES,
    GroupWeek,
    Lesson,
    Regime,
    WeekPlan,
)
from sgo_model.domain.text import plural

WEEK_DAYS = 5
"""Monday to Friday."""
BLOCKING = (Regime.UNAVAILABLE, Regime.NAP, Regime.WALK)
"""Parts of a group's day with no activities."""


@dataclass(frozen=True)
class GroupLoad:
    """A group's week as the curriculum asks for it, and as much as its age and day allow."""

    group: GroupWeek
    lessons: Sequence[Lesson]
    weekly_count: int
    weekly_minutes: int
    weekly_cap: int | None
    """The institution's weekly count for the age (``None``: not set)."""
    day_capacity: Sequence[int]
    """How many activities each weekday can hold (load limits and the group's day)."""

    @property
    def week_capacity(self) -> int:
        """How many activities the whole week can hold."""
        return sum(self.day_capacity)


@dataclass(frozen=True)
class PlanProblem:
    """A group whose curriculum cannot fit a week, and why."""

    group: str
    message: str
    kind: str | None = None


def _free_spans(plan: WeekPlan, group: str, day: int) -> list[tuple[int, int]]:
    """The parts of the day (8:00–17:00) the group's regime leaves for activities."""
    blocked = sorted(
        (w.start, w.end) for w in plan.windows_of(group) if w.regime in BLOCKING and w.covers(day)
    )
    spans, at = [], DAY_START
    for start, end in blocked:
        if start > at:
            spans.append((at, min(start, DAY_END)))
        at = max(at, end)
    if at < DAY_END:
        spans.append((at, DAY_END))
    return [(s, e) for s, e in spans if e > s]


def _fits(span: tuple[int, int], minutes: int) -> int:
    """How many activities of ``minutes`` with breaks of :data:`MIN_BREAK` fit in a span."""
    length = span[1] - span[0]
    return max(0, (length + MIN_BREAK) // (minutes + MIN_BREAK))


def day_capacity(plan: WeekPlan, group: GroupWeek, day: int) -> int:
    """How many activities the group can have that day: by minutes a day, and by its day."""
    minutes = group.limits.activity_minutes
    spans = _free_spans(plan, group.name, day)
    afternoon = plan.afternoon_start(group.name, day)
    morning_room = sum(_fits((s, min(e, afternoon)), minutes) for s, e in spans if s < afternoon)
    afternoon_room = sum(_fits((max(s, afternoon), e), minutes) for s, e in spans if e > afternoon)
    if group.senior:
        morning = min(group.limits.daily_minutes, SENIOR_MORNING_MINUTES) // minutes
        return min(morning, morning_room) + min(1, afternoon_room)
    return min(group.limits.daily_minutes // minutes, morning_room + afternoon_room)


def group_loads(plan: WeekPlan) -> list[GroupLoad]:
    """Each group's weekly load, in the plan's order of groups."""
    loads = []
    for group in plan.groups:
        lessons = [lesson for lesson in plan.lessons if lesson.group == group.name]
        loads.append(
            GroupLoad(
                group,
                lessons,
                sum(lesson.weekly_count for lesson in lessons),
                sum(lesson.weekly_count * lesson.minutes for lesson in lessons),
                group.limits.weekly_activities,
                [day_capacity(plan, group, day) for day in range(WEEK_DAYS)],
            )
        )
    return loads


def _activities(n: int) -> str:
    return plural(n, "занятие", "занятия", "занятий")


def check_curriculum(plan: WeekPlan) -> list[PlanProblem]:
    """Every group whose curriculum cannot fit a week (an empty list: each one can)."""
    problems = []
    for load in group_loads(plan):
        name = load.group.name
        ages = load.group.category.ages
        for lesson in load.lessons:
            if lesson.minutes > load.group.limits.activity_minutes:
                problems.append(
                    PlanProblem(
                        name,
                        f"«{name}»: «{lesson.kind}» по {lesson.minutes} мин, для детей {ages} "
                        f"занятие не более {load.group.limits.activity_minutes} мин",
                        lesson.kind,
                    )
                )
            if lesson.weekly_count > WEEK_DAYS:
                problems.append(
                    PlanProblem(
                        name,
                        f"«{name}»: «{lesson.kind}» — {_activities(lesson.weekly_count)} в "
                        f"неделю, а одного вида НОД бывает не более одного в день (не более "
                        f"{WEEK_DAYS} в неделю)",
                        lesson.kind,
                    )
                )
        if load.weekly_cap is not None and load.weekly_count > load.weekly_cap:
            problems.append(
                PlanProblem(
                    name,
                    f"«{name}»: {_activities(load.weekly_count)} в неделю, по учебному плану "
                    f"для детей {ages} — не более {load.weekly_cap}",
                )
            )
        if load.weekly_count > load.week_capacity:
            per_day = ", ".join(str(n) for n in load.day_capacity)
            problems.append(
                PlanProblem(
                    name,
                    f"«{name}»: {_activities(load.weekly_count)} в неделю не помещаются в "
                    f"неделю: по нагрузке в день ({load.group.limits.daily_minutes} мин) и "
                    f"режиму дня группы в дни с понедельника по пятницу помещается "
                    f"{per_day} — всего {load.week_capacity}",
                )
            )
    return problems
