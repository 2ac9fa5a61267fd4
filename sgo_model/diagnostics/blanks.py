"""The diagnostics blanks of a period: each group's sheet, pre-filled with its children and
the indicators of its age category, into the folders of those who assess it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from sgo_model.diagnostics.forms.blank import write_diagnostics_blank
from sgo_model.diagnostics.forms.model import (
    DiagnosticsBlank,
    SheetChild,
    diagnostics_blank_name,
)
from sgo_model.diagnostics.service import indicators_for, specialist_areas
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.diagnostics import Period, gendered
from sgo_model.domain.movement import stays_in_group
from sgo_model.domain.roles import Role
from sgo_model.office.names import inside
from sgo_model.office.site import Site
from sgo_model.store.groups import GroupRecord
from sgo_model.store.uow import SqlUnitOfWork

BLANKS_FOLDER = "бланки"

_AREA_SUFFIX = {
    EducationalArea.SOCIAL: "социально-коммуникативное",
    EducationalArea.COGNITIVE: "познавательное",
    EducationalArea.SPEECH: "речевое",
    EducationalArea.ARTISTIC: "художественно-эстетическое",
    EducationalArea.PHYSICAL: "физическое",
}


def _children(uow: SqlUnitOfWork, group: GroupRecord, opens: date, on: date) -> list[SheetChild]:
    """The group's children on the day, and those who left it since the period opened (their
    reason pre-filled)."""
    histories = uow.attendance.group_histories(group.id, on)
    names = uow.pupils.names(set(histories))
    children = []
    for pupil, history in histories.items():
        for start, end in stays_in_group(history, group.id):
            if start > on or (end is not None and end <= opens):
                continue
            name, born = names[pupil]
            left = gendered(name, "выбыл", "выбыла")
            reason = "" if end is None or end > on else f"{left} из группы {end:%d.%m.%Y}"
            children.append(SheetChild(pupil, name.full, born, reason))
            break
    return sorted(children, key=lambda c: (bool(c.reason), c.full_name))


def _category_title(label: str) -> str:
    """«средняя группа», «группа раннего возраста» (as the blank's title names the group)."""
    return label if "групп" in label else f"{label} группа"


def diagnostics_blank(
    uow: SqlUnitOfWork, group: GroupRecord, period: Period, year: AcademicYear, on: date
) -> DiagnosticsBlank:
    """A group's blank for a period, as of a day (inside the caller's unit of work)."""
    institution = uow.institution.get()
    settings = uow.settings.load()
    thresholds = settings.diagnostics_thresholds
    opens = period.opens(year.start_year)
    return DiagnosticsBlank(
        institution.name if institution else "",
        group.name,
        group.id,
        _category_title(group.category.label),
        year.label,
        period,
        thresholds.scale,
        thresholds.rule,
        indicators_for(uow.diagnostics.indicators(), group.category),
        tuple(_children(uow, group, opens, max(on, opens))),
        group.teachers[0].signature if group.teachers else "",
    )


def prepare_diagnostics_blanks(
    uow_factory: Callable[..., SqlUnitOfWork],
    period: Period,
    year: AcademicYear,
    on: date,
    out: Path | None = None,
    site: Site | None = None,
) -> list[Path]:
    """Write every group's blank: into ``out`` (all areas), or, given a site, into the
    ``бланки`` folder of each group's teachers (all areas) and of each specialist (their
    areas only, for every group they serve)."""
    written: list[Path] = []
    with uow_factory() as uow:
        groups = uow.groups.groups()
        blanks = {g.id: diagnostics_blank(uow, g, period, year, on) for g in groups}
        readers: list[tuple[str, int, DiagnosticsBlank, str]] = []
        if site is not None:
            served = _served_groups(uow)
            for user in uow.staff.users():
                if not user.active:
                    continue
                if user.role is Role.TEACHER:
                    led = set(uow.staff.led_groups(user.login))
                    readers += [
                        (user.login, g.id, blanks[g.id], "") for g in groups if g.name in led
                    ]
                elif user.role is Role.SPECIALIST:
                    areas = specialist_areas(uow, user.employee_id)
                    mine = served.get(user.employee_id or 0) or {g.id for g in groups}
                    for g in groups:
                        if g.id in mine and areas:
                            blank = blanks[g.id]
                            own = tuple(a for a in blank.areas if a.area in areas)
                            suffix = " ".join(_AREA_SUFFIX[a.area] for a in own)
                            readers.append((user.login, g.id, replace(blank, areas=own), suffix))
    if out is not None:
        for blank in blanks.values():
            written.append(
                write_diagnostics_blank(blank, inside(out, diagnostics_blank_name(blank)))
            )
    if site is not None:
        for login, _, blank, suffix in readers:
            name = diagnostics_blank_name(blank, suffix)
            path = inside(site.user_inbox(login), BLANKS_FOLDER, name)
            written.append(write_diagnostics_blank(blank, path))
    return written


def _served_groups(uow: SqlUnitOfWork) -> dict[int, set[int]]:
    """The groups each specialist leads kinds of NOD in."""
    served: dict[int, set[int]] = {}
    for group_id, kind in uow.groups.nod_kinds():
        if kind.employee_id is not None:
            served.setdefault(kind.employee_id, set()).add(group_id)
    return served
