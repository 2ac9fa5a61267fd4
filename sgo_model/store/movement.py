"""Movement events, orders and the movement book as stored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, func, insert, or_, select, update

from sgo_model.domain.conditions import Condition
from sgo_model.domain.movement import MovementKind, PastEvent
from sgo_model.domain.people import PersonName, Sex
from sgo_model.store.official import official_event
from sgo_model.store.tables import academic_years, guardians, movement_events, orders, pupils


@dataclass(frozen=True)
class StoredPupil:
    """A pupil as matched by name and birth date."""

    id: int
    name: PersonName
    sex: Sex
    birth_date: date
    condition: Condition | None = None


@dataclass(frozen=True)
class NewEvent:
    """A movement event to store."""

    pupil_id: int
    kind: MovementKind
    effective_on: date
    group_id: int | None
    from_group_id: int | None
    reason: str | None
    grounds: str | None
    destination: str | None
    exception_reason: str | None
    back_dated: bool
    book_number: int | None
    submission_id: int | None
    source_row: int | None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class OrderLine:
    """One child's event in an order, with what its sentence needs."""

    event_id: int
    pupil_id: int
    kind: MovementKind
    effective_on: date
    name: PersonName
    sex: Sex
    birth_date: date
    group_id: int | None
    from_group_id: int | None
    reason: str | None
    grounds: str | None
    destination: str | None
    exception_reason: str | None
    guardian: str | None
    note: str | None = None


class MovementRepository:
    """Events, orders and the book."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    # pupils
    def find_pupils(self, name: PersonName, birth_date: date) -> list[StoredPupil]:
        """Pupils with this full name and birth date; without a patronymic, any patronymic."""
        exact = pupils.c.name_key == name.key
        query = select(pupils).where(pupils.c.birth_date == birth_date)
        if name.patronymic:
            query = query.where(exact)
        else:
            prefix = PersonName(name.last, name.first).key
            query = query.where(or_(exact, pupils.c.name_key.like(f"{prefix} %")))
        return [self._pupil(r) for r in self.connection.execute(query)]

    def similar_pupils(self, name: PersonName, birth_date: date) -> list[StoredPupil]:
        """Pupils with the same birth date or the same surname and name, for error messages."""
        prefix = PersonName(name.last, name.first).key
        query = (
            select(pupils)
            .where(
                or_(
                    pupils.c.birth_date == birth_date,
                    pupils.c.name_key == prefix,
                    pupils.c.name_key.like(f"{prefix} %"),
                )
            )
            .limit(5)
        )
        return [self._pupil(r) for r in self.connection.execute(query)]

    @staticmethod
    def _pupil(r: Row[Any]) -> StoredPupil:
        return StoredPupil(
            r.id,
            PersonName(r.last_name, r.first_name, r.patronymic),
            Sex(r.sex),
            r.birth_date,
            Condition(r.condition) if r.condition else None,
        )

    def history(self, pupil_id: int) -> list[PastEvent]:
        """A pupil's events in the order they happened."""
        rows = self.connection.execute(
            select(
                movement_events.c.kind, movement_events.c.effective_on, movement_events.c.group_id
            )
            .where(movement_events.c.pupil_id == pupil_id)
            .order_by(movement_events.c.effective_on, movement_events.c.id)
        )
        return [PastEvent(MovementKind(r.kind), r.effective_on, r.group_id) for r in rows]

    def last_event_id(self, pupil_id: int, kind: MovementKind) -> int | None:
        """The newest event of a kind of a pupil, if any."""
        found = self.connection.execute(
            select(func.max(movement_events.c.id)).where(
                movement_events.c.pupil_id == pupil_id, movement_events.c.kind == kind.value
            )
        ).scalar_one()
        return int(found) if found is not None else None

    def official_events(self, first: date, last: date) -> list[tuple[int, str, str | None, date]]:
        """(pupil, kind, reason, day) of every event between two days that signed orders back."""
        rows = self.connection.execute(
            select(
                movement_events.c.pupil_id,
                movement_events.c.kind,
                movement_events.c.reason,
                movement_events.c.effective_on,
            )
            .where(movement_events.c.effective_on.between(first, last), official_event())
            .order_by(movement_events.c.effective_on, movement_events.c.id)
        )
        return [(r.pupil_id, r.kind, r.reason, r.effective_on) for r in rows]

    def closed_years(self) -> list[tuple[date, date, str]]:
        """Academic years that are closed."""
        rows = self.connection.execute(
            select(
                academic_years.c.starts_on, academic_years.c.ends_on, academic_years.c.label
            ).where(academic_years.c.status == "closed")
        )
        return [(r.starts_on, r.ends_on, r.label) for r in rows]

    def add_event(self, event: NewEvent) -> int:
        """Store an event; returns its id."""
        values = dict(event.__dict__, kind=event.kind.value)
        result = self.connection.execute(
            insert(movement_events).values(**values).returning(movement_events.c.id)
        )
        return int(result.scalar_one())

    # orders on pupils (the orders themselves: :class:`~sgo_model.store.orders.OrderRepository`)
    def link_events(self, order_id: int, event_ids: Sequence[int]) -> None:
        """Point events at the order that orders them."""
        self.connection.execute(
            update(movement_events)
            .where(movement_events.c.id.in_(list(event_ids)))
            .values(order_id=order_id)
        )

    def order_lines(self, order_id: int) -> list[OrderLine]:
        """The children of an order, alphabetically, with their first guardian."""
        first_guardian = (
            select(guardians.c.pupil_id, func.min(guardians.c.id).label("gid"))
            .group_by(guardians.c.pupil_id)
            .subquery()
        )
        rows = self.connection.execute(
            select(movement_events, pupils, guardians.c.full_name.label("guardian"))
            .join(pupils, pupils.c.id == movement_events.c.pupil_id)
            .outerjoin(first_guardian, first_guardian.c.pupil_id == pupils.c.id)
            .outerjoin(guardians, guardians.c.id == first_guardian.c.gid)
            .where(movement_events.c.order_id == order_id)
            .order_by(pupils.c.last_name, pupils.c.first_name, movement_events.c.id)
        )
        return [
            OrderLine(
                r.id,
                r.pupil_id,
                MovementKind(r.kind),
                r.effective_on,
                PersonName(r.last_name, r.first_name, r.patronymic),
                Sex(r.sex),
                r.birth_date,
                r.group_id,
                r.from_group_id,
                r.reason,
                r.grounds,
                r.destination,
                r.exception_reason,
                r.guardian,
                r.note,
            )
            for r in rows
        ]

    # the book
    def book_events(self) -> list[BookEvent]:
        """Every event with its pupil and order, by pupil and in the order they happened."""
        rows = self.connection.execute(
            select(
                movement_events,
                pupils.c.last_name,
                pupils.c.first_name,
                pupils.c.patronymic,
                pupils.c.birth_date,
                pupils.c.address,
                orders.c.number.label("order_number"),
                orders.c.order_date,
                orders.c.status.label("order_status"),
            )
            .join(pupils, pupils.c.id == movement_events.c.pupil_id)
            .outerjoin(orders, orders.c.id == movement_events.c.order_id)
            .order_by(
                movement_events.c.pupil_id, movement_events.c.effective_on, movement_events.c.id
            )
        )
        return [
            BookEvent(
                r.pupil_id,
                PersonName(r.last_name, r.first_name, r.patronymic),
                r.birth_date,
                r.address,
                MovementKind(r.kind),
                r.effective_on,
                r.group_id,
                r.reason,
                r.grounds,
                r.destination,
                r.note,
                r.book_number,
                r.order_number,
                r.order_date,
                r.order_status,
            )
            for r in rows
        ]

    def guardians(self) -> dict[int, list[tuple[str, str | None]]]:
        """Every pupil's guardians with phones."""
        found: dict[int, list[tuple[str, str | None]]] = {}
        rows = self.connection.execute(select(guardians).order_by(guardians.c.id))
        for r in rows:
            found.setdefault(r.pupil_id, []).append((r.full_name, r.phone))
        return found


@dataclass(frozen=True, slots=True)
class BookEvent:
    """An event as the movement book needs it."""

    pupil_id: int
    name: PersonName
    birth_date: date
    address: str | None
    kind: MovementKind
    effective_on: date
    group_id: int | None
    reason: str | None
    grounds: str | None
    destination: str | None
    note: str | None
    book_number: int | None
    order_number: str | None
    order_date: date | None
    order_status: str | None
