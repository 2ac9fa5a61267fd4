"""The week built by OR-Tools CP-SAT (:mod:`sgo_model.schedule.week_model`).

The week is solved with every rule literal fixed true; when it cannot be, it is solved
again under the assumption that they hold, and the smallest set of them that conflict is
what the user reads, in Russian. The search is deterministic: one worker, a fixed seed and
a deterministic time limit.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence

from ortools.sat.python import cp_model

from sgo_model.domain.schedule import GRID, ScheduleSlot, WeekPlan
from sgo_model.domain.schedule_rules import Rule, check_week
from sgo_model.schedule.explain import explain
from sgo_model.schedule.goals import Weights
from sgo_model.schedule.greedy import first_fit
from sgo_model.schedule.solution import Solution
from sgo_model.schedule.week_model import DAYS, Occurrence, WeekModel


class _FirstSolution(cp_model.CpSolverSolutionCallback):
    """Notes when the search found its first week."""

    def __init__(self, began: float) -> None:
        super().__init__()
        self.began = began
        self.seconds: float | None = None

    def on_solution_callback(self) -> None:
        if self.seconds is None:
            self.seconds = time.perf_counter() - self.began


def _solver(time_limit: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    # One worker, a fixed seed and a deterministic limit: the same inputs give the same
    # week on any machine.
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = time_limit
    # Without the LP relaxation the search finds markedly better weeks in the same time (the
    # demo's soft-goal score 323 against 408 at 3 s); the bound it proves is weaker.
    solver.parameters.linearization_level = 0
    return solver


KEEP_WEIGHT = 10_000
"""The cost of moving a kept activity, when not all of them can stay: above every soft goal,
so the week keeps as many as it can."""
_SLOT_RULES = frozenset({Rule.LENGTH, Rule.HOURS, Rule.GRID, Rule.REGIME, Rule.AVAILABILITY})


def solve(
    plan: WeekPlan,
    *,
    time_limit: float = 10.0,
    keep: Sequence[ScheduleSlot] = (),
    weights: Weights | None = None,
) -> Solution:
    """The best week within ``time_limit`` (deterministic seconds), keeping every ``keep``
    slot that still fits; an impossible week comes with its conflicts.

    A kept slot that breaks a rule by itself (its group's new regime, its teacher's hours)
    moves; the others are fixed. When together they leave no week, they become a heavy soft
    goal instead: the week keeps as many of them as it can."""
    began = time.perf_counter()
    fits = still_fitting(plan, keep)
    for hard in (True, False):
        week = WeekModel(plan, weights or Weights())
        _keep(week, fits, hard=hard)
        _hint(week, fits, first_fit(plan).slots)
        # Rules fixed true presolve best; assumptions (which presolve must keep) only explain.
        for lit in week.assumptions:
            week.model.add(lit == 1)
        solver = _solver(time_limit)
        found = _FirstSolution(began)
        status = solver.solve(week.model, found)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            slots = week.slots(solver)
            placed = set(slots)
            still = sum(1 for s in keep if s in placed)
            return Solution(
                "optimal" if status == cp_model.OPTIMAL else "feasible",
                slots,
                solver.objective_value,
                solver.best_objective_bound,
                seconds=time.perf_counter() - began,
                first_seconds=found.seconds,
                kept=still,
                moved=len(keep) - still,
            )
        if status != cp_model.INFEASIBLE or not fits:
            break
    if status == cp_model.INFEASIBLE:
        week = WeekModel(plan, weights or Weights())
        week.model.add_assumptions(week.assumptions)
        explaining = _solver(time_limit)
        explaining.solve(week.model)
        core = _smallest_core(week, explaining, time_limit)
        return Solution(
            "infeasible",
            conflicts=explain(plan, [week.rules[i] for i in core]),
            seconds=time.perf_counter() - began,
        )
    return Solution("unknown", seconds=time.perf_counter() - began)


def still_fitting(plan: WeekPlan, keep: Sequence[ScheduleSlot]) -> list[ScheduleSlot]:
    """The slots of a previous week that, each by itself, still fit the plan: its kind is
    still there with the same length, teacher and room, and no window of the new regime or
    availability is in its way."""
    lessons = {lesson.key: lesson for lesson in plan.lessons}
    broken = {
        (v.group, v.kind, v.day, v.start) for v in check_week(plan, keep) if v.rule in _SLOT_RULES
    }
    return [
        s
        for s in keep
        if (lesson := lessons.get((s.group, s.kind))) is not None
        and (s.minutes, s.teacher, s.room) == (lesson.minutes, lesson.teacher, lesson.room)
        and (s.group, s.kind, s.day, s.start) not in broken
    ]


def _hint(week: WeekModel, kept: Sequence[ScheduleSlot], slots: Sequence[ScheduleSlot]) -> None:
    """Start the search from the kept slots, or else from a first-fit week (occurrences of a
    kind in day order)."""
    by_lesson: dict[tuple[str, str], list[ScheduleSlot]] = defaultdict(list)
    for found in sorted(slots, key=lambda s: (s.day, s.start)):
        by_lesson[(found.group, found.kind)].append(found)
    counts = {lesson.key: lesson.weekly_count for lesson in week.plan.lessons}
    from_kept: dict[tuple[str, str], list[ScheduleSlot]] = defaultdict(list)
    for found in sorted(kept, key=lambda s: (s.day, s.start)):
        from_kept[(found.group, found.kind)].append(found)
    for key, placed in from_kept.items():
        if len(placed) == counts.get(key):
            by_lesson[key] = placed
    for o in week.occurrences:
        placed = by_lesson.get(o.lesson.key, [])
        slot = placed[o.index] if o.index < len(placed) else None
        for d in DAYS:
            week.model.add_hint(o.on[d], slot is not None and slot.day == d)
            if slot is not None and slot.day == d:
                week.model.add_hint(o.start[d], slot.start // GRID)


def _keep(week: WeekModel, keep: Sequence[ScheduleSlot], *, hard: bool) -> None:
    """Hold each slot of the previous week to its day and time: fixed (``hard``), or at a
    cost of :data:`KEEP_WEIGHT` for moving it."""
    free: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
    for o in week.occurrences:
        free[o.lesson.key].append(o)
    moved: list[cp_model.LinearExprT] = []
    for slot in keep:
        items = free.get((slot.group, slot.kind))
        if not items:
            continue
        o = items.pop(0)
        if hard:
            week.model.add(o.on[slot.day] == 1)
            week.model.add(o.start[slot.day] == slot.start // GRID)
            continue
        stays = week.model.new_bool_var(f"stays:{slot.group}/{slot.kind}/{o.index}")
        week.model.add(o.on[slot.day] == 1).only_enforce_if(stays)
        week.model.add(o.start[slot.day] == slot.start // GRID).only_enforce_if(stays)
        moved.append(~stays)
    if moved:
        week.cost.append(cp_model.LinearExpr.sum(moved) * KEEP_WEIGHT)
        week.model.minimize(cp_model.LinearExpr.sum(week.cost))


def _smallest_core(week: WeekModel, solver: cp_model.CpSolver, time_limit: float) -> list[int]:
    """A set of rule literals that cannot all hold, shrunk (deletion by deletion) until none
    can be dropped, within a deterministic budget of ``2 × time_limit``: past it the set is
    still a conflict, only perhaps not the smallest."""
    core = list(solver.sufficient_assumptions_for_infeasibility())
    by_index = {lit.index: lit for lit in week.assumptions}
    budget = 2 * time_limit
    for index in list(core):
        if budget <= 0:
            break
        trial = [i for i in core if i != index]
        week.model.clear_assumptions()
        week.model.add_assumptions([by_index[i] for i in trial])
        probe = _solver(min(time_limit, 1.0))
        # A probe asks only whether the rest can hold: any week answers it.
        probe.parameters.stop_after_first_solution = True
        status = probe.solve(week.model)
        budget -= float(probe.response_proto.deterministic_time)
        if status == cp_model.INFEASIBLE:
            core = trial
    return core
