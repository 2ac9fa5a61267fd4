"""Documents of the NOD schedule: for the latest version and the approved one, a weekly grid
per group (docx, one page each), the institution's grid (xlsx), the timetables of the
specialists and of the halls (docx); the curriculum (xlsx); the orders approving them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.curriculum_check import check_curriculum
from sgo_model.domain.movement import ORDER_SCAN
from sgo_model.domain.roles import FormKind
from sgo_model.domain.schedule import GroupWeek, ScheduleSlot, Teacher, clock, weekday_name
from sgo_model.intake.order_jobs import order_jobs
from sgo_model.intake.publishing import DocumentJob, PublishContext, Publisher, is_current
from sgo_model.office.files import code_sha256, fingerprint
from sgo_model.office.names import inside
from sgo_model.office.order_document import OrderText
from sgo_model.office.russian import long_date
from sgo_model.office.site import Site
from sgo_model.office.typography import typeset
from sgo_model.schedule.documents import curriculum_xlsx, grid_xlsx, timetable, timetable_docx
from sgo_model.schedule.documents.curriculum_xlsx import (
    CurriculumGroup,
    CurriculumLine,
    write_curriculum_xlsx,
)
from sgo_model.schedule.documents.grid_xlsx import ListedActivity, write_grid_xlsx
from sgo_model.schedule.documents.timetable import Entry, Stamp, Timetable, entry, week_of
from sgo_model.schedule.documents.timetable_docx import write_timetables_docx
from sgo_model.schedule.inputs import ScheduleInputs, read_inputs
from sgo_model.schedule.service import (
    CURRICULUM_ORDER,
    PUBLISHER,
    SCHEDULE_ORDER,
    to_slot,
)
from sgo_model.setup.signatory import head_signature
from sgo_model.store.orders import OrderRecord
from sgo_model.store.schedule import VersionRecord
from sgo_model.store.uow import SqlUnitOfWork

FOLDER = "Расписание НОД"
ORDER_KINDS = (SCHEDULE_ORDER, CURRICULUM_ORDER)
GROUPS_DOCX = "schedule_groups"
GRID_XLSX = "schedule_grid"
SPECIALISTS_DOCX = "schedule_specialists"
HALLS_DOCX = "schedule_halls"
CURRICULUM_XLSX = "curriculum"
_LAW = "Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»"
_SANPIN = (
    "СанПиН 1.2.3685-21 «Гигиенические нормативы и требования к обеспечению безопасности "
    "и (или) безвредности для человека факторов среды обитания»"
)


def _group_heading(group: GroupWeek) -> str:
    return f"Группа «{group.name}»"


def _group_kind(group: GroupWeek) -> str:
    """«старшая группа», «группа раннего возраста»."""
    label = group.category.label
    return label if label.startswith("группа") else f"{label} группа"


def _group_subheading(group: GroupWeek) -> str:
    return f"{_group_kind(group)}, для детей {group.category.ages}"


def _teacher_text(teacher: Teacher | None, *, post: bool) -> str:
    if teacher is None:
        return ""
    return f"{teacher.post} {teacher.name}" if post else teacher.name


def _is_specialist(inputs: ScheduleInputs, key: str | None) -> bool:
    teacher = inputs.plan.teacher(key)
    groups = {lesson.group for lesson in inputs.plan.lessons if lesson.teacher == key}
    return teacher is not None and (teacher.weekly_minutes is not None or len(groups) > 1)


def group_timetables(
    inputs: ScheduleInputs, slots: Sequence[ScheduleSlot], *, posts: bool = True
) -> list[Timetable]:
    """A week per group, in the order of age: the specialist (with the post, if ``posts``)
    and the hall where they lead."""

    def describe(slot: ScheduleSlot) -> Entry:
        who = (
            _teacher_text(inputs.plan.teacher(slot.teacher), post=posts)
            if _is_specialist(inputs, slot.teacher)
            else ""
        )
        return entry(slot, slot.kind, ", ".join(p for p in (who, slot.room or "") if p))

    return [
        Timetable(
            _group_heading(group),
            _group_subheading(group),
            week_of([s for s in slots if s.group == group.name], describe),
        )
        for group in inputs.plan.groups
    ]


def specialist_timetables(inputs: ScheduleInputs, slots: Sequence[ScheduleSlot]) -> list[Timetable]:
    """A week per specialist (a teacher with a rate's hours, or of several groups)."""
    found = []
    for teacher in inputs.plan.teachers:
        if not _is_specialist(inputs, teacher.key):
            continue
        own = [s for s in slots if s.teacher == teacher.key]
        minutes = sum(s.minutes for s in own)
        load = f"{minutes // 60} ч {minutes % 60:02d} мин занятий в неделю"
        rate = f"{teacher.rate} ставки, " if teacher.weekly_minutes is not None else ""
        found.append(
            Timetable(
                typeset(f"{teacher.post.capitalize()} {teacher.name}"),
                f"{rate}{load}",
                week_of(own, lambda s: entry(s, f"«{s.group}»: {s.kind}", s.room or "")),
            )
        )
    return found


def hall_timetables(inputs: ScheduleInputs, slots: Sequence[ScheduleSlot]) -> list[Timetable]:
    """A week per hall (a room other than the groups' own)."""
    found = []
    for room in inputs.rooms:
        own = [s for s in slots if s.room == room]
        found.append(
            Timetable(
                room[:1].upper() + room[1:],
                f"{len(own)} занятий в неделю" if len(own) != 1 else "1 занятие в неделю",
                week_of(
                    own,
                    lambda s: entry(s, f"«{s.group}»: {s.kind}", inputs.teacher_name(s.teacher)),
                ),
            )
        )
    return found


def listed(inputs: ScheduleInputs, slots: Sequence[ScheduleSlot]) -> list[ListedActivity]:
    """Every activity as a row of the flat list, by group, day and time."""
    order = {g.name: i for i, g in enumerate(inputs.plan.groups)}
    return [
        ListedActivity(
            s.group,
            weekday_name(s.day),
            clock(s.start),
            clock(s.end),
            s.kind,
            inputs.teacher_name(s.teacher),
            s.room or "",
        )
        for s in sorted(slots, key=lambda s: (order.get(s.group, 0), s.day, s.start))
    ]


def curriculum_groups(inputs: ScheduleInputs) -> list[CurriculumGroup]:
    """The curriculum per group, with its limits in words and what does not fit."""
    problems = check_curriculum(inputs.plan)
    groups = []
    for group in inputs.plan.groups:
        limits = group.limits
        weekly = (
            f"; в неделю не более {limits.weekly_activities}" if limits.weekly_activities else ""
        )
        day = (
            f"{min(limits.daily_minutes, 50)} мин, или 75 мин с одним занятием после сна"
            if group.senior
            else f"{limits.daily_minutes} мин"
        )
        groups.append(
            CurriculumGroup(
                group.name,
                [
                    CurriculumLine(
                        lesson.kind,
                        lesson.area.label,
                        inputs.teacher_name(lesson.teacher),
                        lesson.minutes,
                        lesson.weekly_count,
                    )
                    for lesson in inputs.plan.lessons
                    if lesson.group == group.name
                ],
                typeset(
                    f"{_group_kind(group)}: занятие до {limits.activity_minutes} мин, "
                    f"в день до {day}{weekly}"
                ),
                [p.message for p in problems if p.group == group.name],
            )
        )
    return groups


def _stamp(institution: str, year: AcademicYear, number: int, order: OrderRecord | None) -> Stamp:
    approval = f"приказом заведующего {order.reference}" if order and order.signed else None
    return Stamp(typeset(institution), year.label, number, approval)


def _layout(*modules: ModuleType) -> tuple[str, str]:
    """Documents laid out by code: the writer (the last module) stands in for the template's
    name, the hash of every module it uses for the template's hash."""
    writer = Path(str(modules[-1].__file__)).name
    return f"sgo_model/schedule/documents/{writer}", code_sha256(*modules)


def _draft(order: OrderRecord | None) -> str:
    return "" if order and order.signed else " (проект)"


def _version_jobs(
    site: Site,
    year: AcademicYear,
    institution: str,
    inputs: ScheduleInputs,
    version: VersionRecord,
    slots: list[ScheduleSlot],
    order: OrderRecord | None,
) -> list[DocumentJob]:
    stamp = _stamp(institution, year, version.number, order)
    folder = inside(
        site.documents, year.label.replace("/", "-"), FOLDER, f"Версия {version.number}"
    )
    status = "final" if order and order.signed else "draft"
    draft = _draft(order)
    docx_layout = _layout(timetable, timetable_docx)
    # kind, title, file name, layout, what it prints, its writer
    documents: list[tuple[str, str, str, tuple[str, str], list[Any], Callable[..., None]]] = [
        (
            GROUPS_DOCX,
            "Расписание НОД по группам",
            "Расписание НОД по группам.docx",
            docx_layout,
            [group_timetables(inputs, slots)],
            write_timetables_docx,
        ),
        (
            GRID_XLSX,
            "Сетка НОД учреждения",
            "Сетка НОД.xlsx",
            _layout(timetable, grid_xlsx),
            [group_timetables(inputs, slots, posts=False), listed(inputs, slots)],
            write_grid_xlsx,
        ),
        (
            SPECIALISTS_DOCX,
            "Расписание специалистов",
            "Расписание специалистов.docx",
            docx_layout,
            [specialist_timetables(inputs, slots)],
            write_timetables_docx,
        ),
        (
            HALLS_DOCX,
            "Расписание залов",
            "Расписание залов.docx",
            docx_layout,
            [hall_timetables(inputs, slots)],
            write_timetables_docx,
        ),
    ]
    return [
        DocumentJob(
            kind,
            str(version.number),
            f"{title}, версия № {version.number}{draft}",
            inside(folder, file_name.replace(".", f"{draft}.", 1)),
            *layout,
            fingerprint([stamp, *data]),
            partial(writer, stamp, *data),
            status,
        )
        for kind, title, file_name, layout, data, writer in documents
    ]


def _order_text(
    order: OrderRecord,
    uow: SqlUnitOfWork,
    institution: str,
    year: AcademicYear,
    inputs: ScheduleInputs,
    version: VersionRecord | None,
) -> OrderText:
    settings = uow.settings.load()
    acquainted = sorted(
        {f"{t.name}, {t.post}" for t in inputs.plan.teachers}, key=lambda text: text.lower()
    )
    if order.kind == SCHEDULE_ORDER:
        numbered = f" (версия № {version.number})" if version else ""
        preamble = (
            f"В соответствии с {_LAW}, {_SANPIN}, на основании учебного плана на {year.label} "
            "учебный год, в целях организации образовательной деятельности,"
        )
        items = [
            f"Утвердить расписание непосредственно образовательной деятельности на {year.label} "
            f"учебный год{numbered} согласно приложению.",
            f"Ввести расписание в действие с {long_date(order.effective_on)}",
            "Воспитателям групп и специалистам организовать непосредственно образовательную "
            "деятельность в соответствии с утверждённым расписанием.",
            "Старшему воспитателю разместить расписание на информационных стендах групп и на "
            "официальном сайте учреждения.",
        ]
    else:
        preamble = (
            f"В соответствии с {_LAW}, федеральной образовательной программой дошкольного "
            f"образования, {_SANPIN},"
        )
        items = [
            f"Утвердить учебный план на {year.label} учебный год (непосредственно "
            "образовательная деятельность по группам) согласно приложению.",
            "Педагогам организовать образовательную деятельность в соответствии с учебным планом.",
        ]
    return OrderText(
        institution=typeset(institution),
        address=typeset(settings.address),
        place=typeset(settings.place),
        date=order.order_date,
        number=order.number,
        title=typeset(order.title),
        preamble=typeset(preamble),
        items=[typeset(item) for item in items],
        head_post=typeset(settings.head_post),
        head_name=typeset(head_signature(uow)),
        acquainted=[typeset(a) for a in acquainted],
        draft=not order.signed,
    )


def plan_schedule(
    site: Site, uow_factory: Callable[..., SqlUnitOfWork], templates: Path, today: date
) -> list[DocumentJob]:
    """The schedule's documents whose data changed, and its orders without a document."""
    with uow_factory(read_only=True) as uow:
        institution = uow.institution.get()
        if institution is None:
            return []
        year = institution.current_year or AcademicYear.containing(today)
        inputs = read_inputs(uow)
        every = uow.schedule.versions()
        official = next((v for v in reversed(every) if v.approved), None)
        latest = every[-1] if every else None
        # The official version and the newest draft (one version when they are the same).
        versions = {v.id: v for v in (official, latest) if v is not None}.values()
        weeks = [
            (
                v,
                [to_slot(s) for s in uow.schedule.slots(v.id)],
                uow.orders.get(v.order_id) if v.order_id else None,
            )
            for v in versions
        ]
        curriculum_order_id = uow.schedule.curriculum_order(inputs.curriculum_sha256)
        curriculum_order = uow.orders.get(curriculum_order_id) if curriculum_order_id else None
        by_order = {v.order_id: v for v in every if v.order_id}
        texts = [
            (o, _order_text(o, uow, institution.name, year, inputs, by_order.get(o.id)))
            for o in uow.orders.all(ORDER_KINDS, without_document=True)
        ]
        previous = {(d.kind, d.key): d for d in uow.documents.list()}
    jobs = []
    for version, slots, order in weeks:
        jobs += _version_jobs(site, year, institution.name, inputs, version, slots, order)
    if inputs.plan.lessons:
        stamp = _stamp(institution.name, year, 0, curriculum_order)
        groups = curriculum_groups(inputs)
        jobs.append(
            DocumentJob(
                CURRICULUM_XLSX,
                "current",
                f"Учебный план на {year.label} учебный год{_draft(curriculum_order)}",
                inside(
                    site.documents,
                    year.label.replace("/", "-"),
                    FOLDER,
                    f"Учебный план{_draft(curriculum_order)}.xlsx",
                ),
                *_layout(timetable, curriculum_xlsx),
                fingerprint([stamp, groups]),
                partial(write_curriculum_xlsx, stamp, groups),
                "final" if curriculum_order and curriculum_order.signed else "draft",
            )
        )
    fresh = [
        job
        for job in jobs
        if not is_current(
            previous.get((job.kind, job.key)), job.context_sha256, job.template_sha256
        )
    ]
    return fresh + order_jobs(site, templates, texts)


@dataclass(frozen=True)
class ScheduleDocuments:
    """Publisher of the schedule's documents and orders."""

    name: str = PUBLISHER
    triggers: frozenset[str] = frozenset(
        {
            FormKind.SCHEDULE.value,
            FormKind.SCHEDULE_CONDITIONS.value,
            FormKind.NOD_KINDS.value,
            FormKind.GROUPS.value,
            FormKind.STAFF.value,
            FormKind.LOAD_LIMITS.value,
            ORDER_SCAN,
        }
    )

    def plan(self, context: PublishContext) -> list[DocumentJob]:
        return plan_schedule(context.site, context.uow, context.templates, context.today)


PUBLISHERS: tuple[Publisher, ...] = (ScheduleDocuments(),)
"""What the schedule registers with publishing."""
