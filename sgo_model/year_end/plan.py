"""The plan of closing a year, read from the store: the groups and the children the signed
orders have in them on the year's last day."""

from __future__ import annotations

from collections.abc import Mapping

from sgo_model.domain.age import AgeCategory
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.movement import group_on
from sgo_model.domain.year_end import ChildAtYearEnd, GroupAtYearEnd, YearEndPlan, plan_year_end
from sgo_model.store.uow import SqlUnitOfWork


def load_plan(
    uow: SqlUnitOfWork,
    year: AcademicYear,
    renames: Mapping[str, str] | None = None,
    regroup: Mapping[str, str] | None = None,
) -> YearEndPlan:
    """The plan of closing ``year`` (``regroup``: group name → category, by name or code)."""
    groups = [GroupAtYearEnd(g.id, g.name, g.category) for g in uow.groups.groups()]
    day = year.last_day
    placed = {
        pupil: group
        for pupil, history in uow.attendance.all_histories(day, official=True).items()
        if (group := group_on(history, day)) is not None
    }
    names = uow.pupils.names(placed)
    children = [
        ChildAtYearEnd(pupil, names[pupil][0], names[pupil][1], group)
        for pupil, group in placed.items()
    ]
    categories = {name: AgeCategory.parse(text) for name, text in (regroup or {}).items()}
    return plan_year_end(year, groups, children, renames, categories)
