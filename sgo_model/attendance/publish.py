"""Attendance documents: the month's blank sheets, timesheets 0504608 and their summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from sgo_model.attendance.documents import summary as summary_module
from sgo_model.attendance.documents import timesheet as timesheet_module
from sgo_model.attendance.documents import timesheet_frame
from sgo_model.attendance.documents.summary import SummaryRow, render_timesheet_summary
from sgo_model.attendance.documents.timesheet import render_timesheet
from sgo_model.attendance.documents.timesheet_data import (
    NOT_COVERED,
    TimesheetChild,
    TimesheetData,
)
from sgo_model.attendance.forms.blank import write_attendance_blank
from sgo_model.attendance.forms.model import (
    AttendanceBlank,
    SheetDay,
    SheetPupil,
    attendance_blank_name,
)
from sgo_model.attendance.service import GroupMonth, group_month, histories_by_group, members_of
from sgo_model.domain.attendance import FeeRule, Mark
from sgo_model.domain.calendar import AcademicYear, WorkingCalendar
from sgo_model.domain.indicators import tally_group
from sgo_model.domain.months import month_days, month_end
from sgo_model.domain.movement import ORDER_SCAN
from sgo_model.domain.people import distinct_names
from sgo_model.domain.settings import InstitutionSettings
from sgo_model.intake.publishing import (
    DocumentJob,
    PublishContext,
    Publisher,
    is_current,
    write_documents,
)
from sgo_model.office.files import code_sha256, fingerprint
from sgo_model.office.names import PART_BYTES, inside, safe_name
from sgo_model.office.russian import month_year
from sgo_model.office.site import Site
from sgo_model.setup.signatory import head_signature
from sgo_model.store.attendance import VersionRecord
from sgo_model.store.documents import DocumentRecord, RenderedDocument
from sgo_model.store.groups import GroupRecord
from sgo_model.store.uow import SqlUnitOfWork

BLANKS_FOLDER = "бланки"


def sheet_days(calendar: WorkingCalendar, month: date) -> tuple[SheetDay, ...]:
    """The month's days as a sheet shows them."""
    return tuple(
        SheetDay(day, calendar.is_working_day(day), calendar.why_closed(day))
        for day in month_days(month)
    )


def _teacher(group: GroupRecord) -> str:
    return group.teachers[0].signature if group.teachers else ""


def attendance_blank(uow: SqlUnitOfWork, state: GroupMonth, institution: str) -> AttendanceBlank:
    """The blank sheet of a group-month, pre-filled with its pupils and days."""
    names = uow.pupils.names(set(state.members))
    pupils = sorted(
        (
            SheetPupil(pupil, names[pupil][0].full, names[pupil][1], tuple(days))
            for pupil, days in state.members.items()
        ),
        key=lambda p: p.full_name,
    )
    return AttendanceBlank(
        institution,
        state.group.name,
        state.group.id,
        state.month,
        sheet_days(state.calendar, state.month),
        tuple(pupils),
        _teacher(state.group),
    )


def prepare_blanks(
    uow_factory: Callable[..., SqlUnitOfWork],
    month: date,
    out: Path | None = None,
    site: Site | None = None,
) -> list[Path]:
    """Write the month's blank sheet of every group: into ``out``, or into each teacher's
    ``inbox/<login>/бланки/`` folder (which intake never reads) when a site is given."""
    written = []
    with uow_factory() as uow:
        institution = uow.institution.get()
        name = institution.name if institution else ""
        led = uow.staff.groups_led()
        teachers = {u.login: set(led.get(u.login, ())) for u in uow.staff.users() if u.active}
        blanks = [
            attendance_blank(uow, group_month(uow, g, month), name) for g in uow.groups.groups()
        ]
    for blank in blanks:
        file_name = attendance_blank_name(blank)
        if out is not None:
            written.append(write_attendance_blank(blank, inside(out, file_name)))
        if site is not None:
            for login, groups in teachers.items():
                if blank.group in groups:
                    path = inside(site.user_inbox(login), BLANKS_FOLDER, file_name)
                    written.append(write_attendance_blank(blank, path))
    return written


TIMESHEET = "timesheet"
TIMESHEET_SUMMARY = "timesheet_summary"
TIMESHEET_LAYOUT = "sgo_model/attendance/documents/timesheet.py"
SUMMARY_LAYOUT = "sgo_model/attendance/documents/summary.py"


@dataclass(frozen=True)
class TimesheetHeading:
    """What every timesheet of the institution prints alike: names, codes, the fee rule."""

    institution: str
    made_on: date
    head: str
    settings: InstitutionSettings

    @classmethod
    def load(cls, uow: SqlUnitOfWork, made_on: date) -> TimesheetHeading:
        """The institution's heading as of ``made_on``."""
        institution = uow.institution.get()
        return cls(
            institution.name if institution else "",
            made_on,
            head_signature(uow),
            uow.settings.load(),
        )


def timesheet_data(
    uow: SqlUnitOfWork,
    state: GroupMonth,
    version: VersionRecord,
    marks: Mapping[tuple[int, date], Mark],
    heading: TimesheetHeading,
) -> TimesheetData:
    """The timesheet 0504608 of a group-month from its current version's marks."""
    days = month_days(state.month)
    working = tuple(state.calendar.is_working_day(day) for day in days)
    people = uow.pupils.names(set(state.members))
    names = distinct_names(people)
    accounts = uow.pupils.accounts(set(state.members))
    rule = FeeRule.parse(heading.settings.fee_rule)
    covered = version.covered_through
    children = []
    for pupil in sorted(state.members, key=lambda p: (people[p][0].full, people[p][1])):
        in_group = set(state.members[pupil])
        cells = []
        reasons: Counter[str] = Counter()
        missed = excused = attended = 0
        for day, works in zip(days, working, strict=True):
            mark = marks.get((pupil, day), Mark.PRESENT)
            if day not in in_group:
                cells.append("—")
            elif not works:
                cells.append("В")
            elif day > covered:
                cells.append(NOT_COVERED)
            elif mark.attended:
                cells.append("")
                attended += 1
            else:
                cells.append("Н")
                missed += 1
                excused += mark.excused
                reasons[mark.value] += 1
        by_reason = tuple(sorted(reasons.items()))
        children.append(
            TimesheetChild(
                names[pupil],
                tuple(cells),
                missed,
                excused,
                attended,
                rule.payable(attended, missed, excused),
                ", ".join(f"{code} — {count}" for code, count in by_reason),
                accounts.get(pupil, ""),
                heading.settings.daily_rate,
                pupil,
                by_reason,
            )
        )
    group = state.group
    title = f"группа «{group.name}» ({group.category.label}, {group.orientation.phrase})"
    return TimesheetData(
        institution=heading.institution,
        group_title=title,
        month=state.month,
        made_on=heading.made_on,
        number=str(version.timesheet_number),
        working=working,
        children=tuple(children),
        head=heading.head,
        teacher=_teacher(group),
        covered_through=covered,
        fee_rule=rule.label,
        okpo=heading.settings.okpo,
        head_post=heading.settings.head_post,
    )


@dataclass(frozen=True)
class CurrentSheet:
    """A group-month's current version of marks, who its timesheet lists on which days, and
    the fingerprint of everything the timesheet prints."""

    version: VersionRecord
    members: dict[int, list[date]]
    stamp: str

    @property
    def key(self) -> str:
        """«group id/YYYY-MM», the registry key of its timesheet."""
        return f"{self.version.group_id}/{self.version.month:%Y-%m}"


def current_sheets(uow: SqlUnitOfWork, settings: InstitutionSettings) -> list[CurrentSheet]:
    """Every group-month's current sheet."""
    versions = uow.attendance.current_versions()
    if not versions:  # a site with no sheet yet: no histories to load
        return []
    last = max(month_end(v.month) for v in versions)
    histories = histories_by_group(uow.attendance.all_histories(last, official=True))
    sheets = []
    for version in versions:
        month, group_id = version.month, version.group_id
        members = members_of(histories.get(group_id, {}), group_id, month, month_end(month))
        # The version fixes the marks, the signed orders who is listed on which days,
        # the settings the rest of what it prints.
        stamp = fingerprint(
            {
                "version": version.id,
                "heading": settings,
                "members": [(p, d[0], d[-1], len(d)) for p, d in sorted(members.items())],
            }
        )
        sheets.append(CurrentSheet(version, members, stamp))
    return sheets


def sheet_data(
    uow: SqlUnitOfWork,
    sheet: CurrentSheet,
    group: GroupRecord,
    calendar: WorkingCalendar,
    heading: TimesheetHeading,
) -> tuple[GroupMonth, TimesheetData]:
    """A current sheet's group-month and the timesheet it prints."""
    state = GroupMonth(group, sheet.version.month, calendar, sheet.members)
    marks = uow.attendance.marks(sheet.version.id)
    return state, timesheet_data(uow, state, sheet.version, marks, heading)


def _folder(site: Site, month: date) -> Path:
    year = AcademicYear.containing(month).label.replace("/", "-")
    return inside(site.documents, year, "Табели", f"{month:%Y-%m}")


def timesheet_name(group: str, month: date) -> str:
    """The file name of a group's timesheet: «Табель Ромашка 2026-10.xlsx»."""
    return f"Табель {safe_name(group, limit=PART_BYTES)} {month:%Y-%m}.xlsx"


def render_timesheets(
    site: Site,
    uow_factory: Callable[..., SqlUnitOfWork],
    only: Collection[tuple[int, date]] | None = None,
    today: date | None = None,
) -> list[DocumentRecord]:
    """Render and register what :func:`plan_timesheets` plans."""
    return write_documents(uow_factory, plan_timesheets(site, uow_factory, only, today))


def plan_timesheets(
    site: Site,
    uow_factory: Callable[..., SqlUnitOfWork],
    only: Collection[tuple[int, date]] | None = None,
    today: date | None = None,
) -> list[DocumentJob]:
    """The timesheet of every group-month whose current version has none yet (or of
    ``only`` those), and the summaries of their months."""
    today = today or date.today()
    layout_sha = code_sha256(timesheet_module, timesheet_frame)
    summary_sha = code_sha256(summary_module)
    with uow_factory(read_only=True) as uow:
        heading = TimesheetHeading.load(uow, today)
        name = heading.institution
        existing = {d.key: d for d in uow.documents.list(TIMESHEET)}
        groups = {g.id: g for g in uow.groups.groups()}
        calendar = uow.calendar.load()
        states: dict[tuple[int, date], GroupMonth] = {}
        work = []
        for sheet in current_sheets(uow, heading.settings):
            version, key, stamp = sheet.version, sheet.key, sheet.stamp
            month, group_id = version.month, version.group_id
            wanted = only is None or (group_id, month) in only
            fresh = is_current(existing.get(key), stamp, layout_sha)
            if not wanted or (only is None and fresh):
                continue
            state, data = sheet_data(uow, sheet, groups[group_id], calendar, heading)
            states[(group_id, month)] = state
            work.append((key, stamp, state, data))
        months = sorted({state.month for _, _, state, _ in work})
        summaries = {month: _summary_rows(uow, groups, month, states) for month in months}
    jobs = []
    for key, stamp, state, data in work:
        jobs.append(
            DocumentJob(
                TIMESHEET,
                key,
                f"Табель посещаемости{' (предварительный)' if data.preliminary else ''}: "
                f"группа «{state.group.name}», {month_year(state.month)}",
                inside(_folder(site, state.month), timesheet_name(state.group.name, state.month)),
                TIMESHEET_LAYOUT,
                layout_sha,
                stamp,
                partial(render_timesheet, data),
                status="preliminary" if data.preliminary else "final",
            )
        )
    for month, rows in summaries.items():
        jobs.append(
            DocumentJob(
                TIMESHEET_SUMMARY,
                f"{month:%Y-%m}",
                f"Сводный табель посещаемости за {month_year(month)}",
                inside(_folder(site, month), f"Сводный табель {month:%Y-%m}.xlsx"),
                SUMMARY_LAYOUT,
                summary_sha,
                fingerprint(rows),
                partial(render_timesheet_summary, name, month, rows),
            )
        )
    return jobs


def coverage_label(month: date, last: date, covered: date) -> str:
    """What a group-month's sheet covers, in a word: «весь месяц», «по 15.10», «нет отметок»."""
    if covered >= last:
        return "весь месяц"
    return "нет отметок" if covered < month else f"по {covered:%d.%m}"


def _summary_rows(
    uow: SqlUnitOfWork,
    groups: Mapping[int, GroupRecord],
    month: date,
    known: Mapping[tuple[int, date], GroupMonth],
) -> list[SummaryRow]:
    """A month's figures per group, from the submitted sheets."""
    last = month_end(month)
    marks: dict[int, dict[tuple[int, date], Mark]] = {}
    for stored in uow.attendance.current_marks(month, last):
        marks.setdefault(stored.group_id, {})[(stored.pupil_id, stored.day)] = stored.mark
    rows = []
    for version in uow.attendance.current_versions():
        if version.month != month:
            continue
        state = known.get((version.group_id, month)) or group_month(
            uow, groups[version.group_id], month, official=True
        )
        covered = min(version.covered_through, last)
        tally = tally_group(
            state.members, marks.get(version.group_id, {}), state.calendar, {}, month, covered
        )
        rows.append(
            SummaryRow(
                state.group.name,
                len(state.members),
                tally.working_days,
                tally.attended,
                tally.missed,
                tally.illness,
                tally.excused,
                coverage_label(month, last, covered),
                not version.complete,
            )
        )
    return sorted(rows, key=lambda r: r.group)


BLANKS_DOCUMENT = "attendance_blanks"


def blanks_due(uow_factory: Callable[..., SqlUnitOfWork], today: date) -> date | None:
    """The month whose blanks are due today: from its first working day, until prepared."""
    month = today.replace(day=1)
    with uow_factory() as uow:
        calendar = uow.calendar.load()
        done = uow.documents.get(BLANKS_DOCUMENT, f"{month:%Y-%m}") is not None
    first_working = next(calendar.working_days(month, month_end(month)), None)
    if done or first_working is None or today < first_working:
        return None
    return month


def prepare_month_blanks(
    site: Site, uow_factory: Callable[..., SqlUnitOfWork], month: date
) -> list[Path]:
    """Write the month's blanks into the teachers' folders and note that it was done."""
    paths = prepare_blanks(uow_factory, month, site=site)
    stamp = fingerprint([str(p) for p in paths])
    with uow_factory() as uow:
        uow.documents.register(
            RenderedDocument(
                BLANKS_DOCUMENT,
                f"{month:%Y-%m}",
                f"Бланки листов посещаемости за {month_year(month)}",
                str(site.inbox),
                "sgo_model/attendance/forms/blank.py",
                "",
                stamp,
                stamp,
            )
        )
        uow.commit()
    return paths


@dataclass(frozen=True)
class Timesheets:
    """Publisher of the timesheets 0504608 and the month's summary."""

    name: str = "timesheets"
    # A sheet changes the marks; movement, an application, a pupils form or a signed order
    # changes who is listed on which days.
    triggers: frozenset[str] = frozenset(
        {"attendance", "movement", "application", "pupils", ORDER_SCAN}
    )

    def plan(self, context: PublishContext) -> list[DocumentJob]:
        return plan_timesheets(context.site, context.uow, today=context.today)


PUBLISHERS: tuple[Publisher, ...] = (Timesheets(),)
"""What attendance registers with publishing."""
