"""A specialist's hours against her activities, before any solving: when the activities of a
week take more minutes than her rate gives, or more activities than her hours of
availability can hold, the answer is the solver's own explanation, at once."""

from __future__ import annotations

from sgo_model.domain.curriculum_check import WEEK_DAYS
from sgo_model.domain.schedule import MIN_BREAK, Regime, WeekPlan
from sgo_model.schedule.explain import Conflict, RuleRef, explain


def short_hours(plan: WeekPlan) -> list[Conflict]:
    """Every teacher whose week cannot hold her activities by her rate or by her hours."""
    conflicts = []
    for teacher in plan.teachers:
        lessons = [lesson for lesson in plan.lessons if lesson.teacher == teacher.key]
        if not lessons:
            continue
        count = sum(lesson.weekly_count for lesson in lessons)
        minutes = sum(lesson.weekly_count * lesson.minutes for lesson in lessons)
        demand = RuleRef("demand_teacher", teacher.key)
        if teacher.weekly_minutes is not None and minutes > teacher.weekly_minutes:
            conflicts += explain(plan, [demand, RuleRef("rate", teacher.key)])
            continue
        available = [w for w in plan.windows_of(teacher.key) if w.regime is Regime.AVAILABLE]
        if not available:
            continue
        # k activities in a window of length L need their minutes and k - 1 breaks: the
        # minutes plus a break each cannot exceed L plus one break.
        need = minutes + count * MIN_BREAK
        room = sum(
            w.end - w.start + MIN_BREAK
            for day in range(WEEK_DAYS)
            for w in available
            if w.covers(day)
        )
        if need > room:
            conflicts += explain(plan, [demand, RuleRef("availability", teacher.key)])
    return conflicts
