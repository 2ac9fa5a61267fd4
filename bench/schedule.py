"""Benchmark of the NOD schedule: the CP-SAT solver against a first-fit greedy placement.

Everything runs in one process; the baseline is :func:`sgo_model.schedule.greedy.first_fit`
on the same week. Every week either method returns is checked by the independent validator
(:func:`sgo_model.domain.schedule_rules.check_week`), never by the solver's own model.

1. The demo kindergarten (12 groups, music and sports halls, three specialists): first fit;
   the solver's first valid week (target < 2 s) and its week at the time limit, with the
   gap to the bound (target: optimum or a stated gap < 10 s); the soft goals' score of both.
2. A 60-group complex: five demo kindergartens of 12 groups in one week (each building with
   its own halls and specialists): first fit, the solver's first valid week and its week at
   the limit (target < 60 s).
3. Checking a corrected sheet: the demo's week written as the editable sheet, read back and
   checked against every rule, as intake does (target < 100 ms).
4. Twenty generated instances (6–16 groups; the specialists' hours narrowed to some days, a
   gym closed one afternoon, a few pinned activities): how many each method solves (a valid
   week; for the solver also a proven impossibility with its explanation).

    .venv/bin/python bench/schedule.py [--time-limit S] [--complex-limit S] [--instances N]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

from sgo_model.demo.data import build_demo
from sgo_model.demo.schedule import week_plan
from sgo_model.domain.commands import PlaceActivity
from sgo_model.domain.people import PersonName
from sgo_model.domain.schedule import Pin, Regime, ScheduleSlot, WeekPlan, Window
from sgo_model.domain.schedule_rules import check_week
from sgo_model.forms.blanks import write_blank
from sgo_model.forms.reader import read_form
from sgo_model.office.workbook import Workbook
from sgo_model.schedule.correction import check_sheet
from sgo_model.schedule.forms.correction import SPEC, sheet_rows
from sgo_model.schedule.goals import score
from sgo_model.schedule.greedy import first_fit
from sgo_model.schedule.inputs import ScheduleInputs
from sgo_model.schedule.solution import Solution
from sgo_model.schedule.solver import solve
from sgo_model.store.staff import EmployeeRecord

T = TypeVar("T")
TODAY = date(2026, 12, 1)


def timed(work: Callable[[], T]) -> tuple[T, float]:
    """The result of ``work`` and the wall seconds it took."""
    began = time.perf_counter()
    result = work()
    return result, time.perf_counter() - began


def demo_plan(seed: int = 2026, groups: int = 12) -> WeekPlan:
    """The demo kindergarten's week (its set-up forms read as the schedule sees them)."""
    return week_plan(build_demo(seed, groups=groups, employees=max(40, 8 + 2 * groups)))


def _prefixed(plan: WeekPlan, prefix: str) -> WeekPlan:
    """The plan of one building of a complex: its groups, people and halls named apart."""
    people = {t.key for t in plan.teachers}
    rooms = {lesson.room for lesson in plan.lessons if lesson.room}

    def who(name: str) -> str:
        if name in people:
            return f"{prefix}{name}"
        return f"{name} ({prefix.strip()})" if name in rooms else f"{prefix}{name}"

    return WeekPlan(
        [dataclasses.replace(g, name=f"{prefix}{g.name}") for g in plan.groups],
        [
            dataclasses.replace(
                lesson,
                group=f"{prefix}{lesson.group}",
                teacher=f"{prefix}{lesson.teacher}" if lesson.teacher else None,
                room=who(lesson.room) if lesson.room else None,
            )
            for lesson in plan.lessons
        ],
        [dataclasses.replace(t, key=f"{prefix}{t.key}") for t in plan.teachers],
        [dataclasses.replace(w, who=who(w.who)) for w in plan.windows],
        [dataclasses.replace(p, group=f"{prefix}{p.group}") for p in plan.pins],
        frozenset(who(room) for room in plan.shared_rooms),
    )


def complex_plan(buildings: int = 5) -> WeekPlan:
    """A complex of ``buildings`` demo kindergartens of 12 groups in one week."""
    parts = [_prefixed(demo_plan(seed), f"К{seed} ") for seed in range(1, buildings + 1)]
    return WeekPlan(
        [g for p in parts for g in p.groups],
        [lesson for p in parts for lesson in p.lessons],
        [t for p in parts for t in p.teachers],
        [w for p in parts for w in p.windows],
        [pin for p in parts for pin in p.pins],
        frozenset(room for p in parts for room in p.shared_rooms),
    )


def instance(seed: int) -> WeekPlan:
    """A generated week: a demo kindergarten with narrowed hours, a closed gym and pins."""
    rng = random.Random(f"schedule:{seed}")
    plan = demo_plan(seed, rng.randint(6, 16))
    windows = list(plan.windows)
    specialists = [t for t in plan.teachers if t.weekly_minutes is not None]
    for teacher in specialists:
        days = sorted(rng.sample(range(5), rng.randint(3, 5)))
        windows += [
            Window(teacher.key, d, 8 * 60 + 30, 12 * 60 + 30, Regime.AVAILABLE) for d in days
        ]
        windows += [Window(teacher.key, d, 15 * 60, 16 * 60 + 30, Regime.AVAILABLE) for d in days]
    for room in sorted(plan.shared_rooms):
        if rng.random() < 0.5:
            windows.append(Window(room, rng.randrange(5), 15 * 60, 17 * 60, Regime.UNAVAILABLE))
    own = [lesson for lesson in plan.lessons if lesson.teacher not in {t.key for t in specialists}]
    pins = []
    for lesson in rng.sample(own, min(3, len(own))):
        pins.append(
            Pin(lesson.group, lesson.kind, rng.randrange(5), 9 * 60 + 5 * rng.randrange(12))
        )
    return dataclasses.replace(plan, windows=windows, pins=pins)


def _valid(plan: WeekPlan, slots: Sequence[ScheduleSlot]) -> bool:
    return bool(slots) and not check_week(plan, slots)


def _line(name: str, seconds: float, baseline: float, what: str) -> None:
    ratio = seconds / baseline if baseline else float("inf")
    print(f"  {name:<34} {seconds:8.3f} s  {ratio:8.1f}× first fit   {what}")


def _solution_text(plan: WeekPlan, solution: Solution) -> str:
    if not solution.found:
        return f"{solution.status}"
    valid = "valid" if _valid(plan, solution.slots) else "INVALID"
    gap = "optimal" if solution.status == "optimal" else f"gap {solution.gap:.0%} to the bound"
    return f"{valid}, {gap}, score {score(plan, solution.slots).total}"


def bench_week(title: str, plan: WeekPlan, limit: float) -> None:
    """First fit against the solver on one week."""
    activities = sum(lesson.weekly_count for lesson in plan.lessons)
    print(
        f"{title}: {len(plan.groups)} groups, {activities} activities, "
        f"{len(plan.shared_rooms)} shared halls, "
        f"{sum(1 for t in plan.teachers if t.weekly_minutes is not None)} specialists"
    )
    greedy, greedy_s = timed(lambda: first_fit(plan))
    valid = greedy.complete and _valid(plan, greedy.slots)
    print(
        f"  {'first fit (baseline)':<34} {greedy_s:8.3f} s  {1.0:8.1f}× first fit   "
        f"{'valid' if valid else 'incomplete or invalid'}, score "
        f"{score(plan, greedy.slots).total if valid else '—'}"
    )
    solution, seconds = timed(lambda: solve(plan, time_limit=limit))
    if solution.first_seconds is not None:
        _line("solver: first valid week", solution.first_seconds, greedy_s, "")
    _line(
        f"solver: at the limit ({limit:g} det. s)",
        seconds,
        greedy_s,
        _solution_text(plan, solution),
    )


def bench_check(plan: WeekPlan, repeat: int = 20) -> None:
    """A corrected sheet written, read back and checked as intake does."""
    week = solve(plan, time_limit=1.0)
    # The sheet names teachers by personnel number, which the check resolves like a name.
    employees = [
        EmployeeRecord(i, t.key, PersonName(t.name, "", None), t.post)
        for i, t in enumerate(plan.teachers, start=1)
    ]
    rows = sheet_rows(week.slots, {t.key: t.key for t in plan.teachers})
    rooms = tuple(sorted({lesson.room for lesson in plan.lessons if lesson.room}))
    inputs = ScheduleInputs(plan, {t.key: t for t in plan.teachers}, rooms)
    with tempfile.TemporaryDirectory() as folder:
        path = write_blank(SPEC, Path(folder) / "sheet.xlsx", rows=rows)
        data = path.read_bytes()

    def check() -> int:
        form = read_form(Workbook(data), [SPEC], today=TODAY)
        commands = [c for c in form.commands if isinstance(c, PlaceActivity)]
        return len(check_sheet(commands, inputs, employees).problems)

    _, greedy_s = timed(lambda: first_fit(plan))
    problems = check()
    times = [timed(check)[1] for _ in range(repeat)]
    _line(
        f"check a corrected sheet ({len(rows)} rows)",
        statistics.median(times),
        greedy_s,
        f"{problems} problems (median of {repeat})",
    )


def bench_instances(count: int, limit: float) -> None:
    """How many of ``count`` generated weeks each method solves."""
    greedy_ok = solver_ok = proven = 0
    greedy_total = solver_total = 0.0
    for seed in range(1, count + 1):
        plan = instance(seed)
        greedy, g_s = timed(partial(first_fit, plan))
        solution, s_s = timed(partial(solve, plan, time_limit=limit))
        greedy_total += g_s
        solver_total += s_s
        greedy_ok += greedy.complete and _valid(plan, greedy.slots)
        solver_ok += solution.found and _valid(plan, solution.slots)
        proven += solution.status == "infeasible" and bool(solution.conflicts)
    print(f"{count} generated instances (6–16 groups, narrowed hours, closed halls, pins):")
    print(f"  first fit: {greedy_ok} of {count} valid weeks, {greedy_total:.2f} s in all")
    print(
        f"  solver:    {solver_ok} of {count} valid weeks, {proven} proven impossible with "
        f"an explanation, {count - solver_ok - proven} unanswered, {solver_total:.1f} s in all"
    )


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--time-limit", type=float, default=3.0, help="solver, deterministic s")
    parser.add_argument("--complex-limit", type=float, default=10.0)
    parser.add_argument("--instances", type=int, default=20)
    parser.add_argument("--no-complex", action="store_true")
    args = parser.parse_args(argv)
    plan = demo_plan()
    bench_week("The demo kindergarten", plan, args.time_limit)
    if not args.no_complex:
        bench_week("A 60-group complex", complex_plan(), args.complex_limit)
    bench_check(plan)
    bench_instances(args.instances, min(args.time_limit, 2.0))


if __name__ == "__main__":
    main()
