"""Children received from another kindergarten: drafts of enrolment until the clerk enrols."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from sgo_model.domain.people import PersonName
from sgo_model.store.tables import transfer_arrivals

DRAFT, ACCEPTED = "draft", "accepted"


@dataclass(frozen=True)
class ArrivalRecord:
    """A received transfer."""

    id: int
    received_at: datetime
    sender: str
    sender_inn: str | None
    name: PersonName
    birth_date: date
    payload: str
    """The bag's ``transfer.json``, as received."""
    status: str
    event_id: int | None
    submission_id: int | None


def _record(row: Row[Any]) -> ArrivalRecord:
    return ArrivalRecord(
        row.id,
        row.received_at,
        row.sender,
        row.sender_inn,
        PersonName(row.last_name, row.first_name, row.patronymic),
        row.birth_date,
        row.payload,
        row.status,
        row.event_id,
        row.submission_id,
    )


class TransferRepository:
    """Received transfers."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(
        self,
        sender: str,
        sender_inn: str | None,
        name: PersonName,
        birth_date: date,
        payload: str,
        submission_id: int,
    ) -> int:
        """Record a verified transfer as a draft; its id."""
        return int(
            self.connection.execute(
                insert(transfer_arrivals)
                .values(
                    received_at=datetime.now(UTC),
                    sender=sender,
                    sender_inn=sender_inn,
                    last_name=name.last,
                    first_name=name.first,
                    patronymic=name.patronymic,
                    birth_date=birth_date,
                    name_key=name.key,
                    payload=payload,
                    status=DRAFT,
                    submission_id=submission_id,
                )
                .returning(transfer_arrivals.c.id)
            ).scalar_one()
        )

    def open_draft(self, name: PersonName, birth_date: date) -> ArrivalRecord | None:
        """The draft transfer of a child, if one waits."""
        row = self.connection.execute(
            select(transfer_arrivals).where(
                transfer_arrivals.c.name_key == name.key,
                transfer_arrivals.c.birth_date == birth_date,
                transfer_arrivals.c.status == DRAFT,
            )
        ).first()
        return _record(row) if row else None

    def get(self, arrival_id: int) -> ArrivalRecord | None:
        """A transfer by its number."""
        row = self.connection.execute(
            select(transfer_arrivals).where(transfer_arrivals.c.id == arrival_id)
        ).first()
        return _record(row) if row else None

    def all(self) -> list[ArrivalRecord]:
        """Every received transfer, newest first."""
        rows = self.connection.execute(
            select(transfer_arrivals).order_by(transfer_arrivals.c.id.desc())
        )
        return [_record(r) for r in rows]

    def accept(self, arrival_id: int, event_id: int) -> None:
        """Mark a draft enrolled by the event ``event_id``."""
        self.connection.execute(
            update(transfer_arrivals)
            .where(transfer_arrivals.c.id == arrival_id)
            .values(status=ACCEPTED, event_id=event_id, accepted_at=datetime.now(UTC))
        )
