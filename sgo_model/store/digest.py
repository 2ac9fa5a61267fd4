"""A table-by-table digest of the store's facts, to prove two stores hold the same.

Left out: what publishing generates (the documents, their history, pending refreshes, an
order's link to its document: regenerated from the facts), and the moments rows were written
(every date-time column but the moment a file was received), which a replay cannot repeat.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Column, Connection, DateTime, Table, select

from sgo_model.store import record_tables  # noqa: F401  (its tables join the metadata)
from sgo_model.store.tables import metadata

GENERATED_TABLES = frozenset({"documents", "document_history", "refresh_requests"})
KEPT_MOMENTS = frozenset({"received_at"})
GENERATED_COLUMNS = frozenset(
    {
        ("orders", "document_id"),
        # A notice is issued by publishing: its document and the day publishing ran.
        ("notices", "document_id"),
        ("notices", "issued_on"),
        # A delivery's outcome is replayed from the journal, not its tries and answers.
        ("deliveries", "attempts"),
        ("deliveries", "answer"),
        ("deliveries", "message_id"),
    }
)
GENERATED_KEYS = {
    # When the receipt was written, not what it says.
    ("submissions", "receipt"): ("processed_at",),
    # The year's archive step: where its bag of generated documents is, and how many.
    ("year_close_steps", "detail"): ("bag", "documents"),
}
"""Keys left out of JSON columns, by table and column."""


@dataclass(frozen=True)
class TableDigest:
    """A table's row count and the SHA-256 of its rows in key order."""

    rows: int
    sha256: str


def store_digest(connection: Connection) -> dict[str, TableDigest]:
    """Every fact table's digest, by table name."""
    return {
        table.name: _digest(connection, table)
        for table in metadata.sorted_tables
        if table.name not in GENERATED_TABLES
    }


def _compared(table: Table) -> list[Column[object]]:
    return [
        column
        for column in table.columns
        if (table.name, column.name) not in GENERATED_COLUMNS
        and (not isinstance(column.type, DateTime) or column.name in KEPT_MOMENTS)
    ]


def _digest(connection: Connection, table: Table) -> TableDigest:
    columns = _compared(table)
    order = list(table.primary_key.columns) or columns
    digest = hashlib.sha256()
    count = 0
    for row in connection.execute(select(*columns).order_by(*order)):
        values = [
            _plain(table.name, column.name, value)
            for column, value in zip(columns, row, strict=True)
        ]
        digest.update(json.dumps(values, ensure_ascii=False, default=str).encode("utf-8"))
        count += 1
    return TableDigest(count, digest.hexdigest())


def _plain(table: str, column: str, value: object) -> object:
    if (table, column) in GENERATED_KEYS and isinstance(value, str):
        data = json.loads(value)
        for key in GENERATED_KEYS[table, column]:
            data.pop(key, None)
        return data
    if isinstance(value, datetime):
        # SQLite gives a moment back without its zone, PostgreSQL with it: compare instants.
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    return value
