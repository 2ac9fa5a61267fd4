"""notices to families: guardians' e-mails and consent, the history of their contacts, the
notices and their deliveries

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _origin() -> list[sa.Column[object]]:
    return [
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
    ]


def upgrade() -> None:
    with op.batch_alter_table("guardians") as batch:
        batch.add_column(sa.Column("email", sa.Text(), nullable=True))
        batch.add_column(
            sa.Column("notice_consent", sa.Boolean(), nullable=False, server_default="0")
        )
    op.create_table(
        "contact_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        *_origin(),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupils.id"], name=op.f("fk_contact_changes_pupil_id_pupils")
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_contact_changes_submission_id_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_changes")),
    )
    op.create_index(op.f("ix_contact_changes_pupil_id"), "contact_changes", ["pupil_id"])
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=True),
        sa.Column("child", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("content_sha256", sa.String(length=64), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_notices_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupils.id"], name=op.f("fk_notices_pupil_id_pupils")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notices")),
        sa.UniqueConstraint("kind", "key", "revision", name="uq_notices_kind_key_revision"),
    )
    op.create_index(op.f("ix_notices_pupil_id"), "notices", ["pupil_id"])
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("guardian", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("message_id", sa.Text(), nullable=True),
        sa.Column("sending_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["notices.id"], name=op.f("fk_deliveries_notice_id_notices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
        sa.UniqueConstraint("notice_id", "email", name="uq_deliveries_notice_id_email"),
    )
    op.create_index(op.f("ix_deliveries_notice_id"), "deliveries", ["notice_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_deliveries_notice_id"), table_name="deliveries")
    op.drop_table("deliveries")
    op.drop_index(op.f("ix_notices_pupil_id"), table_name="notices")
    op.drop_table("notices")
    op.drop_index(op.f("ix_contact_changes_pupil_id"), table_name="contact_changes")
    op.drop_table("contact_changes")
    with op.batch_alter_table("guardians") as batch:
        batch.drop_column("notice_consent")
        batch.drop_column("email")
