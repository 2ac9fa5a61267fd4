"""Attendance reports for a period: indicators per group and institution, with a chart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sgo_model.attendance.documents.report import IndicatorRow, render_attendance_report
from sgo_model.attendance.service import histories_by_group, members_of
from sgo_model.domain.attendance import Mark
from sgo_model.domain.errors import DomainError
from sgo_model.domain.indicators import Tally
from sgo_model.domain.indicators import tally_group as count_days
from sgo_model.domain.months import month_end, months_between
from sgo_model.office.names import inside
from sgo_model.office.russian import month_name, month_year
from sgo_model.office.site import Site
from sgo_model.store.uow import SqlUnitOfWork

INSTITUTION = "Всего по учреждению"


@dataclass(frozen=True)
class AttendanceIndicators:
    """Indicators of every group and the institution, monthly figures and what is missing."""

    first: date
    last: date
    rows: list[IndicatorRow]
    monthly: list[tuple[str, float]]
    missing: list[tuple[str, date]]
    preliminary: list[tuple[str, date, date]] = field(default_factory=list)
    """Group-months whose sheets stop before the month's end: group, month, last day covered
    (the later days are left out of every figure)."""


def _period(first: date, last: date) -> str:
    if first.day == 1 and last == month_end(first):
        return f"{month_name(first.month)} {first.year}"
    return f"{first:%d.%m.%Y}–{last:%d.%m.%Y}"


def _row(scope: str, period: str, tally: Tally) -> IndicatorRow:
    return IndicatorRow(
        scope=scope,
        period=period,
        average_headcount=round(tally.average_headcount, 1),
        working_days=tally.working_days,
        attended=tally.attended,
        missed=tally.missed,
        missed_illness=tally.illness,
        illness_per_child=tally.illness_per_child,
        attendance_percent=tally.attendance_percent,
        line01=tally.attended,
        line02=tally.missed,
        line03=tally.illness,
        line04=tally.missed - tally.illness,
        line05=tally.working_days,
        line01_3plus=tally.attended_3plus,
        line02_3plus=tally.missed_3plus,
        line03_3plus=tally.illness_3plus,
        line04_3plus=tally.missed_3plus - tally.illness_3plus,
    )


def attendance_indicators(uow: SqlUnitOfWork, first: date, last: date) -> AttendanceIndicators:
    """Count the indicators over the submitted group-months of a period."""
    if last < first:
        raise DomainError(f"Период задан неверно: {first:%d.%m.%Y} позже {last:%d.%m.%Y}")
    calendar = uow.calendar.load()
    histories = histories_by_group(uow.attendance.all_histories(last, official=True))
    covered = {(v.group_id, v.month): v.covered_through for v in uow.attendance.current_versions()}
    marks: dict[tuple[int, date], Mark] = {
        (m.pupil_id, m.day): m.mark for m in uow.attendance.current_marks(first, last)
    }
    pupils = {p for group in histories.values() for p in group}
    births = {pupil: born for pupil, (_, born) in uow.pupils.names(pupils).items()}
    total, monthly_tallies = Tally(), {month: Tally() for month in months_between(first, last)}
    rows, missing, preliminary = [], [], []
    for group in uow.groups.groups():
        group_tally = Tally()
        for month in months_between(first, last):
            start, end = max(first, month), min(last, month_end(month))
            members = members_of(histories.get(group.id, {}), group.id, start, end)
            if not members:
                continue
            through = covered.get((group.id, month))
            if through is None:
                missing.append((group.name, month))
                continue
            if through < min(last, month_end(month)):
                preliminary.append((group.name, month, through))
            tally = count_days(members, marks, calendar, births, start, min(end, through))
            group_tally.add(tally)
            monthly_tallies[month].add(tally)
        if group_tally.days:
            rows.append(_row(group.name, _period(first, last), group_tally.close(calendar)))
            total.add(group_tally)
    rows.append(_row(INSTITUTION, _period(first, last), total.close(calendar)))
    monthly = [
        (f"{month_name(month.month)[:3]} {month.year}", tally.close(calendar).attendance_percent)
        for month, tally in monthly_tallies.items()
        if tally.days
    ]
    return AttendanceIndicators(first, last, rows, monthly, missing, preliminary)


def write_attendance_report(
    site: Site, uow_factory: Callable[[], SqlUnitOfWork], first: date, last: date
) -> tuple[AttendanceIndicators, Path]:
    """Compute the indicators and write them with a chart of attendance by month."""
    with uow_factory() as uow:
        indicators = attendance_indicators(uow, first, last)
        institution = uow.institution.get()
    out = inside(site.documents, "Отчёты", f"Посещаемость {first:%Y-%m-%d} — {last:%Y-%m-%d}.xlsx")
    render_attendance_report(
        institution.name if institution else "",
        first,
        last,
        indicators.rows,
        indicators.monthly,
        out,
        report_notes(indicators),
    )
    return indicators, out


def report_notes(indicators: AttendanceIndicators) -> list[str]:
    """What the figures leave out, as the report says it under the table."""
    notes = []
    if indicators.missing:
        listed = "; ".join(f"«{g}» — {month_year(m)}" for g, m in indicators.missing)
        notes.append(_sentence(f"Не сданы листы посещаемости (в показатели не вошли): {listed}"))
    if indicators.preliminary:
        listed = "; ".join(
            f"«{g}» — {month_year(m)}, "
            + ("отметок нет" if through < m else f"отметки по {through:%d.%m.%Y}")
            for g, m, through in indicators.preliminary
        )
        notes.append(
            "Данные предварительные: листы охватывают не весь месяц, дни после указанной даты "
            f"не учтены ни как посещения, ни как пропуски: {listed}."
        )
    return notes


def _sentence(text: str) -> str:
    return text if text.endswith(".") else f"{text}."
