"""The completeness gate of closing a year: what is still owed, and by whom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sgo_model.attendance.completeness import attendance_timeliness
from sgo_model.diagnostics.quality import diagnostics_dues, group_teachers, logins_of
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.diagnostics import Period
from sgo_model.domain.roles import Role
from sgo_model.movement.publish import MOVEMENT_ORDER_KINDS
from sgo_model.office.russian import month_name
from sgo_model.store.uow import SqlUnitOfWork


@dataclass(frozen=True)
class Gap:
    """Something the year lacks: what, of which kind, and who owes it."""

    kind: str  # attendance | diagnostics | order | correction
    what: str
    responsible: tuple[str, ...]

    @property
    def text(self) -> str:
        """«не сдан табель группы «Ромашка» за май 2027 г. (ответственные: popova)»."""
        who = f" (ответственные: {', '.join(self.responsible)})" if self.responsible else ""
        return f"{self.what}{who}"


def _sheets(group: str, months: list[date]) -> str:
    """«не сдан табель группы «Ромашка» за май 2027 г.», or for several months «не сданы
    табели группы «Ромашка» (3): январь, март, май 2027 г.»."""
    if len(months) == 1:
        month = months[0]
        return f"не сдан табель группы «{group}» за {month_name(month.month)} {month.year}\u00a0г."
    listed = []
    for index, month in enumerate(months):
        last_of_year = index == len(months) - 1 or months[index + 1].year != month.year
        listed.append(month_name(month.month) + (f" {month.year}\u00a0г." if last_of_year else ""))
    return f"не сданы табели группы «{group}» ({len(months)}): {', '.join(listed)}"


def year_gaps(uow: SqlUnitOfWork, year: AcademicYear) -> list[Gap]:
    """Every group-month of attendance not submitted, every group's end-of-year diagnostics
    not submitted, every order on pupils dated in the year and not signed, a correction of
    the NOD schedule accepted and not yet approved."""
    after = year.last_day + timedelta(days=1)
    teachers = group_teachers(uow)
    owed: dict[str, list[date]] = {}
    for state in attendance_timeliness(uow, year.first_day, year.last_day, after):
        if state.state in ("missing", "pending"):
            owed.setdefault(state.group, []).append(state.month)
    gaps = [
        Gap("attendance", _sheets(group, months), tuple(teachers.get(group, ())))
        for group, months in owed.items()
    ]
    end_due = Period.END.due(year.start_year, uow.settings.load().diagnostics_end_due)
    gaps += [
        Gap("diagnostics", f"не сдана {due.what}", due.responsible)
        for due in diagnostics_dues(uow, year.first_day, year.last_day, after, teachers)
        if due.state == "missing" and due.due == end_due
    ]
    heads = logins_of(uow, Role.HEAD)
    gaps += [
        Gap("order", f"не подписан приказ № {o.number} от {o.order_date:%d.%m.%Y} «{o.title}»",
            heads)
        for o in uow.orders.all(MOVEMENT_ORDER_KINDS)
        if not o.signed and year.first_day <= o.order_date <= year.last_day
    ]  # fmt: skip
    approved = uow.schedule.approved()
    gaps += [
        Gap("correction", f"не утверждена исправленная версия № {v.number} расписания НОД "
            f"от {v.created_at:%d.%m.%Y}", logins_of(uow, Role.METHODIST))
        for v in uow.schedule.versions()
        if v.source == "correction" and not v.approved
        and (approved is None or v.number > approved.number)
    ]  # fmt: skip
    return gaps
