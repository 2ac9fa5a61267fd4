"""Groups, their teachers, curriculum profiles, load limits and kinds of NOD."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Connection, delete, func, insert, select, update

from sgo_model.domain.age import AgeCategory, Orientation
from sgo_model.domain.conditions import Condition, ConditionCap, default_caps
from sgo_model.domain.group import Group
from sgo_model.domain.limits import LoadLimits
from sgo_model.domain.people import PersonName
from sgo_model.domain.stay import StayMode
from sgo_model.store.tables import (
    condition_caps,
    employees,
    group_teachers,
    groups,
    load_limits,
    nod_kinds,
    profiles,
)


@dataclass(frozen=True)
class GroupRecord:
    """A stored group."""

    id: int
    name: str
    category: AgeCategory
    orientation: Orientation
    area_m2: Decimal
    profile: str | None
    teachers: tuple[PersonName, ...] = ()
    condition: Condition | None = None
    stay_mode: StayMode = StayMode.FULL

    @property
    def group(self) -> Group:
        """The group as the domain rules see it."""
        return Group(
            self.name, self.category, self.orientation, self.area_m2, self.profile, self.condition
        )


@dataclass(frozen=True)
class NodKindRow:
    """A kind of NOD of a group, ready to store."""

    name: str
    area: str
    weekly_count: int
    employee_id: int | None
    room: str | None
    source_row: int


class GroupRepository:
    """Groups and what belongs to them."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    # profiles
    def profiles(self) -> dict[str, int]:
        """Profile ids by name."""
        return {
            r.name: r.id for r in self.connection.execute(select(profiles.c.id, profiles.c.name))
        }

    def save_profile(
        self,
        name: str,
        orientation: Orientation,
        description: str | None,
        submission_id: int,
        row: int,
    ) -> bool:
        """Create or update a profile; ``True`` when created."""
        values = {
            "orientation": orientation.value,
            "description": description,
            "submission_id": submission_id,
            "source_row": row,
        }
        existing = self.profiles().get(name)
        if existing is None:
            self.connection.execute(insert(profiles).values(name=name, **values))
            return True
        self.connection.execute(update(profiles).where(profiles.c.id == existing).values(**values))
        return False

    # load limits
    def limits(self) -> dict[AgeCategory, LoadLimits]:
        """Load limits by category."""
        return {
            AgeCategory(r.category): LoadLimits(
                AgeCategory(r.category), r.activity_minutes, r.daily_minutes, r.weekly_activities
            )
            for r in self.connection.execute(select(load_limits))
        }

    def save_limits(
        self, limits: LoadLimits, submission_id: int | None = None, row: int | None = None
    ) -> bool:
        """Create or replace the limits of a category; ``True`` when created."""
        values = {
            "activity_minutes": limits.activity_minutes,
            "daily_minutes": limits.daily_minutes,
            "weekly_activities": limits.weekly_activities,
        }
        origin = {"submission_id": submission_id, "source_row": row}
        return self._replace(load_limits.c.category, limits.category.value, {**values, **origin})

    # caps by condition
    def condition_caps(self) -> dict[Condition, ConditionCap]:
        """The caps of compensating and combined groups by condition: the defaults, with the
        institution's edits over them."""
        caps = default_caps()
        for r in self.connection.execute(select(condition_caps)):
            condition = Condition(r.condition)
            figures = caps[condition].figures()
            caps[condition] = ConditionCap(condition, **{k: r._mapping[k] for k in figures})
        return caps

    def save_condition_cap(self, cap: ConditionCap, submission_id: int, row: int) -> bool:
        """Create or replace the caps of a condition; ``True`` when the default was replaced
        for the first time."""
        origin = {"submission_id": submission_id, "source_row": row}
        return self._replace(
            condition_caps.c.condition, cap.condition.value, {**cap.figures(), **origin}
        )

    def _replace(self, key_column: Column[Any], key: str, values: Mapping[str, object]) -> bool:
        """Insert or update the row of a table keyed by one column; ``True`` when inserted."""
        table = key_column.table
        exists = self.connection.execute(select(key_column).where(key_column == key)).first()
        if exists is None:
            self.connection.execute(insert(table).values({key_column.name: key, **values}))
            return True
        self.connection.execute(update(table).where(key_column == key).values(**values))
        return False

    # groups
    def groups(self, only: int | None = None) -> list[GroupRecord]:
        """All groups (or the one with id ``only``) with their teachers, by name."""
        teachers: dict[int, list[PersonName]] = {}
        query = (
            select(group_teachers.c.group_id, employees)
            .join(employees, employees.c.id == group_teachers.c.employee_id)
            .order_by(employees.c.last_name, employees.c.first_name)
        )
        if only is not None:
            query = query.where(group_teachers.c.group_id == only)
        rows = self.connection.execute(query)
        for r in rows:
            teachers.setdefault(r.group_id, []).append(
                PersonName(r.last_name, r.first_name, r.patronymic)
            )
        listed = (
            select(groups, profiles.c.name.label("profile_name"))
            .outerjoin(profiles, profiles.c.id == groups.c.profile_id)
            .order_by(groups.c.name)
        )
        if only is not None:
            listed = listed.where(groups.c.id == only)
        result = self.connection.execute(listed)
        return [
            GroupRecord(
                r.id,
                r.name,
                AgeCategory(r.category),
                Orientation(r.orientation),
                Decimal(r.area_m2),
                r.profile_name,
                tuple(teachers.get(r.id, ())),
                Condition(r.condition) if r.condition else None,
                StayMode(r.stay_mode),
            )
            for r in result
        ]

    def save_group(
        self,
        name: str,
        category: AgeCategory,
        orientation: Orientation,
        area_m2: Decimal,
        profile_id: int | None,
        existing_id: int | None,
        submission_id: int,
        row: int,
        condition: Condition | None = None,
        stay_mode: StayMode = StayMode.FULL,
    ) -> int:
        """Create or update a group; returns its id."""
        values = {
            "name": name,
            "category": category.value,
            "orientation": orientation.value,
            "area_m2": area_m2,
            "profile_id": profile_id,
            "condition": None if condition is None else condition.value,
            "stay_mode": stay_mode.value,
            "submission_id": submission_id,
            "source_row": row,
        }
        if existing_id is None:
            result = self.connection.execute(insert(groups).values(**values).returning(groups.c.id))
            return int(result.scalar_one())
        self.connection.execute(update(groups).where(groups.c.id == existing_id).values(**values))
        return existing_id

    def advance(self, group_id: int, name: str, category: AgeCategory) -> None:
        """Give a group its name and age category of the next school year."""
        self.connection.execute(
            update(groups).where(groups.c.id == group_id).values(name=name, category=category.value)
        )

    def set_teachers(
        self, group_id: int, employee_ids: Sequence[int], submission_id: int, row: int
    ) -> None:
        """Replace the teachers of a group."""
        self.connection.execute(delete(group_teachers).where(group_teachers.c.group_id == group_id))
        if employee_ids:
            self.connection.execute(
                insert(group_teachers),
                [
                    {
                        "group_id": group_id,
                        "employee_id": e,
                        "submission_id": submission_id,
                        "source_row": row,
                    }
                    for e in dict.fromkeys(employee_ids)
                ],
            )

    def replace_nod_kinds(
        self, group_id: int, kinds: Sequence[NodKindRow], submission_id: int
    ) -> None:
        """Replace a group's list of NOD kinds."""
        self.connection.execute(delete(nod_kinds).where(nod_kinds.c.group_id == group_id))
        if kinds:
            self.connection.execute(
                insert(nod_kinds),
                [
                    {
                        "group_id": group_id,
                        "name": k.name,
                        "area": k.area,
                        "weekly_count": k.weekly_count,
                        "employee_id": k.employee_id,
                        "room": k.room,
                        "submission_id": submission_id,
                        "source_row": k.source_row,
                    }
                    for k in kinds
                ],
            )

    def nod_kinds(self) -> list[tuple[int, NodKindRow]]:
        """Every group's kinds of NOD, as (group id, kind), in the order they were given."""
        rows = self.connection.execute(select(nod_kinds).order_by(nod_kinds.c.id))
        return [
            (
                r.group_id,
                NodKindRow(
                    r.name, r.area, r.weekly_count, r.employee_id, r.room, r.source_row or 0
                ),
            )
            for r in rows
        ]

    def nod_kind_count(self) -> int:
        """How many NOD kinds are defined in all groups."""
        return int(
            self.connection.execute(select(func.count()).select_from(nod_kinds)).scalar_one()
        )
