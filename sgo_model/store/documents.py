"""The register of generated documents, each with its template's hash and its own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, func, insert, select, update

from sgo_model.store.record_tables import document_history
from sgo_model.store.tables import documents


@dataclass(frozen=True)
class DocumentRecord:
    """A registered document."""

    id: int
    kind: str
    key: str
    title: str
    path: str
    template: str
    template_sha256: str
    sha256: str
    context_sha256: str
    version: int
    status: str
    generated_at: datetime


@dataclass(frozen=True)
class HistoryEntry:
    """A version or a status change of a document."""

    version: int
    status: str
    sha256: str
    at: datetime
    note: str | None


@dataclass(frozen=True)
class RenderedDocument:
    """A freshly rendered document to register."""

    kind: str
    key: str
    title: str
    path: str
    template: str
    template_sha256: str
    sha256: str
    context_sha256: str
    status: str = "final"


def _record(row: object) -> DocumentRecord:
    return DocumentRecord(**{k: getattr(row, k) for k in DocumentRecord.__dataclass_fields__})


class DocumentRepository:
    """Generated documents."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def get(self, kind: str, key: str) -> DocumentRecord | None:
        """A registered document by kind and key (one only staged so far is none)."""
        record = self._row(kind, key)
        return record if record is not None and record.version > 0 else None

    def _row(self, kind: str, key: str) -> DocumentRecord | None:
        row = self.connection.execute(
            select(documents).where(documents.c.kind == kind, documents.c.key == key)
        ).first()
        return _record(row) if row else None

    def stage(self, doc: RenderedDocument) -> None:
        """Note that ``doc`` is about to replace its file (before the file is replaced).

        Until :meth:`register`, the file holds the registered bytes or the staged ones; a
        document never registered before is a row of version 0, listed nowhere.
        """
        existing = self._row(doc.kind, doc.key)
        if existing is None:
            values = dict(doc.__dict__, sha256="", generated_at=datetime.now(UTC))
            self.connection.execute(
                insert(documents).values(version=0, pending_sha256=doc.sha256, **values)
            )
        else:
            self.connection.execute(
                update(documents)
                .where(documents.c.id == existing.id)
                .values(pending_sha256=doc.sha256)
            )

    def register(self, doc: RenderedDocument) -> DocumentRecord:
        """Register a new document or a new version of one (its file holds these bytes)."""
        existing = self._row(doc.kind, doc.key)
        values = dict(doc.__dict__, generated_at=datetime.now(UTC), pending_sha256=None)
        if existing is None:
            self.connection.execute(insert(documents).values(version=1, **values))
        else:
            self.connection.execute(
                update(documents)
                .where(documents.c.id == existing.id)
                .values(version=existing.version + 1, **values)
            )
        record = self._row(doc.kind, doc.key)
        assert record is not None
        self._history(record, record.status)
        return record

    def _history(self, record: DocumentRecord, status: str, note: str | None = None) -> None:
        self.connection.execute(
            insert(document_history).values(
                document_id=record.id,
                version=record.version,
                status=status,
                sha256=record.sha256,
                at=datetime.now(UTC),
                note=note,
            )
        )

    def set_status(self, document_id: int, status: str, note: str | None = None) -> None:
        """Move a document on in its life (signed, registered, sent, archived), recorded."""
        record = self.by_id(document_id)
        if record is None or record.status == status:
            return
        self.connection.execute(
            update(documents).where(documents.c.id == document_id).values(status=status)
        )
        self._history(record, status, note)

    def by_id(self, document_id: int) -> DocumentRecord | None:
        """A registered document by its number in the registry."""
        row = self.connection.execute(
            select(documents).where(documents.c.id == document_id, documents.c.version > 0)
        ).first()
        return _record(row) if row else None

    def history(self, document_id: int) -> list[HistoryEntry]:
        """Every version and status change of a document, the oldest first."""
        rows = self.connection.execute(
            select(document_history)
            .where(document_history.c.document_id == document_id)
            .order_by(document_history.c.id)
        )
        return [HistoryEntry(r.version, r.status, r.sha256, r.at, r.note) for r in rows]

    def staged(self) -> list[tuple[DocumentRecord, str]]:
        """Documents whose file was being replaced when a writer stopped, with the new hash."""
        rows = self.connection.execute(
            select(documents).where(documents.c.pending_sha256.is_not(None))
        )
        return [(_record(row), row.pending_sha256) for row in rows]

    def settle(self, record: DocumentRecord, pending_sha256: str, *, replaced: bool) -> None:
        """End an interrupted replacement: the file holds the new bytes, or still the old."""
        if not replaced:
            if record.version == 0:
                self.connection.execute(delete(documents).where(documents.c.id == record.id))
            else:
                self.connection.execute(
                    update(documents).where(documents.c.id == record.id).values(pending_sha256=None)
                )
            return
        self.connection.execute(
            update(documents)
            .where(documents.c.id == record.id)
            .values(
                sha256=pending_sha256,
                pending_sha256=None,
                version=record.version + 1,
                generated_at=datetime.now(UTC),
            )
        )
        settled = self.by_id(record.id)
        assert settled is not None
        self._history(settled, settled.status, "запись завершена после перерыва")

    def list(self, kind: str | None = None) -> list[DocumentRecord]:
        """All documents, or those of a kind, newest first."""
        query = (
            select(documents)
            .where(documents.c.version > 0)
            .order_by(documents.c.generated_at.desc(), documents.c.id.desc())
        )
        if kind:
            query = query.where(documents.c.kind == kind)
        return [_record(r) for r in self.connection.execute(query)]

    def count(self) -> int:
        """How many documents are registered."""
        query = select(func.count()).select_from(documents).where(documents.c.version > 0)
        return int(self.connection.execute(query).scalar_one())
