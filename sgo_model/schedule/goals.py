"""The soft goals of a week, counted on a finished schedule (the solver optimises the same
goals; the benchmark and the methodist's corrections are scored with this)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sgo_model.domain.schedule import GRID, ScheduleSlot, WeekPlan


@dataclass(frozen=True)
class Weights:
    """How much each soft goal weighs."""

    concentration_after_nap: int = 6
    """A cognitive or speech activity after the nap."""
    concentration_late_in_week: int = 1
    """Per weekday a cognitive or speech activity comes after Monday."""
    physical_on_consecutive_days: int = 8
    """A group with physical activities on two days running."""
    crowded_day: int = 3
    """Per activity on a group's busiest day (spreads the week)."""
    specialist_idle: int = 1
    """Per five minutes a specialist waits between activities of a day."""


@dataclass(frozen=True)
class Score:
    """A week's soft goals: each counted, and the weighted total."""

    after_nap: int
    late_in_week: int
    physical_consecutive: int
    busiest_days: int
    specialist_idle_minutes: int
    total: int


def score(plan: WeekPlan, slots: Sequence[ScheduleSlot], weights: Weights | None = None) -> Score:
    """The soft goals of ``slots``."""
    w = weights or Weights()
    lessons = {lesson.key: lesson for lesson in plan.lessons}
    after_nap = late = 0
    physical_days: dict[str, set[int]] = defaultdict(set)
    per_day: dict[tuple[str, int], int] = defaultdict(int)
    teacher_days: dict[tuple[str, int], list[ScheduleSlot]] = defaultdict(list)
    for slot in slots:
        lesson = lessons.get((slot.group, slot.kind))
        per_day[(slot.group, slot.day)] += 1
        if slot.teacher:
            teacher_days[(slot.teacher, slot.day)].append(slot)
        if lesson is None:
            continue
        if lesson.needs_concentration:
            late += slot.day
            after_nap += slot.start >= plan.afternoon_start(slot.group, slot.day)
        if lesson.physical:
            physical_days[slot.group].add(slot.day)
    consecutive = sum(sum(1 for d in days if d + 1 in days) for days in physical_days.values())
    busiest = sum(max(per_day[(g.name, d)] for d in range(5)) for g in plan.groups)
    groups_of: dict[str, set[str]] = defaultdict(set)
    for lesson in plan.lessons:
        if lesson.teacher:
            groups_of[lesson.teacher].add(lesson.group)
    capped = {t.key for t in plan.teachers if t.weekly_minutes is not None}
    idle = 0
    for (key, _), day in teacher_days.items():
        if len(groups_of[key]) < 2 and key not in capped:
            continue
        idle += max(s.end for s in day) - min(s.start for s in day) - sum(s.minutes for s in day)
    total = (
        w.concentration_after_nap * after_nap
        + w.concentration_late_in_week * late
        + w.physical_on_consecutive_days * consecutive
        + w.crowded_day * busiest
        + w.specialist_idle * idle // GRID
    )
    return Score(after_nap, late, consecutive, busiest, idle, total)
