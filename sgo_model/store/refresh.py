"""Requests to regenerate documents, kept until the publisher has regenerated them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, func, insert, select

from sgo_model.store.tables import refresh_requests


class RefreshRepository:
    """Which publishers have documents to regenerate."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def request(self, publishers: Iterable[str], submission_id: int | None = None) -> None:
        """Ask for the publishers' documents to be regenerated (in the caller's transaction)."""
        now = datetime.now(UTC)
        rows = [
            {"publisher": name, "submission_id": submission_id, "requested_at": now}
            for name in sorted(set(publishers))
        ]
        if rows:
            self.connection.execute(insert(refresh_requests), rows)

    def pending(self) -> dict[str, int]:
        """Publisher → the newest request's id, for every publisher with requests."""
        rows = self.connection.execute(
            select(refresh_requests.c.publisher, func.max(refresh_requests.c.id)).group_by(
                refresh_requests.c.publisher
            )
        )
        return {name: int(newest) for name, newest in rows}

    def done(self, publisher: str, up_to: int) -> None:
        """Forget the requests a finished regeneration has served (not newer ones)."""
        self.connection.execute(
            delete(refresh_requests).where(
                refresh_requests.c.publisher == publisher, refresh_requests.c.id <= up_to
            )
        )
