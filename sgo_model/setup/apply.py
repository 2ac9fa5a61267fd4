"""Applying set-up commands to the store, a whole file at a time, collecting every problem."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from sgo_model.domain.age import AgeCategory, Orientation, full_years, plural_years
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.commands import (
    AssignNodKind,
    Command,
    DefineGroup,
    DefineProfile,
    RegisterEmployee,
    RegisterPupil,
    SetConditionCap,
    SetLoadLimits,
)
from sgo_model.domain.conditions import Condition, check_cap
from sgo_model.domain.errors import DomainError
from sgo_model.domain.limits import check_limits
from sgo_model.domain.problems import Problem, Severity
from sgo_model.domain.roles import Role
from sgo_model.domain.text import fold
from sgo_model.forms.references import unknown_group
from sgo_model.intake.outcome import Outcome
from sgo_model.office.russian import plural
from sgo_model.store.counters import BOOK_COUNTER
from sgo_model.store.groups import NodKindRow
from sgo_model.store.pupils import NewPupil, PupilKey
from sgo_model.store.staff import EmployeeRecord
from sgo_model.store.uow import SqlUnitOfWork


def apply_commands(
    commands: Sequence[Command], uow: SqlUnitOfWork, submission_id: int, today: date
) -> Outcome:
    """Apply one file's commands; the caller commits only when no error was found."""
    outcome = Outcome()
    if not commands:
        return outcome
    first = commands[0]
    if isinstance(first, RegisterEmployee):
        _employees(
            [c for c in commands if isinstance(c, RegisterEmployee)], uow, submission_id, outcome
        )
    elif isinstance(first, DefineProfile):
        _profiles(
            [c for c in commands if isinstance(c, DefineProfile)], uow, submission_id, outcome
        )
    elif isinstance(first, SetLoadLimits):
        _limits([c for c in commands if isinstance(c, SetLoadLimits)], uow, submission_id, outcome)
    elif isinstance(first, SetConditionCap):
        _condition_caps(
            [c for c in commands if isinstance(c, SetConditionCap)], uow, submission_id, outcome
        )
    elif isinstance(first, DefineGroup):
        _groups([c for c in commands if isinstance(c, DefineGroup)], uow, submission_id, outcome)
    elif isinstance(first, RegisterPupil):
        _pupils(
            [c for c in commands if isinstance(c, RegisterPupil)],
            uow,
            submission_id,
            today,
            outcome,
        )
    elif isinstance(first, AssignNodKind):
        _nod_kinds(
            [c for c in commands if isinstance(c, AssignNodKind)], uow, submission_id, outcome
        )
    else:  # pragma: no cover - every form kind has a handler
        raise TypeError(f"no handler for {type(first).__name__}")
    return outcome


def _duplicate(
    seen: dict[str, int], key: str, command: Command, field_name: str, what: str, outcome: Outcome
) -> bool:
    if key in seen:
        outcome.problems.append(
            Problem.at(command.origin, field_name, f"{what} уже встречается в строке {seen[key]}")
        )
        return True
    seen[key] = command.origin.row
    return False


def _employees(
    commands: list[RegisterEmployee], uow: SqlUnitOfWork, submission_id: int, outcome: Outcome
) -> None:
    existing = {e.personnel_number: e for e in uow.staff.employees()}
    users = {u.login: u for u in uow.staff.users()}
    numbers: dict[str, int] = {}
    logins: dict[str, int] = {}
    for command in commands:
        number = command.employee.personnel_number
        if _duplicate(
            numbers, number, command, "personnel_number", f"Табельный номер {number}", outcome
        ):
            continue
        if command.login and _duplicate(
            logins, command.login, command, "login", f"Логин «{command.login}»", outcome
        ):
            continue
        record = existing.get(number)
        employee_id = uow.staff.save_employee(
            command.employee, record.id if record else None, submission_id, command.origin.row
        )
        if record:
            outcome.updated += 1
        else:
            outcome.created += 1
        if command.login and command.role:
            user = users.get(command.login)
            if user and user.employee_id not in (None, employee_id):
                outcome.problems.append(
                    Problem.at(
                        command.origin,
                        "login",
                        f"Логин «{command.login}» уже принадлежит другому сотруднику",
                    )
                )
                continue
            uow.staff.save_user(
                command.login, command.role, employee_id, submission_id, command.origin.row
            )
            outcome.accounts.append(command.login)
    admins = [u for u in uow.staff.users() if u.role is Role.ADMIN and u.active]
    if not admins:
        outcome.problems.append(
            Problem(
                "После применения файла не останется ни одного системного администратора; "
                "оставьте роль «системный администратор» хотя бы одному пользователю",
                sheet=commands[0].origin.sheet,
            )
        )


def _profiles(
    commands: list[DefineProfile], uow: SqlUnitOfWork, submission_id: int, outcome: Outcome
) -> None:
    seen: dict[str, int] = {}
    for command in commands:
        if _duplicate(
            seen, fold(command.name), command, "name", f"Профиль «{command.name}»", outcome
        ):
            continue
        created = uow.groups.save_profile(
            command.name,
            command.orientation,
            command.description,
            submission_id,
            command.origin.row,
        )
        outcome.created += created
        outcome.updated += not created


def _limits(
    commands: list[SetLoadLimits], uow: SqlUnitOfWork, submission_id: int, outcome: Outcome
) -> None:
    _table_rows(
        commands,
        outcome,
        "category",
        lambda c: (c.limits.category.value, f"Категория «{c.limits.category.label}»"),
        lambda c: check_limits(c.limits),
        lambda c: uow.groups.save_limits(c.limits, submission_id, c.origin.row),
    )


def _condition_caps(
    commands: list[SetConditionCap], uow: SqlUnitOfWork, submission_id: int, outcome: Outcome
) -> None:
    _table_rows(
        commands,
        outcome,
        "condition",
        lambda c: (c.cap.condition.value, f"Нарушение «{c.cap.condition.label}»"),
        lambda c: check_cap(c.cap),
        lambda c: uow.groups.save_condition_cap(c.cap, submission_id, c.origin.row),
    )


C = TypeVar("C", bound=Command)


def _table_rows(
    commands: list[C],
    outcome: Outcome,
    key_field: str,
    key: Callable[[C], tuple[str, str]],
    check: Callable[[C], None],
    save: Callable[[C], bool],
) -> None:
    """Rows of a table of settings (one row a key): a key twice or a figure the domain
    refuses is a problem at its cell, every other row is saved."""
    seen: dict[str, int] = {}
    for command in commands:
        value, what = key(command)
        if _duplicate(seen, value, command, key_field, what, outcome):
            continue
        try:
            check(command)
        except DomainError as error:
            outcome.problems.append(Problem.at(command.origin, error.field, error.message))
            continue
        created = save(command)
        outcome.created += created
        outcome.updated += not created


class StaffDirectory:
    """Finds employees by personnel number or by full name, as typed in a cell."""

    def __init__(self, employees: Sequence[EmployeeRecord]) -> None:
        self.by_number = {e.personnel_number: e for e in employees}
        self.by_name: dict[str, list[EmployeeRecord]] = defaultdict(list)
        for e in employees:
            self.by_name[e.name.key].append(e)

    def find(self, text: str) -> EmployeeRecord:
        """The employee a cell names; :class:`DomainError` if none or several."""
        if text in self.by_number:
            return self.by_number[text]
        matches = self.by_name.get(fold(text), [])
        if len(matches) == 1:
            return matches[0]
        if matches:
            numbers = ", ".join(m.personnel_number for m in matches)
            raise DomainError(
                f"«{text}» — несколько сотрудников с таким ФИО (табельные номера {numbers}); "
                "укажите табельный номер"
            )
        raise DomainError(f"Сотрудник «{text}» не найден в списке сотрудников")


def _groups(
    commands: list[DefineGroup], uow: SqlUnitOfWork, submission_id: int, outcome: Outcome
) -> None:
    existing = {fold(g.name): g for g in uow.groups.groups()}
    profiles = {fold(name): pid for name, pid in uow.groups.profiles().items()}
    people = StaffDirectory(uow.staff.employees())
    seen: dict[str, int] = {}
    for command in commands:
        if _duplicate(
            seen, fold(command.name), command, "name", f"Группа «{command.name}»", outcome
        ):
            continue
        profile_id = None
        if command.profile:
            profile_id = profiles.get(fold(command.profile))
            if profile_id is None:
                outcome.problems.append(
                    Problem.at(
                        command.origin,
                        "profile",
                        f"Профиль «{command.profile}» не найден; сначала загрузите форму "
                        "«Профили учебного плана»",
                    )
                )
        teacher_ids = []
        for text in command.teachers:
            try:
                teacher_ids.append(people.find(text).id)
            except DomainError as error:
                outcome.problems.append(Problem.at(command.origin, "teachers", error.message))
        if command.profile and profile_id is None:
            continue  # the row's every problem is listed; a group without its profile is not saved
        _check_condition(command, outcome)
        record = existing.get(fold(command.name))
        group_id = uow.groups.save_group(
            command.name,
            command.category,
            command.orientation,
            command.area_m2,
            profile_id,
            record.id if record else None,
            submission_id,
            command.origin.row,
            command.condition,
            command.stay_mode,
        )
        uow.groups.set_teachers(group_id, teacher_ids, submission_id, command.origin.row)
        if record:
            outcome.updated += 1
        else:
            outcome.created += 1


def _check_condition(command: DefineGroup, outcome: Outcome) -> None:
    """A compensating group is for children with one condition, a combined one may name the
    condition it takes; other groups are for none."""
    if command.orientation is Orientation.COMPENSATING and command.condition is None:
        outcome.problems.append(
            Problem.at(
                command.origin,
                "condition",
                f"Для компенсирующей группы «{command.name}» не указано нарушение: предельная "
                "наполняемость будет определяться по нарушениям зачисленных детей",
                Severity.WARNING,
            )
        )
    elif command.condition is not None and command.orientation not in (
        Orientation.COMPENSATING,
        Orientation.COMBINED,
    ):
        outcome.problems.append(
            Problem.at(
                command.origin,
                "condition",
                f"Нарушение «{command.condition.label}» указывается только для компенсирующих "
                f"и комбинированных групп; для группы {command.orientation.phrase} оно "
                "не учитывается",
                Severity.WARNING,
            )
        )


def _pupils(
    commands: list[RegisterPupil],
    uow: SqlUnitOfWork,
    submission_id: int,
    today: date,
    outcome: Outcome,
) -> None:
    groups = {fold(g.name): g for g in uow.groups.groups()}
    names = {g.id: g.name for g in groups.values()}
    institution = uow.institution.get()
    year = institution.current_year if institution else None
    year_start = year.first_day if year else AcademicYear.containing(today).first_day
    placements = uow.pupils.placements(
        date.max, [PupilKey(c.pupil.name.key, c.pupil.birth_date) for c in commands]
    )
    headcount: dict[int, int] = defaultdict(int, uow.pupils.headcounts(date.max))
    seen: dict[str, int] = {}
    new: list[NewPupil] = []
    changed: list[tuple[int, NewPupil]] = []
    touched: set[int] = set()
    arriving: dict[int, list[Condition]] = defaultdict(list)
    for command in commands:
        pupil = command.pupil
        key = PupilKey(pupil.name.key, pupil.birth_date)
        label = f"Воспитанник {pupil.name.full}, {pupil.birth_date:%d.%m.%Y} г.р.,"
        if _duplicate(
            seen, f"{key.name_key}|{key.birth_date}", command, "last_name", label, outcome
        ):
            continue
        group = groups.get(fold(command.group))
        if group is None:
            known = [g.name for g in groups.values()]
            outcome.problems.append(
                Problem.at(command.origin, "group", unknown_group(command.group, known))
            )
            continue
        entry = NewPupil(pupil, group.id, command.enrolled_on, command.origin.row)
        placement = placements.get(key)
        if placement is not None:
            if placement.group_id not in (None, group.id):
                current = names.get(placement.group_id, "?") if placement.group_id else "?"
                outcome.problems.append(
                    Problem.at(
                        command.origin,
                        "group",
                        f"{pupil.name.full} уже в группе «{current}»; перевод в другую группу "
                        "оформляется формой движения воспитанников",
                    )
                )
                continue
            changed.append((placement.pupil_id, entry))
            continue
        on = max(command.enrolled_on, year_start)
        if not group.category.fits(pupil.birth_date, on):
            age = full_years(pupil.birth_date, on)
            outcome.problems.append(
                Problem.at(
                    command.origin,
                    "birth_date",
                    f"Возраст ребёнка на {on:%d.%m.%Y} ({plural_years(age)}) не соответствует "
                    f"группе «{group.name}» ({group.category.label}, {group.category.ages})",
                    Severity.WARNING,
                )
            )
        headcount[group.id] += 1
        touched.add(group.id)
        new.append(entry)
        if pupil.condition is not None:
            arriving[group.id].append(pupil.condition)
    # Only the groups this file adds children to: another group's state is not its news.
    caps = uow.groups.condition_caps()
    present = uow.pupils.conditions(date.max, touched)
    for group in (g for g in groups.values() if g.id in touched):
        conditions = present.get(group.id, []) + arriving[group.id]
        limits = group.group.limits(caps, has_children_under_3=True, children=conditions)
        if headcount[group.id] > limits.total:
            outcome.problems.append(
                Problem(
                    f"В группе «{group.name}» будет {_children(headcount[group.id])} при "
                    f"вместимости {limits.basis}: группа переполнена",
                    sheet=commands[0].origin.sheet,
                    severity=Severity.WARNING,
                )
            )
        allowed = limits.with_condition
        if allowed is not None and len(conditions) > allowed:
            outcome.problems.append(
                Problem(
                    f"В комбинированной группе «{group.name}» будет {_children(len(conditions))} "
                    f"с ОВЗ при допустимом числе {allowed} ({limits.condition_basis})",
                    sheet=commands[0].origin.sheet,
                    severity=Severity.WARNING,
                )
            )
    if outcome.failed:
        return
    first = uow.counters.next(BOOK_COUNTER, count=len(new)) if new else 0
    uow.pupils.add(new, submission_id, first)
    uow.pupils.update(changed, submission_id)
    outcome.created += len(new)
    outcome.updated += len(changed)


def _nod_kinds(
    commands: list[AssignNodKind], uow: SqlUnitOfWork, submission_id: int, outcome: Outcome
) -> None:
    groups = {fold(g.name): g for g in uow.groups.groups()}
    limits = uow.groups.limits()
    people = StaffDirectory(uow.staff.employees())
    by_group: dict[int, list[NodKindRow]] = defaultdict(list)
    first_command: dict[int, AssignNodKind] = {}
    seen: dict[str, int] = {}
    for command in commands:
        group = groups.get(fold(command.group))
        if group is None:
            outcome.problems.append(
                Problem.at(command.origin, "group", f"Группа «{command.group}» не найдена")
            )
            continue
        label = f"Вид НОД «{command.name}» группы «{group.name}»"
        if _duplicate(seen, f"{group.id}|{fold(command.name)}", command, "name", label, outcome):
            continue
        employee_id = None
        if command.teacher:
            try:
                employee_id = people.find(command.teacher).id
            except DomainError as error:
                outcome.problems.append(Problem.at(command.origin, "teacher", error.message))
                continue
        first_command.setdefault(group.id, command)
        by_group[group.id].append(
            NodKindRow(
                command.name,
                command.area,
                command.weekly_count,
                employee_id,
                command.room,
                command.origin.row,
            )
        )
    for group in groups.values():
        kinds = by_group.get(group.id)
        if not kinds:
            continue
        category = group.category
        if category is AgeCategory.MIXED:
            defined = [lim for lim in limits.values() if lim.weekly_activities]
            cap = min((lim.weekly_activities or 0 for lim in defined), default=None)
        else:
            cap = limits[category].weekly_activities if category in limits else None
        total = sum(k.weekly_count for k in kinds)
        if cap is not None and total > cap:
            outcome.problems.append(
                Problem.at(
                    first_command[group.id].origin,
                    "weekly_count",
                    f"В группе «{group.name}» всего {total} занятий в неделю, больше предельной "
                    f"нагрузки {cap} для категории «{category.label}»",
                )
            )
            continue
        uow.groups.replace_nod_kinds(group.id, kinds, submission_id)
        outcome.created += len(kinds)


def _children(n: int) -> str:
    return plural(n, "ребёнок", "ребёнка", "детей")
