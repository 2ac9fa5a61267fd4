"""Set-up documents: group rosters and the group fill report, regenerated when data changes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

from sgo_model.domain.age import AgeCategory, Orientation, full_years
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.conditions import Condition, ConditionCap
from sgo_model.domain.group import Capacity, area_per_child
from sgo_model.domain.movement import ORDER_SCAN
from sgo_model.intake.publishing import DocumentJob, PublishContext, Publisher, is_current
from sgo_model.office.files import file_sha256, fingerprint
from sgo_model.office.names import inside
from sgo_model.office.site import Site
from sgo_model.setup.documents.fill_report import FillReportData, FillRow, render_fill_report
from sgo_model.setup.documents.rosters import (
    RosterData,
    RosterGroup,
    RosterPupil,
    render_group_rosters,
)
from sgo_model.store.documents import DocumentRecord
from sgo_model.store.groups import GroupRecord
from sgo_model.store.uow import SqlUnitOfWork

T = TypeVar("T")

PENDING_MARK = "приказ не подписан"
"""How a roster marks a child placed by an order not yet signed (in no official figure)."""

ROSTERS = "group_rosters"
FILL = "group_fill"
ROSTERS_TEMPLATE = "documents/group_rosters.docx"
FILL_TEMPLATE = "documents/group_fill.xlsx"


def _as_of(uow: SqlUnitOfWork, today: date) -> date:
    institution = uow.institution.get()
    if institution and institution.current_year and today < institution.current_year.first_day:
        return institution.current_year.first_day
    return today


def plan_setup_documents(
    site: Site,
    uow_factory: Callable[..., SqlUnitOfWork],
    templates: Path,
    today: date | None = None,
) -> list[DocumentJob]:
    """The rosters and the fill report, those whose data or template changed."""
    today = today or date.today()
    with uow_factory(read_only=True) as uow:
        institution = uow.institution.get()
        if institution is None:
            return []
        as_of = _as_of(uow, today)
        groups = uow.groups.groups()
        roster = uow.pupils.roster(as_of)
        headcounts = uow.pupils.headcounts(as_of, official=True)
        existing = {d.kind: d for d in uow.documents.list() if d.key == "current"}
        caps = uow.groups.condition_caps()
    by_group: dict[int, list[RosterPupil]] = defaultdict(list)
    under_3: set[int] = set()
    conditions: dict[int, list[Condition]] = defaultdict(list)
    for entry in roster:
        name = entry.name.full
        if entry.pending:
            name = f"{name} ({entry.pending}: {PENDING_MARK})"
        by_group[entry.group_id].append(
            RosterPupil(
                name,
                entry.birth_date,
                entry.sex.label,
                entry.guardian,
                entry.phone,
                bool(entry.pending),
            )
        )
        if not entry.official:
            continue
        if full_years(entry.birth_date, as_of) < 3:
            under_3.add(entry.group_id)
        if entry.condition is not None:
            conditions[entry.group_id].append(entry.condition)
    rosters = RosterData(
        institution.name,
        as_of,
        [
            RosterGroup(
                g.name,
                g.category.label,
                "" if g.category is AgeCategory.MIXED else g.category.ages_nominative,
                _orientation(g),
                [t.short for t in g.teachers],
                by_group.get(g.id, []),
            )
            for g in groups
        ],
    )
    fill = FillReportData(
        institution.name,
        as_of,
        [_fill_row(g, caps, g.id in under_3, conditions[g.id], headcounts) for g in groups],
    )
    folder = inside(site.documents, _year_folder(institution.current_year))
    rendered = [
        _render_if_changed(
            ROSTERS,
            "Списки воспитанников по группам",
            templates,
            ROSTERS_TEMPLATE,
            inside(folder, "Списки групп.docx"),
            rosters,
            render_group_rosters,
            existing.get(ROSTERS),
        ),
        _render_if_changed(
            FILL,
            "Наполняемость групп",
            templates,
            FILL_TEMPLATE,
            inside(folder, "Наполняемость групп.xlsx"),
            fill,
            render_fill_report,
            existing.get(FILL),
        ),
    ]
    return [job for job in rendered if job is not None]


def _orientation(group: GroupRecord) -> str:
    """«компенсирующей направленности для детей с тяжёлыми нарушениями речи»."""
    if group.condition is None or group.orientation is not Orientation.COMPENSATING:
        return group.orientation.phrase
    return f"{group.orientation.phrase} {group.condition.for_children}"


def _fill_row(
    group: GroupRecord,
    caps: Mapping[Condition, ConditionCap],
    young: bool,
    conditions: list[Condition],
    headcounts: Mapping[int, int],
) -> FillRow:
    limits = group.group.limits(caps, has_children_under_3=young, children=conditions)
    return FillRow(
        group.name,
        group.category.label,
        group.orientation.label,
        group.area_m2,
        float(area_per_child(group.category, has_children_under_3=young)),
        limits.by_area,
        limits.total,
        headcounts.get(group.id, 0),
        _condition_cap(limits),
        len(conditions),
        limits.with_condition,
    )


def _condition_cap(limits: Capacity) -> str:
    """The condition cap in words for the report: «10 (ТНР, от 3 лет)»."""
    limit = limits.by_condition
    if limit is None:
        return ""
    if limit.total is None:
        return limit.basis
    return f"{limit.total} ({limit.basis})"


def _year_folder(year: AcademicYear | None) -> str:
    return year.label.replace("/", "-") if year else "без года"


def _render_if_changed(
    kind: str,
    title: str,
    templates: Path,
    template_name: str,
    out: Path,
    data: T,
    render: Callable[[T, Path, Path], None],
    previous: DocumentRecord | None,
) -> DocumentJob | None:
    template = templates / template_name
    template_sha = file_sha256(template)
    context_sha = fingerprint(data)
    if is_current(previous, context_sha, template_sha):
        return None
    return DocumentJob(
        kind,
        "current",
        title,
        out,
        template_name,
        template_sha,
        context_sha,
        partial(render, data, template),
    )


@dataclass(frozen=True)
class SetupDocuments:
    """Publisher of the group rosters and the fill report."""

    name: str = "setup_documents"
    triggers: frozenset[str] = frozenset(
        {"staff", "groups", "pupils", "movement", "application", ORDER_SCAN}
    )

    def plan(self, context: PublishContext) -> list[DocumentJob]:
        return plan_setup_documents(context.site, context.uow, context.templates, context.today)


PUBLISHERS: tuple[Publisher, ...] = (SetupDocuments(),)
"""What set-up registers with publishing."""
