"""The registry of documents (элементы электронного документооборота): every generated
document with its registration number where its kind has one, its status, its case of the
номенклатура дел and retention, its history, and the submissions and rows that caused it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select

from sgo_model.domain.errors import DomainError
from sgo_model.domain.records import STATUS_LABELS, Case, Nomenclature, parse_nomenclature
from sgo_model.domain.text import fold
from sgo_model.store.documents import DocumentRecord, HistoryEntry
from sgo_model.store.tables import (
    attendance_versions,
    movement_events,
    orders,
    pupils,
    submissions,
)
from sgo_model.store.uow import SqlUnitOfWork

NOMENCLATURE_FILE = "nomenclature.json"
_MOVEMENT_LABELS = {"enrol": "зачисление", "transfer": "перевод", "withdraw": "отчисление",
                    "promote": "перевод в следующую возрастную группу"}  # fmt: skip


def load_nomenclature(templates: Path) -> Nomenclature:
    """The institution's номенклатура дел (``templates/documents/nomenclature.json``)."""
    path = templates / "documents" / NOMENCLATURE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise DomainError(f"Нет номенклатуры дел «{path}»") from error
    except json.JSONDecodeError as error:
        raise DomainError(
            f"Номенклатура дел «{path.name}» не читается: строка {error.lineno}: {error.msg}"
        ) from error
    return parse_nomenclature(data, path.name)


def registration_number(record: DocumentRecord) -> str:
    """The registration number of a document whose kind has one: an order's «12-д»."""
    if record.kind == "order":
        return record.key.partition("/")[2]
    return ""


def case_of(nomenclature: Nomenclature, record: DocumentRecord) -> Case | None:
    """The case a document is filed in: by its kind, an order by its register too
    («order:д», «order:ОД»)."""
    number = registration_number(record)
    if number:
        register = number.rpartition("-")[2]
        found = nomenclature.case_of(f"{record.kind}:{register}")
        if found is not None:
            return found
    return nomenclature.case_of(record.kind)


@dataclass(frozen=True)
class Cause:
    """A submission behind a document: the file, who sent it, the rows."""

    file_name: str
    login: str
    received: str
    rows: str


@dataclass
class DocumentCard:
    """A document as the registry shows it."""

    record: DocumentRecord
    number: str
    case: Case | None
    history: list[HistoryEntry] = field(default_factory=list)
    causes: list[Cause] = field(default_factory=list)
    pupils: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        """«зарегистрирован»."""
        return STATUS_LABELS.get(self.record.status, self.record.status)


def search_documents(
    uow: SqlUnitOfWork,
    nomenclature: Nomenclature,
    *,
    kind: str | None = None,
    status: str | None = None,
    number: str | None = None,
    pupil: str | None = None,
    first: date | None = None,
    last: date | None = None,
) -> list[DocumentCard]:
    """Documents matching every criterion given: kind, status, registration number, a
    pupil (by the start of the name: the orders about them), generated between two days."""
    records = uow.documents.list(kind)
    if status is not None:
        if status not in STATUS_LABELS:
            raise DomainError(
                f"Неизвестное состояние «{status}». Допустимо: {', '.join(STATUS_LABELS)}"
            )
        records = [r for r in records if r.status == status]
    if number is not None:
        wanted = fold(number.replace(" ", ""))
        records = [r for r in records if fold(registration_number(r)) == wanted]
    if first is not None:
        records = [r for r in records if r.generated_at.date() >= first]
    if last is not None:
        records = [r for r in records if r.generated_at.date() <= last]
    if pupil is not None:
        ids = _documents_about(uow, pupil)
        records = [r for r in records if r.id in ids]
    return [DocumentCard(r, registration_number(r), case_of(nomenclature, r)) for r in records]


def _documents_about(uow: SqlUnitOfWork, pupil: str) -> set[int]:
    """Documents (orders) about the pupils whose full name starts with ``pupil``."""
    key = fold(pupil)
    rows = uow.connection.execute(
        select(pupils.c.last_name, pupils.c.first_name, pupils.c.patronymic, orders.c.document_id)
        .join(movement_events, movement_events.c.pupil_id == pupils.c.id)
        .join(orders, orders.c.id == movement_events.c.order_id)
        .where(orders.c.document_id.is_not(None))
    )
    return {
        r.document_id
        for r in rows
        if fold(" ".join(p for p in (r.last_name, r.first_name, r.patronymic) if p)).startswith(key)
    }


def document_card(uow: SqlUnitOfWork, nomenclature: Nomenclature, document_id: int) -> DocumentCard:
    """A document with its history and what caused it."""
    record = uow.documents.by_id(document_id)
    if record is None:
        raise DomainError(f"В реестре нет документа № {document_id}")
    card = DocumentCard(record, registration_number(record), case_of(nomenclature, record))
    card.history = uow.documents.history(document_id)
    if record.kind == "order":
        _order_causes(uow, card)
    elif record.kind == "timesheet":
        _timesheet_causes(uow, card)
    return card


def _submission(uow: SqlUnitOfWork, submission_id: int | None, rows: str) -> Cause | None:
    if submission_id is None:
        return None
    row = uow.connection.execute(
        select(submissions).where(submissions.c.id == submission_id)
    ).first()
    if row is None:
        return None
    return Cause(row.file_name, row.login, f"{row.received_at:%d.%m.%Y %H:%M}", rows)


def _order_causes(uow: SqlUnitOfWork, card: DocumentCard) -> None:
    order = next((o for o in uow.orders.find(card.number) if o.document_id == card.record.id), None)
    if order is None:
        return
    events = uow.connection.execute(
        select(movement_events, pupils.c.last_name, pupils.c.first_name, pupils.c.patronymic)
        .join(pupils, pupils.c.id == movement_events.c.pupil_id)
        .where(movement_events.c.order_id == order.id)
        .order_by(pupils.c.last_name, pupils.c.first_name)
    ).all()
    by_submission: dict[int | None, list[str]] = {}
    for event in events:
        name = " ".join(p for p in (event.last_name, event.first_name, event.patronymic) if p)
        card.pupils.append(
            f"{name}: {_MOVEMENT_LABELS.get(event.kind, event.kind)} с "
            f"{event.effective_on:%d.%m.%Y}"
        )
        if event.submission_id is not None:
            rows = by_submission.setdefault(event.submission_id, [])
            if event.source_row:  # a Word application has no rows
                rows.append(str(event.source_row))
    if not by_submission:
        own = uow.connection.execute(
            select(orders.c.submission_id).where(orders.c.id == order.id)
        ).scalar()
        by_submission = {own: []} if own is not None else {}
    for submission_id, rows in by_submission.items():
        listed = f"строки {', '.join(rows)}" if rows else ""
        cause = _submission(uow, submission_id, listed)
        if cause is not None:
            card.causes.append(cause)


def _timesheet_causes(uow: SqlUnitOfWork, card: DocumentCard) -> None:
    group, _, month = card.record.key.partition("/")
    versions = uow.connection.execute(
        select(attendance_versions)
        .where(attendance_versions.c.group_id == int(group))
        .order_by(attendance_versions.c.version)
    ).all()
    for version in versions:
        if f"{version.month:%Y-%m}" != month:
            continue
        cause = _submission(uow, version.submission_id, f"версия {version.version}")
        if cause is not None:
            card.causes.append(cause)
