"""The NOD schedule as stored: the conditions of the form «Условия расписания», and every
version of the week with its slots."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, func, insert, select, update

from sgo_model.store.tables import (
    academic_years,
    curriculum_approvals,
    employees,
    groups,
    orders,
    schedule_conditions,
    schedule_slots,
    schedule_versions,
)


@dataclass(frozen=True)
class ConditionRecord:
    """A stored condition: ``who_kind`` ``group``/``teacher``/``room``; ``who`` the group's
    or room's name or the teacher's personnel number; ``regime`` a
    :class:`~sgo_model.domain.schedule.Regime` value or ``pin``."""

    who_kind: str
    who: str
    day: int | None
    start: int
    end: int | None
    regime: str
    kind: str | None = None
    source_row: int | None = None


@dataclass(frozen=True)
class StoredSlot:
    """One activity of a stored version: the group's name, the teacher's personnel number."""

    group: str
    kind: str
    day: int
    start: int
    end: int
    teacher: str | None
    room: str | None
    source_row: int | None = None


@dataclass(frozen=True)
class VersionRecord:
    """A version of the schedule; approved once its order is signed."""

    id: int
    number: int
    source: str
    created_at: datetime
    created_by: str | None
    note: str | None
    inputs_sha256: str
    order_id: int | None
    order_number: str | None
    order_status: str | None

    @property
    def approved(self) -> bool:
        """Whether the head signed the order approving it."""
        return self.order_status == "signed"


@dataclass(frozen=True)
class NewVersion:
    """A version to store."""

    source: str
    slots: Sequence[StoredSlot]
    inputs_sha256: str
    note: str | None = None
    created_by: str | None = None
    submission_id: int | None = None


def _version(r: Row[Any]) -> VersionRecord:
    return VersionRecord(
        r.id,
        r.number,
        r.source,
        r.created_at,
        r.created_by,
        r.note,
        r.inputs_sha256,
        r.order_id,
        r.order_number,
        r.order_status,
    )


class ScheduleRepository:
    """Conditions and versions of the week."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def conditions(self) -> list[ConditionRecord]:
        """The conditions, in the order they were given."""
        rows = self.connection.execute(
            select(schedule_conditions).order_by(schedule_conditions.c.id)
        )
        return [
            ConditionRecord(
                r.who_kind, r.who, r.day, r.starts, r.ends, r.regime, r.kind, r.source_row
            )
            for r in rows
        ]

    def replace_conditions(
        self, conditions: Sequence[ConditionRecord], submission_id: int | None
    ) -> None:
        """Replace every condition with ``conditions``."""
        self.connection.execute(delete(schedule_conditions))
        if conditions:
            self.connection.execute(
                insert(schedule_conditions),
                [
                    {
                        "who_kind": c.who_kind,
                        "who": c.who,
                        "day": c.day,
                        "starts": c.start,
                        "ends": c.end,
                        "regime": c.regime,
                        "kind": c.kind,
                        "submission_id": submission_id,
                        "source_row": c.source_row,
                    }
                    for c in conditions
                ],
            )

    def _year(self) -> Any:
        """The current school year's id (a version belongs to the year it was made in)."""
        return select(academic_years.c.id).where(academic_years.c.is_current).scalar_subquery()

    def _versions(self) -> Any:
        return (
            select(
                schedule_versions,
                orders.c.number.label("order_number"),
                orders.c.status.label("order_status"),
            )
            .outerjoin(orders, orders.c.id == schedule_versions.c.order_id)
            .where(schedule_versions.c.year_id == self._year())
            .order_by(schedule_versions.c.number)
        )

    def versions(self) -> list[VersionRecord]:
        """Every version of the current school year, oldest first."""
        return [_version(r) for r in self.connection.execute(self._versions())]

    def latest(self) -> VersionRecord | None:
        """The newest version."""
        found = self.versions()
        return found[-1] if found else None

    def approved(self) -> VersionRecord | None:
        """The newest version whose order is signed: the official schedule."""
        return next((v for v in reversed(self.versions()) if v.approved), None)

    def version(self, number: int) -> VersionRecord | None:
        """The version of that number."""
        return next((v for v in self.versions() if v.number == number), None)

    def add_version(self, version: NewVersion) -> VersionRecord:
        """Store a new version with its slots."""
        year = self.connection.execute(select(self._year())).scalar()
        latest = select(func.max(schedule_versions.c.number)).where(
            schedule_versions.c.year_id == year
        )
        number = (self.connection.execute(latest).scalar() or 0) + 1
        version_id = int(
            self.connection.execute(
                insert(schedule_versions)
                .values(
                    year_id=year,
                    number=number,
                    source=version.source,
                    created_at=datetime.now(UTC),
                    created_by=version.created_by,
                    submission_id=version.submission_id,
                    note=version.note,
                    inputs_sha256=version.inputs_sha256,
                )
                .returning(schedule_versions.c.id)
            ).scalar_one()
        )
        group_ids = {
            r.name: r.id for r in self.connection.execute(select(groups.c.name, groups.c.id))
        }
        people = {
            r.personnel_number: r.id
            for r in self.connection.execute(select(employees.c.personnel_number, employees.c.id))
        }
        if version.slots:
            self.connection.execute(
                insert(schedule_slots),
                [
                    {
                        "version_id": version_id,
                        "group_id": group_ids[s.group],
                        "kind": s.kind,
                        "day": s.day,
                        "starts": s.start,
                        "ends": s.end,
                        "employee_id": people.get(s.teacher) if s.teacher else None,
                        "room": s.room,
                        "source_row": s.source_row,
                    }
                    for s in version.slots
                ],
            )
        found = self.version(number)
        assert found is not None
        return found

    def slots(self, version_id: int) -> list[StoredSlot]:
        """The activities of a version, by group, day and time."""
        rows = self.connection.execute(
            select(
                schedule_slots,
                groups.c.name.label("group_name"),
                employees.c.personnel_number,
            )
            .join(groups, groups.c.id == schedule_slots.c.group_id)
            .outerjoin(employees, employees.c.id == schedule_slots.c.employee_id)
            .where(schedule_slots.c.version_id == version_id)
            .order_by(groups.c.id, schedule_slots.c.day, schedule_slots.c.starts)
        )
        return [
            StoredSlot(
                r.group_name,
                r.kind,
                r.day,
                r.starts,
                r.ends,
                r.personnel_number,
                r.room,
                r.source_row,
            )
            for r in rows
        ]

    def set_order(self, version_id: int, order_id: int) -> None:
        """The order that approves a version."""
        self.connection.execute(
            update(schedule_versions)
            .where(schedule_versions.c.id == version_id)
            .values(order_id=order_id)
        )

    def curriculum_order(self, inputs_sha256: str) -> int | None:
        """The order that approved this curriculum, if one did."""
        return self.connection.execute(
            select(curriculum_approvals.c.order_id)
            .where(curriculum_approvals.c.inputs_sha256 == inputs_sha256)
            .order_by(curriculum_approvals.c.id.desc())
            .limit(1)
        ).scalar()

    def add_curriculum_approval(self, inputs_sha256: str, order_id: int) -> None:
        """Record the order approving a curriculum."""
        self.connection.execute(
            insert(curriculum_approvals).values(
                inputs_sha256=inputs_sha256, created_at=datetime.now(UTC), order_id=order_id
            )
        )
