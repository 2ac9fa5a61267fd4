"""The demo: a fictional kindergarten's filled forms dropped into the inbox as clerks would."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from docx import Document

from sgo_model.bootstrap import spec_of
from sgo_model.demo.conditions import conditions_form
from sgo_model.demo.data import DemoForm, DemoKindergarten
from sgo_model.demo.movement import build_movement, scan_pdf
from sgo_model.domain.age import AgeCategory
from sgo_model.domain.movement import SIGNED, MovementKind
from sgo_model.domain.roles import FormKind, Role
from sgo_model.forms.blanks import write_blank
from sgo_model.movement.forms.application import write_application_blank
from sgo_model.movement.publish import MOVEMENT_ORDER_KINDS
from sgo_model.office.site import Site
from sgo_model.store.uow import SqlUnitOfWork


def _settled(path: Path, age_seconds: float) -> Path:
    # Dropped "a while ago": the files count as settled, and keep their set-up order.
    stamp = time.time() - age_seconds
    os.utime(path, (stamp, stamp))
    return path


def _drop(site: Site, form: DemoForm, age_seconds: float) -> Path:
    path = write_blank(
        spec_of(FormKind(form.kind)), site.user_inbox(form.login) / form.file_name, rows=form.rows
    )
    return _settled(path, age_seconds)


def _application(site: Site, login: str, values: dict[str, str]) -> Path:
    """A parent's application in Word, filled in as a clerk would type it."""
    path = site.user_inbox(login) / "Заявление Соколовой о зачислении.docx"
    write_application_blank(path)
    document = Document(str(path))
    for row in document.tables[0].rows:
        label = row.cells[0].text
        if label in values:
            row.cells[1].text = values[label]
    document.save(str(path))
    return path


def stage_forms(site: Site, forms: Sequence[DemoForm], age_seconds: float = 90) -> list[Path]:
    """Drop filled forms into their users' inboxes, older first as listed (the intake takes
    forms of one kind in the order they came)."""
    return [_drop(site, form, age_seconds + len(forms) - index) for index, form in enumerate(forms)]


def stage_setup(site: Site, kindergarten: DemoKindergarten) -> list[Path]:
    """The set-up forms of a kindergarten's year, and the methodist's conditions of the
    schedule."""
    site.ensure()
    return stage_forms(site, [*kindergarten.forms, conditions_form(kindergarten)])


def stage_autumn(site: Site, kindergarten: DemoKindergarten, seed: int = 2026) -> list[Path]:
    """The year after the closing, as far as files go: the methodist's kinds of NOD and
    conditions of the schedule for the new ages, the enrolments of 1 September, an autumn of
    movement, one parent's application, one form with mistakes."""
    forms = [
        kindergarten.form(FormKind.NOD_KINDS.value),
        conditions_form(kindergarten),
        *kindergarten.movement,
        build_movement(kindergarten, seed),
    ]
    files = stage_forms(site, forms)
    clerk = kindergarten.form("pupils").login
    nursery = next(
        str(g["Группа"])
        for g in kindergarten.form("groups").rows
        if g["Возрастная категория"] == AgeCategory.JUNIOR2.label
    )
    application = _application(
        site,
        clerk,
        {
            "Вид": MovementKind.ENROL.label,
            "Фамилия": "Соколова",
            "Имя": "Василиса",
            "Отчество": "Андреевна",
            "Дата рождения": "14.04.2023",
            "Дата": "01.12.2026",
            "В группу": nursery,
            "Основание": "заявление родителя от 25.11.2026 № 77",
            "Обоснование": "направление Управления образования № 2290 (льготная категория)",
            "Откуда прибыл": "из семьи",
            "Адрес": "г. Энск, ул. Лесная, д. 3, кв. 14",
            "Родитель (законный представитель)": "Соколова Дарья Викторовна",
            "Телефон": "+7 912 555-12-40",
        },
    )
    files.append(_settled(application, 40))
    if kindergarten.broken is not None:
        files.append(_drop(site, kindergarten.broken, age_seconds=30))
    return files


def stage_signature(site: Site, head: str, number: str, order_date: date) -> Path:
    """The head's scan of one order in the head's inbox."""
    folder = site.user_inbox(head)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"Приказ {number} от {order_date:%d.%m.%Y}.pdf"
    path.write_bytes(scan_pdf(f"Order {number} of {order_date:%d.%m.%Y}"))
    return _settled(path, 10)


def stage_signatures(site: Site, uow: SqlUnitOfWork, unsigned: int = 2) -> list[Path]:
    """The head's scans of every drafted order but the last ``unsigned`` orders on pupils
    (the orders approving the curriculum and the schedule are all signed)."""
    with uow:
        orders = uow.orders.all()
        heads = [u.login for u in uow.staff.users() if u.role is Role.HEAD]
    if not heads:
        return []
    on_pupils = [o for o in orders if o.kind in MOVEMENT_ORDER_KINDS]
    waiting = set(on_pupils[len(on_pupils) - unsigned :] if unsigned else [])
    files = []
    for order in orders:
        if order.status == SIGNED or order in waiting:
            continue
        files.append(stage_signature(site, heads[0], order.number, order.order_date))
    return files
