"""Attendance as stored: versions of each group-month and their absence marks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, Connection, func, insert, select, true, update

from sgo_model.domain.attendance import Mark
from sgo_model.domain.months import month_end
from sgo_model.domain.movement import MovementKind, PastEvent
from sgo_model.store.counters import TIMESHEET_COUNTER, CounterRepository
from sgo_model.store.official import official_event
from sgo_model.store.tables import attendance_marks, attendance_versions, movement_events


@dataclass(frozen=True)
class VersionRecord:
    """One submitted version of a group-month."""

    id: int
    group_id: int
    month: date
    version: int
    is_current: bool
    login: str
    changes: str | None
    created_at: datetime
    submission_id: int | None
    covered_through: date
    timesheet_number: int

    @property
    def complete(self) -> bool:
        """Whether the version covers the whole month (else its figures are preliminary)."""
        return self.covered_through >= month_end(self.month)


@dataclass(frozen=True)
class StoredMark:
    """An absence in the current version of a group-month."""

    group_id: int
    pupil_id: int
    day: date
    mark: Mark


class AttendanceRepository:
    """Versions and marks."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def current(self, group_id: int, month: date) -> VersionRecord | None:
        """The current version of a group-month, if any was submitted."""
        row = self.connection.execute(
            select(attendance_versions).where(
                attendance_versions.c.group_id == group_id,
                attendance_versions.c.month == month,
                attendance_versions.c.is_current.is_(True),
            )
        ).first()
        return VersionRecord(**row._mapping) if row else None

    def current_versions(self) -> list[VersionRecord]:
        """The current version of every submitted group-month."""
        rows = self.connection.execute(
            select(attendance_versions).where(attendance_versions.c.is_current.is_(True))
        )
        return [VersionRecord(**r._mapping) for r in rows]

    def history(self, group_id: int, month: date) -> list[VersionRecord]:
        """Every version of a group-month, oldest first."""
        rows = self.connection.execute(
            select(attendance_versions)
            .where(attendance_versions.c.group_id == group_id, attendance_versions.c.month == month)
            .order_by(attendance_versions.c.version)
        )
        return [VersionRecord(**r._mapping) for r in rows]

    def marks(self, version_id: int) -> dict[tuple[int, date], Mark]:
        """The absences of a version."""
        rows = self.connection.execute(
            select(attendance_marks).where(attendance_marks.c.version_id == version_id)
        )
        return {(r.pupil_id, r.day): Mark(r.mark) for r in rows}

    def add_version(
        self,
        group_id: int,
        month: date,
        login: str,
        changes: str | None,
        submission_id: int | None,
        marks: Sequence[tuple[int, date, Mark, int]],
        covered_through: date,
    ) -> int:
        """Store a new current version with its absences; returns its number. The first
        version of a group-month takes the year's next timesheet number, later ones keep it."""
        latest, timesheet = self.connection.execute(
            select(
                func.max(attendance_versions.c.version),
                func.max(attendance_versions.c.timesheet_number),
            ).where(
                attendance_versions.c.group_id == group_id, attendance_versions.c.month == month
            )
        ).one()
        number = (latest or 0) + 1
        if timesheet is None:
            timesheet = CounterRepository(self.connection).next(TIMESHEET_COUNTER, month.year)
        self.connection.execute(
            update(attendance_versions)
            .where(attendance_versions.c.group_id == group_id, attendance_versions.c.month == month)
            .values(is_current=False)
        )
        version_id = self.connection.execute(
            insert(attendance_versions)
            .values(
                group_id=group_id,
                month=month,
                version=number,
                is_current=True,
                login=login,
                changes=changes,
                created_at=datetime.now(UTC),
                submission_id=submission_id,
                covered_through=covered_through,
                timesheet_number=timesheet,
            )
            .returning(attendance_versions.c.id)
        ).scalar_one()
        if marks:
            self.connection.execute(
                insert(attendance_marks),
                [
                    {
                        "version_id": version_id,
                        "pupil_id": p,
                        "day": d,
                        "mark": m.value,
                        "source_row": row,
                    }
                    for p, d, m, row in marks
                ],
            )
        return number

    def current_marks(self, first: date, last: date) -> list[StoredMark]:
        """Absences of the current versions within a period."""
        rows = self.connection.execute(
            select(attendance_versions.c.group_id, attendance_marks)
            .join(attendance_versions, attendance_versions.c.id == attendance_marks.c.version_id)
            .where(
                attendance_versions.c.is_current.is_(True),
                attendance_marks.c.day.between(first, last),
            )
        )
        return [StoredMark(r.group_id, r.pupil_id, r.day, Mark(r.mark)) for r in rows]

    def submitted(self) -> dict[tuple[int, date], tuple[datetime, int]]:
        """For every submitted group-month: when it first came and how many versions it has."""
        rows = self.connection.execute(
            select(
                attendance_versions.c.group_id,
                attendance_versions.c.month,
                func.min(attendance_versions.c.created_at),
                func.count(),
            ).group_by(attendance_versions.c.group_id, attendance_versions.c.month)
        )
        return {(g, m): (first, count) for g, m, first, count in rows}

    def first_versions(self) -> dict[tuple[int, date], tuple[datetime, str]]:
        """For every submitted group-month: when its first version came, and from whom."""
        t = attendance_versions
        rows = self.connection.execute(
            select(t.c.group_id, t.c.month, t.c.created_at, t.c.login).where(t.c.version == 1)
        )
        return {(g, m): (created, login) for g, m, created, login in rows}

    def group_histories(
        self, group_id: int, until: date, *, official: bool = False
    ) -> dict[int, list[PastEvent]]:
        """Movement histories up to a date of every pupil ever placed in a group (with
        ``official``, of the events that count officially only)."""
        ever = select(movement_events.c.pupil_id).where(movement_events.c.group_id == group_id)
        return self._histories(until, movement_events.c.pupil_id.in_(ever), official)

    def all_histories(self, until: date, *, official: bool = False) -> dict[int, list[PastEvent]]:
        """Movement histories up to a date of every pupil (with ``official``, of the events
        that count officially only)."""
        return self._histories(until, true(), official)

    def _histories(
        self, until: date, which: ColumnElement[bool], official: bool
    ) -> dict[int, list[PastEvent]]:
        rows = self.connection.execute(
            select(
                movement_events.c.pupil_id,
                movement_events.c.kind,
                movement_events.c.effective_on,
                movement_events.c.group_id,
            )
            .where(
                which,
                movement_events.c.effective_on <= until,
                official_event() if official else true(),
            )
            .order_by(
                movement_events.c.pupil_id, movement_events.c.effective_on, movement_events.c.id
            )
        )
        histories: dict[int, list[PastEvent]] = {}
        for r in rows:
            histories.setdefault(r.pupil_id, []).append(
                PastEvent(MovementKind(r.kind), r.effective_on, r.group_id)
            )
        return histories
