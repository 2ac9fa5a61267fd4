"""What set-up registers with intake: its seven forms, found in a workbook by their headers."""

from __future__ import annotations

from datetime import date

from sgo_model.forms.reader import ParsedForm
from sgo_model.forms.references import refused_groups
from sgo_model.forms.spec import FormSpec
from sgo_model.intake.outcome import Outcome
from sgo_model.intake.registry import FormFamily, ReaderRegistry
from sgo_model.setup.apply import apply_commands
from sgo_model.setup.forms import (
    condition_caps,
    groups,
    load_limits,
    nod_kinds,
    profiles,
    pupils,
    staff,
)
from sgo_model.store.uow import SqlUnitOfWork

SPECS: tuple[FormSpec, ...] = (
    staff.SPEC,
    profiles.SPEC,
    load_limits.SPEC,
    condition_caps.SPEC,
    groups.SPEC,
    pupils.SPEC,
    nod_kinds.SPEC,
)
"""The set-up forms, in the order an institution fills them."""


def apply_form(form: ParsedForm, uow: SqlUnitOfWork, submission_id: int, today: date) -> Outcome:
    """Apply a set-up form's commands; the refused rows are checked for unknown groups too."""
    outcome = apply_commands(form.commands, uow, submission_id, today)
    outcome.problems.extend(refused_groups(form, lambda: [g.name for g in uow.groups.groups()]))
    return outcome


def register(readers: ReaderRegistry) -> None:
    """Register the set-up forms with intake."""
    readers.add_forms(FormFamily(SPECS, apply_form))
