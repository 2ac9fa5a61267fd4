"""Orders (приказы) of every capability as stored: numbered in their register, drafted, signed.

An order on pupils (movement) and an order approving the NOD schedule share one table, one
numbering per register and one way of being signed: the head's scan names its number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select, update

from sgo_model.domain.movement import SIGNED, order_number
from sgo_model.store.counters import CounterRepository
from sgo_model.store.tables import orders


@dataclass(frozen=True)
class OrderRecord:
    """A stored order; ``kind`` is the code of what it orders (``enrol``, ``schedule`` …)."""

    id: int
    number: str
    year: int
    kind: str
    order_date: date
    effective_on: date
    title: str
    status: str
    document_id: int | None
    scan_path: str | None

    @property
    def signed(self) -> bool:
        """Whether the head's signed scan has been received."""
        return self.status == SIGNED

    @property
    def file_name(self) -> str:
        """«Приказ № 12-д от 01.09.2026 О зачислении воспитанников.docx», with «(проект)»
        before the extension until the order is signed (the paper carries no draft mark)."""
        draft = "" if self.signed else " (проект)"
        return f"Приказ № {self.number} от {self.order_date:%d.%m.%Y} {self.title}{draft}.docx"

    @property
    def reference(self) -> str:
        """«№ 3-ОД от 02.12.2026»."""
        return f"№ {self.number} от {self.order_date:%d.%m.%Y}"


def _order(r: Row[Any]) -> OrderRecord:
    return OrderRecord(
        r.id,
        r.number,
        r.year,
        r.kind,
        r.order_date,
        r.effective_on,
        r.title,
        r.status,
        r.document_id,
        r.scan_path,
    )


ORDER_DOCUMENT = "order"
"""The registry kind of an order's document (its key: ``<year>/<number>``)."""


def order_counter(register: str) -> str:
    """The counter of a register of orders."""
    return f"orders:{register}"


class OrderRepository:
    """Orders of every kind: add a draft, find by number, link the document, sign."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(
        self,
        register: str,
        year: int,
        seq: int,
        kind: str,
        order_date: date,
        effective_on: date,
        title: str,
        submission_id: int | None = None,
    ) -> int:
        """Store a draft order; returns its id."""
        result = self.connection.execute(
            insert(orders)
            .values(
                register=register,
                year=year,
                seq=seq,
                number=order_number(seq, register),
                kind=kind,
                order_date=order_date,
                effective_on=effective_on,
                title=title,
                status="draft",
                created_at=datetime.now(UTC),
                submission_id=submission_id,
            )
            .returning(orders.c.id)
        )
        return int(result.scalar_one())

    def issue(
        self,
        register: str,
        kind: str,
        order_date: date,
        effective_on: date,
        title: str,
        submission_id: int | None = None,
    ) -> OrderRecord:
        """Number a new draft order in its register (gapless, per calendar year) and store it."""
        seq = CounterRepository(self.connection).next(order_counter(register), order_date.year)
        order_id = self.add(
            register, order_date.year, seq, kind, order_date, effective_on, title, submission_id
        )
        return self.get(order_id)

    def get(self, order_id: int) -> OrderRecord:
        """The order of that id."""
        return _order(self.connection.execute(select(orders).where(orders.c.id == order_id)).one())

    def all(
        self, kinds: Iterable[str] | None = None, *, without_document: bool = False
    ) -> list[OrderRecord]:
        """Orders (of ``kinds``, when given), oldest first; optionally only those not yet
        rendered."""
        query = select(orders).order_by(orders.c.year, orders.c.register, orders.c.seq)
        if kinds is not None:
            query = query.where(orders.c.kind.in_(list(kinds)))
        if without_document:
            query = query.where(orders.c.document_id.is_(None))
        return [_order(r) for r in self.connection.execute(query)]

    def find(self, number: str, year: int | None = None) -> list[OrderRecord]:
        """Orders with a number (``12-д``, ``3-ОД``, in any letter case), newest first."""
        seq, _, _ = number.partition("-")
        if not seq.strip().isdigit():
            return []
        # Compared in Python: SQLite's lower() folds only ASCII letters, not «ОД».
        query = select(orders).where(orders.c.seq == int(seq))
        if year is not None:
            query = query.where(orders.c.year == year)
        found = self.connection.execute(query.order_by(orders.c.year.desc()))
        wanted = number.replace(" ", "").casefold()
        return [_order(r) for r in found if r.number.casefold() == wanted]

    def set_document(self, order_id: int, document_id: int) -> None:
        """Link an order to its rendered document."""
        self.connection.execute(
            update(orders).where(orders.c.id == order_id).values(document_id=document_id)
        )

    def sign(self, order_id: int, scan_path: str, scan_sha256: str, login: str) -> None:
        """Mark an order signed, with the scan of its signed copy."""
        self.connection.execute(
            update(orders)
            .where(orders.c.id == order_id)
            .values(
                status=SIGNED,
                # Rendered again without the draft mark by the next documents refresh.
                document_id=None,
                scan_path=scan_path,
                scan_sha256=scan_sha256,
                signed_at=datetime.now(UTC),
                signed_by=login,
            )
        )

    def count(self) -> dict[str, int]:
        """Orders by status."""
        rows = self.connection.execute(
            select(orders.c.status, func.count()).group_by(orders.c.status)
        )
        return {status: count for status, count in rows}
