"""closing the school year: closures and their steps, the years' closing and reopening

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "year_closures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.String(length=9), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_year_closures")),
    )
    op.create_index(op.f("ix_year_closures_year"), "year_closures", ["year"])
    op.create_table(
        "year_close_steps",
        sa.Column("closure_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=32), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["closure_id"],
            ["year_closures.id"],
            name=op.f("fk_year_close_steps_closure_id_year_closures"),
        ),
        sa.PrimaryKeyConstraint("closure_id", "step", name=op.f("pk_year_close_steps")),
    )
    op.create_table(
        "year_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.String(length=9), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_year_actions")),
    )
    op.create_index(op.f("ix_year_actions_year"), "year_actions", ["year"])


def downgrade() -> None:
    op.drop_table("year_actions")
    op.drop_table("year_close_steps")
    op.drop_table("year_closures")
