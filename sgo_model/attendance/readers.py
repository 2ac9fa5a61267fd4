"""What attendance registers with intake: a group's monthly attendance sheet."""

from __future__ import annotations

from datetime import date

from sgo_model.attendance.forms.model import ATTENDANCE_FORM
from sgo_model.attendance.forms.reader import read_attendance_sheet
from sgo_model.attendance.service import apply_attendance
from sgo_model.domain.roles import FormKind
from sgo_model.intake.registry import Content, FilledSheet, ReaderRegistry
from sgo_model.intake.source import Source
from sgo_model.office.russian import month_year


class AttendanceReader:
    """An attendance sheet: a workbook whose hidden metadata names it so."""

    def recognises(self, source: Source) -> bool:
        return source.suffix == ".xlsx" and source.workbook.form == ATTENDANCE_FORM

    def read(self, source: Source, today: date) -> Content:
        # Marks on days after today are refused when the sheet is applied (apply gets today).
        sheet = read_attendance_sheet(source.workbook)
        title = f"{FormKind.ATTENDANCE.title} группы «{sheet.group}» за {month_year(sheet.month)}"
        return FilledSheet(FormKind.ATTENDANCE, title, sheet, apply_attendance)


def register(readers: ReaderRegistry) -> None:
    """Register the attendance sheet with intake."""
    readers.add(AttendanceReader())
