"""The watch over the data itself (полнота, качество, оперативность): which group-months of
attendance and which diagnostics are missing, how late each came, how many files each
submitter had refused and why, which orders wait for the head's signature too long; and the
reminders owed to the people responsible."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sgo_model.attendance.completeness import attendance_timeliness
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.diagnostics import Period
from sgo_model.domain.roles import Role
from sgo_model.domain.text import plural
from sgo_model.intake.receipts import receipt_from_json
from sgo_model.office.clock import local
from sgo_model.office.russian import month_name
from sgo_model.store.uow import SqlUnitOfWork

QUALITY_XLSX = "data_quality"
QUALITY_KEY = "site"
"""The watch's workbook in the documents registry: its title carries the headline."""
_QUOTED = re.compile(r"«[^«»]*(?:«[^«»]*»[^«»]*)*»|\d+([.,:]\d+)*")


@dataclass(frozen=True)
class Due:
    """Something owed by a day: a group-month's sheet or a group's diagnostics."""

    what: str
    """«табель группы «Ромашка» за ноябрь 2026 г.», «начальная диагностика группы …»"""
    group: str
    due: date
    state: str  # missing | late | on_time
    days_late: int
    submitted_by: str | None
    responsible: tuple[str, ...]
    """Logins of those who owe it (the group's teachers)."""
    not_sent: str = "не сдан"
    """«не сдан» or «не сдана», agreeing with ``what``."""


@dataclass(frozen=True)
class SubmitterFiles:
    """A submitter's files over the period: how many, how many refused, the usual reasons."""

    login: str
    files: int
    rejected: int
    reasons: tuple[tuple[str, int], ...]

    @property
    def rejected_percent(self) -> int:
        """The share refused, in whole per cent."""
        return round(100 * self.rejected / self.files) if self.files else 0


@dataclass(frozen=True)
class UnsignedOrder:
    """An order waiting for the head's signature longer than it should."""

    number: str
    title: str
    order_date: date
    days: int


@dataclass
class DataQuality:
    """The watch over a period."""

    first: date
    last: date
    today: date
    attendance: list[Due] = field(default_factory=list)
    diagnostics: list[Due] = field(default_factory=list)
    submitters: list[SubmitterFiles] = field(default_factory=list)
    unsigned: list[UnsignedOrder] = field(default_factory=list)
    heads: tuple[str, ...] = ()
    """Logins of the head (reminded of unsigned orders)."""
    unsigned_days: int = 10
    """Days after which an unsigned order is overdue (the setting ``unsigned_order_days``)."""

    @property
    def missing(self) -> list[Due]:
        """Everything owed and not sent."""
        return [d for d in (*self.attendance, *self.diagnostics) if d.state == "missing"]

    def headline(self) -> str:
        """One Russian line for ``sgo status`` and the artifacts."""
        sheets = sum(d.state == "missing" for d in self.attendance)
        diagnostics = sum(d.state == "missing" for d in self.diagnostics)
        late = sum(d.state == "late" for d in (*self.attendance, *self.diagnostics))
        files = sum(s.files for s in self.submitters)
        rejected = sum(s.rejected for s in self.submitters)
        share = round(100 * rejected / files) if files else 0
        return (
            f"Не сданы: {plural(sheets, 'табель', 'табеля', 'табелей')}, "
            f"{plural(diagnostics, 'диагностика', 'диагностики', 'диагностик')}; "
            f"сданы с опозданием: {late}; отклонено файлов: {rejected} из {files} "
            f"({share}\u00a0%); приказов без подписи дольше "
            f"{plural(self.unsigned_days, 'дня', 'дней', 'дней')}: "
            f"{len(self.unsigned)}"
        )

    def as_json(self) -> dict[str, Any]:
        """Everything, for ``--json``."""

        def due(d: Due) -> dict[str, Any]:
            return {
                "what": d.what,
                "group": d.group,
                "due": d.due.isoformat(),
                "state": d.state,
                "days_late": d.days_late,
                "submitted_by": d.submitted_by,
                "responsible": list(d.responsible),
            }

        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "attendance": [due(d) for d in self.attendance],
            "diagnostics": [due(d) for d in self.diagnostics],
            "submitters": [
                {
                    "login": s.login,
                    "files": s.files,
                    "rejected": s.rejected,
                    "rejected_percent": s.rejected_percent,
                    "reasons": [{"reason": r, "count": n} for r, n in s.reasons],
                }
                for s in self.submitters
            ],
            "unsigned_orders": [
                {
                    "number": o.number,
                    "title": o.title,
                    "date": o.order_date.isoformat(),
                    "days": o.days,
                }
                for o in self.unsigned
            ],
            "headline": self.headline(),
        }


def reason_of(message: str) -> str:
    """A refusal's message with its particulars («значение», numbers) taken out, so that the
    same mistake counts as one reason."""
    return re.sub(r"\s+", " ", _QUOTED.sub("…", message)).strip()


def data_quality(
    uow: SqlUnitOfWork, today: date, first: date | None = None, last: date | None = None
) -> DataQuality:
    """The watch from ``first`` to ``last`` (default: the current year up to today)."""
    year = uow.institution.year_of(today)
    first = first or year.first_day
    last = min(last or today, today)
    report = DataQuality(first, last, today)
    report.unsigned_days = int(uow.settings.load().unsigned_order_days)
    teachers = group_teachers(uow)
    report.heads = logins_of(uow, Role.HEAD)
    for state in attendance_timeliness(uow, first, last, today):
        report.attendance.append(
            Due(
                f"табель группы «{state.group}» за {month_name(state.month.month)} "
                f"{state.month.year}\u00a0г.",
                state.group,
                state.due,
                state.state,
                state.days_late,
                state.login,
                tuple(teachers.get(state.group, ())),
            )
        )
    report.diagnostics = diagnostics_dues(uow, first, last, today, teachers)
    report.submitters = _submitters(uow, first, last)
    report.unsigned = [
        UnsignedOrder(o.number, o.title, o.order_date, (today - o.order_date).days)
        for o in uow.orders.all()
        if not o.signed and (today - o.order_date).days > report.unsigned_days
    ]
    return report


def group_teachers(uow: SqlUnitOfWork) -> dict[str, list[str]]:
    """Group name → the logins of its active teachers."""
    teachers: dict[str, list[str]] = defaultdict(list)
    led = uow.staff.groups_led()
    for user in uow.staff.users():
        if user.active and user.role is Role.TEACHER:
            for name in led.get(user.login, ()):
                teachers[name].append(user.login)
    return teachers


def logins_of(uow: SqlUnitOfWork, role: Role) -> tuple[str, ...]:
    """The logins of the active users with a role."""
    return tuple(u.login for u in uow.staff.users() if u.active and u.role is role)


def diagnostics_dues(
    uow: SqlUnitOfWork, first: date, last: date, today: date, teachers: dict[str, list[str]]
) -> list[Due]:
    """Every group's diagnostics due between two days (and by ``today``): missing, late or
    on time, with its teachers as responsible."""
    settings = uow.settings.load()
    dues = {Period.START: settings.diagnostics_start_due, Period.END: settings.diagnostics_end_due}
    states = []
    years = range(
        AcademicYear.containing(first).start_year, AcademicYear.containing(last).start_year + 1
    )
    groups = uow.groups.groups()
    for start_year in years:
        year = AcademicYear(start_year)
        first_versions: dict[tuple[int, str], Any] = {}
        for version in uow.diagnostics.versions(year.label):
            first_versions.setdefault((version.group_id, version.period), version)
        for period in Period:
            due = period.due(start_year, dues[period])
            if not first <= due <= last or due > today:
                continue
            for group in groups:
                came = first_versions.get((group.id, period.value))
                what = f"{period.title.lower()} группы «{group.name}» за {year.label} учебный год"
                if came is None:
                    state, late, by = "missing", 0, None
                else:
                    day = local(came.created_at, settings.time_zone).date()
                    late = max(0, (day - due).days)
                    state, by = ("late" if late else "on_time"), came.login
                responsible = tuple(teachers.get(group.name, ()))
                states.append(Due(what, group.name, due, state, late, by, responsible, "не сдана"))
    return states


def _submitters(uow: SqlUnitOfWork, first: date, last: date) -> list[SubmitterFiles]:
    files: Counter[str] = Counter()
    rejected: Counter[str] = Counter()
    reasons: dict[str, Counter[str]] = defaultdict(Counter)
    for submission in uow.submissions.between(first, last + timedelta(days=1)):
        if submission.status == "duplicate":
            continue
        files[submission.login] += 1
        if submission.status != "rejected":
            continue
        rejected[submission.login] += 1
        if submission.receipt:
            receipt = receipt_from_json(submission.receipt)
            messages = [p.message for p in receipt.errors] or [receipt.reason or ""]
            for message in dict.fromkeys(reason_of(m) for m in messages if m):
                reasons[submission.login][message] += 1
    return [
        SubmitterFiles(login, count, rejected[login], tuple(reasons[login].most_common(3)))
        for login, count in sorted(files.items())
    ]


def quality_headline(uow: SqlUnitOfWork) -> str | None:
    """The watch's headline as of the last intake pass (``None`` before the first): the
    title of its workbook, «Качество данных: …. Не сданы: …»."""
    record = uow.documents.get(QUALITY_XLSX, QUALITY_KEY)
    return record.title.partition(". ")[2] if record else None
