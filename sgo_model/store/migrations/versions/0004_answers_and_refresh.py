"""claims and receipts of submissions, refresh requests, pending document hashes

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 23:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("claim", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("receipt", sa.Text(), nullable=True))
        batch.create_unique_constraint("uq_submissions_claim", ["claim"])
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("pending_sha256", sa.String(length=64), nullable=True))
    op.create_table(
        "refresh_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publisher", sa.String(length=64), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_refresh_requests_publisher", "refresh_requests", ["publisher"])


def downgrade() -> None:
    op.drop_index("ix_refresh_requests_publisher", table_name="refresh_requests")
    op.drop_table("refresh_requests")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("pending_sha256")
    with op.batch_alter_table("submissions") as batch:
        batch.drop_constraint("uq_submissions_claim", type_="unique")
        batch.drop_column("receipt")
        batch.drop_column("claim")
