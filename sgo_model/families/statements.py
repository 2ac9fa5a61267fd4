"""Monthly attendance statements, one per child of each group-month whose timesheet is final.

Every figure is the child's row of the timesheet 0504608 (the same computation): days
attended, missed and why, and the days charged under the institution's fee rule.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path

from sgo_model.attendance.documents.timesheet_data import DAY_OFF, NOT_IN_GROUP, TimesheetChild
from sgo_model.attendance.publish import TimesheetHeading, current_sheets, sheet_data
from sgo_model.attendance.service import GroupMonth
from sgo_model.domain.attendance import Mark
from sgo_model.domain.months import month_end
from sgo_model.domain.people import Sex
from sgo_model.families.documents.notice_document import NoticeRenderer
from sgo_model.families.documents.statement import (
    STATEMENT_TEMPLATE,
    StatementRow,
    StatementText,
)
from sgo_model.families.folders import pupil_folder
from sgo_model.families.horizon import recent
from sgo_model.intake.publishing import DocumentJob
from sgo_model.office.files import code_sha256, file_sha256, fingerprint
from sgo_model.office.names import inside, safe_name
from sgo_model.office.russian import month_year
from sgo_model.office.site import Site
from sgo_model.office.typography import typeset
from sgo_model.store.uow import SqlUnitOfWork

STATEMENT = "notice_attendance"
"""The registry kind of statements; the key is «group id/YYYY-MM/pupil id»."""


@dataclass(frozen=True)
class PlannedStatement:
    """A statement to render, and whose it is."""

    pupil_id: int
    key: str
    month: date
    text: StatementText
    folder: str
    file_name: str


def money(amount: Decimal) -> str:
    """«3 000,00 руб.», with non-breaking spaces."""
    text = f"{amount:,.2f}".replace(",", "\u00a0").replace(".", ",")
    return f"{text}\u00a0руб."


def statement_rows(child: TimesheetChild) -> list[StatementRow]:
    """The figures of a child's statement, from the child's timesheet row."""
    in_group = sum(1 for cell in child.cells if cell not in (NOT_IN_GROUP, DAY_OFF))
    reasons = ", ".join(f"{Mark(code).label} — {days}" for code, days in child.by_reason)
    rows = [
        StatementRow("Рабочих дней, когда ребёнок числился в группе", str(in_group)),
        StatementRow("Посещено дней", str(child.attended)),
        StatementRow("Пропущено дней" + (f" ({reasons})" if reasons else ""), str(child.missed)),
        StatementRow("из них по уважительной причине (не оплачиваются)", str(child.missed_excused)),
        StatementRow("из них без уважительной причины", str(child.missed - child.missed_excused)),
        StatementRow("Дней к оплате", str(child.payable)),
    ]
    if child.rate:
        rate = Decimal(child.rate.replace(",", "."))
        rows.append(StatementRow("Плата за день", money(rate)))
        rows.append(StatementRow("Начислено за месяц", money(rate * child.payable)))
    if child.account:
        rows.append(StatementRow("Лицевой счёт", child.account))
    return rows


def _about(state: GroupMonth, sex: str, birth_date: date) -> str:
    group = state.group
    who = "Воспитанница" if sex == Sex.FEMALE.value else "Воспитанник"
    return (
        f"{who} группы «{group.name}» ({group.category.label}, {group.orientation.phrase}), "
        f"дата рождения {birth_date:%d.%m.%Y}."
    )


def plan_statements(
    site: Site,
    uow_factory: Callable[..., SqlUnitOfWork],
    templates: Path,
    today: date,
) -> list[tuple[PlannedStatement, DocumentJob]]:
    """The statements of every group-month whose sheet covers the whole month (its timesheet
    is final) and whose statements do not match it yet.

    A group-month's statements carry the fingerprint of what its timesheet prints: a
    correction (a new version of the marks, a signed order changing who was in the group)
    redraws them, and a statement already received goes out again as a revision.
    """
    template = templates / STATEMENT_TEMPLATE
    template_sha = file_sha256(template)
    layout = code_sha256(sys.modules[__name__])
    with uow_factory(read_only=True) as uow:
        heading = TimesheetHeading.load(uow, today)
        issued: dict[str, set[str]] = {}
        for d in uow.documents.list(STATEMENT):
            fresh = d.template_sha256 == template_sha and Path(d.path).exists()
            issued.setdefault(d.key.rsplit("/", 1)[0], set()).add(d.context_sha256 if fresh else "")
        stamps: dict[str, str] = {}
        todo = []
        for sheet in current_sheets(uow, heading.settings):
            stamps[sheet.key] = fingerprint([sheet.stamp, layout])
            month = sheet.version.month
            if not (sheet.version.complete and recent(month_end(month), today)):
                continue
            if issued.get(sheet.key) != {stamps[sheet.key]}:
                todo.append(sheet)
        if not todo:
            return []
        groups = {g.id: g for g in uow.groups.groups()}
        calendar = uow.calendar.load()
        sheets = [sheet_data(uow, s, groups[s.version.group_id], calendar, heading) for s in todo]
        ids = {c.pupil_id for _, d in sheets for c in d.children if c.pupil_id is not None}
        people = uow.pupils.people(ids)
        names = uow.pupils.names(ids)
        settings = heading.settings
    planned = []
    for state, data in sheets:
        key = f"{state.group.id}/{state.month:%Y-%m}"
        basis = (
            "Сведения — по табелю учёта посещаемости детей (ф. 0504608) за "
            + month_year(state.month)
            + (f" №\u00a0{data.number}" if data.number else "")
            + f"; {data.fee_rule}."
        )
        for child in data.children:
            if child.pupil_id is None:
                continue
            name, born = names[child.pupil_id]
            text = StatementText(
                institution=typeset(data.institution),
                address=typeset(settings.address),
                issued_on=today,
                month=month_year(state.month),
                pupil=name.full,
                about=typeset(_about(state, people[child.pupil_id][1], born)),
                rows=statement_rows(child),
                basis=typeset(basis),
                head_post=typeset(data.head_post or settings.head_post),
                head_name=typeset(data.head),
            )
            planned.append(
                PlannedStatement(
                    child.pupil_id,
                    f"{key}/{child.pupil_id}",
                    state.month,
                    text,
                    pupil_folder(name, born),
                    safe_name(f"Справка о посещении {state.month:%Y-%m} {state.group.name}.docx"),
                )
            )
    renderer = NoticeRenderer(template, StatementText)
    return [
        (
            statement,
            DocumentJob(
                STATEMENT,
                statement.key,
                f"Справка о посещении за {statement.text.month}: {statement.text.pupil}",
                inside(site.outbox, "families", statement.folder, statement.file_name),
                STATEMENT_TEMPLATE,
                template_sha,
                stamps[statement.key.rsplit("/", 1)[0]],
                partial(renderer.render, statement.text),
            ),
        )
        for statement in planned
    ]
