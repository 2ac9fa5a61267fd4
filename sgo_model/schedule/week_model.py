"""The CP-SAT model of a NOD week (модель недели): variables, hard rules under their
enforcement literals, and the soft goals.

Every activity is an optional interval on each weekday, on a five-minute grid inside
08:00–17:00. Each hard rule that a person can change (the curriculum's counts, a day's
cap, the group's regime, a teacher's or a room's availability, one place at a time, a
specialist's rate, a pin) carries its own literal, named by a :class:`RuleRef`, so that
:mod:`sgo_model.schedule.solver` can tell which of them conflict.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

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
    Window,
)
from sgo_model.schedule.explain import RuleRef
from sgo_model.schedule.goals import Weights

DAYS = range(5)
_LO, _HI, _BREAK = DAY_START // GRID, DAY_END // GRID, MIN_BREAK // GRID


@dataclass
class Occurrence:
    """One activity of a lesson (its ``index``-th in the week) and its variables per day."""

    lesson: Lesson
    index: int
    on: dict[int, cp_model.IntVar] = field(default_factory=dict)
    start: dict[int, cp_model.IntVar] = field(default_factory=dict)
    after_nap: dict[int, cp_model.IntVar] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.lesson.minutes // GRID


class WeekModel:
    """The CP-SAT model of one week and the rule literals it is solved under."""

    def __init__(self, plan: WeekPlan, weights: Weights) -> None:
        self.plan = plan
        self.model = cp_model.CpModel()
        self.rules: dict[int, RuleRef] = {}
        self._literals: dict[tuple[object, ...], cp_model.IntVar] = {}
        self.occurrences = [
            Occurrence(lesson, j) for lesson in plan.lessons for j in range(lesson.weekly_count)
        ]
        groups_of: dict[str, set[str]] = defaultdict(set)
        for lesson in plan.lessons:
            if lesson.teacher:
                groups_of[lesson.teacher].add(lesson.group)
        self.groups_of = groups_of
        self.cost: list[cp_model.LinearExprT] = []
        self._variables()
        self._demand()
        self._groups()
        self._teachers()
        self._rooms()
        self._day_caps()
        self._once_a_day()
        self._pins()
        self._soft(weights)

    # --- rule literals ----------------------------------------------------------------
    def literal(self, ref: RuleRef) -> cp_model.IntVar:
        """The enforcement literal of a rule (one per rule, made on first use)."""
        key = (ref.kind, ref.subject)
        if key not in self._literals:
            lit = self.model.new_bool_var(f"rule:{ref.kind}:{ref.subject}")
            self._literals[key] = lit
            self.rules[lit.index] = ref
        return self._literals[key]

    @property
    def assumptions(self) -> list[cp_model.IntVar]:
        """Every rule literal."""
        return list(self._literals.values())

    # --- variables --------------------------------------------------------------------
    def _variables(self) -> None:
        m = self.model
        for o in self.occurrences:
            name = f"{o.lesson.group}/{o.lesson.kind}/{o.index}"
            for d in DAYS:
                o.on[d] = m.new_bool_var(f"on:{name}:{d}")
                o.start[d] = m.new_int_var(_LO, _HI - o.length, f"start:{name}:{d}")
            m.add_at_most_one(o.on.values())

    def _shared(self, lesson: Lesson) -> bool:
        teacher = self.plan.teacher(lesson.teacher)
        return lesson.teacher is not None and (
            len(self.groups_of[lesson.teacher]) > 1
            or (teacher is not None and teacher.weekly_minutes is not None)
        )

    def _demand(self) -> None:
        """Each activity of the curriculum is placed once; the literal is the teacher's when
        the teacher serves several groups (or is a specialist), else the group's."""
        by_lesson: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
        for o in self.occurrences:
            lesson = o.lesson
            if self._shared(lesson):
                assert lesson.teacher is not None
                ref = RuleRef("demand_teacher", lesson.teacher)
            else:
                ref = RuleRef("demand_group", lesson.group)
            self.model.add(sum(o.on.values()) == 1).only_enforce_if(self.literal(ref))
            by_lesson[lesson.key].append(o)
        pinned = {(p.group, p.kind) for p in self.plan.pins}
        # Occurrences of one kind are interchangeable: place them in day order.
        for key, items in by_lesson.items():
            if key in pinned:
                continue
            for one, other in itertools.pairwise(items):
                placed = cp_model.LinearExpr.sum(list(other.on.values()))
                self.model.add(cp_model.LinearExpr.sum(list(one.on.values())) >= placed)
                self.model.add(_day(one) <= _day(other) + 4 - 4 * placed)

    def _fixed(
        self, window: Window, day: int, presence: cp_model.IntVar
    ) -> cp_model.IntervalVar | None:
        start = max(window.start, DAY_START) // GRID
        end = -(-min(window.end, DAY_END) // GRID)
        if end <= start:
            return None
        return self.model.new_optional_fixed_size_interval_var(
            start, end - start, presence, f"window:{window.who}:{day}:{start}"
        )

    def _blocked(self, who: str, day: int, presence: cp_model.IntVar) -> list[cp_model.IntervalVar]:
        """The windows of the day where ``who`` may not have activities: its unavailable,
        nap and walk windows, and outside its «доступен» windows when it has some."""
        windows = self.plan.windows_of(who)
        blocked = [w for w in windows if w.regime is not Regime.AVAILABLE and w.covers(day)]
        available = [w for w in windows if w.regime is Regime.AVAILABLE]
        if available:
            edges = sorted((w.start, w.end) for w in available if w.covers(day))
            cursor = DAY_START
            for start, end in [*edges, (DAY_END, DAY_END)]:
                if start > cursor:
                    blocked.append(Window(who, day, cursor, start, Regime.UNAVAILABLE))
                cursor = max(cursor, end)
        return [iv for w in blocked if (iv := self._fixed(w, day, presence)) is not None]

    def _groups(self) -> None:
        """A group has one activity at a time with ten minutes' break, never during its nap,
        walk or other regime windows."""
        m = self.model
        by_group: dict[str, list[Occurrence]] = defaultdict(list)
        for o in self.occurrences:
            by_group[o.lesson.group].append(o)
        for group, items in by_group.items():
            regime = self.literal(RuleRef("regime", group))
            for d in DAYS:
                intervals = [
                    m.new_optional_fixed_size_interval_var(
                        o.start[d], o.length + _BREAK, o.on[d], f"group:{group}:{d}"
                    )
                    for o in items
                ]
                m.add_no_overlap(intervals + self._blocked(group, d, regime))

    def _resource(
        self, items: Sequence[Occurrence], who: str, together: cp_model.IntVar | None
    ) -> None:
        """One activity at a time for a person or a room (``together``: the literal of that
        rule, ``None`` when it needs none) and never outside its availability."""
        m = self.model
        availability = (
            self.literal(RuleRef("availability", who)) if self.plan.windows_of(who) else None
        )
        for d in DAYS:
            intervals = []
            for o in items:
                presence = o.on[d]
                if together is not None:
                    presence = m.new_bool_var("")
                    m.add_implication(presence, o.on[d])
                    m.add_implication(presence, together)
                    m.add_bool_or([presence, o.on[d].negated(), together.negated()])
                intervals.append(
                    m.new_optional_fixed_size_interval_var(
                        o.start[d], o.length, presence, f"{who}:{d}"
                    )
                )
            blocked = self._blocked(who, d, availability) if availability is not None else []
            if len(intervals) + len(blocked) > 1 and intervals:
                m.add_no_overlap(intervals + blocked)

    def _teachers(self) -> None:
        by_teacher: dict[str, list[Occurrence]] = defaultdict(list)
        for o in self.occurrences:
            if o.lesson.teacher:
                by_teacher[o.lesson.teacher].append(o)
        for key, items in by_teacher.items():
            shared = len(self.groups_of[key]) > 1
            together = self.literal(RuleRef("teacher_overlap", key)) if shared else None
            if shared or self.plan.windows_of(key):
                self._resource(items, key, together)
            teacher = self.plan.teacher(key)
            if teacher is not None and teacher.weekly_minutes is not None:
                self.model.add(
                    sum(o.lesson.minutes * v for o in items for v in o.on.values())
                    <= teacher.weekly_minutes
                ).only_enforce_if(self.literal(RuleRef("rate", key)))

    def _rooms(self) -> None:
        by_room: dict[str, list[Occurrence]] = defaultdict(list)
        for o in self.occurrences:
            if o.lesson.room and o.lesson.room in self.plan.shared_rooms:
                by_room[o.lesson.room].append(o)
        for room, items in by_room.items():
            self._resource(items, room, self.literal(RuleRef("room_overlap", room)))

    def _after_nap(self, o: Occurrence, d: int) -> cp_model.IntVar:
        if d not in o.after_nap:
            m = self.model
            group = o.lesson.group
            flag = m.new_bool_var("")
            regime = self.literal(RuleRef("regime", group))
            afternoon = -(-self.plan.afternoon_start(group, d) // GRID)
            m.add(o.start[d] >= afternoon).only_enforce_if([flag, regime])
            m.add(o.start[d] + o.length <= self.plan.nap_start(group, d) // GRID).only_enforce_if(
                [flag.negated(), regime]
            )
            o.after_nap[d] = flag
        return o.after_nap[d]

    def _day_caps(self) -> None:
        m = self.model
        by_group: dict[str, list[Occurrence]] = defaultdict(list)
        for o in self.occurrences:
            by_group[o.lesson.group].append(o)
        for group_name, items in by_group.items():
            group = self.plan.group(group_name)
            cap = self.literal(RuleRef("day_cap", group_name))
            for d in DAYS:
                total = sum(o.lesson.minutes * o.on[d] for o in items)
                if not group.senior:
                    m.add(total <= group.limits.daily_minutes).only_enforce_if(cap)
                    continue
                # 5–6 year olds: 50 minutes before the nap, one activity after it, 75 in all.
                afternoon = []
                for o in items:
                    both = m.new_bool_var("")
                    flag = self._after_nap(o, d)
                    m.add_multiplication_equality(both, [flag, o.on[d]])
                    afternoon.append((o, both))
                morning = total - sum(o.lesson.minutes * both for o, both in afternoon)
                limit = min(group.limits.daily_minutes, SENIOR_MORNING_MINUTES)
                m.add(morning <= limit).only_enforce_if(cap)
                m.add(sum(both for _, both in afternoon) <= 1).only_enforce_if(cap)
                m.add(total <= SANPIN[group.category].daily_minutes).only_enforce_if(cap)

    def _once_a_day(self) -> None:
        by_lesson: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
        for o in self.occurrences:
            by_lesson[o.lesson.key].append(o)
        for (group, _), items in by_lesson.items():
            if len(items) < 2:
                continue
            once = self.literal(RuleRef("once_a_day", group))
            for d in DAYS:
                self.model.add(sum(o.on[d] for o in items) <= 1).only_enforce_if(once)

    def _pins(self) -> None:
        taken: dict[tuple[str, str], int] = defaultdict(int)
        lessons = defaultdict(list)
        for o in self.occurrences:
            lessons[o.lesson.key].append(o)
        for pin in self.plan.pins:
            key = (pin.group, pin.kind)
            items = lessons.get(key, [])
            ref = RuleRef("pin", f"{pin.group}|{pin.kind}|{pin.day}|{pin.start}")
            lit = self.literal(ref)
            if taken[key] >= len(items):
                self.model.add_bool_or([lit.negated()])  # a pin of a kind the plan does not have
                continue
            o = items[taken[key]]
            taken[key] += 1
            self.model.add(o.on[pin.day] == 1).only_enforce_if(lit)
            self.model.add(o.start[pin.day] == pin.start // GRID).only_enforce_if(lit)

    # --- soft goals -------------------------------------------------------------------
    def _soft(self, w: Weights) -> None:
        m = self.model
        by_group: dict[str, list[Occurrence]] = defaultdict(list)
        for o in self.occurrences:
            by_group[o.lesson.group].append(o)
            if o.lesson.needs_concentration:
                for d in DAYS:
                    if d:
                        self.cost.append(w.concentration_late_in_week * d * o.on[d])
                    late = m.new_bool_var("")
                    m.add_multiplication_equality(late, [self._after_nap(o, d), o.on[d]])
                    self.cost.append(w.concentration_after_nap * late)
        for group, items in by_group.items():
            physical = [o for o in items if o.lesson.physical]
            if physical:
                days = []
                for d in DAYS:
                    any_on = m.new_bool_var("")
                    for o in physical:
                        m.add_implication(o.on[d], any_on)
                    days.append(any_on)
                for today, tomorrow in itertools.pairwise(days):
                    both = m.new_bool_var("")
                    m.add(both >= today + tomorrow - 1)
                    self.cost.append(w.physical_on_consecutive_days * both)
            busiest = m.new_int_var(0, len(items), f"busiest:{group}")
            for d in DAYS:
                m.add(busiest >= sum(o.on[d] for o in items))
            self.cost.append(w.crowded_day * busiest)
        for key, groups in self.groups_of.items():
            teacher = self.plan.teacher(key)
            if len(groups) < 2 and (teacher is None or teacher.weekly_minutes is None):
                continue
            items = [o for o in self.occurrences if o.lesson.teacher == key]
            for d in DAYS:
                first = m.new_int_var(_LO, _HI, "")
                last = m.new_int_var(_LO, _HI, "")
                for o in items:
                    m.add(first <= o.start[d]).only_enforce_if(o.on[d])
                    m.add(last >= o.start[d] + o.length).only_enforce_if(o.on[d])
                length = m.new_int_var(0, _HI - _LO, "")
                m.add(length >= last - first)
                # Redundant, for the bound: a day is at least as long as its activities.
                m.add(length >= sum(o.length * o.on[d] for o in items))
                self.cost.append(w.specialist_idle * length)
        m.minimize(sum(self.cost))

    # --- reading the answer -----------------------------------------------------------
    def slots(self, solver: cp_model.CpSolver) -> list[ScheduleSlot]:
        found = []
        for o in self.occurrences:
            for d in DAYS:
                if solver.value(o.on[d]):
                    start = solver.value(o.start[d]) * GRID
                    lesson = o.lesson
                    found.append(
                        ScheduleSlot(
                            lesson.group,
                            lesson.kind,
                            d,
                            start,
                            start + lesson.minutes,
                            lesson.teacher,
                            lesson.room,
                        )
                    )
        return sorted(found, key=lambda s: (s.group, s.day, s.start))


def _day(o: Occurrence) -> cp_model.LinearExpr:
    return cp_model.LinearExpr.weighted_sum(list(o.on.values()), list(o.on.keys()))
