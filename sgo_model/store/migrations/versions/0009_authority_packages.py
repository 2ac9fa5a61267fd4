"""reports to the authority: the mode of stay of groups, the report packages of the outbox

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("groups") as batch:
        batch.add_column(
            sa.Column("stay_mode", sa.String(length=16), nullable=False, server_default="full")
        )
    op.create_table(
        "report_packages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("edition", sa.Text(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("figures_sha256", sa.String(length=64), nullable=False),
        sa.Column("preliminary", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("prepared_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_to", sa.Text(), nullable=True),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["replaces_id"],
            ["report_packages.id"],
            name=op.f("fk_report_packages_replaces_id_report_packages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_packages")),
    )
    op.create_index(
        op.f("ix_report_packages_figures_sha256"), "report_packages", ["figures_sha256"]
    )


def downgrade() -> None:
    op.drop_table("report_packages")
    with op.batch_alter_table("groups") as batch:
        batch.drop_column("stay_mode")
