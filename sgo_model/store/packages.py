"""Report packages of the outbox: what was prepared for the authority, sent, replaced."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from sgo_model.store.record_tables import report_packages

PREPARED, SENT, REPLACED = "prepared", "sent", "replaced"


@dataclass(frozen=True)
class PackageRecord:
    """A report package as the outbox keeps it."""

    id: int
    kind: str
    period: str
    edition: str
    path: str
    figures_sha256: str
    preliminary: bool
    status: str
    prepared_at: datetime
    sent_at: datetime | None = None
    sent_to: str | None = None
    replaces_id: int | None = None
    reason: str | None = None


class PackageRepository:
    """The outbox's register of report packages."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    @staticmethod
    def _record(r: Row[Any]) -> PackageRecord:
        return PackageRecord(
            r.id,
            r.kind,
            r.period,
            r.edition,
            r.path,
            r.figures_sha256,
            bool(r.preliminary),
            r.status,
            r.prepared_at,
            r.sent_at,
            r.sent_to,
            r.replaces_id,
            r.reason,
        )

    def all(self) -> list[PackageRecord]:
        """Every package, the newest first."""
        rows = self.connection.execute(
            select(report_packages).order_by(report_packages.c.id.desc())
        )
        return [self._record(r) for r in rows]

    def get(self, package_id: int) -> PackageRecord | None:
        """The package of that number."""
        row = self.connection.execute(
            select(report_packages).where(report_packages.c.id == package_id)
        ).first()
        return self._record(row) if row else None

    def current(self, kind: str, period: str) -> PackageRecord | None:
        """The package of a report and period that is not replaced (the newest)."""
        row = self.connection.execute(
            select(report_packages)
            .where(
                report_packages.c.kind == kind,
                report_packages.c.period == period,
                report_packages.c.status != REPLACED,
            )
            .order_by(report_packages.c.id.desc())
        ).first()
        return self._record(row) if row else None

    def add(
        self,
        kind: str,
        period: str,
        edition: str,
        path: str,
        figures_sha256: str,
        preliminary: bool,
        prepared_at: datetime,
        replaces: PackageRecord | None = None,
        reason: str | None = None,
    ) -> int:
        """Register a prepared package; the one it replaces is marked replaced."""
        if replaces is not None:
            self.connection.execute(
                update(report_packages)
                .where(report_packages.c.id == replaces.id)
                .values(status=REPLACED)
            )
        result = self.connection.execute(
            insert(report_packages)
            .values(
                kind=kind,
                period=period,
                edition=edition,
                path=path,
                figures_sha256=figures_sha256,
                preliminary=preliminary,
                status=PREPARED,
                prepared_at=prepared_at,
                replaces_id=replaces.id if replaces else None,
                reason=reason,
            )
            .returning(report_packages.c.id)
        )
        return int(result.scalar_one())

    def mark_sent(self, package_id: int, sent_at: datetime, sent_to: str) -> None:
        """Record that the package was delivered to the authority's folder."""
        self.connection.execute(
            update(report_packages)
            .where(report_packages.c.id == package_id)
            .values(status=SENT, sent_at=sent_at, sent_to=sent_to)
        )
