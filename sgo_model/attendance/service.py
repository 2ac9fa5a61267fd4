"""The electronic attendance journal: monthly sheets checked against the calendar and the
movement of pupils, stored as versions of each group-month."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from sgo_model.attendance.forms.model import AttendanceSheet, SheetRow
from sgo_model.domain.attendance import Mark, sheet_coverage
from sgo_model.domain.calendar import WorkingCalendar
from sgo_model.domain.errors import DomainError
from sgo_model.domain.months import month_end
from sgo_model.domain.movement import PastEvent, check_open_year, days_in_group
from sgo_model.domain.people import PersonName
from sgo_model.domain.problems import Problem
from sgo_model.domain.roles import Role
from sgo_model.domain.text import fold
from sgo_model.intake.outcome import Outcome
from sgo_model.store.groups import GroupRecord
from sgo_model.store.uow import SqlUnitOfWork

_MAX_LISTED_CHANGES = 40


class _Report(Protocol):
    def __call__(
        self, message: str, cell: str | None = None, column: str = ..., value: object = None
    ) -> None: ...


@dataclass(frozen=True)
class GroupMonth:
    """Who belongs to a group on which days of a month, and which days the institution works."""

    group: GroupRecord
    month: date
    calendar: WorkingCalendar
    members: dict[int, list[date]]  # pupil → days in the group

    @property
    def last(self) -> date:
        """The month's last day."""
        return month_end(self.month)


def group_month(
    uow: SqlUnitOfWork, group: GroupRecord, month: date, *, official: bool = False
) -> GroupMonth:
    """The membership of a group over a month, from the movement of pupils: with the
    children whose orders are pending (the sheets a teacher fills), or, with ``official``,
    only as signed orders make it (the timesheet)."""
    last = month_end(month)
    histories = uow.attendance.group_histories(group.id, last, official=official)
    members = {
        pupil: days
        for pupil, history in histories.items()
        if (days := days_in_group(history, group.id, month, last))
    }
    return GroupMonth(group, month, uow.calendar.load(), members)


def members_of(
    histories: Mapping[int, list[PastEvent]], group_id: int, first: date, last: date
) -> dict[int, list[date]]:
    """Pupils of a group over a period with their days in it."""
    return {
        pupil: days
        for pupil, history in histories.items()
        if (days := days_in_group(history, group_id, first, last))
    }


def histories_by_group(
    histories: Mapping[int, list[PastEvent]],
) -> dict[int, dict[int, list[PastEvent]]]:
    """The histories of the pupils ever placed in each group, by group."""
    grouped: dict[int, dict[int, list[PastEvent]]] = {}
    for pupil, history in histories.items():
        for group_id in {e.group_id for e in history if e.group_id is not None}:
            grouped.setdefault(group_id, {})[pupil] = history
    return grouped


def _group(uow: SqlUnitOfWork, sheet: AttendanceSheet) -> GroupRecord:
    groups = uow.groups.groups(sheet.group_id) if sheet.group_id else uow.groups.groups()
    for group in groups:
        if group.id == sheet.group_id or (sheet.group_id is None and group.name == sheet.group):
            return group
    raise DomainError(f"Группа «{sheet.group}» не найдена")


def _check_rights(uow: SqlUnitOfWork, login: str, role: Role, group: GroupRecord) -> None:
    if role is Role.TEACHER and group.name not in uow.staff.led_groups(login):
        raise DomainError(
            f"Воспитатель «{login}» не ведёт группу «{group.name}»; лист посещаемости этой "
            "группы подают её воспитатели"
        )


def _locator(sheet: AttendanceSheet, row: SheetRow, outcome: Outcome) -> _Report:
    def report(
        message: str,
        cell: str | None = None,
        column: str = "Воспитанник",
        value: object = None,
    ) -> None:
        outcome.problems.append(
            Problem(
                message,
                sheet=sheet.sheet,
                cell=cell or f"{sheet.name_column}{row.row}",
                column=column,
                value=row.full_name if cell is None else value,
                row=row.row,
            )
        )

    return report


def _pupil_of(row: SheetRow, names: Mapping[int, tuple[PersonName, date]]) -> int | None:
    """The pupil a row is about: the one the blank put there while the row still names that
    child, else the only one of the sheet's and the group's pupils it names (a row deleted or
    moved in the blank shifts the rows below). A row the blank gave no known pupil is none."""
    if row.pupil_id is None or row.pupil_id not in names:
        return None

    def named(pupil: int) -> bool:
        name, birth_date = names[pupil]
        same_day = row.birth_date is None or row.birth_date == birth_date
        return same_day and fold(name.full) == fold(row.full_name)

    if named(row.pupil_id):
        return row.pupil_id
    matches = [pupil for pupil in names if named(pupil)]
    return matches[0] if len(matches) == 1 else None


def apply_attendance(
    sheet: AttendanceSheet,
    uow: SqlUnitOfWork,
    submission_id: int,
    login: str,
    role: Role,
    today: date,
) -> Outcome:
    """Check a group-month sheet cell by cell and store it as the group-month's new version."""
    # The sheet's own problems are already in the receipt; these are the store's objections.
    outcome = Outcome()
    group = _group(uow, sheet)
    _check_rights(uow, login, role, group)
    check_open_year(sheet.month, uow.movement.closed_years())
    state = group_month(uow, group, sheet.month)
    names = uow.pupils.names({r.pupil_id for r in sheet.rows if r.pupil_id} | set(state.members))
    marks: list[tuple[int, date, Mark, int]] = []
    seen: set[int] = set()
    for row in sheet.rows:
        problem = _locator(sheet, row, outcome)
        pupil = _pupil_of(row, names)
        if pupil is None:
            blank = names.get(row.pupil_id or 0)
            if blank is not None:
                problem(
                    f"В строке «{row.full_name}», а бланк составлен на этом месте для "
                    f"{blank[0].full}: строки бланка не переставляют и не удаляют; "
                    "возьмите свежий бланк"
                )
            else:
                problem(f"Воспитанник «{row.full_name}» не найден в списке воспитанников")
            continue
        if pupil not in state.members:
            problem(f"{row.full_name} не числится в группе «{group.name}» в {sheet.month:%m.%Y}")
            continue
        seen.add(pupil)
        in_group = set(state.members[pupil])
        for cell in row.marks:
            column = f"{cell.day:%d}"
            closed = state.calendar.why_closed(cell.day)
            if closed is not None:
                problem(
                    f"{cell.day:%d.%m.%Y} учреждение не работает ({closed}); отметка не ставится",
                    cell.cell,
                    column,
                    cell.raw,
                )
            elif cell.day not in in_group:
                problem(
                    f"{cell.day:%d.%m.%Y} {row.full_name} не числится в группе «{group.name}»",
                    cell.cell,
                    column,
                    cell.raw,
                )
            elif cell.day > today:
                problem(f"День {cell.day:%d.%m.%Y} ещё не наступил", cell.cell, column, cell.raw)
            else:
                marks.append((pupil, cell.day, cell.mark, row.row))
    for pupil, member_days in state.members.items():
        if pupil not in seen:
            name, _ = names.get(pupil, (None, None))
            who = name.full if name else f"№ {pupil}"
            outcome.problems.append(
                Problem(
                    f"В листе нет воспитанника {who}, который числится в группе «{group.name}» "
                    f"с {member_days[0]:%d.%m.%Y}; возьмите свежий бланк",
                    sheet=sheet.sheet,
                )
            )
    current = uow.attendance.current(group.id, sheet.month)
    previous = uow.attendance.marks(current.id) if current else {}
    new = {(p, d): m for p, d, m, _ in marks}
    if role is Role.NURSE:
        _nurse_may_only_change_illness(previous, new, sheet, marks, outcome)
    stated = sheet.marked_through
    if stated is not None and stated > today:
        outcome.problems.append(
            Problem(
                f"Отметки внесены по {stated:%d.%m.%Y}, а этот день ещё не наступил",
                sheet=sheet.sheet,
                cell=sheet.marked_through_cell,
                column="Отметки внесены по",
                value=stated,
            )
        )
    if outcome.failed:
        return outcome
    last_marked = max((day for _, day, _, _ in marks), default=None)
    covered = sheet_coverage(sheet.month, state.last, today, stated, last_marked)
    changes = _changes(previous, new, names) if current else None
    version = uow.attendance.add_version(
        group.id, sheet.month, login, changes, submission_id, marks, covered
    )
    outcome.created = len(marks)
    outcome.updated = 1 if current else 0
    replaced = f", заменила версию {version - 1}" if current else ""
    outcome.note = (
        f"Принята версия {version} листа группы «{group.name}»{replaced}; "
        f"отметок об отсутствии: {len(marks)}. {coverage_note(sheet.month, state.last, covered)}"
    )
    return outcome


def coverage_note(month: date, last: date, covered: date) -> str:
    """What a version covers, as its receipt says it."""
    if covered >= last:
        return "Лист охватывает весь месяц."
    if covered < month:
        return (
            "Лист предварительный: отметок за месяц ещё нет, табель не засчитывает ни одного "
            "дня. Сдайте лист снова, когда внесёте отметки."
        )
    return (
        f"Лист предварительный: отметки по {covered:%d.%m.%Y}; дни после этой даты не входят "
        "в табель и показатели. Сдайте лист снова после окончания месяца или укажите в ячейке "
        "«Отметки внесены по» последний отмеченный день."
    )


def _nurse_may_only_change_illness(
    previous: dict[tuple[int, date], Mark],
    new: dict[tuple[int, date], Mark],
    sheet: AttendanceSheet,
    marks: Sequence[tuple[int, date, Mark, int]],
    outcome: Outcome,
) -> None:
    rows = {(p, d): row for p, d, _, row in marks}
    for key in set(previous) | set(new):
        before, after = previous.get(key, Mark.PRESENT), new.get(key, Mark.PRESENT)
        if before is not after and Mark.ILLNESS not in (before, after):
            row = rows.get(key)
            column = sheet.day_columns.get(key[1], "")
            outcome.problems.append(
                Problem(
                    "Медицинская сестра исправляет только отметки о болезни (Б); "
                    f"отметку за {key[1]:%d.%m.%Y} меняет воспитатель",
                    sheet=sheet.sheet,
                    cell=f"{column}{row}" if row and column else None,
                    column=f"{key[1]:%d}",
                    value=after.value,
                    row=row,
                )
            )


def _changes(
    previous: dict[tuple[int, date], Mark],
    new: dict[tuple[int, date], Mark],
    names: Mapping[int, tuple[PersonName, date]],
) -> str:
    lines = []
    for key in sorted(set(previous) | set(new), key=lambda k: (k[0], k[1])):
        before, after = previous.get(key, Mark.PRESENT), new.get(key, Mark.PRESENT)
        if before is not after:
            who = names[key[0]][0].short if key[0] in names else str(key[0])
            lines.append(f"{who} {key[1]:%d.%m}: {before.value or 'был'} → {after.value or 'был'}")
    if not lines:
        return "без изменений"
    listed = "; ".join(lines[:_MAX_LISTED_CHANGES])
    more = len(lines) - _MAX_LISTED_CHANGES
    return f"{listed}; и ещё {more}" if more > 0 else listed
