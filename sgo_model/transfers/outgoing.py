"""Transfer bags out: once the order withdrawing a child «в связи с переводом в другую
организацию» is signed, the child's bag is written to ``outbox/transfers/`` for the
receiving kindergarten named in «Куда выбыл»."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from sgo_model.attendance.publish import TimesheetHeading, current_sheets, sheet_data
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.movement_reasons import OrderKind, WithdrawalReason
from sgo_model.domain.people import Pupil, Sex
from sgo_model.families.child_diagnostics import ChildDiagnostics, children_diagnostics
from sgo_model.families.documents.extract import EXTRACT_TEMPLATE, ExtractText
from sgo_model.families.documents.notice_document import NoticeRenderer
from sgo_model.families.extracts import extract_key, extract_text
from sgo_model.families.horizon import recent
from sgo_model.intake.publishing import DocumentJob
from sgo_model.movement.publish import groups_during
from sgo_model.office.files import file_sha256, fingerprint
from sgo_model.office.names import inside, safe_name
from sgo_model.office.russian import month_year
from sgo_model.office.site import Site
from sgo_model.office.typography import typeset
from sgo_model.store.groups import GroupRecord
from sgo_model.store.institution import InstitutionRecord
from sgo_model.store.movement import OrderLine
from sgo_model.store.orders import OrderRecord
from sgo_model.store.uow import SqlUnitOfWork
from sgo_model.transfers.package import FORMAT, TransferBag, write_transfer_bag

TRANSFER_BAG = "transfer_bag"
"""The registry kind of outgoing transfer bags; the key is the extract's («year/number/pupil»)."""


@dataclass(frozen=True)
class MonthAttendance:
    """A child's month as the month's timesheet counts it."""

    month: date
    working: int
    attended: int
    missed: int
    excused: int


def attendance_of(
    uow: SqlUnitOfWork, pupil_id: int, year: AcademicYear, today: date
) -> list[MonthAttendance]:
    """The child's months of ``year`` from the timesheets' rows, oldest first."""
    heading = TimesheetHeading.load(uow, today)
    sheets = [
        s
        for s in current_sheets(uow, heading.settings)
        if pupil_id in s.members and year.first_day <= s.version.month <= year.last_day
    ]
    groups = {g.id: g for g in uow.groups.groups()}
    calendar = uow.calendar.load()
    months = []
    for sheet in sorted(sheets, key=lambda s: s.version.month):
        _, data = sheet_data(uow, sheet, groups[sheet.version.group_id], calendar, heading)
        for child in data.children:
            if child.pupil_id == pupil_id:
                working = sum(1 for c in child.cells if c not in ("—", "В"))
                months.append(
                    MonthAttendance(
                        sheet.version.month,
                        working,
                        child.attended,
                        child.missed,
                        child.missed_excused,
                    )
                )
    return months


def _payload(
    pupil: Pupil,
    institution: InstitutionRecord,
    inn: str,
    address: str,
    order: OrderRecord,
    line: OrderLine,
    group: GroupRecord | None,
    months: list[MonthAttendance],
    diagnostics: ChildDiagnostics | None,
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "child": {
            "last_name": pupil.name.last,
            "first_name": pupil.name.first,
            "patronymic": pupil.name.patronymic,
            "sex": pupil.sex.value,
            "birth_date": pupil.birth_date.isoformat(),
            "address": pupil.address,
            "condition": pupil.condition.value if pupil.condition else None,
        },
        "guardians": [
            {
                "full_name": g.full_name,
                "phone": g.phone,
                "email": g.email,
                "notice_consent": g.notice_consent,
            }
            for g in pupil.guardians
        ],
        "sender": {"institution": institution.name, "inn": inn or None, "address": address},
        "destination": line.destination,
        "withdrawal": {
            "date": line.effective_on.isoformat(),
            "order": order.number,
            "order_date": order.order_date.isoformat(),
            "group": group.name if group else None,
            "category": group.category.label if group else None,
        },
        "attendance": [
            {
                "month": f"{m.month:%Y-%m}",
                "working_days": m.working,
                "attended": m.attended,
                "missed": m.missed,
                "missed_excused": m.excused,
            }
            for m in months
        ],
        "diagnostics": None
        if diagnostics is None
        else {
            "year": diagnostics.year.label,
            "period": diagnostics.period.value,
            "assessed_on": diagnostics.assessed_on.isoformat(),
            "areas": [
                {"area": r.area.value, "score": str(r.score), "level": r.level.value}
                for r in diagnostics.results
            ],
        },
    }


def readable(payload: dict[str, Any], pupil: Pupil, diagnostics: ChildDiagnostics | None) -> str:
    """The bag's facts as a person reads them."""
    withdrawal = payload["withdrawal"]
    withdrawn = "Отчислена" if pupil.sex is Sex.FEMALE else "Отчислен"
    lines = [
        "СВЕДЕНИЯ О ПЕРЕВОДЕ ВОСПИТАННИКА",
        "",
        f"Ребёнок: {pupil.name.full}, дата рождения {pupil.birth_date:%d.%m.%Y}",
        f"Адрес: {pupil.address or '—'}",
        f"Из организации: {payload['sender']['institution']}",
        f"В организацию: {payload['destination']}",
        f"{withdrawn} с {date.fromisoformat(withdrawal['date']):%d.%m.%Y}, приказ № "
        f"{withdrawal['order']} от {date.fromisoformat(withdrawal['order_date']):%d.%m.%Y}"
        + (
            f"; группа «{withdrawal['group']}» ({withdrawal['category']})"
            if withdrawal["group"]
            else ""
        ),
        "",
        "Родители (законные представители):",
        *(
            "— " + ", ".join(p for p in (g.full_name, g.phone, g.email) if p)
            for g in pupil.guardians
        ),
        "",
        "Посещаемость за учебный год (по табелям):",
        *(
            f"— {month_year(date.fromisoformat(m['month'] + '-01'))}: рабочих дней "
            f"{m['working_days']}, посещено {m['attended']}, пропущено {m['missed']} "
            f"(по уважительной причине {m['missed_excused']})"
            for m in payload["attendance"]
        ),
    ]
    if diagnostics is not None:
        lines += [
            "",
            f"Педагогическая диагностика, {diagnostics.period.label} "
            f"{diagnostics.year.label} ({diagnostics.assessed_on:%d.%m.%Y}):",
            *(
                f"— {r.area.label}: средний балл {str(r.score).replace('.', ',')}, {r.level.label}"
                for r in diagnostics.results
            ),
        ]
    return "\n".join(typeset(line) for line in lines) + "\n"


def _render(renderer: NoticeRenderer, text: ExtractText, bag: TransferBag, out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="sgo-extract-") as tmp:
        extract = Path(tmp) / "extract.docx"
        renderer.render(text, extract)
        name = f"Выписка из приказа № {text.number} от {text.date:%d.%m.%Y}.docx"
        documents = {safe_name(name): extract.read_bytes()}
    write_transfer_bag(TransferBag(bag.payload, documents, bag.readable), out, datetime.now(UTC))


def plan_transfer_bags(
    site: Site,
    uow_factory: Callable[..., SqlUnitOfWork],
    templates: Path,
    today: date,
) -> list[DocumentJob]:
    """A bag for every child withdrawn to another kindergarten by a signed order, once."""
    template = templates / EXTRACT_TEMPLATE
    jobs = []
    with uow_factory(read_only=True) as uow:
        existing = {d.key for d in uow.documents.list(TRANSFER_BAG) if Path(d.path).exists()}
        orders = [
            o
            for o in uow.orders.all((OrderKind.WITHDRAW.code,))
            if o.signed and recent(o.order_date, today)
        ]
        if not orders:
            return []
        institution = uow.institution.get() or InstitutionRecord("", None, None)
        settings = uow.settings.load()
        groups = {g.id: g for g in uow.groups.groups()}
        renderer: NoticeRenderer | None = None
        for order in orders:
            lines = uow.movement.order_lines(order.id)
            for line in lines:
                key = extract_key(order, line.pupil_id)
                if line.reason != WithdrawalReason.TRANSFER_TO_ANOTHER.value or key in existing:
                    continue
                year = AcademicYear.containing(line.effective_on)
                then = groups_during(uow, year.label, groups)
                pupil = uow.pupils.get(line.pupil_id)
                months = attendance_of(uow, line.pupil_id, year, today)
                diagnostics = children_diagnostics(uow, year, {line.pupil_id}).get(line.pupil_id)
                group = then.get(line.from_group_id) if line.from_group_id else None
                payload = _payload(
                    pupil, institution, settings.inn, settings.address, order, line, group,
                    months, diagnostics,
                )  # fmt: skip
                text = extract_text(order, lines, line, then, institution, uow, today)
                bag = TransferBag(payload, {}, readable(payload, pupil, diagnostics))
                renderer = renderer or NoticeRenderer(template, ExtractText)
                where = line.destination or "другую организацию"
                jobs.append(
                    DocumentJob(
                        TRANSFER_BAG,
                        key,
                        f"Пакет перевода: {pupil.name.full} → {where}",
                        inside(
                            site.outbox,
                            "transfers",
                            safe_name(f"Перевод {pupil.name.full} {pupil.birth_date:%d.%m.%Y}.zip"),
                        ),
                        EXTRACT_TEMPLATE,
                        file_sha256(template),
                        fingerprint(payload),
                        partial(_render, renderer, text, bag),
                    )
                )
    return jobs
