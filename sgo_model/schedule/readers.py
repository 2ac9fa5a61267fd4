"""What the schedule registers with intake: «Условия расписания» and a corrected week."""

from __future__ import annotations

from datetime import date

from sgo_model.forms.reader import ParsedForm
from sgo_model.intake.outcome import Outcome
from sgo_model.intake.registry import FormFamily, ReaderRegistry
from sgo_model.schedule.conditions import apply_conditions
from sgo_model.schedule.correction import apply_correction
from sgo_model.schedule.forms import conditions, correction
from sgo_model.store.uow import SqlUnitOfWork


def _apply_correction(
    form: ParsedForm, uow: SqlUnitOfWork, submission_id: int, today: date
) -> Outcome:
    return apply_correction(form, uow, submission_id)


def register(readers: ReaderRegistry) -> None:
    """Register the schedule's forms with intake."""
    readers.add_forms(FormFamily((conditions.SPEC,), apply_conditions))
    readers.add_forms(FormFamily((correction.SPEC,), _apply_correction))
