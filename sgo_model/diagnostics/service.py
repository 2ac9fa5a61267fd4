"""Pedagogical diagnostics: the indicators in force, who may score which areas, and a group's
sheet checked cell by cell and stored as a new version of its period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sgo_model.diagnostics.forms.model import (
    GROUP_CELL,
    ChildRow,
    DiagnosticsSheet,
    SheetArea,
)
from sgo_model.domain.age import AgeCategory
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.commands import SetDiagnosticIndicator
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.diagnostics import DEFAULT_INDICATORS, Scale, gendered, post_area
from sgo_model.domain.errors import DomainError
from sgo_model.domain.movement import PastEvent, check_open_year, group_on, in_group_between
from sgo_model.domain.people import PersonName
from sgo_model.domain.problems import Problem, Severity
from sgo_model.domain.roles import Role
from sgo_model.domain.text import fold, plural
from sgo_model.forms.reader import ParsedForm
from sgo_model.intake.outcome import Outcome
from sgo_model.store.diagnostics import IndicatorRecord, NewDiagnostics, StoredScore, StoredSkip
from sgo_model.store.groups import GroupRecord
from sgo_model.store.uow import SqlUnitOfWork


def indicators_for(
    records: Sequence[IndicatorRecord], category: AgeCategory
) -> tuple[SheetArea, ...]:
    """The five areas with their indicators for an age category: the institution's own list
    where it has one for the area, the defaults otherwise."""
    own: dict[str, list[str]] = {}
    for record in records:
        if record.category == category.value:
            own.setdefault(record.area, []).append(record.name)
    return tuple(
        SheetArea(area, tuple(own.get(area.value) or DEFAULT_INDICATORS[area]))
        for area in EducationalArea
    )


def apply_indicators(
    form: ParsedForm, uow: SqlUnitOfWork, submission_id: int, today: date
) -> Outcome:
    """Replace the list «Показатели диагностики»; an indicator given twice for the same area
    and category is an error at its cell."""
    outcome = Outcome()
    seen: set[tuple[str, str, str]] = set()
    records = []
    for command in form.commands:
        if not isinstance(command, SetDiagnosticIndicator):
            continue
        key = (command.category.value, command.area.value, fold(command.name))
        if key in seen:
            message = (
                f"Показатель «{command.name}» уже указан для области «{command.area.label}» "
                f"({command.category.label})"
            )
            outcome.problems.append(Problem.at(command.origin, "name", message))
            continue
        seen.add(key)
        records.append(
            IndicatorRecord(
                command.category.value, command.area.value, command.name, command.origin.row
            )
        )
    if not outcome.failed:
        uow.diagnostics.replace_indicators(records, submission_id)
        outcome.created = len(records)
        listed = plural(len(records), "показатель", "показателя", "показателей")
        outcome.note = (
            f"Показатели диагностики заменены: {listed}. Новые бланки: sgo forms diagnostics."
        )
    return outcome


def specialist_areas(uow: SqlUnitOfWork, employee_id: int | None) -> set[EducationalArea]:
    """The areas a specialist assesses: their post's area and the areas of the kinds of NOD
    they lead."""
    if employee_id is None:
        return set()
    areas = {
        EducationalArea(kind.area)
        for _, kind in uow.groups.nod_kinds()
        if kind.employee_id == employee_id
    }
    post = next((e.post for e in uow.staff.employees() if e.id == employee_id), "")
    area = post_area(post)
    if area is not None:
        areas.add(area)
    return areas


def _group(uow: SqlUnitOfWork, sheet: DiagnosticsSheet) -> GroupRecord:
    for group in uow.groups.groups():
        if group.id == sheet.group_id or (sheet.group_id is None and group.name == sheet.group):
            return group
    raise DomainError(f"Группа «{sheet.group}» не найдена")


class _Check:
    """The store's objections to a sheet, each located to its cell."""

    def __init__(self, sheet: DiagnosticsSheet) -> None:
        self.sheet = sheet
        self.outcome = Outcome()

    def at(
        self, message: str, cell: str | None, column: str | None, value: object, row: int | None
    ) -> None:
        self.outcome.problems.append(
            Problem(message, sheet=self.sheet.sheet, cell=cell, column=column, value=value, row=row)
        )

    def child(self, row: ChildRow, message: str) -> None:
        cell = f"{self.sheet.name_column}{row.row}"
        self.at(message, cell, "Воспитанник", row.full_name, row.row)


def apply_diagnostics(
    sheet: DiagnosticsSheet,
    uow: SqlUnitOfWork,
    submission_id: int,
    login: str,
    role: Role,
    today: date,
) -> Outcome:
    """Check a group's diagnostics cell by cell and store it as the period's new version."""
    check = _Check(sheet)
    group = _group(uow, sheet)
    year = AcademicYear.parse(sheet.year)
    period = sheet.period
    settings = uow.settings.load()
    scale = settings.diagnostics_thresholds.scale
    assessed_on = sheet.assessed_on or min(today, year.last_day)
    check_open_year(assessed_on, uow.movement.closed_years())
    opens = period.opens(year.start_year)
    if not opens <= assessed_on <= year.last_day or assessed_on > today:
        check.at(
            f"{period.title} {year.label} учебного года проводится с {opens:%d.%m.%Y} "
            f"по {year.last_day:%d.%m.%Y} и не позже сегодняшнего дня; дата проведения "
            f"{assessed_on:%d.%m.%Y}",
            GROUP_CELL,
            None,
            sheet.group,
            3,
        )
        return check.outcome
    allowed = _allowed_areas(uow, check, group, login, role)
    if allowed is None:
        return check.outcome
    _check_scores(check, scale, allowed)
    # An indicator scored for one child is scored for every child assessed: the version
    # covers it (a specialist may cover one indicator of an area, the teachers the others).
    covered = list(
        dict.fromkeys(
            (s.area, s.indicator) for row in sheet.rows for s in row.scores if s.area in allowed
        )
    )
    keys = {(area, fold(indicator)) for area, indicator in covered}
    areas = list(dict.fromkeys(area for area, _ in covered))
    histories = uow.attendance.group_histories(group.id, assessed_on)
    names = uow.pupils.names({r.pupil_id for r in sheet.rows if r.pupil_id} | set(histories))
    scores: list[StoredScore] = []
    skips: list[StoredSkip] = []
    seen: set[int] = set()
    scored = 0
    for row in sheet.rows:
        pupil = _pupil_of(check, row, names, histories, group, opens, assessed_on)
        if pupil is None:
            continue
        if pupil in seen:
            check.child(row, f"{row.full_name} уже есть в листе выше; оставьте одну строку")
            continue
        seen.add(pupil)
        own = [s for s in row.scores if s.area in allowed and scale.low <= s.score <= scale.high]
        if row.reason:
            if own:
                check.at(
                    f"Указана причина «{row.reason}», но выставлены оценки: оставьте одно из двух",
                    row.reason_cell,
                    "Не оценён: причина",
                    row.reason,
                    row.row,
                )
            else:
                skips.append(StoredSkip(pupil, row.reason, row.row))
            continue
        left = group_on(histories.get(pupil, []), assessed_on) != group.id
        if not own and left:
            left_text = gendered(names[pupil][0], "выбыл", "выбыла")
            skips.append(
                StoredSkip(pupil, f"{left_text} из группы до {assessed_on:%d.%m.%Y}", row.row)
            )
            continue
        missing = [b for b in row.blanks if (b.area, fold(b.indicator)) in keys]
        if missing and not own:
            not_assessed = gendered(names[pupil][0], "не оценён", "не оценена")
            check.at(
                f"{row.full_name} {not_assessed}: поставьте оценки или укажите причину, по которой "
                "ребёнок не оценивался, в столбце «Не оценён: причина»",
                missing[0].cell,
                missing[0].indicator,
                None,
                row.row,
            )
            continue
        for area in areas:
            first = next((b for b in missing if b.area is area), None)
            if first is not None:
                check.at(
                    f"Не выставлена оценка по показателю «{first.indicator}» ({area.label}), "
                    "который оценён у других детей: поставьте её или укажите причину, по "
                    "которой ребёнок не оценивался",
                    first.cell,
                    first.indicator,
                    None,
                    row.row,
                )
        if own:
            scored += 1
        scores += [
            StoredScore(pupil, s.area.value, s.position, s.indicator, s.score, row.row) for s in own
        ]
    _warn_unlisted(check, histories, names, seen, group, assessed_on)
    if not areas and not skips and not check.outcome.failed:
        check.at("В листе нет ни одной оценки", GROUP_CELL, None, sheet.group, 3)
    if check.outcome.failed:
        return check.outcome
    number = uow.diagnostics.add_version(
        NewDiagnostics(
            group.id,
            year.label,
            period.value,
            tuple((area.value, indicator) for area, indicator in covered),
            login,
            assessed_on,
            scores,
            skips,
            submission_id,
        )
    )
    outcome = check.outcome
    outcome.created = scored
    in_areas = plural(len(areas), "области", "областях", "областях")
    indicators = plural(len(covered), "показателю", "показателям", "показателям")
    skipped = f", не оценены {len(skips)} (причины записаны)" if skips else ""
    outcome.note = (
        f"{period.title} группы «{group.name}» за {year.label} учебный год принята "
        f"(версия {number}): оценено {plural(scored, 'ребёнок', 'ребёнка', 'детей')} по "
        f"{indicators} в {in_areas}{skipped}."
    )
    return outcome


def _allowed_areas(
    uow: SqlUnitOfWork, check: _Check, group: GroupRecord, login: str, role: Role
) -> set[EducationalArea] | None:
    """The areas the submitter may score in this group (``None``: refused at the group)."""
    if role is Role.TEACHER and group.name not in uow.staff.led_groups(login):
        check.at(
            f"Воспитатель «{login}» не ведёт группу «{group.name}»; диагностику группы подают "
            "её воспитатели, специалисты (по своей области) и старший воспитатель",
            GROUP_CELL,
            None,
            group.name,
            3,
        )
        return None
    if role is not Role.SPECIALIST:
        return set(EducationalArea)
    user = uow.staff.user(login)
    areas = specialist_areas(uow, user.employee_id if user else None)
    if not areas:
        check.at(
            f"Для специалиста «{login}» не определена образовательная область: её задают "
            "должность (музыкальный руководитель, инструктор по физической культуре, "
            "учитель-логопед, педагог-психолог) или виды НОД, которые он ведёт",
            GROUP_CELL,
            None,
            group.name,
            3,
        )
        return None
    return areas


def _check_scores(check: _Check, scale: Scale, allowed: set[EducationalArea]) -> None:
    """Every score on the scale, and in an area the submitter may score."""
    sheet = check.sheet
    outside: set[tuple[int, EducationalArea]] = set()
    for row in sheet.rows:
        for s in row.scores:
            if s.area not in allowed:
                if (row.row, s.area) not in outside:
                    outside.add((row.row, s.area))
                    own = ", ".join(f"«{a.label}»" for a in EducationalArea if a in allowed)
                    check.at(
                        f"Специалист оценивает только {own}; оценки по области "
                        f"«{s.area.label}» ставит воспитатель группы",
                        s.cell,
                        s.indicator,
                        s.raw,
                        row.row,
                    )
            elif not scale.low <= s.score <= scale.high:
                check.at(
                    f"Оценка {s.score} вне шкалы {scale.low}–{scale.high}",
                    s.cell,
                    s.indicator,
                    s.raw,
                    row.row,
                )


def _pupil_of(
    check: _Check,
    row: ChildRow,
    names: dict[int, tuple[PersonName, date]],
    histories: dict[int, list[PastEvent]],
    group: GroupRecord,
    opens: date,
    assessed_on: date,
) -> int | None:
    """The row's child, if it is the blank's and was in the group during the period."""
    pupil = row.pupil_id
    if pupil is not None and pupil in names:
        if fold(names[pupil][0].full) != fold(row.full_name):
            check.child(
                row,
                f"В строке «{row.full_name}», а бланк составлен на этом месте для "
                f"{names[pupil][0].full}: строки бланка не переставляют; возьмите свежий бланк",
            )
            return None
    else:
        found = [p for p in histories if fold(names[p][0].full) == fold(row.full_name)]
        if len(found) != 1:
            check.child(
                row, f"Воспитанник «{row.full_name}» не найден среди детей группы «{group.name}»"
            )
            return None
        pupil = found[0]
    if not in_group_between(histories.get(pupil, []), group.id, opens, assessed_on):
        check.child(
            row,
            f"{row.full_name} не числится в группе «{group.name}» с {opens:%d.%m.%Y} по "
            f"{assessed_on:%d.%m.%Y}",
        )
        return None
    return pupil


def _warn_unlisted(
    check: _Check,
    histories: dict[int, list[PastEvent]],
    names: dict[int, tuple[PersonName, date]],
    seen: set[int],
    group: GroupRecord,
    assessed_on: date,
) -> None:
    """Children of the group on the day who are not on the sheet (joined after the blank)."""
    absent = sorted(
        names[p][0].full
        for p, history in histories.items()
        if p not in seen and group_on(history, assessed_on) == group.id
    )
    if absent:
        check.outcome.problems.append(
            Problem(
                f"В листе нет детей группы: {', '.join(absent)}. Их диагностику можно подать "
                "отдельным листом (sgo forms diagnostics)",
                sheet=check.sheet.sheet,
                severity=Severity.WARNING,
            )
        )
