"""What diagnostics registers with intake: a group's diagnostics sheet and the list of
indicators."""

from __future__ import annotations

from datetime import date

from sgo_model.diagnostics.forms import indicators
from sgo_model.diagnostics.forms.reader import is_diagnostics_workbook, read_diagnostics_sheet
from sgo_model.diagnostics.service import apply_diagnostics, apply_indicators
from sgo_model.domain.roles import FormKind
from sgo_model.intake.registry import Content, FilledSheet, FormFamily, ReaderRegistry
from sgo_model.intake.source import Source


class DiagnosticsReader:
    """A diagnostics sheet: a workbook whose hidden metadata names it so."""

    def recognises(self, source: Source) -> bool:
        return source.suffix == ".xlsx" and is_diagnostics_workbook(source.workbook)

    def read(self, source: Source, today: date) -> Content:
        sheet = read_diagnostics_sheet(source.workbook)
        title = f"{sheet.period.title} группы «{sheet.group}» за {sheet.year} учебный год"
        return FilledSheet(FormKind.DIAGNOSTICS, title, sheet, apply_diagnostics)


def register(readers: ReaderRegistry) -> None:
    """Register the diagnostics sheet and the list of indicators with intake."""
    readers.add(DiagnosticsReader())
    readers.add_forms(FormFamily((indicators.SPEC,), apply_indicators))
