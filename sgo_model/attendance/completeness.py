"""Which group-months of attendance are missing or came late (полнота и оперативность)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sgo_model.attendance.service import histories_by_group
from sgo_model.domain.months import month_end, months_between
from sgo_model.domain.movement import in_group_between
from sgo_model.office.clock import local
from sgo_model.store.uow import SqlUnitOfWork


@dataclass(frozen=True)
class GroupMonthState:
    """A group-month that needs attention."""

    group: str
    month: date
    state: str  # missing | pending (not due yet) | late | on_time
    due: date
    submitted_at: datetime | None = None
    login: str | None = None
    """Who sent the month's first sheet."""

    @property
    def days_late(self) -> int:
        """Days after the due date the first sheet came (0 when on time or missing)."""
        if self.submitted_at is None:
            return 0
        return max(0, (self.submitted_at.date() - self.due).days)


def attendance_gaps(uow: SqlUnitOfWork, today: date) -> list[GroupMonthState]:
    """Group-months of the current year, up to last month, with no sheet or a late one."""
    year = uow.institution.year_of(today)
    states = attendance_timeliness(uow, year.first_day, year.last_day, today)
    return [state for state in states if state.state != "on_time"]


def attendance_timeliness(
    uow: SqlUnitOfWork, first: date, last: date, today: date
) -> list[GroupMonthState]:
    """Every group-month from ``first`` to ``last`` that is over by ``today`` and had
    children: missing, late or on time."""
    settings = uow.settings.load()
    due_day, zone = int(settings.attendance_due_day), settings.time_zone
    last_month = min(today.replace(day=1) - timedelta(days=1), last)
    if last_month < first:
        return []
    histories = histories_by_group(uow.attendance.all_histories(last_month, official=True))
    submitted = uow.attendance.first_versions()
    states = []
    for group in uow.groups.groups():
        for month in months_between(first.replace(day=1), last_month):
            pupils = histories.get(group.id, {}).values()
            if not any(in_group_between(h, group.id, month, month_end(month)) for h in pupils):
                continue
            due = (month_end(month) + timedelta(days=1)).replace(day=due_day)
            came = submitted.get((group.id, month))
            if came is None:
                state = "missing" if due < today else "pending"
                states.append(GroupMonthState(group.name, month, state, due))
                continue
            at = local(came[0], zone)
            state = "late" if at.date() > due else "on_time"
            states.append(GroupMonthState(group.name, month, state, due, at, came[1]))
    return states
