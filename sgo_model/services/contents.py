"""What a submitted file holds, once read: a form, an attendance sheet or an order's scan.

Each kind knows who may send it, how to apply it to the store inside the intake
transaction, and what to say about it in the receipt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from sgo_model.documents.russian import month_year
from sgo_model.domain.commands import RecordMovement
from sgo_model.domain.errors import DomainError
from sgo_model.domain.problems import Problem
from sgo_model.domain.roles import FormKind, Role, ensure_may_submit
from sgo_model.forms.attendance import AttendanceSheet
from sgo_model.forms.reader import ParsedForm
from sgo_model.services.apply_setup import apply_commands
from sgo_model.services.attendance import apply_attendance
from sgo_model.services.movement import apply_movement
from sgo_model.services.outcome import Outcome
from sgo_model.services.signing import OrderReference, describe, ensure_may_sign, find_order_to_sign
from sgo_model.store.uow import SqlUnitOfWork

MOVEMENT_FORMS = frozenset({FormKind.MOVEMENT, FormKind.APPLICATION})


@dataclass(frozen=True)
class Submitter:
    """Who sent the file."""

    login: str
    role: Role


class Content(Protocol):
    """A file's content, ready to apply."""

    @property
    def kind(self) -> FormKind | None:
        """The form kind (None for a scan)."""

    @property
    def title(self) -> str:
        """What the receipt calls it."""

    @property
    def rows(self) -> int:
        """Rows read."""

    @property
    def sheet(self) -> str | None:
        """Where in the file its data was."""

    @property
    def problems(self) -> list[Problem]:
        """Problems found while reading."""

    def check_rights(self, submitter: Submitter) -> None:
        """Refuse a submitter who may not send this."""

    def apply(
        self, uow: SqlUnitOfWork, submission_id: int, submitter: Submitter, today: date
    ) -> Outcome:
        """Apply to the store (the caller commits or rolls back)."""


@dataclass
class FormContent:
    """A set-up or movement form, or a parent's application."""

    form: ParsedForm

    @property
    def kind(self) -> FormKind:
        return self.form.spec.kind

    @property
    def title(self) -> str:
        return self.form.spec.title

    @property
    def rows(self) -> int:
        return self.form.rows

    @property
    def sheet(self) -> str | None:
        return self.form.sheet

    @property
    def problems(self) -> list[Problem]:
        return self.form.problems

    def check_rights(self, submitter: Submitter) -> None:
        ensure_may_submit(submitter.role, self.kind, submitter.login)

    def apply(
        self, uow: SqlUnitOfWork, submission_id: int, submitter: Submitter, today: date
    ) -> Outcome:
        # Valid rows are applied even when others are bad (then rolled back), so the
        # receipt lists reference errors (unknown group, duplicate) alongside cell errors.
        if self.kind in MOVEMENT_FORMS:
            movements = [c for c in self.form.commands if isinstance(c, RecordMovement)]
            return apply_movement(movements, uow, submission_id, today)
        return apply_commands(self.form.commands, uow, submission_id, today)


@dataclass
class AttendanceContent:
    """A group's monthly attendance sheet."""

    sheet_data: AttendanceSheet

    @property
    def kind(self) -> FormKind:
        return FormKind.ATTENDANCE

    @property
    def title(self) -> str:
        return (
            f"{FormKind.ATTENDANCE.title} группы «{self.sheet_data.group}» за "
            f"{month_year(self.sheet_data.month)}"
        )

    @property
    def rows(self) -> int:
        return len(self.sheet_data.rows)

    @property
    def sheet(self) -> str | None:
        return self.sheet_data.sheet

    @property
    def problems(self) -> list[Problem]:
        return self.sheet_data.problems

    def check_rights(self, submitter: Submitter) -> None:
        ensure_may_submit(submitter.role, FormKind.ATTENDANCE, submitter.login)

    def apply(
        self, uow: SqlUnitOfWork, submission_id: int, submitter: Submitter, today: date
    ) -> Outcome:
        return apply_attendance(
            self.sheet_data, uow, submission_id, submitter.login, submitter.role, today
        )


@dataclass
class ScanContent:
    """The head's signed scan of an order."""

    reference: OrderReference
    archived: Path
    sha256: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def kind(self) -> None:
        return None

    @property
    def title(self) -> str:
        return "Подписанный приказ"

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
        if order.status == "signed":
            raise DomainError(f"{describe(order)} уже подписан; скан не заменён")
        uow.movement.sign(order.id, str(self.archived), self.sha256, submitter.login)
        return Outcome(updated=1, note=f"{describe(order)} подписан; скан приложен к приказу.")
