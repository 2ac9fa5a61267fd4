"""Submissions: every file taken from the inbox, and the hashes of those applied."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from sgo_model.store.tables import applied_files, submissions


@dataclass(frozen=True)
class SubmissionRecord:
    """A stored submission."""

    id: int
    sha256: str
    login: str
    file_name: str
    form_kind: str | None
    status: str
    processed_at: datetime
    receipt: str | None = None


@dataclass(frozen=True)
class NewSubmission:
    """What is recorded about a processed file."""

    sha256: str
    login: str
    file_name: str
    form_kind: str | None
    sheet: str | None
    status: str
    rows: int
    errors: int
    summary: str
    received_at: datetime
    processed_at: datetime
    claim: str | None = None
    receipt: str | None = None


def _record(row: Any) -> SubmissionRecord:
    return SubmissionRecord(
        row.id,
        row.sha256,
        row.login,
        row.file_name,
        row.form_kind,
        row.status,
        row.processed_at,
        row.receipt,
    )


class SubmissionRepository:
    """Submissions and the applied-once guard."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def applied(self, sha256: str) -> SubmissionRecord | None:
        """The submission that applied these bytes, if any did."""
        row = self.connection.execute(
            select(submissions)
            .join(applied_files, applied_files.c.submission_id == submissions.c.id)
            .where(applied_files.c.sha256 == sha256)
        ).first()
        return _record(row) if row is not None else None

    def decided(self, claim: str) -> SubmissionRecord | None:
        """The verdict already given to the file taken under this claim, if any."""
        row = self.connection.execute(
            select(submissions).where(submissions.c.claim == claim)
        ).first()
        return _record(row) if row is not None else None

    def add(self, submission: NewSubmission) -> int:
        """Record a processed file; returns its id."""
        result = self.connection.execute(
            insert(submissions).values(**submission.__dict__).returning(submissions.c.id)
        )
        return int(result.scalar_one())

    def update_verdict(self, submission_id: int, submission: NewSubmission) -> None:
        """Fill in the verdict of a submission added before its changes were applied."""
        values = {k: v for k, v in submission.__dict__.items() if k not in ("sha256", "claim")}
        self.connection.execute(
            update(submissions).where(submissions.c.id == submission_id).values(**values)
        )

    def mark_applied(self, sha256: str, submission_id: int) -> None:
        """Claim the bytes as applied; fails with IntegrityError if another writer did first."""
        self.connection.execute(
            insert(applied_files).values(sha256=sha256, submission_id=submission_id)
        )

    def between(self, first: date, before: date) -> list[SubmissionRecord]:
        """Submissions processed from ``first`` (local midnight) to before ``before``."""
        start = datetime.combine(first, time.min).astimezone()
        end = datetime.combine(before, time.min).astimezone()
        rows = self.connection.execute(
            select(submissions)
            .where(submissions.c.processed_at >= start, submissions.c.processed_at < end)
            .order_by(submissions.c.id)
        )
        return [_record(r) for r in rows]

    def counts(self) -> dict[str, int]:
        """Submissions by status."""
        rows = self.connection.execute(
            select(submissions.c.status, func.count()).group_by(submissions.c.status)
        )
        return {status: count for status, count in rows}

    def count_applied(self) -> int:
        """How many distinct files have been applied."""
        return int(
            self.connection.execute(select(func.count()).select_from(applied_files)).scalar_one()
        )
