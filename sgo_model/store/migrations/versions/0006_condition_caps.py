"""children's conditions, the condition a compensating group is for, edited condition caps

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "condition_caps",
        sa.Column("condition", sa.String(length=16), nullable=False),
        sa.Column("compensating_under_3", sa.Integer(), nullable=True),
        sa.Column("compensating_over_3", sa.Integer(), nullable=False),
        sa.Column("combined_under_3", sa.Integer(), nullable=False),
        sa.Column("combined_under_3_with", sa.Integer(), nullable=False),
        sa.Column("combined_over_3", sa.Integer(), nullable=False),
        sa.Column("combined_over_3_with", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_condition_caps_submission_id_submissions"),
        ),
        sa.PrimaryKeyConstraint("condition", name=op.f("pk_condition_caps")),
    )
    with op.batch_alter_table("groups") as batch:
        batch.add_column(sa.Column("condition", sa.String(length=16), nullable=True))
    with op.batch_alter_table("pupils") as batch:
        batch.add_column(sa.Column("condition", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pupils") as batch:
        batch.drop_column("condition")
    with op.batch_alter_table("groups") as batch:
        batch.drop_column("condition")
    op.drop_table("condition_caps")
