"""The register of generated documents, each with its template's hash and its own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, func, insert, select, update

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
        """A document by kind and key."""
        row = self.connection.execute(
            select(documents).where(documents.c.kind == kind, documents.c.key == key)
        ).first()
        return _record(row) if row else None

    def register(self, doc: RenderedDocument) -> DocumentRecord:
        """Register a new document or a new version of one."""
        existing = self.get(doc.kind, doc.key)
        values = dict(doc.__dict__, generated_at=datetime.now(UTC))
        if existing is None:
            self.connection.execute(insert(documents).values(version=1, **values))
        else:
            self.connection.execute(
                update(documents)
                .where(documents.c.id == existing.id)
                .values(version=existing.version + 1, **values)
            )
        record = self.get(doc.kind, doc.key)
        assert record is not None
        return record

    def list(self, kind: str | None = None) -> list[DocumentRecord]:
        """All documents, or those of a kind, newest first."""
        query = select(documents).order_by(documents.c.generated_at.desc(), documents.c.id.desc())
        if kind:
            query = query.where(documents.c.kind == kind)
        return [_record(r) for r in self.connection.execute(query)]

    def count(self) -> int:
        """How many documents are registered."""
        return int(
            self.connection.execute(select(func.count()).select_from(documents)).scalar_one()
        )
