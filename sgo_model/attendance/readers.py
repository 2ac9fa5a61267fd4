"""What attendance registers with intake: a group's monthly attendance sheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sgo_model.attendance.forms.model import ATTENDANCE_FORM, AttendanceSheet
from sgo_model.attendance.forms.reader import read_attendance_sheet
from sgo_model.attendance.service import apply_attendance
from sgo_model.domain.problems import Problem
from sgo_model.domain.roles import SETUP_ORDER, FormKind, ensure_may_submit
from sgo_model.intake.outcome import Outcome
from sgo_model.intake.registry import Content, ReaderRegistry, Submitter
from sgo_model.intake.source import Source
from sgo_model.office.russian import month_year
from sgo_model.store.uow import SqlUnitOfWork


@dataclass
class MonthSheet:
    """A group's monthly attendance sheet, ready to apply."""

    sheet_data: AttendanceSheet

    @property
    def kind(self) -> str:
        return FormKind.ATTENDANCE.value

    @property
    def title(self) -> str:
        return (
            f"{FormKind.ATTENDANCE.title} группы «{self.sheet_data.group}» за "
            f"{month_year(self.sheet_data.month)}"
        )

    @property
    def rank(self) -> int:
        return SETUP_ORDER.index(FormKind.ATTENDANCE)

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


class AttendanceReader:
    """An attendance sheet: a workbook whose hidden metadata names it so."""

    def recognises(self, source: Source) -> bool:
        return source.suffix == ".xlsx" and source.workbook.form == ATTENDANCE_FORM

    def read(self, source: Source, today: date) -> Content:
        # Marks on days after today are refused when the sheet is applied (apply gets today).
        return MonthSheet(read_attendance_sheet(source.workbook))


def register(readers: ReaderRegistry) -> None:
    """Register the attendance sheet with intake."""
    readers.add(AttendanceReader())
