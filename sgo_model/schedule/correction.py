"""A corrected schedule sheet: its rows resolved against the store and checked against every
hard rule; each violation is reported at the cell of the activity that breaks it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sgo_model.domain.commands import PlaceActivity
from sgo_model.domain.errors import DomainError
from sgo_model.domain.problems import Problem
from sgo_model.domain.schedule import Lesson, ScheduleSlot, room_of
from sgo_model.domain.schedule_rules import Rule, Violation, check_week
from sgo_model.domain.text import fold
from sgo_model.forms.reader import ParsedForm, read_form
from sgo_model.intake.outcome import Outcome
from sgo_model.office.workbook import Workbook
from sgo_model.schedule.forms.correction import SPEC
from sgo_model.schedule.inputs import ScheduleInputs, read_inputs
from sgo_model.schedule.service import store_correction
from sgo_model.setup.apply import StaffDirectory
from sgo_model.store.staff import EmployeeRecord
from sgo_model.store.uow import SqlUnitOfWork

_FIELD_OF_RULE = {
    Rule.WEEKLY_COUNT: "kind",
    Rule.ONCE_A_DAY: "kind",
    Rule.PIN: "start",
    Rule.LENGTH: "end",
    Rule.TEACHER_OVERLAP: "teacher",
    Rule.RATE: "teacher",
    Rule.ROOM_OVERLAP: "room",
}
"""The column a broken rule is reported at (the start time where not listed)."""


@dataclass
class CheckedWeek:
    """A sheet's activities and every problem found in them."""

    slots: list[ScheduleSlot] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """Whether the week may become a new version."""
        return not any(p.is_error for p in self.problems)


def check_sheet(
    commands: Sequence[PlaceActivity],
    inputs: ScheduleInputs,
    employees: Sequence[EmployeeRecord],
) -> CheckedWeek:
    """Resolve the sheet's rows (groups, kinds, teachers, rooms) and check the week."""
    checked = CheckedWeek()
    lessons = {(fold(lesson.group), fold(lesson.kind)): lesson for lesson in inputs.plan.lessons}
    groups = {fold(g.name): g.name for g in inputs.plan.groups}
    rooms = {fold(room): room for room in inputs.rooms}
    people = StaffDirectory(employees)
    placed: list[tuple[ScheduleSlot, PlaceActivity]] = []
    for command in commands:
        group = groups.get(fold(command.group))
        if group is None:
            checked.problems.append(
                Problem.at(command.origin, "group", f"Группа «{command.group}» не найдена")
            )
            continue
        lesson = lessons.get((fold(group), fold(command.kind)))
        if lesson is None:
            checked.problems.append(
                Problem.at(
                    command.origin,
                    "kind",
                    f"Вида НОД «{command.kind}» нет в учебном плане группы «{group}»",
                )
            )
            continue
        try:
            teacher = _teacher(command, lesson, people)
        except DomainError as error:
            checked.problems.append(Problem.at(command.origin, "teacher", error.message))
            continue
        room = _room(command, lesson, rooms)
        slot = ScheduleSlot(
            group, lesson.kind, command.day, command.start, command.end, teacher, room
        )
        placed.append((slot, command))
    checked.slots = [slot for slot, _ in placed]
    if checked.problems:
        return checked
    checked.violations = check_week(inputs.plan, checked.slots)
    for violation in checked.violations:
        checked.problems.append(_at_cell(violation, placed, commands))
    return checked


def read_sheet(form: ParsedForm, uow: SqlUnitOfWork) -> tuple[CheckedWeek, ScheduleInputs]:
    """Check a parsed sheet against the store's inputs (cell errors first: a week with rows
    refused while reading is not checked as a whole)."""
    inputs = read_inputs(uow)
    if form.errors:
        return CheckedWeek(problems=list(form.problems)), inputs
    commands = [c for c in form.commands if isinstance(c, PlaceActivity)]
    checked = check_sheet(commands, inputs, uow.staff.employees())
    checked.problems[:0] = form.problems
    return checked, inputs


def apply_correction(form: ParsedForm, uow: SqlUnitOfWork, submission_id: int) -> Outcome:
    """A corrected week becomes a new version when it breaks no rule; else every violation
    is reported at its cell and nothing is stored."""
    checked, inputs = read_sheet(form, uow)
    outcome = Outcome(problems=[p for p in checked.problems if p not in form.problems])
    if not checked.valid:
        return outcome
    rows = [c.origin.row for c in form.commands if isinstance(c, PlaceActivity)]
    version, diff = store_correction(uow, checked.slots, rows, inputs, submission_id)
    outcome.created = len(checked.slots)
    outcome.note = (
        f"Принята версия № {version.number} расписания НОД: {diff.summary}. Это проект: "
        "утвердите его приказом (sgo schedule approve)."
    )
    return outcome


def check_file(path: Path, uow: SqlUnitOfWork, today: date) -> CheckedWeek:
    """``sgo schedule check FILE``: the problems a corrected sheet would be refused for."""
    workbook = Workbook.from_path(path)
    try:
        form = read_form(workbook, [SPEC], today=today)
    finally:
        workbook.close()
    with uow:
        checked, _ = read_sheet(form, uow)
    return checked


def _teacher(command: PlaceActivity, lesson: Lesson, people: StaffDirectory) -> str | None:
    if not command.teacher:
        return lesson.teacher
    return people.find(command.teacher).personnel_number


def _room(command: PlaceActivity, lesson: Lesson, rooms: dict[str, str]) -> str | None:
    if not command.room:
        return lesson.room
    room = room_of(command.room)
    return rooms.get(fold(room), room) if room else None


def _at_cell(
    violation: Violation,
    placed: Sequence[tuple[ScheduleSlot, PlaceActivity]],
    commands: Sequence[PlaceActivity],
) -> Problem:
    """The violation at the row of the activity it names (the first of the group's kind when
    it names no time; the sheet as a whole when it names no group)."""
    column = _FIELD_OF_RULE.get(violation.rule, "start")
    for slot, command in placed:
        if (
            slot.group == violation.group
            and (violation.kind is None or slot.kind == violation.kind)
            and (violation.day is None or slot.day == violation.day)
            and (violation.start is None or slot.start == violation.start)
        ):
            return Problem.at(command.origin, column, violation.message)
    origin = commands[0].origin if commands else None
    if origin is None:
        return Problem(violation.message)
    return Problem(violation.message, sheet=origin.sheet or None)
