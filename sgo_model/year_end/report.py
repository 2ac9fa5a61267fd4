"""The dry run of closing a year and the document of its plan (or of what the run did)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.movement_reasons import OrderKind
from sgo_model.domain.text import plural
from sgo_model.domain.year_end import YearEndPlan
from sgo_model.movement.documents.wording import order_title
from sgo_model.office.site import Site
from sgo_model.store.uow import SqlUnitOfWork
from sgo_model.year_end.closing import ClosingResult, ensure_admin, year_folder
from sgo_model.year_end.documents.plan_docx import PlanContent, write_plan_docx
from sgo_model.year_end.gate import Gap, year_gaps
from sgo_model.year_end.plan import load_plan

FOLDER = "Закрытие года"


@dataclass(frozen=True)
class DryRun:
    """What closing the year would do, and where it is written."""

    plan: YearEndPlan
    gaps: list[Gap]
    document: Path


def plan_content(
    uow: SqlUnitOfWork,
    plan: YearEndPlan,
    gaps: Sequence[str],
    override: str | None,
    made_on: date,
    *,
    dry_run: bool,
) -> PlanContent:
    """The document's lines for a plan."""
    institution = uow.institution.get()
    pupils = {p for p, _ in plan.graduates} | {s.pupil_id for s in plan.staying}
    names = uow.pupils.names(pupils)
    groups = {c.group_id: c.name for c in plan.changes}
    graduates = sorted(
        (names[p][0].full, f"{names[p][1]:%d.%m.%Y}", groups.get(g, "")) for p, g in plan.graduates
    )
    changes = [
        (
            c.name,
            c.category.label,
            f"«{c.new_name}», {c.new_category.label}"
            + (" (выпуск; новая возрастная категория)" if c.new_category is not c.category
               and not c.promoted else ""),
            len(c.children),
        )
        for c in plan.changes
    ]  # fmt: skip
    staying = sorted((names[s.pupil_id][0].full, s.reason) for s in plan.staying)
    orders = []
    if plan.graduates:
        title = order_title(OrderKind.GRADUATE, len(plan.graduates))
        orders.append(
            f"«{title}» — {_children(len(plan.graduates))}, с {plan.graduation_day:%d.%m.%Y}"
        )
    promoted = sum(len(c.children) for c in plan.promotions)
    if promoted:
        title = order_title(OrderKind.PROMOTE, promoted)
        groups_count = plural(len(plan.promotions), "группа", "группы", "групп")
        orders.append(
            f"«{title}» — {groups_count}, {_children(promoted)}, с {plan.promotion_day:%d.%m.%Y}"
        )
    staff = len(uow.staff.employees())
    kinds = uow.groups.nod_kind_count()
    carried = [
        f"группы ({len(plan.changes)}) с их воспитателями, названиями и новыми возрастными "
        "категориями",
        f"сотрудники ({staff}) и учётные записи",
        f"виды НОД по группам ({kinds}), профили учебного плана, предельные нагрузки, "
        "наполняемость по нарушениям",
        f"производственный календарь {plan.next_year.label} учебного года",
        "не переносятся: расписание НОД (строится заново) и посещаемость",
    ]
    return PlanContent(
        institution.name if institution else "",
        plan.year.label,
        plan.next_year.label,
        made_on,
        dry_run,
        list(gaps),
        override,
        graduates,
        changes,
        staying,
        orders,
        carried,
    )


def _children(count: int) -> str:
    return plural(count, "воспитанник", "воспитанника", "воспитанников")


def plan_path(site: Site, plan: YearEndPlan, *, dry_run: bool) -> Path:
    """«documents/2026-2027/Закрытие года/План закрытия 2026-2027.docx» (or «Итоги …»)."""
    name = "План закрытия" if dry_run else "Итоги закрытия"
    label = plan.year.label.replace("/", "-")
    return year_folder(site, plan.year) / FOLDER / f"{name} {label}.docx"


def dry_run(
    uow_factory: Callable[..., SqlUnitOfWork],
    site: Site,
    year_label: str,
    login: str,
    today: date,
    renames: Mapping[str, str] | None = None,
    regroup: Mapping[str, str] | None = None,
) -> DryRun:
    """Show every effect of closing the year, changing nothing but the plan's document."""
    year = AcademicYear.parse(year_label)
    with uow_factory(read_only=True) as uow:
        ensure_admin(uow, login)
        gaps = year_gaps(uow, year)
        plan = load_plan(uow, year, renames, regroup)
        content = plan_content(uow, plan, [g.text for g in gaps], None, today, dry_run=True)
    return DryRun(plan, gaps, write_plan_docx(content, plan_path(site, plan, dry_run=True)))


def write_result(
    uow_factory: Callable[..., SqlUnitOfWork], site: Site, result: ClosingResult, today: date
) -> Path:
    """The document of what a closing did."""
    with uow_factory(read_only=True) as uow:
        gate = result.done.get("gate", {})
        content = plan_content(
            uow, result.plan, gate.get("gaps", []), gate.get("override"), today, dry_run=False
        )
    return write_plan_docx(content, plan_path(site, result.plan, dry_run=False))
