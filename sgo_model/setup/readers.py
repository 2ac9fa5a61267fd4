"""What set-up registers with intake: its six forms, found in a workbook by their headers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sgo_model.domain.problems import Problem
from sgo_model.domain.roles import SETUP_ORDER, ensure_may_submit
from sgo_model.forms.reader import ParsedForm
from sgo_model.forms.spec import FormSpec
from sgo_model.intake.outcome import Outcome
from sgo_model.intake.registry import FormFamily, ReaderRegistry, Submitter
from sgo_model.setup.apply import apply_commands
from sgo_model.setup.forms import groups, load_limits, nod_kinds, profiles, pupils, staff
from sgo_model.store.uow import SqlUnitOfWork

SPECS: tuple[FormSpec, ...] = (
    staff.SPEC,
    profiles.SPEC,
    load_limits.SPEC,
    groups.SPEC,
    pupils.SPEC,
    nod_kinds.SPEC,
)
"""The set-up forms, in the order an institution fills them."""


@dataclass
class SetupForm:
    """A filled set-up form, ready to apply."""

    form: ParsedForm

    @property
    def kind(self) -> str:
        return self.form.spec.kind.value

    @property
    def title(self) -> str:
        return self.form.spec.title

    @property
    def rank(self) -> int:
        return SETUP_ORDER.index(self.form.spec.kind)

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
        ensure_may_submit(submitter.role, self.form.spec.kind, submitter.login)

    def apply(
        self, uow: SqlUnitOfWork, submission_id: int, submitter: Submitter, today: date
    ) -> Outcome:
        # Valid rows are applied even when others are bad (then rolled back), so the
        # receipt lists reference errors (unknown group, duplicate) alongside cell errors.
        return apply_commands(self.form.commands, uow, submission_id, today)


def register(readers: ReaderRegistry) -> None:
    """Register the set-up forms with intake."""
    readers.add_forms(FormFamily(SPECS, SetupForm))
