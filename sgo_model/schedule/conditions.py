"""Applying the form «Условия расписания»: each row resolved to a group, a teacher or a room,
the whole list replacing the previous one."""

from __future__ import annotations

from datetime import date

from sgo_model.domain.commands import SetScheduleCondition
from sgo_model.domain.errors import DomainError
from sgo_model.domain.problems import Problem
from sgo_model.domain.schedule import room_of
from sgo_model.domain.text import fold, plural
from sgo_model.forms.reader import ParsedForm
from sgo_model.intake.outcome import Outcome
from sgo_model.schedule.inputs import PIN
from sgo_model.setup.apply import StaffDirectory
from sgo_model.store.groups import GroupRecord
from sgo_model.store.schedule import ConditionRecord
from sgo_model.store.uow import SqlUnitOfWork


def apply_conditions(
    form: ParsedForm, uow: SqlUnitOfWork, submission_id: int, today: date
) -> Outcome:
    """Replace the schedule's conditions with the form's rows; every row that names nobody
    known, or pins a kind the group does not have, is an error at its cell."""
    outcome = Outcome()
    groups = {fold(g.name): g for g in uow.groups.groups()}
    kinds: dict[int, set[str]] = {}
    rooms: dict[str, str] = {}
    for group_id, kind in uow.groups.nod_kinds():
        kinds.setdefault(group_id, set()).add(fold(kind.name))
        room = room_of(kind.room)
        if room:
            rooms[fold(room)] = room
    people = StaffDirectory(uow.staff.employees())
    records = []
    for command in form.commands:
        if not isinstance(command, SetScheduleCondition):
            continue
        record = _resolve(command, groups, kinds, rooms, people, outcome)
        if record is not None:
            records.append(record)
    if not outcome.failed:
        uow.schedule.replace_conditions(records, submission_id)
        outcome.created = len(records)
        pins = sum(1 for r in records if r.regime == PIN)
        listed = plural(len(records), "условие", "условия", "условий")
        pinned = plural(
            pins, "закреплённое занятие", "закреплённых занятия", "закреплённых занятий"
        )
        outcome.note = (
            f"Условия расписания заменены: {listed}"
            + (f", из них {pinned}" if pins else "")
            + ". Постройте расписание заново: sgo schedule build --keep."
        )
    return outcome


def _resolve(
    command: SetScheduleCondition,
    groups: dict[str, GroupRecord],
    kinds: dict[int, set[str]],
    rooms: dict[str, str],
    people: StaffDirectory,
    outcome: Outcome,
) -> ConditionRecord | None:
    """The stored form of a row, or ``None`` (with the problem recorded)."""
    key = fold(command.who)
    group = groups.get(key)
    if command.regime is None:
        if group is None:
            message = f"Закрепить занятие можно только за группой; «{command.who}» — не группа"
            outcome.problems.append(Problem.at(command.origin, "who", message))
            return None
        if fold(command.kind or "") not in kinds.get(group.id, set()):
            message = f"У группы «{group.name}» нет вида НОД «{command.kind}»"
            outcome.problems.append(Problem.at(command.origin, "kind", message))
            return None
        return _record(command, "group", group.name, PIN)
    regime = command.regime.value
    if group is not None:
        return _record(command, "group", group.name, regime)
    if key in rooms:
        return _record(command, "room", rooms[key], regime)
    try:
        employee = people.find(command.who)
    except DomainError:
        message = (
            f"«{command.who}» — не группа, не сотрудник и не помещение из видов НОД по группам"
        )
        outcome.problems.append(Problem.at(command.origin, "who", message))
        return None
    return _record(command, "teacher", employee.personnel_number, regime)


def _record(command: SetScheduleCondition, who_kind: str, who: str, regime: str) -> ConditionRecord:
    end = None if regime == PIN else command.end
    return ConditionRecord(
        who_kind, who, command.day, command.start, end, regime, command.kind, command.origin.row
    )
