"""What the movement of pupils registers with intake: the movement form, the parent's Word
application, and the head's signed scans of orders."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sgo_model.domain.commands import RecordMovement
from sgo_model.domain.errors import DomainError
from sgo_model.domain.movement import ORDER_SCAN, SIGNED
from sgo_model.domain.problems import Problem
from sgo_model.domain.roles import SETUP_ORDER
from sgo_model.forms.reader import ParsedForm
from sgo_model.forms.references import refused_groups
from sgo_model.intake.outcome import Outcome
from sgo_model.intake.registry import (
    Content,
    FilledForm,
    FormFamily,
    ReaderRegistry,
    Submitter,
)
from sgo_model.intake.source import Source
from sgo_model.movement.forms import movement
from sgo_model.movement.forms.application import read_application
from sgo_model.movement.service import apply_movement
from sgo_model.movement.signing import (
    OrderReference,
    check_scan,
    describe,
    ensure_may_sign,
    find_order_to_sign,
    is_scan,
    parse_scan_name,
)
from sgo_model.store.uow import SqlUnitOfWork


def apply_form(form: ParsedForm, uow: SqlUnitOfWork, submission_id: int, today: date) -> Outcome:
    """Apply the movements of a movement form or of a parent's application."""
    movements = [c for c in form.commands if isinstance(c, RecordMovement)]
    outcome = apply_movement(movements, uow, submission_id, today)
    outcome.problems.extend(refused_groups(form, lambda: [g.name for g in uow.groups.groups()]))
    return outcome


class ApplicationReader:
    """The parent's application, a Word document with a labelled table."""

    def recognises(self, source: Source) -> bool:
        return source.suffix == ".docx"

    def read(self, source: Source, today: date) -> Content:
        return FilledForm(read_application(source.data, today), apply_form)


@dataclass
class SignedScan:
    """The head's signed scan of an order."""

    reference: OrderReference
    archived: Path
    sha256: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return ORDER_SCAN

    @property
    def title(self) -> str:
        return "Подписанный приказ"

    @property
    def rank(self) -> int:
        # Last: an order drafted by a movement form of this batch may already be signed.
        return len(SETUP_ORDER)

    @property
    def rows(self) -> int:
        return 0

    @property
    def sheet(self) -> str | None:
        return None

    def check_rights(self, submitter: Submitter) -> None:
        ensure_may_sign(submitter.role, submitter.login)

    def apply(
        self, uow: SqlUnitOfWork, submission_id: int, submitter: Submitter, today: date
    ) -> Outcome:
        order = find_order_to_sign(uow, self.reference)
        if order.status == SIGNED:
            raise DomainError(f"{describe(order)} уже подписан; скан не заменён")
        uow.orders.sign(order.id, str(self.archived), self.sha256, submitter.login)
        return Outcome(updated=1, note=f"{describe(order)} подписан; скан приложен к приказу.")


class ScanReader:
    """A PDF or an image named after the order it signs («Приказ 12-д.pdf»)."""

    def recognises(self, source: Source) -> bool:
        return is_scan(source.name)

    def read(self, source: Source, today: date) -> Content:
        check_scan(source.data, source.name)
        assert source.archived is not None
        return SignedScan(parse_scan_name(source.name), source.archived, source.sha256)


def register(readers: ReaderRegistry) -> None:
    """Register the movement form, the application and signed scans with intake."""
    readers.add_forms(FormFamily((movement.SPEC,), apply_form))
    readers.add(ApplicationReader())
    readers.add(ScanReader())
