"""Which group-months of attendance are missing or came late (полнота и оперативность)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sgo_model.attendance.service import histories_by_group
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.months import month_end, months_between
from sgo_model.domain.movement import in_group_between
from sgo_model.office.clock import local
from sgo_model.store.uow import SqlUnitOfWork


@dataclass(frozen=True)
class GroupMonthState:
    """A group-month that needs attention."""

    group: str
    month: date
    state: str  # missing | late
    due: date
    submitted_at: datetime | None = None


def attendance_gaps(uow: SqlUnitOfWork, today: date) -> list[GroupMonthState]:
    """Group-months of the current year, up to last month, with no sheet or a late one."""
    institution = uow.institution.get()
    year = institution.current_year if institution and institution.current_year else None
    year = year or AcademicYear.containing(today)
    due_day = int(uow.settings.load().attendance_due_day)
    last_month = today.replace(day=1) - timedelta(days=1)
    if last_month < year.first_day:
        return []
    histories = histories_by_group(
        uow.attendance.all_histories(min(last_month, year.last_day), official=True)
    )
    submitted = uow.attendance.submitted()
    gaps = []
    for group in uow.groups.groups():
        for month in months_between(year.first_day, min(last_month, year.last_day)):
            pupils = histories.get(group.id, {}).values()
            if not any(in_group_between(h, group.id, month, month_end(month)) for h in pupils):
                continue
            due = (month_end(month) + timedelta(days=1)).replace(day=due_day)
            first = submitted.get((group.id, month))
            if first is None:
                gaps.append(GroupMonthState(group.name, month, "missing", due))
            elif (came := local(first[0])).date() > due:
                gaps.append(GroupMonthState(group.name, month, "late", due, came))
    return gaps
