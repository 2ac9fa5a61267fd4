"""transfers between kindergartens: the children received from another kindergarten as
verified bags, drafts until enrolled

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "transfer_arrivals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sender", sa.Text(), nullable=False),
        sa.Column("sender_inn", sa.String(length=12), nullable=True),
        sa.Column("last_name", sa.Text(), nullable=False),
        sa.Column("first_name", sa.Text(), nullable=False),
        sa.Column("patronymic", sa.Text(), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False, server_default="draft"),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["movement_events.id"],
            name=op.f("fk_transfer_arrivals_event_id_movement_events"),
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_transfer_arrivals_submission_id_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_arrivals")),
    )
    op.create_index(
        op.f("ix_transfer_arrivals_name_key"), "transfer_arrivals", ["name_key"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_transfer_arrivals_name_key"), table_name="transfer_arrivals")
    op.drop_table("transfer_arrivals")
