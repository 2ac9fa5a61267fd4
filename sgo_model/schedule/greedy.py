"""A first-fit placement of the week: each activity at the earliest time that breaks no
hard rule, specialists' activities first. It is the solver's starting hint and the
baseline the benchmark compares the solver with; it may fail where the solver succeeds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sgo_model.domain.limits import SANPIN
from sgo_model.domain.schedule import (
    DAY_END,
    DAY_START,
    GRID,
    MIN_BREAK,
    SENIOR_MORNING_MINUTES,
    Lesson,
    Regime,
    ScheduleSlot,
    WeekPlan,
)

_Busy = list[tuple[int, int]]


@dataclass
class Placement:
    """What the first fit placed, and the activities it found no place for."""

    slots: list[ScheduleSlot] = field(default_factory=list)
    unplaced: list[Lesson] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Whether every activity found a place."""
        return not self.unplaced


def _blocked(plan: WeekPlan, who: str, day: int) -> _Busy:
    windows = plan.windows_of(who)
    busy = [(w.start, w.end) for w in windows if w.regime is not Regime.AVAILABLE and w.covers(day)]
    available = sorted(
        (w.start, w.end) for w in windows if w.regime is Regime.AVAILABLE and w.covers(day)
    )
    if any(w.regime is Regime.AVAILABLE for w in windows):
        cursor = DAY_START
        for start, end in [*available, (DAY_END, DAY_END)]:
            if start > cursor:
                busy.append((cursor, start))
            cursor = max(cursor, end)
    return busy


def _free(busy: _Busy, start: int, end: int, gap: int = 0) -> bool:
    return all(end + gap <= b_start or b_end + gap <= start for b_start, b_end in busy)


def first_fit(plan: WeekPlan) -> Placement:
    """Place every activity at its earliest possible time, day by day."""
    result = Placement()
    group_busy: dict[tuple[str, int], _Busy] = defaultdict(list)
    held: dict[tuple[str, int], _Busy] = defaultdict(list)  # teachers' and rooms' activities
    minutes: dict[tuple[str, int], int] = defaultdict(int)
    after_nap: dict[tuple[str, int], int] = defaultdict(int)
    kinds: dict[tuple[str, int], set[str]] = defaultdict(set)
    rate: dict[str, int] = defaultdict(int)
    caps = {t.key: t.weekly_minutes for t in plan.teachers}
    order = sorted(
        plan.lessons,
        key=lambda lesson: (
            caps.get(lesson.teacher or "") is None,
            lesson.teacher or "",
            -lesson.weekly_count,
        ),
    )
    for lesson in order:
        group = plan.group(lesson.group)
        for _ in range(lesson.weekly_count):
            cap = caps.get(lesson.teacher or "")
            if cap is not None and rate[lesson.teacher or ""] + lesson.minutes > cap:
                result.unplaced.append(lesson)
                continue
            days = sorted(range(5), key=lambda d: (len(kinds[(lesson.group, d)]), d))
            placed = False
            for day in days:
                if lesson.kind in kinds[(lesson.group, day)]:
                    continue
                afternoon = plan.afternoon_start(lesson.group, day)
                for start in range(DAY_START, DAY_END - lesson.minutes + 1, GRID):
                    end = start + lesson.minutes
                    late = start >= afternoon
                    total = minutes[(lesson.group, day)] + lesson.minutes
                    if group.senior:
                        if late and after_nap[(lesson.group, day)]:
                            continue
                        morning = total - (lesson.minutes if late else 0)
                        morning -= _afternoon_minutes(result.slots, lesson.group, day, afternoon)
                        limit = min(group.limits.daily_minutes, SENIOR_MORNING_MINUTES)
                        if morning > limit or total > SANPIN[group.category].daily_minutes:
                            continue
                    elif total > group.limits.daily_minutes:
                        break
                    if not _free(group_busy[(lesson.group, day)], start, end, MIN_BREAK):
                        continue
                    if not _free(_blocked(plan, lesson.group, day), start, end):
                        continue
                    resources = [r for r in (lesson.teacher, lesson.room) if r]
                    if not all(
                        _free(held[(r, day)], start, end)
                        and _free(_blocked(plan, r, day), start, end)
                        for r in resources
                    ):
                        continue
                    for r in resources:
                        held[(r, day)].append((start, end))
                    group_busy[(lesson.group, day)].append((start, end))
                    minutes[(lesson.group, day)] = total
                    after_nap[(lesson.group, day)] += late
                    kinds[(lesson.group, day)].add(lesson.kind)
                    rate[lesson.teacher or ""] += lesson.minutes
                    result.slots.append(
                        ScheduleSlot(
                            lesson.group, lesson.kind, day, start, end, lesson.teacher, lesson.room
                        )
                    )
                    placed = True
                    break
                if placed:
                    break
            if not placed:
                result.unplaced.append(lesson)
    result.slots.sort(key=lambda s: (s.group, s.day, s.start))
    return result


def _afternoon_minutes(slots: list[ScheduleSlot], group: str, day: int, afternoon: int) -> int:
    return sum(
        s.minutes for s in slots if s.group == group and s.day == day and s.start >= afternoon
    )
