"""the NOD schedule belongs to a school year: versions are numbered within their year, and a
new year starts without one (closing a year does not carry the schedule); existing versions
belong to the current year

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("schedule_versions") as batch:
        batch.add_column(sa.Column("year_id", sa.Integer(), nullable=True))
        batch.drop_constraint("uq_schedule_versions_number", type_="unique")
        batch.create_foreign_key(
            op.f("fk_schedule_versions_year_id_academic_years"),
            "academic_years",
            ["year_id"],
            ["id"],
        )
        batch.create_unique_constraint("uq_schedule_versions_year_id_number", ["year_id", "number"])
    op.execute(
        "UPDATE schedule_versions SET year_id = "
        "(SELECT id FROM academic_years WHERE is_current = true)"
    )


def downgrade() -> None:
    with op.batch_alter_table("schedule_versions") as batch:
        batch.drop_constraint("uq_schedule_versions_year_id_number", type_="unique")
        batch.drop_constraint(
            op.f("fk_schedule_versions_year_id_academic_years"), type_="foreignkey"
        )
        batch.drop_column("year_id")
        batch.create_unique_constraint("uq_schedule_versions_number", ["number"])
