"""The NOD schedule's use cases: build a week, correct it, approve it by order, show it.

Each is a plain function the CLI, the Prefect flow and the tests call alike. A new week is a
new version; only the version whose approving order the head signed is official.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sgo_model.domain.curriculum_check import PlanProblem, check_curriculum
from sgo_model.domain.errors import DomainError
from sgo_model.domain.schedule import ScheduleSlot
from sgo_model.domain.schedule_rules import check_week
from sgo_model.domain.text import plural
from sgo_model.schedule.capacity import short_hours
from sgo_model.schedule.diff import WeekDiff, diff_weeks
from sgo_model.schedule.inputs import ScheduleInputs, read_inputs
from sgo_model.schedule.solution import Solution
from sgo_model.store.orders import OrderRecord
from sgo_model.store.schedule import NewVersion, StoredSlot, VersionRecord
from sgo_model.store.uow import SqlUnitOfWork

DEFAULT_TIME_LIMIT = 5.0
"""The solver's limit in deterministic seconds (about 10 s of wall time for 12 groups)."""
PUBLISHER = "schedule"
"""The publisher of the schedule's documents (refreshed after every change)."""
SCHEDULE_ORDER = "schedule"
CURRICULUM_ORDER = "curriculum"
SCHEDULE_TITLE = "Об утверждении расписания непосредственно образовательной деятельности"
CURRICULUM_TITLE = "Об утверждении учебного плана"


def to_slot(stored: StoredSlot) -> ScheduleSlot:
    """A stored activity as the rules see it."""
    return ScheduleSlot(
        stored.group,
        stored.kind,
        stored.day,
        stored.start,
        stored.end,
        stored.teacher,
        stored.room,
    )


def to_stored(slot: ScheduleSlot, row: int | None = None) -> StoredSlot:
    """An activity as stored."""
    return StoredSlot(
        slot.group, slot.kind, slot.day, slot.start, slot.end, slot.teacher, slot.room, row
    )


def _activities(n: int) -> str:
    return plural(n, "занятие", "занятия", "занятий")


@dataclass(frozen=True)
class BuildResult:
    """What building did: the curriculum's problems (then nothing was solved), or the
    solver's answer and the version it became, with what changed against the previous."""

    inputs: ScheduleInputs
    problems: list[PlanProblem] = field(default_factory=list)
    solution: Solution | None = None
    version: VersionRecord | None = None
    diff: WeekDiff | None = None

    @property
    def built(self) -> bool:
        """Whether a new version was stored."""
        return self.version is not None

    @property
    def summary(self) -> str:
        """One Russian sentence on the outcome."""
        if self.problems:
            return "Учебный план не помещается в неделю; расписание не строилось"
        solution = self.solution
        if solution is None or not solution.found:
            if solution is not None and solution.conflicts:
                return "Расписание построить нельзя: " + solution.conflicts[0].message
            return "Решатель не нашёл расписания за отведённое время; увеличьте --time-limit"
        assert self.version is not None
        return f"Версия № {self.version.number}: {self.version.note}"


def _solver_note(solution: Solution, total: int, keep: bool) -> str:
    # The gap to the bound is printed by the CLI and the bench: the bound CP-SAT proves
    # without its LP relaxation is weak, and a percentage of it would only alarm a reader.
    quality = (
        "оптимальное по заданным целям"
        if solution.status == "optimal"
        else "лучшее найденное за отведённое время"
    )
    note = f"{_activities(total)}, построено решателем ({quality})"
    if keep:
        note += f"; перемещено {solution.moved} из {solution.kept + solution.moved}"
    return note


def build_schedule(
    uow: SqlUnitOfWork,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    keep: bool = False,
    login: str | None = None,
) -> BuildResult:
    """Check the curriculum, solve the week (``keep``: holding the latest version's
    activities that still fit), check the answer by the independent rules and store it as
    a new version."""
    with uow:
        inputs = read_inputs(uow)
        if not inputs.plan.lessons:
            raise DomainError(
                "Расписание строить не из чего: нет видов НОД по группам (форма «Виды НОД по "
                "группам»)"
            )
        problems = check_curriculum(inputs.plan)
        if problems:
            return BuildResult(inputs, problems)
        short = short_hours(inputs.plan)
        if short:
            return BuildResult(inputs, solution=Solution("infeasible", conflicts=short))
        # OR-Tools is loaded only to solve: intake and publishing import this module too.
        from sgo_model.schedule.solver import solve

        previous = uow.schedule.latest()
        before = [to_slot(s) for s in uow.schedule.slots(previous.id)] if previous else []
        solution = solve(inputs.plan, time_limit=time_limit, keep=before if keep else ())
        if not solution.found:
            return BuildResult(inputs, solution=solution)
        broken = check_week(inputs.plan, solution.slots)
        if broken:  # pragma: no cover - the model and the rules must agree
            raise AssertionError(f"the solver's week breaks the rules: {broken[:3]}")
        version = uow.schedule.add_version(
            NewVersion(
                "solver",
                [to_stored(s) for s in solution.slots],
                inputs.sha256,
                _solver_note(solution, len(solution.slots), keep and bool(before)),
                login,
            )
        )
        uow.refresh.request([PUBLISHER])
        uow.commit()
    return BuildResult(
        inputs, solution=solution, version=version, diff=diff_weeks(before, solution.slots)
    )


def built_arguments(result: BuildResult) -> dict[str, object] | None:
    """A built version as the journal keeps it (the solver is not replayed: its week is)."""
    version, solution = result.version, result.solution
    if version is None or solution is None:
        return None
    return {
        "slots": [asdict(to_stored(s)) for s in solution.slots],
        "inputs_sha256": version.inputs_sha256,
        "note": version.note,
        "login": version.created_by,
    }


def store_built(uow: SqlUnitOfWork, arguments: Mapping[str, Any]) -> VersionRecord:
    """Store again a version the journal kept (``built_arguments``)."""
    with uow:
        version = uow.schedule.add_version(
            NewVersion(
                "solver",
                [StoredSlot(**slot) for slot in arguments["slots"]],
                arguments["inputs_sha256"],
                arguments["note"],
                arguments["login"],
            )
        )
        uow.refresh.request([PUBLISHER])
        uow.commit()
    return version


@dataclass(frozen=True)
class Approval:
    """The orders a version's approval asks the head to sign."""

    version: VersionRecord
    orders: list[OrderRecord]
    """The orders drafted now (the curriculum's first, when it had none)."""


def approve_schedule(uow: SqlUnitOfWork, today: date) -> Approval:
    """Draft the order approving the latest version (and, if the curriculum it follows has
    none yet, the order approving the curriculum); the head signs them by scan."""
    with uow:
        version = uow.schedule.latest()
        if version is None:
            raise DomainError("Расписания ещё нет: постройте его (sgo schedule build)")
        if version.order_id is not None:
            order = uow.orders.get(version.order_id)
            state = "утверждена" if order.signed else "ждёт подписи заведующего"
            raise DomainError(
                f"Версия № {version.number} уже на утверждении: приказ № {order.number} от "
                f"{order.order_date:%d.%m.%Y} — {state}"
            )
        inputs = read_inputs(uow)
        if inputs.sha256 != version.inputs_sha256:
            raise DomainError(
                f"Версия № {version.number} построена по прежним условиям (учебный план, "
                "педагоги, условия расписания изменились): постройте расписание заново — "
                "sgo schedule build --keep"
            )
        register = uow.settings.load().main_register
        drafted = []
        if uow.schedule.curriculum_order(inputs.curriculum_sha256) is None:
            plan_order = uow.orders.issue(
                register, CURRICULUM_ORDER, today, today, CURRICULUM_TITLE
            )
            uow.schedule.add_curriculum_approval(inputs.curriculum_sha256, plan_order.id)
            drafted.append(plan_order)
        order = uow.orders.issue(register, SCHEDULE_ORDER, today, today, SCHEDULE_TITLE)
        uow.schedule.set_order(version.id, order.id)
        drafted.append(order)
        uow.refresh.request([PUBLISHER])
        uow.commit()
        approved = uow.schedule.version(version.number)
    assert approved is not None
    return Approval(approved, drafted)


@dataclass(frozen=True)
class WeekView:
    """A version of the week to show: its slots, and whether it is the official one."""

    version: VersionRecord
    slots: list[ScheduleSlot]
    inputs: ScheduleInputs
    official: VersionRecord | None

    @property
    def is_official(self) -> bool:
        """Whether this is the approved version."""
        return self.official is not None and self.official.id == self.version.id


def current_week(uow: SqlUnitOfWork, number: int | None = None) -> WeekView | None:
    """The latest version (or version ``number``) with its slots; ``None`` before any."""
    with uow:
        version = uow.schedule.version(number) if number else uow.schedule.latest()
        if version is None:
            if number:
                raise DomainError(f"Версии расписания № {number} нет")
            return None
        return WeekView(
            version,
            [to_slot(s) for s in uow.schedule.slots(version.id)],
            read_inputs(uow),
            uow.schedule.approved(),
        )


def store_correction(
    uow: SqlUnitOfWork,
    slots: Sequence[ScheduleSlot],
    rows: Sequence[int],
    inputs: ScheduleInputs,
    submission_id: int,
) -> tuple[VersionRecord, WeekDiff]:
    """Store a checked correction as a new version (inside the file's transaction)."""
    previous = uow.schedule.latest()
    before = [to_slot(s) for s in uow.schedule.slots(previous.id)] if previous else []
    diff = diff_weeks(before, slots)
    note = f"{_activities(len(slots))}, исправлено вручную: {diff.summary}"
    version = uow.schedule.add_version(
        NewVersion(
            "correction",
            [to_stored(s, row) for s, row in zip(slots, rows, strict=True)],
            inputs.sha256,
            note,
            None,
            submission_id,
        )
    )
    return version, diff
