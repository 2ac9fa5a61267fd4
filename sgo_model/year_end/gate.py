"""The completeness gate of closing a year: what is still owed, and by whom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sgo_model.diagnostics.quality import data_quality
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.diagnostics import Period
from sgo_model.movement.publish import MOVEMENT_ORDER_KINDS
from sgo_model.store.uow import SqlUnitOfWork


@dataclass(frozen=True)
class Gap:
    """Something the year lacks: what, of which kind, and who owes it."""

    kind: str  # attendance | diagnostics | order
    what: str
    responsible: tuple[str, ...]

    @property
    def text(self) -> str:
        """«не сдан табель группы «Ромашка» за май 2027 г. (ответственные: popova)»."""
        who = f" (ответственные: {', '.join(self.responsible)})" if self.responsible else ""
        return f"{self.what}{who}"


def year_gaps(uow: SqlUnitOfWork, year: AcademicYear) -> list[Gap]:
    """Every group-month of attendance not submitted, every group's end-of-year diagnostics
    not submitted, every order on pupils dated in the year and not signed."""
    after = year.last_day + timedelta(days=1)
    quality = data_quality(uow, after, year.first_day, year.last_day)
    gaps = [
        Gap("attendance", f"не сдан {due.what}", due.responsible)
        for due in quality.attendance
        if due.state == "missing"
    ]
    end_due = Period.END.due(year.start_year, uow.settings.load().diagnostics_end_due)
    gaps += [
        Gap("diagnostics", f"не сдана {due.what}", due.responsible)
        for due in quality.diagnostics
        if due.state == "missing" and due.due == end_due
    ]
    gaps += [
        Gap("order", f"не подписан приказ № {o.number} от {o.order_date:%d.%m.%Y} «{o.title}»",
            quality.heads)
        for o in uow.orders.all(MOVEMENT_ORDER_KINDS)
        if not o.signed and year.first_day <= o.order_date <= year.last_day
    ]  # fmt: skip
    return gaps
