"""Tables of what the institution's records went through: report packages prepared and sent,
school years closed and reopened, every version and status change of a document. The schema
is created only by Alembic migrations."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Table, Text

from sgo_model.store.tables import metadata

# Report packages (BagIt bags) prepared for the education authority, and what became of them.
report_packages = Table(
    "report_packages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("period", String(16), nullable=False),
    Column("edition", Text, nullable=False),
    Column("path", Text, nullable=False),
    Column("figures_sha256", String(64), nullable=False, index=True),
    Column("preliminary", Boolean, nullable=False, server_default="0"),
    Column("status", String(16), nullable=False),  # prepared | sent | replaced
    Column("prepared_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=True),
    Column("sent_to", Text, nullable=True),
    Column("replaces_id", Integer, ForeignKey("report_packages.id"), nullable=True),
    Column("reason", Text, nullable=True),
)

# Closing a school year: each closure's steps, done once each (a killed run resumes), and
# every closing and reopening of a year with who did it and why.
year_closures = Table(
    "year_closures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("year", String(9), nullable=False, index=True),
    Column("status", String(16), nullable=False),  # running | done
    Column("login", String(64), nullable=False),
    Column("override_reason", Text, nullable=True),
    Column("options", Text, nullable=False),  # JSON: renames, regroup
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),
)

year_close_steps = Table(
    "year_close_steps",
    metadata,
    Column("closure_id", Integer, ForeignKey("year_closures.id"), primary_key=True),
    Column("step", String(32), primary_key=True),
    Column("done_at", DateTime(timezone=True), nullable=False),
    Column("detail", Text, nullable=False),  # JSON: what the step did
)

year_actions = Table(
    "year_actions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("year", String(9), nullable=False, index=True),
    Column("action", String(16), nullable=False),  # closed | reopened | override
    Column("reason", Text, nullable=True),
    Column("login", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

# Every version and status change of a registered document (draft → signed → registered →
# sent → archived), with what caused it.
document_history = Table(
    "document_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("note", Text, nullable=True),
)
