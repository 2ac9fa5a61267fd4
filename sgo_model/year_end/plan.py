"""The plan of closing a year, read from the store: the groups and the children the signed
orders have in them on the year's last day."""

from __future__ import annotations

from collections.abc import Mapping

from sgo_model.domain.age import AgeCategory
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.movement import group_on
from sgo_model.domain.year_end import ChildAtYearEnd, GroupAtYearEnd, YearEndPlan, plan_year_end
from sgo_model.store.uow import SqlUnitOfWork


def _roll(uow: SqlUnitOfWork, year: AcademicYear) -> list[ChildAtYearEnd]:
    """The children signed orders have in groups on the year's last day."""
    day = year.last_day
    placed = {
        pupil: group
        for pupil, history in uow.attendance.all_histories(day, official=True).items()
        if (group := group_on(history, day)) is not None
    }
    names = uow.pupils.names(placed)
    return [
        ChildAtYearEnd(pupil, names[pupil][0], names[pupil][1], group)
        for pupil, group in placed.items()
    ]


def load_newcomers_plan(
    uow: SqlUnitOfWork, year: AcademicYear, previous: YearEndPlan
) -> YearEndPlan:
    """The plan of closing a reopened year again: only for the children the earlier closing
    did not cover (enrolled or moved while the year was open), with the groups as they were
    before they moved on and their names as the earlier closing gave them."""
    covered = {p for p, _ in previous.graduates} | {s.pupil_id for s in previous.staying}
    covered |= {p for change in previous.changes for p in change.children}
    before = {c.group_id: GroupAtYearEnd(c.group_id, c.name, c.category) for c in previous.changes}
    groups = [
        before.get(g.id, GroupAtYearEnd(g.id, g.name, g.category)) for g in uow.groups.groups()
    ]
    renames = {c.name: c.new_name for c in previous.changes if c.renamed}
    children = [c for c in _roll(uow, year) if c.pupil_id not in covered]
    return plan_year_end(year, groups, children, renames)


def load_plan(
    uow: SqlUnitOfWork,
    year: AcademicYear,
    renames: Mapping[str, str] | None = None,
    regroup: Mapping[str, str] | None = None,
) -> YearEndPlan:
    """The plan of closing ``year`` (``regroup``: group name → category, by name or code)."""
    groups = [GroupAtYearEnd(g.id, g.name, g.category) for g in uow.groups.groups()]
    children = _roll(uow, year)
    categories = {name: AgeCategory.parse(text) for name, text in (regroup or {}).items()}
    return plan_year_end(year, groups, children, renames, categories)
