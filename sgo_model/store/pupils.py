"""Pupils, guardians and movement events (the group of a pupil is derived from events)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, delete, func, insert, select, true, update

from sgo_model.domain.conditions import Condition
from sgo_model.domain.people import Guardian, PersonName, Pupil, Sex
from sgo_model.store.official import official_event
from sgo_model.store.tables import contact_changes, guardians, movement_events, pupils

IN_GROUP_KINDS = ("enrol", "transfer", "promote")
# The change a pending order makes, as a roster marks it: where the child comes, where it goes.
_ARRIVING = {"enrol": "зачисление", "transfer": "перевод в группу", "promote": "перевод в группу"}
_LEAVING = {"withdraw": "отчисление", "transfer": "перевод в другую группу", "promote": "перевод"}
_LOOKUP_LIMIT = 500


@dataclass(frozen=True)
class PupilKey:
    """How a pupil is recognised: folded full name and birth date."""

    name_key: str
    birth_date: date


@dataclass(frozen=True)
class PupilPlacement:
    """A stored pupil and the group they are in on a date (``None``: not in any)."""

    pupil_id: int
    group_id: int | None


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """A pupil of a group on a date, for rosters and fill reports."""

    group_id: int
    name: PersonName
    sex: Sex
    birth_date: date
    guardian: str
    phone: str
    pending: str = ""
    """The change whose order is not signed yet («зачисление», «отчисление»…); such a child
    is listed, marked, but counted in no official figure."""
    condition: Condition | None = None
    official: bool = True
    """Whether signed orders have the child in this group (official figures count them)."""


@dataclass(frozen=True)
class NewPupil:
    """A pupil to insert with an initial enrolment."""

    pupil: Pupil
    group_id: int
    enrolled_on: date
    source_row: int


def _latest_events(
    as_of: date, *, official: bool = False
) -> Select[tuple[int, int | None, str, bool]]:
    """Each pupil's latest event on a date (of the events that count officially, with
    ``official``), and whether it counts officially."""
    counts = official_event()
    ranked = (
        select(
            movement_events.c.pupil_id,
            movement_events.c.group_id,
            movement_events.c.kind,
            counts.label("official"),
            func.row_number()
            .over(
                partition_by=movement_events.c.pupil_id,
                order_by=(movement_events.c.effective_on.desc(), movement_events.c.id.desc()),
            )
            .label("rank"),
        )
        .where(movement_events.c.effective_on <= as_of, counts if official else true())
        .subquery()
    )
    return select(ranked.c.pupil_id, ranked.c.group_id, ranked.c.kind, ranked.c.official).where(
        ranked.c.rank == 1
    )


@dataclass(frozen=True)
class ContactChange:
    """One change of a pupil's guardians: what they were and became, and which form did it."""

    changed_at: datetime
    before: tuple[Guardian, ...]
    after: tuple[Guardian, ...]
    submission_id: int | None
    source_row: int | None


def _contacts_json(people: Iterable[Guardian]) -> str:
    return json.dumps([dataclasses.asdict(g) for g in people], ensure_ascii=False)


def _contacts_from_json(text: str) -> tuple[Guardian, ...]:
    return tuple(Guardian(**item) for item in json.loads(text))


INSERT_CHUNK = 2000
"""Pupils inserted by one statement."""


class PupilRepository:
    """Pupils, guardians and movement events."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def placements(self, as_of: date, keys: Collection[PupilKey]) -> dict[PupilKey, PupilPlacement]:
        """The pupils among ``keys`` the store knows, with their group on the date."""
        latest = _latest_events(as_of).subquery()
        query = select(
            pupils.c.id, pupils.c.name_key, pupils.c.birth_date, latest.c.group_id, latest.c.kind
        ).outerjoin(latest, latest.c.pupil_id == pupils.c.id)
        wanted = {k.name_key for k in keys}
        # A small file looks its pupils up by name; a big one reads them all in one pass.
        if len(wanted) <= _LOOKUP_LIMIT:
            query = query.where(pupils.c.name_key.in_(sorted(wanted)))
        found = {
            PupilKey(r.name_key, r.birth_date): PupilPlacement(
                r.id, r.group_id if r.kind in IN_GROUP_KINDS else None
            )
            for r in self.connection.execute(query)
        }
        return {key: found[key] for key in keys if key in found}

    def headcounts(self, as_of: date, *, official: bool = False) -> dict[int, int]:
        """Pupils in each group on a date (places taken, pending orders too; with
        ``official``, only what signed orders back, as official documents count)."""
        latest = _latest_events(as_of, official=official).subquery()
        rows = self.connection.execute(
            select(latest.c.group_id, func.count())
            .where(latest.c.kind.in_(IN_GROUP_KINDS))
            .group_by(latest.c.group_id)
        )
        return {group_id: count for group_id, count in rows}

    def add(self, new: Sequence[NewPupil], submission_id: int, first_book_number: int) -> None:
        """Insert pupils with their guardians and enrolment events (numbered in the movement
        book from ``first_book_number``), in bulk: a few thousand at a time, so that a
        60,000-row form never has all its parameter rows in memory at once."""
        for start in range(0, len(new), INSERT_CHUNK):
            chunk = new[start : start + INSERT_CHUNK]
            self._add_chunk(chunk, submission_id, first_book_number + start)

    def _add_chunk(
        self, new: Sequence[NewPupil], submission_id: int, first_book_number: int
    ) -> None:
        # Ids are matched back by the form's row (unique within one submission): asking for
        # them in parameter order makes SQLite insert one row per statement.
        result = self.connection.execute(
            insert(pupils).returning(pupils.c.source_row, pupils.c.id),
            [
                {
                    "last_name": n.pupil.name.last,
                    "first_name": n.pupil.name.first,
                    "patronymic": n.pupil.name.patronymic,
                    "name_key": n.pupil.name.key,
                    "sex": n.pupil.sex.value,
                    "birth_date": n.pupil.birth_date,
                    "address": n.pupil.address,
                    "account": n.pupil.account,
                    "condition": _code(n.pupil.condition),
                    "submission_id": submission_id,
                    "source_row": n.source_row,
                }
                for n in new
            ],
        )
        by_row = {int(source_row): int(pupil_id) for source_row, pupil_id in result}
        if len(by_row) != len(new):
            raise ValueError("строки формы у новых воспитанников должны быть различны")
        ids = [by_row[n.source_row] for n in new]
        self._add_guardians(
            ((i, n.pupil.guardians, n.source_row) for i, n in zip(ids, new, strict=True)),
            submission_id,
        )
        self.connection.execute(
            insert(movement_events),
            [
                {
                    "pupil_id": pupil_id,
                    "kind": "enrol",
                    "effective_on": n.enrolled_on,
                    "group_id": n.group_id,
                    "note": "начальное заполнение",
                    "book_number": first_book_number + index,
                    "submission_id": submission_id,
                    "source_row": n.source_row,
                }
                for index, (pupil_id, n) in enumerate(zip(ids, new, strict=True))
            ],
        )

    def create(self, pupil: Pupil, submission_id: int, source_row: int) -> int:
        """Insert one pupil with guardians (no movement event); returns the id."""
        result = self.connection.execute(
            insert(pupils)
            .values(
                last_name=pupil.name.last,
                first_name=pupil.name.first,
                patronymic=pupil.name.patronymic,
                name_key=pupil.name.key,
                sex=pupil.sex.value,
                birth_date=pupil.birth_date,
                address=pupil.address,
                account=pupil.account,
                condition=_code(pupil.condition),
                submission_id=submission_id,
                source_row=source_row,
            )
            .returning(pupils.c.id)
        )
        pupil_id = int(result.scalar_one())
        self._add_guardians([(pupil_id, pupil.guardians, source_row)], submission_id)
        return pupil_id

    def update(self, changed: Sequence[tuple[int, NewPupil]], submission_id: int) -> None:
        """Update the address and guardians of known pupils."""
        for pupil_id, n in changed:
            self.connection.execute(
                update(pupils)
                .where(pupils.c.id == pupil_id)
                .values(
                    sex=n.pupil.sex.value,
                    address=n.pupil.address,
                    **({"account": n.pupil.account} if n.pupil.account else {}),
                    **({"condition": _code(n.pupil.condition)} if n.pupil.condition else {}),
                    submission_id=submission_id,
                    source_row=n.source_row,
                )
            )
        ids = [pupil_id for pupil_id, _ in changed]
        before = self.guardians_of(ids)
        history = [
            {
                "pupil_id": pupil_id,
                "changed_at": datetime.now(UTC),
                "before": _contacts_json(before.get(pupil_id, ())),
                "after": _contacts_json(n.pupil.guardians),
                "submission_id": submission_id,
                "source_row": n.source_row,
            }
            for pupil_id, n in changed
            if tuple(before.get(pupil_id, ())) != n.pupil.guardians
        ]
        if history:
            self.connection.execute(insert(contact_changes), history)
        for chunk in range(0, len(ids), 500):
            self.connection.execute(
                delete(guardians).where(guardians.c.pupil_id.in_(ids[chunk : chunk + 500]))
            )
        self._add_guardians(
            ((i, n.pupil.guardians, n.source_row) for i, n in changed), submission_id
        )

    def replace_guardians(
        self, pupil_id: int, people: tuple[Guardian, ...], submission_id: int, source_row: int
    ) -> bool:
        """Replace a known pupil's guardians when a form states them anew (the change is kept
        in the contact history); ``False`` when nothing changed."""
        current = self.guardians_of([pupil_id]).get(pupil_id, [])
        if tuple(current) == people:
            return False
        self.connection.execute(
            insert(contact_changes).values(
                pupil_id=pupil_id,
                changed_at=datetime.now(UTC),
                before=_contacts_json(current),
                after=_contacts_json(people),
                submission_id=submission_id,
                source_row=source_row,
            )
        )
        self.connection.execute(delete(guardians).where(guardians.c.pupil_id == pupil_id))
        self._add_guardians([(pupil_id, people, source_row)], submission_id)
        return True

    def guardians_of(self, ids: Collection[int]) -> dict[int, list[Guardian]]:
        """The guardians of the pupils ``ids``, in the order the form listed them."""
        found: dict[int, list[Guardian]] = {}
        wanted = sorted(ids)
        for start in range(0, len(wanted), 500):
            rows = self.connection.execute(
                select(guardians)
                .where(guardians.c.pupil_id.in_(wanted[start : start + 500]))
                .order_by(guardians.c.id)
            )
            for r in rows:
                found.setdefault(r.pupil_id, []).append(
                    Guardian(r.full_name, r.phone, r.email, bool(r.notice_consent))
                )
        return found

    def get(self, pupil_id: int) -> Pupil:
        """A stored pupil with the guardians."""
        r = self.connection.execute(select(pupils).where(pupils.c.id == pupil_id)).one()
        return Pupil(
            PersonName(r.last_name, r.first_name, r.patronymic),
            Sex(r.sex),
            r.birth_date,
            r.address,
            tuple(self.guardians_of([pupil_id]).get(pupil_id, ())),
            r.account,
            Condition(r.condition) if r.condition else None,
        )

    def contact_history(self, pupil_id: int) -> list[ContactChange]:
        """Every change of a pupil's guardians, oldest first."""
        rows = self.connection.execute(
            select(contact_changes)
            .where(contact_changes.c.pupil_id == pupil_id)
            .order_by(contact_changes.c.id)
        )
        return [
            ContactChange(
                r.changed_at,
                _contacts_from_json(r.before),
                _contacts_from_json(r.after),
                r.submission_id,
                r.source_row,
            )
            for r in rows
        ]

    def _add_guardians(
        self, people: Iterable[tuple[int, Sequence[Guardian], int]], submission_id: int
    ) -> None:
        rows = [
            {
                "pupil_id": pupil_id,
                "full_name": g.full_name,
                "phone": g.phone,
                "email": g.email,
                "notice_consent": g.notice_consent,
                "submission_id": submission_id,
                "source_row": source_row,
            }
            for pupil_id, written, source_row in people
            for g in written
        ]
        if rows:
            self.connection.execute(insert(guardians), rows)

    def roster(self, as_of: date) -> list[RosterEntry]:
        """Pupils in groups on a date, sorted by group and name, with their first guardian.

        A child is listed where the movement puts them; while the order of that move is not
        signed, also where the signed orders still have them, and both entries name the change
        that is pending (:attr:`RosterEntry.pending`).
        """
        actual = {r.pupil_id: r for r in self.connection.execute(_latest_events(as_of))}
        signed = {
            r.pupil_id: r for r in self.connection.execute(_latest_events(as_of, official=True))
        }

        def group(event: Row[Any] | None) -> int | None:
            return event.group_id if event is not None and event.kind in IN_GROUP_KINDS else None

        places: list[tuple[int, int, str, bool]] = []
        for pupil in actual.keys() | signed.keys():
            now, official = group(actual.get(pupil)), group(signed.get(pupil))
            if now is not None:
                pending = "" if now == official else _ARRIVING[actual[pupil].kind]
                places.append((now, pupil, pending, now == official))
            if official is not None and official != now:
                places.append((official, pupil, _LEAVING[actual[pupil].kind], True))
        first_guardian = (
            select(guardians.c.pupil_id, func.min(guardians.c.id).label("gid"))
            .group_by(guardians.c.pupil_id)
            .subquery()
        )
        people: dict[int, Row[Any]] = {}
        ids = sorted({pupil for _, pupil, _, _ in places})
        for chunk in range(0, len(ids), _LOOKUP_LIMIT * 10):
            rows = self.connection.execute(
                select(
                    pupils,
                    guardians.c.full_name.label("guardian"),
                    guardians.c.phone.label("phone"),
                )
                .outerjoin(first_guardian, first_guardian.c.pupil_id == pupils.c.id)
                .outerjoin(guardians, guardians.c.id == first_guardian.c.gid)
                .where(pupils.c.id.in_(ids[chunk : chunk + _LOOKUP_LIMIT * 10]))
            )
            people.update({r.id: r for r in rows})
        entries = []
        for group_id, pupil, pending, counted in places:
            r = people[pupil]
            name = PersonName(r.last_name, r.first_name, r.patronymic)
            entries.append(
                RosterEntry(
                    group_id,
                    name,
                    Sex(r.sex),
                    r.birth_date,
                    r.guardian or "",
                    r.phone or "",
                    pending,
                    Condition(r.condition) if r.condition else None,
                    counted,
                )
            )
        return sorted(entries, key=lambda e: (e.group_id, e.name.last, e.name.first))

    def accounts(self, ids: Collection[int]) -> dict[int, str]:
        """The personal accounts (лицевые счета) of those pupils that have one."""
        rows = self.connection.execute(
            select(pupils.c.id, pupils.c.account).where(
                pupils.c.id.in_(list(ids)), pupils.c.account.is_not(None)
            )
        )
        return {pupil_id: account for pupil_id, account in rows}

    def set_account(self, pupil_id: int, account: str) -> None:
        """Record a pupil's personal account."""
        self.connection.execute(
            update(pupils).where(pupils.c.id == pupil_id).values(account=account)
        )

    def set_condition(self, pupil_id: int, condition: Condition) -> None:
        """Record a pupil's condition (ОВЗ)."""
        self.connection.execute(
            update(pupils).where(pupils.c.id == pupil_id).values(condition=condition.value)
        )

    def conditions(self, as_of: date, group_ids: Collection[int]) -> dict[int, list[Condition]]:
        """The conditions of the children with one in each of those groups on a date (places
        taken, pending orders too, as :meth:`headcounts` counts them)."""
        latest = _latest_events(as_of).subquery()
        rows = self.connection.execute(
            select(latest.c.group_id, pupils.c.condition)
            .join(pupils, pupils.c.id == latest.c.pupil_id)
            .where(
                latest.c.kind.in_(IN_GROUP_KINDS),
                latest.c.group_id.in_(list(group_ids)),
                pupils.c.condition.is_not(None),
            )
        )
        found: dict[int, list[Condition]] = {}
        for group_id, code in rows:
            found.setdefault(group_id, []).append(Condition(code))
        return found

    def people(self, ids: Collection[int]) -> dict[int, tuple[str, str]]:
        """Full names and sexes («female») of pupils by id."""
        rows = self.connection.execute(
            select(
                pupils.c.id, pupils.c.last_name, pupils.c.first_name, pupils.c.patronymic,
                pupils.c.sex,
            ).where(pupils.c.id.in_(list(ids)))
        )  # fmt: skip
        return {
            r.id: (PersonName(r.last_name, r.first_name, r.patronymic).full, r.sex) for r in rows
        }

    def names(self, ids: Collection[int]) -> dict[int, tuple[PersonName, date]]:
        """Names and birth dates of pupils by id."""
        rows = self.connection.execute(
            select(
                pupils.c.id,
                pupils.c.last_name,
                pupils.c.first_name,
                pupils.c.patronymic,
                pupils.c.birth_date,
            ).where(pupils.c.id.in_(list(ids)))
        )
        return {
            r.id: (PersonName(r.last_name, r.first_name, r.patronymic), r.birth_date) for r in rows
        }

    def count(self, as_of: date | None = None) -> int:
        """Pupils known to the store (or, with a date, in a group on it)."""
        if as_of is None:
            return int(
                self.connection.execute(select(func.count()).select_from(pupils)).scalar_one()
            )
        latest = _latest_events(as_of).subquery()
        query = select(func.count()).select_from(latest).where(latest.c.kind.in_(IN_GROUP_KINDS))
        return int(self.connection.execute(query).scalar_one())


def _code(condition: Condition | None) -> str | None:
    return None if condition is None else condition.value
