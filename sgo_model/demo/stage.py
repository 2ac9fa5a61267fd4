"""The demo: a fictional kindergarten's filled forms dropped into the inbox as clerks would."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from docx import Document

from sgo_model.bootstrap import spec_of
from sgo_model.demo.conditions import conditions_form
from sgo_model.demo.data import DemoForm, DemoKindergarten, build_demo
from sgo_model.demo.movement import build_movement, scan_pdf
from sgo_model.domain.age import AgeCategory
from sgo_model.domain.movement import SIGNED, MovementKind
from sgo_model.domain.roles import FormKind, Role
from sgo_model.forms.blanks import write_blank
from sgo_model.movement.forms.application import write_application_blank
from sgo_model.movement.publish import MOVEMENT_ORDER_KINDS
from sgo_model.office.site import Site
from sgo_model.store.uow import SqlUnitOfWork


@dataclass(frozen=True)
class StagedDemo:
    """The demo kindergarten and the files put into the inbox for it."""

    kindergarten: DemoKindergarten
    files: list[Path]


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


def stage_demo(site: Site, seed: int = 2026) -> StagedDemo:
    """Fill the blanks with the demo kindergarten's data and drop them into users' inboxes:
    the set-up forms, an autumn of movement, one parent's application, one form with mistakes."""
    kindergarten = build_demo(seed)
    site.ensure()
    forms = [*kindergarten.forms, conditions_form(kindergarten), build_movement(kindergarten, seed)]
    files = [
        _drop(site, form, age_seconds=90 + len(forms) - index) for index, form in enumerate(forms)
    ]
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
    files.append(_drop(site, kindergarten.broken, age_seconds=30))
    return StagedDemo(kindergarten, files)


def stage_signatures(site: Site, uow: SqlUnitOfWork, unsigned: int = 2) -> list[Path]:
    """The head's scans of every drafted order but the last ``unsigned`` orders on pupils
    (the orders approving the curriculum and the schedule are all signed)."""
    with uow:
        orders = uow.orders.all()
        heads = [u.login for u in uow.staff.users() if u.role is Role.HEAD]
    if not heads:
        return []
    folder = site.user_inbox(heads[0])
    folder.mkdir(parents=True, exist_ok=True)
    on_pupils = [o for o in orders if o.kind in MOVEMENT_ORDER_KINDS]
    waiting = set(on_pupils[len(on_pupils) - unsigned :] if unsigned else [])
    files = []
    for order in orders:
        if order.status == SIGNED or order in waiting:
            continue
        path = folder / f"Приказ {order.number} от {order.order_date:%d.%m.%Y}.pdf"
        path.write_bytes(scan_pdf(f"Order {order.number} of {order.order_date:%d.%m.%Y}"))
        files.append(_settled(path, 10))
    return files
