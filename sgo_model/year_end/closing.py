"""Closing a school year, step by step: each step runs in one transaction that also records
it, so a run killed anywhere resumes where it stopped and never does a step twice; a closed
year closed again changes nothing.

Steps: the gate (recorded with the plan it approved), the graduates' order, the promotion
order, the lock, the next year opened with its production calendar, the groups moved to their
next names and categories, the year's documents archived as a read-only BagIt bag, the year's
report packaged for the authority.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sgo_model.domain.age import AgeCategory
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.errors import DomainError
from sgo_model.domain.movement import MovementKind
from sgo_model.domain.movement_reasons import OrderKind, WithdrawalReason
from sgo_model.domain.records import ARCHIVED, DRAFT
from sgo_model.domain.roles import Role
from sgo_model.domain.year_end import GroupChange, Staying, YearEndPlan
from sgo_model.intake.faults import checkpoint
from sgo_model.movement.service import RecordedEvent, draft_orders
from sgo_model.office.site import Site
from sgo_model.setup.production_calendar import russian_calendar
from sgo_model.store.movement import NewEvent
from sgo_model.store.uow import SqlUnitOfWork
from sgo_model.store.years import CLOSED, DONE, OPEN
from sgo_model.year_end.gate import Gap, year_gaps
from sgo_model.year_end.plan import load_newcomers_plan, load_plan

STEPS = (
    "gate", "graduate", "promote", "lock", "open_next", "advance_groups", "archive", "package",
)  # fmt: skip
"""The steps of a closure, in order; a fault checkpoint ``year-<step>`` follows each."""
LASTING = ("open_next", "advance_groups")
"""Steps whose effects outlive a reopening: closing the year again carries them over (and
graduates or promotes only the children the earlier closing did not cover)."""
ARCHIVE_FOLDER = "Архив"


class GateClosed(DomainError):
    """The year still lacks something, and no override was given."""

    def __init__(self, year: AcademicYear, gaps: list[Gap]) -> None:
        listed = "; ".join(gap.text for gap in gaps)
        super().__init__(
            f"{year.label} учебный год не может быть закрыт: {listed}. Закрытие без них — "
            "только с письменным обоснованием (--override «причина»)"
        )
        self.gaps = gaps


@dataclass
class ClosingResult:
    """What a closing run found and did."""

    year: AcademicYear
    plan: YearEndPlan
    gaps: list[Gap]
    done: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Step → what it did, for every step done (by this run or an earlier one)."""
    already_closed: bool = False


def ensure_admin(uow: SqlUnitOfWork, login: str) -> None:
    """Only the administrator closes or reopens a year."""
    user = uow.staff.user(login)
    if user is None or not user.active or user.role is not Role.ADMIN:
        raise DomainError(
            f"Закрывать и переоткрывать учебный год может только системный администратор; "
            f"«{login}» им не является"
        )


def plan_json(plan: YearEndPlan) -> dict[str, Any]:
    """The plan as a step records it."""
    return {
        "graduates": [list(g) for g in plan.graduates],
        "changes": [
            [c.group_id, c.name, c.category.value, c.new_name, c.new_category.value,
             list(c.children)]
            for c in plan.changes
        ],
        "staying": [[s.pupil_id, s.group_id, s.reason] for s in plan.staying],
    }  # fmt: skip


def plan_from_json(year: AcademicYear, data: Mapping[str, Any]) -> YearEndPlan:
    """The plan a gate step recorded."""
    return YearEndPlan(
        year,
        tuple((int(p), int(g)) for p, g in data["graduates"]),
        tuple(
            GroupChange(int(i), n, AgeCategory(c), nn, AgeCategory(nc), tuple(ch))
            for i, n, c, nn, nc, ch in data["changes"]
        ),
        tuple(Staying(int(p), int(g), r) for p, g, r in data["staying"]),
    )


def _event(pupil: int, kind: MovementKind, day: date, today: date, **fields: Any) -> NewEvent:
    values: dict[str, Any] = {
        "group_id": None, "from_group_id": None, "reason": None, "grounds": None,
        "destination": None, "exception_reason": None, "note": None,
    }  # fmt: skip
    values.update(fields)
    return NewEvent(
        pupil_id=pupil,
        kind=kind,
        effective_on=day,
        back_dated=day < today,
        book_number=None,
        submission_id=None,
        source_row=None,
        **values,
    )


def _graduate(uow: SqlUnitOfWork, plan: YearEndPlan, today: date) -> dict[str, Any]:
    recorded = []
    for pupil, group in plan.graduates:
        event = _event(
            pupil,
            MovementKind.WITHDRAW,
            plan.graduation_day,
            today,
            from_group_id=group,
            reason=WithdrawalReason.GRADUATION.value,
        )
        recorded.append(
            RecordedEvent(
                uow.movement.add_event(event), OrderKind.GRADUATE, plan.graduation_day, None
            )
        )
    orders = draft_orders(uow, recorded, None, today) if recorded else []
    uow.refresh.request(["orders", "movement_book"])
    return {"pupils": len(recorded), "orders": [o.number for o in orders]}


def _promote(uow: SqlUnitOfWork, plan: YearEndPlan, today: date) -> dict[str, Any]:
    recorded = []
    for change in plan.promotions:
        for pupil in change.children:
            event = _event(
                pupil,
                MovementKind.PROMOTE,
                plan.promotion_day,
                today,
                group_id=change.group_id,
                from_group_id=change.group_id,
                reason=f"{change.category.value}>{change.new_category.value}",
                destination=change.new_name,
                note=change.name,
            )
            recorded.append(
                RecordedEvent(
                    uow.movement.add_event(event), OrderKind.PROMOTE, plan.promotion_day, None
                )
            )
    orders = draft_orders(uow, recorded, None, today) if recorded else []
    uow.refresh.request(["orders", "movement_book"])
    return {
        "pupils": len(recorded),
        "groups": len(plan.promotions),
        "orders": [o.number for o in orders],
    }


def _lock(uow: SqlUnitOfWork, year: AcademicYear, login: str, reason: str | None) -> dict[str, Any]:
    uow.years.set_status(year.label, CLOSED)
    uow.years.add_action(year.label, CLOSED, reason, login)
    return {"status": CLOSED}


def _open_next(uow: SqlUnitOfWork, year: AcademicYear) -> dict[str, Any]:
    following = AcademicYear(year.start_year + 1)
    created = uow.institution.open_year(following)
    holidays, workdays = russian_calendar(following)
    uow.calendar.replace_production_days(
        following.first_day, following.last_day, holidays, workdays
    )
    return {"year": following.label, "created": created, "holidays": len(holidays)}


def _advance(uow: SqlUnitOfWork, plan: YearEndPlan) -> dict[str, Any]:
    moved = []
    for change in plan.changes:
        if change.renamed or change.new_category is not change.category:
            uow.groups.advance(change.group_id, change.new_name, change.new_category)
            moved.append(f"{change.name} → {change.new_name} ({change.new_category.label})")
    return {"groups": moved}


def year_folder(site: Site, year: AcademicYear) -> Path:
    """The folder of a year's documents: ``documents/2026-2027``."""
    return site.documents / year.label.replace("/", "-")


def archive_path(site: Site, year: AcademicYear, closure: int = 1) -> Path:
    """Where a closed year's archive bag lies: ``documents/Архив/Документы 2026-2027`` (and
    «… (закрытие 2)» when the year was reopened and closed again)."""
    name = f"Документы {year.label.replace('/', '-')}"
    return (
        site.documents / ARCHIVE_FOLDER / (name if closure == 1 else f"{name} (закрытие {closure})")
    )


def _archive(uow: SqlUnitOfWork, site: Site, year: AcademicYear, closure: int) -> dict[str, Any]:
    """The year's documents and their registry entries as a read-only BagIt bag (written
    beside it and moved into place: a killed run leaves no half bag).

    A draft is no record yet: an order still awaiting the head's signature (the closing's own
    orders among them) stays out of the bag and is registered when it is signed.
    """
    import json

    from sgo_model.office.bags import make_bag

    target = archive_path(site, year, closure)
    folder = target.parent
    source = year_folder(site, year)
    inside = [d for d in uow.documents.list() if Path(d.path).is_relative_to(source)]
    documents = [d for d in inside if d.status != DRAFT]
    drafts = {Path(d.path).resolve() for d in inside if d.status == DRAFT}
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".sgo-archive-", dir=folder) as work:
            payload = Path(work) / "bag"
            if source.is_dir():
                shutil.copytree(
                    source,
                    payload / "Документы",
                    ignore=lambda where, names: [
                        n for n in names if (Path(where) / n).resolve() in drafts
                    ],
                )
            else:
                (payload / "Документы").mkdir(parents=True)
            registry = [
                {"kind": d.kind, "title": d.title, "path": str(Path(d.path).relative_to(source)),
                 "sha256": d.sha256, "version": d.version, "status": d.status,
                 "generated_at": d.generated_at.isoformat()}
                for d in documents
            ]  # fmt: skip
            (payload / "registry.json").write_text(
                json.dumps(registry, ensure_ascii=False, indent=1), encoding="utf-8"
            )
            institution = uow.institution.get()
            make_bag(
                payload,
                target,
                {
                    "Source-Organization": institution.name if institution else "",
                    "External-Description": f"Документы {year.label} учебного года",
                    "Bag-Group-Identifier": f"archive/{year.label}",
                },
            )
        for path in target.rglob("*"):
            path.chmod(0o444 if path.is_file() else 0o555)
        target.chmod(0o555)
    for document in documents:
        uow.documents.set_status(document.id, ARCHIVED, f"архив {year.label}: {target.name}")
    return {"bag": str(target), "documents": len(documents)}


def _package(
    uow_factory: Callable[..., SqlUnitOfWork],
    site: Site,
    templates: Path | None,
    year: AcademicYear,
    today: date,
) -> dict[str, Any]:
    """The year's report «Итоги учебного года» as a package in the outbox (the same figures
    give the package there is: a resumed run makes no second one)."""
    from datetime import datetime, time

    from sgo_model.authority.kinds import ReportKind
    from sgo_model.authority.service import package_report

    if templates is None:
        return {"skipped": "шаблоны отчётов не переданы"}
    with uow_factory(read_only=True) as uow:
        settings = uow.settings.load()
    if not (settings.inn or settings.okpo):
        return {"skipped": "у организации не указаны ни ИНН, ни ОКПО"}
    now = datetime.combine(today, time(23, 59)).astimezone()
    prepared = package_report(uow_factory, site, templates, ReportKind.YEAR_END, year.label,
                              preliminary=True, pdf=False, now=now)  # fmt: skip
    return {"package": prepared.package.id, "preliminary": prepared.report.preliminary}


def close_year(
    uow_factory: Callable[..., SqlUnitOfWork],
    site: Site,
    year: AcademicYear,
    login: str,
    today: date,
    *,
    override: str | None = None,
    renames: Mapping[str, str] | None = None,
    regroup: Mapping[str, str] | None = None,
    publish: Callable[[], object] | None = None,
    templates: Path | None = None,
) -> ClosingResult:
    """Close ``year`` (or finish closing it): refused while the gate finds gaps, unless
    ``override`` gives the reason; a year already closed is left as it is. ``publish``
    renders the documents asked for (the orders) before the groups move on, so that they
    print the groups as they were. With ``templates``, the year's report «Итоги учебного
    года» is packaged into the outbox."""
    if today < year.last_day:
        raise DomainError(
            f"{year.label} учебный год идёт до {year.last_day:%d.%m.%Y}: закрыть его можно с "
            "этого дня (план закрытия — пробным запуском в любой день)"
        )
    with uow_factory() as uow:
        ensure_admin(uow, login)
        closure = uow.years.closure(year.label)
        state = {y.label: y.status for y in uow.years.years()}
        if year.label not in state:
            raise DomainError(f"{year.label} учебный год не открыт на этой площадке")
        if state[year.label] == CLOSED and closure is not None and closure.status == DONE:
            steps = uow.years.steps(closure.id)
            plan = plan_from_json(year, steps["gate"]["plan"])
            return ClosingResult(year, plan, [], steps, already_closed=True)
        if closure is None or closure.status == DONE:
            gaps = year_gaps(uow, year)
            if gaps and not (override and override.strip()):
                raise GateClosed(year, gaps)
            earlier = uow.years.steps(closure.id) if closure is not None else {}
            plan = (
                load_newcomers_plan(uow, year, plan_from_json(year, earlier["gate"]["plan"]))
                if earlier
                else load_plan(uow, year, renames, regroup)
            )
            options = {"renames": dict(renames or {}), "regroup": dict(regroup or {})}
            closure_id = uow.years.start_closure(year.label, login, override, options)
            detail = {"gaps": [g.text for g in gaps], "override": override,
                      "plan": plan_json(plan)}  # fmt: skip
            if gaps:
                uow.years.add_action(year.label, "override", override, login)
            uow.years.record_step(closure_id, "gate", detail)
            for step in LASTING if earlier else ():
                uow.years.record_step(closure_id, step, {**earlier[step], "carried": True})
            uow.commit()
        else:
            closure_id = closure.id
    checkpoint("year-gate")
    with uow_factory(read_only=True) as uow:
        done = uow.years.steps(closure_id)
    plan = plan_from_json(year, done["gate"]["plan"])
    reason = done["gate"]["override"]
    work: dict[str, Callable[[SqlUnitOfWork], dict[str, Any]]] = {
        "graduate": lambda uow: _graduate(uow, plan, today),
        "promote": lambda uow: _promote(uow, plan, today),
        "lock": lambda uow: _lock(uow, year, login, reason),
        "open_next": lambda uow: _open_next(uow, year),
        "advance_groups": lambda uow: _advance(uow, plan),
        "archive": lambda uow: _archive(uow, site, year, uow.years.closure_number(closure_id)),
    }
    for step in STEPS[1:]:
        if step in done:
            continue
        if step == "advance_groups" and publish is not None:
            publish()
        # Packaging runs its own transactions: it is done before its record's.
        packaged = _package(uow_factory, site, templates, year, today) if step == "package" else {}
        with uow_factory() as uow:
            detail = work[step](uow) if step in work else packaged
            uow.years.record_step(closure_id, step, detail)
            if step == STEPS[-1]:
                uow.years.finish_closure(closure_id)
            uow.commit()
        done[step] = detail
        checkpoint(f"year-{step}")
    gaps_seen = [Gap("recorded", text, ()) for text in done["gate"]["gaps"]]
    return ClosingResult(year, plan, gaps_seen, done)


def reopen_year(
    uow_factory: Callable[..., SqlUnitOfWork], year: AcademicYear, login: str, reason: str
) -> None:
    """Reopen a closed year: an explicit, recorded act with a reason (the next year stays
    open; closing the year again runs a new closure)."""
    if not reason.strip():
        raise DomainError("Переоткрыть учебный год можно только с указанием причины (--reason)")
    with uow_factory() as uow:
        ensure_admin(uow, login)
        state = {y.label: y.status for y in uow.years.years()}
        if state.get(year.label) != CLOSED:
            raise DomainError(f"{year.label} учебный год не закрыт")
        uow.years.set_status(year.label, OPEN)
        uow.years.add_action(year.label, "reopened", reason.strip(), login)
        uow.commit()
