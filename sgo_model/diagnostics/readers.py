"""What diagnostics registers with intake: a group's diagnostics sheet and the list of
indicators."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sgo_model.diagnostics.forms import indicators
from sgo_model.diagnostics.forms.model import DiagnosticsSheet
from sgo_model.diagnostics.forms.reader import is_diagnostics_workbook, read_diagnostics_sheet
from sgo_model.diagnostics.service import apply_diagnostics, apply_indicators
from sgo_model.domain.problems import Problem
from sgo_model.domain.roles import SETUP_ORDER, FormKind, ensure_may_submit
from sgo_model.intake.outcome import Outcome
from sgo_model.intake.registry import Content, FormFamily, ReaderRegistry, Submitter
from sgo_model.intake.source import Source
from sgo_model.store.uow import SqlUnitOfWork


@dataclass
class DiagnosticsContent:
    """A group's diagnostics sheet, ready to apply."""

    sheet_data: DiagnosticsSheet

    @property
    def kind(self) -> str:
        return FormKind.DIAGNOSTICS.value

    @property
    def title(self) -> str:
        data = self.sheet_data
        return f"{data.period.title} группы «{data.group}» за {data.year} учебный год"

    @property
    def rank(self) -> int:
        return SETUP_ORDER.index(FormKind.DIAGNOSTICS)

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
        ensure_may_submit(submitter.role, FormKind.DIAGNOSTICS, submitter.login)

    def apply(
        self, uow: SqlUnitOfWork, submission_id: int, submitter: Submitter, today: date
    ) -> Outcome:
        return apply_diagnostics(
            self.sheet_data, uow, submission_id, submitter.login, submitter.role, today
        )


class DiagnosticsReader:
    """A diagnostics sheet: a workbook whose hidden metadata names it so."""

    def recognises(self, source: Source) -> bool:
        return source.suffix == ".xlsx" and is_diagnostics_workbook(source.workbook)

    def read(self, source: Source, today: date) -> Content:
        return DiagnosticsContent(read_diagnostics_sheet(source.workbook))


def register(readers: ReaderRegistry) -> None:
    """Register the diagnostics sheet and the list of indicators with intake."""
    readers.add(DiagnosticsReader())
    readers.add_forms(FormFamily((indicators.SPEC,), apply_indicators))
