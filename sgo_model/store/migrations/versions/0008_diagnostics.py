"""pedagogical diagnostics: indicators per age category, versions of a group's diagnostics
with their scores and the children not assessed

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "diagnostic_indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("area", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_diagnostic_indicators_submission_id_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diagnostic_indicators")),
    )
    op.create_table(
        "diagnostic_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.String(length=9), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("covered", sa.Text(), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_diagnostic_versions_group_id_groups")
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_diagnostic_versions_submission_id_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diagnostic_versions")),
        sa.UniqueConstraint(
            "group_id", "year", "period", "version", name="uq_diagnostic_versions_group_period"
        ),
    )
    op.create_table(
        "diagnostic_scores",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.Text(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["diagnostic_versions.id"],
            name=op.f("fk_diagnostic_scores_version_id_diagnostic_versions"),
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupils.id"], name=op.f("fk_diagnostic_scores_pupil_id_pupils")
        ),
        sa.PrimaryKeyConstraint(
            "version_id", "pupil_id", "area", "position", name=op.f("pk_diagnostic_scores")
        ),
    )
    op.create_table(
        "diagnostic_skips",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["diagnostic_versions.id"],
            name=op.f("fk_diagnostic_skips_version_id_diagnostic_versions"),
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupils.id"], name=op.f("fk_diagnostic_skips_pupil_id_pupils")
        ),
        sa.PrimaryKeyConstraint("version_id", "pupil_id", name=op.f("pk_diagnostic_skips")),
    )


def downgrade() -> None:
    op.drop_table("diagnostic_skips")
    op.drop_table("diagnostic_scores")
    op.drop_table("diagnostic_versions")
    op.drop_table("diagnostic_indicators")
