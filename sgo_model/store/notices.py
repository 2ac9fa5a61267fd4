"""Notices to families and their deliveries by e-mail, one per guardian's address."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Connection, func, insert, select, update

from sgo_model.domain.people import Guardian
from sgo_model.store.tables import deliveries, documents, notices

PENDING, SENDING, SENT, FAILED, UNCERTAIN = "pending", "sending", "sent", "failed", "uncertain"
"""A delivery's states. ``sending`` is committed before the message goes out: a delivery
found ``sending`` by a later run was interrupted between sending and recording and becomes
``uncertain``, which is never sent again by itself."""


@dataclass(frozen=True)
class NoticeRecord:
    """A notice as listed: the child, what it is, its document and its deliveries."""

    id: int
    pupil_id: int | None
    pupil: str
    kind: str
    key: str
    revision: int
    title: str
    issued_on: date
    path: str | None
    deliveries: tuple[DeliveryRecord, ...]


@dataclass(frozen=True)
class DeliveryRecord:
    """A notice's delivery to one address."""

    id: int
    notice_id: int
    guardian: str
    email: str
    status: str
    attempts: int
    next_attempt_at: datetime | None
    answer: str | None
    sent_at: datetime | None


@dataclass(frozen=True)
class DeliveryKey:
    """A delivery as the journal names it: the notice's kind, key and revision, the address."""

    kind: str
    key: str
    revision: int
    email: str


@dataclass(frozen=True)
class Outgoing:
    """A delivery due now, with what its message attaches."""

    delivery: DeliveryRecord
    title: str
    path: str
    sha256: str
    pupil: str


def _delivery(row: object) -> DeliveryRecord:
    return DeliveryRecord(**{k: getattr(row, k) for k in DeliveryRecord.__dataclass_fields__})


class NoticeRepository:
    """Notices and deliveries."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def issue(
        self,
        pupil_id: int | None,
        child: str,
        kind: str,
        key: str,
        title: str,
        document_id: int,
        content_sha256: str,
        issued_on: date,
        guardians: Sequence[Guardian],
    ) -> int:
        """Record the notice a newly registered document is; return its id.

        ``content_sha256`` is the fingerprint of what the notice states (its document's data,
        not its layout nor the day it was drawn): the same again changes nothing, whatever the
        file (a new letterhead redraws it, it is not sent again). A changed statement replaces
        a notice nobody has received yet; once one copy went out, it becomes a new revision,
        sent anew. Each guardian who consented to e-mail gets a pending delivery.
        """
        latest = self.connection.execute(
            select(notices.c.id, notices.c.revision, notices.c.content_sha256)
            .where(notices.c.kind == kind, notices.c.key == key)
            .order_by(notices.c.revision.desc())
            .limit(1)
        ).first()
        if latest is not None and latest.content_sha256 == content_sha256:
            return int(latest.id)
        if latest is not None and not self._went_out(latest.id):
            self.connection.execute(
                update(notices)
                .where(notices.c.id == latest.id)
                .values(
                    title=title,
                    document_id=document_id,
                    content_sha256=content_sha256,
                    issued_on=issued_on,
                )
            )
            notice_id = int(latest.id)
        else:
            notice_id = int(
                self.connection.execute(
                    insert(notices)
                    .values(
                        pupil_id=pupil_id,
                        child=child,
                        kind=kind,
                        key=key,
                        revision=(latest.revision + 1) if latest is not None else 1,
                        title=title,
                        document_id=document_id,
                        content_sha256=content_sha256,
                        issued_on=issued_on,
                        created_at=datetime.now(UTC),
                    )
                    .returning(notices.c.id)
                ).scalar_one()
            )
        known = set(
            self.connection.execute(
                select(deliveries.c.email).where(deliveries.c.notice_id == notice_id)
            ).scalars()
        )
        wanted: dict[str, str] = {}
        for guardian in guardians:
            if guardian.reachable and guardian.email and guardian.email not in known:
                wanted.setdefault(guardian.email, guardian.full_name)
        if wanted:
            self.connection.execute(
                insert(deliveries),
                [
                    {"notice_id": notice_id, "guardian": who, "email": email, "status": PENDING}
                    for email, who in wanted.items()
                ],
            )
        return notice_id

    def _went_out(self, notice_id: int) -> bool:
        return (
            self.connection.execute(
                select(func.count()).where(
                    deliveries.c.notice_id == notice_id,
                    deliveries.c.status.in_((SENT, SENDING, UNCERTAIN)),
                )
            ).scalar_one()
            > 0
        )

    def all(self, pupil_id: int | None = None) -> list[NoticeRecord]:
        """Every notice's latest revision (of one pupil, if given), newest first."""
        query = (
            select(notices, documents.c.path)
            .outerjoin(documents, documents.c.id == notices.c.document_id)
            .order_by(notices.c.issued_on.desc(), notices.c.id.desc())
        )
        if pupil_id is not None:
            query = query.where(notices.c.pupil_id == pupil_id)
        rows = list(self.connection.execute(query))
        by_notice: dict[int, list[DeliveryRecord]] = {}
        ids = [r.id for r in rows]
        for start in range(0, len(ids), 500):
            for d in self.connection.execute(
                select(deliveries)
                .where(deliveries.c.notice_id.in_(ids[start : start + 500]))
                .order_by(deliveries.c.id)
            ):
                by_notice.setdefault(d.notice_id, []).append(_delivery(d))
        return [
            NoticeRecord(
                r.id,
                r.pupil_id,
                r.child,
                r.kind,
                r.key,
                r.revision,
                r.title,
                r.issued_on,
                r.path,
                tuple(by_notice.get(r.id, ())),
            )
            for r in rows
        ]

    def due(self, now: datetime) -> list[Outgoing]:
        """Deliveries to send now: pending ones whose next attempt has come, with their
        notice's document."""
        rows = self.connection.execute(
            select(
                deliveries, notices.c.title, notices.c.child, documents.c.path, documents.c.sha256
            )
            .join(notices, notices.c.id == deliveries.c.notice_id)
            .join(documents, documents.c.id == notices.c.document_id)
            .where(
                deliveries.c.status == PENDING,
                (deliveries.c.next_attempt_at.is_(None)) | (deliveries.c.next_attempt_at <= now),
            )
            .order_by(deliveries.c.email, deliveries.c.id)
        )
        return [Outgoing(_delivery(r), r.title, r.path, r.sha256, r.child) for r in rows]

    def mark(self, ids: Sequence[int], status: str, **values: object) -> None:
        """Set the status (and other columns) of deliveries."""
        if ids:
            self.connection.execute(
                update(deliveries).where(deliveries.c.id.in_(ids)).values(status=status, **values)
            )

    def retry_later(self, delivery: DeliveryRecord, answer: str, at: datetime) -> None:
        """A delivery that failed for now: counted, answered, and due again at ``at``."""
        self.connection.execute(
            update(deliveries)
            .where(deliveries.c.id == delivery.id)
            .values(
                status=PENDING,
                attempts=delivery.attempts + 1,
                answer=answer,
                next_attempt_at=at,
            )
        )

    def claim(self, ids: Sequence[int], message_id: str, now: datetime) -> list[int]:
        """Take pending deliveries for sending (``sending``, with the message's id); those
        another sender took meanwhile are not among the ids returned."""
        rows = self.connection.execute(
            update(deliveries)
            .where(deliveries.c.id.in_(list(ids)), deliveries.c.status == PENDING)
            .values(status=SENDING, message_id=message_id, sending_since=now)
            .returning(deliveries.c.id)
        )
        return sorted(int(r.id) for r in rows)

    def interrupted(self, before: datetime) -> list[DeliveryRecord]:
        """Deliveries left ``sending`` since before ``before``: their sender stopped between
        sending and recording (a sender at work records within seconds)."""
        rows = self.connection.execute(
            select(deliveries).where(
                deliveries.c.status == SENDING, deliveries.c.sending_since < before
            )
        )
        return [_delivery(r) for r in rows]

    def delivery_keys(self, ids: Sequence[int]) -> dict[int, DeliveryKey]:
        """What names each delivery whatever the store's ids: its notice and address."""
        rows = self.connection.execute(
            select(deliveries.c.id, notices.c.kind, notices.c.key, notices.c.revision,
                   deliveries.c.email)
            .join(notices, notices.c.id == deliveries.c.notice_id)
            .where(deliveries.c.id.in_(list(ids)))
        )  # fmt: skip
        return {r.id: DeliveryKey(r.kind, r.key, r.revision, r.email) for r in rows}

    def restore(self, key: DeliveryKey, status: str) -> bool:
        """Set the status a delivery reached (replaying the journal); ``False`` if the store
        has no such delivery."""
        notice = select(notices.c.id).where(
            notices.c.kind == key.kind,
            notices.c.key == key.key,
            notices.c.revision == key.revision,
        )
        result = self.connection.execute(
            update(deliveries)
            .where(
                deliveries.c.notice_id.in_(notice.scalar_subquery()),
                deliveries.c.email == key.email,
            )
            .values(status=status, next_attempt_at=None)
        )
        return result.rowcount == 1

    def resend(self, delivery_id: int) -> bool:
        """Put an uncertain or failed delivery back in the queue (the user checked it did
        not arrive); ``False`` if there is no such delivery in such a state."""
        result = self.connection.execute(
            update(deliveries)
            .where(deliveries.c.id == delivery_id, deliveries.c.status.in_((UNCERTAIN, FAILED)))
            .values(status=PENDING, next_attempt_at=None)
        )
        return result.rowcount == 1
