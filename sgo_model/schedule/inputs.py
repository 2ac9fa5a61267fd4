"""What the schedule is built from, read out of the store: the groups with their limits, the
kinds of NOD (curriculum), the staff with their rates, and the conditions of the week."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sgo_model.domain.age import AgeCategory
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.schedule import (
    GroupWeek,
    Lesson,
    Pin,
    Regime,
    Teacher,
    WeekPlan,
    Window,
    default_windows,
    room_of,
    schedule_limits,
    teacher_of,
)
from sgo_model.office.files import fingerprint
from sgo_model.store.schedule import ConditionRecord
from sgo_model.store.uow import SqlUnitOfWork

PIN = "pin"
"""The stored regime of a pinned activity."""

_AGE_ORDER = list(AgeCategory)


@dataclass(frozen=True)
class ScheduleInputs:
    """A week to schedule, how to print its people, and a fingerprint of it all."""

    plan: WeekPlan
    staff: dict[str, Teacher] = field(default_factory=dict)
    """Every employee as the schedule prints one, by personnel number (not only those who
    lead activities: a correction may name another)."""
    rooms: tuple[str, ...] = ()
    """Every room the kinds of NOD name."""

    @property
    def sha256(self) -> str:
        """A fingerprint of the inputs: a version built from other inputs is out of date."""
        plan = self.plan
        return fingerprint(
            [
                list(plan.groups),
                list(plan.lessons),
                list(plan.teachers),
                list(plan.windows),
                list(plan.pins),
                sorted(plan.shared_rooms),
            ]
        )

    @property
    def curriculum_sha256(self) -> str:
        """A fingerprint of the curriculum alone: groups, their limits and kinds of NOD."""
        return fingerprint([list(self.plan.groups), list(self.plan.lessons)])

    def teacher_name(self, key: str | None) -> str:
        """«Белова И. А.» for a personnel number (``""`` for none)."""
        if not key:
            return ""
        found = self.staff.get(key)
        return found.name if found else key


def windows_and_pins(
    conditions: list[ConditionRecord], groups: list[str]
) -> tuple[list[Window], list[Pin]]:
    """The windows of the week (a group without a regime of its own keeps the default day)
    and the pins."""
    windows: list[Window] = []
    pins: list[Pin] = []
    own_day: set[str] = set()
    for c in conditions:
        if c.regime == PIN:
            if c.day is not None and c.kind:
                pins.append(Pin(c.who, c.kind, c.day, c.start))
            continue
        regime = Regime(c.regime)
        if c.who_kind == "group" and regime is not Regime.AVAILABLE:
            own_day.add(c.who)
        windows.append(Window(c.who, c.day, c.start, c.end or c.start, regime))
    windows += default_windows([g for g in groups if g not in own_day])
    return windows, pins


def read_inputs(uow: SqlUnitOfWork) -> ScheduleInputs:
    """The week to schedule as the store has it (inside the caller's unit of work)."""
    limits = uow.groups.limits()
    records = sorted(uow.groups.groups(), key=lambda g: (_AGE_ORDER.index(g.category), g.name))
    groups = [GroupWeek(g.name, g.category, schedule_limits(g.category, limits)) for g in records]
    names = {g.id: g.name for g in records}
    minutes = {g.name: g.limits.activity_minutes for g in groups}
    employees = {e.id: e for e in uow.staff.employees()}
    staff = {
        e.personnel_number: teacher_of(
            e.personnel_number, e.name, e.post, float(e.rate) if e.rate is not None else None
        )
        for e in employees.values()
    }
    lessons = []
    users: dict[str, set[str]] = defaultdict(set)
    order = {name: index for index, name in enumerate(names[g.id] for g in records)}
    for group_id, kind in sorted(uow.groups.nod_kinds(), key=lambda k: order[names[k[0]]]):
        group = names[group_id]
        teacher = employees[kind.employee_id].personnel_number if kind.employee_id else None
        room = room_of(kind.room)
        if room:
            users[room].add(group)
        lessons.append(
            Lesson(
                group,
                kind.name,
                EducationalArea(kind.area),
                kind.weekly_count,
                minutes[group],
                teacher,
                room,
            )
        )
    leading = {lesson.teacher for lesson in lessons if lesson.teacher}
    windows, pins = windows_and_pins(uow.schedule.conditions(), [g.name for g in groups])
    plan = WeekPlan(
        groups,
        lessons,
        [staff[key] for key in sorted(leading)],
        windows,
        pins,
        shared_rooms=frozenset(room for room, who in users.items() if len(who) > 1),
    )
    return ScheduleInputs(plan, staff, tuple(sorted(users)))
