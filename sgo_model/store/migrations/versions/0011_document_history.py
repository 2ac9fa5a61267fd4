"""the registry of documents: every version and status change of a document, kept; the
existing documents get their first entry

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_history_document_id_documents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_history")),
    )
    op.create_index(op.f("ix_document_history_document_id"), "document_history", ["document_id"])
    op.execute(
        "INSERT INTO document_history (document_id, version, status, sha256, at, note) "
        "SELECT id, version, status, sha256, generated_at, 'до ведения истории' "
        "FROM documents WHERE version > 0"
    )


def downgrade() -> None:
    op.drop_table("document_history")
