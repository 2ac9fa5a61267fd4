"""what each attendance version covers, timesheet numbers, pupils' personal accounts

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 05:00:00
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TIMESHEET_COUNTER = "timesheet"


def upgrade() -> None:
    with op.batch_alter_table("pupils") as batch:
        batch.add_column(sa.Column("account", sa.String(length=32), nullable=True))
    with op.batch_alter_table("attendance_versions") as batch:
        batch.add_column(sa.Column("covered_through", sa.Date(), nullable=True))
        batch.add_column(sa.Column("timesheet_number", sa.Integer(), nullable=True))
    _backfill(op.get_bind())
    with op.batch_alter_table("attendance_versions") as batch:
        batch.alter_column("covered_through", existing_type=sa.Date(), nullable=False)
        batch.alter_column("timesheet_number", existing_type=sa.Integer(), nullable=False)


def _backfill(connection: sa.Connection) -> None:
    """Versions stored before coverage was kept cover the days before the day they came (at
    least their last mark); group-months are numbered per year in the order they came."""
    versions = sa.table(
        "attendance_versions",
        sa.column("id", sa.Integer),
        sa.column("group_id", sa.Integer),
        sa.column("month", sa.Date),
        sa.column("created_at", sa.DateTime),
        sa.column("covered_through", sa.Date),
        sa.column("timesheet_number", sa.Integer),
    )
    marks = sa.table("attendance_marks", sa.column("version_id", sa.Integer), sa.column("day"))
    counters = sa.table(
        "counters", sa.column("name"), sa.column("year", sa.Integer), sa.column("value")
    )
    last_marks = dict(
        connection.execute(
            sa.select(marks.c.version_id, sa.func.max(marks.c.day)).group_by(marks.c.version_id)
        ).all()
    )
    rows = connection.execute(
        sa.select(
            versions.c.id, versions.c.group_id, versions.c.month, versions.c.created_at
        ).order_by(versions.c.created_at, versions.c.id)
    ).all()
    numbers: dict[tuple[int, date], int] = {}
    per_year: dict[int, int] = {}
    for version_id, group_id, month, created_at in rows:
        month, came = _as_date(month), _as_date(created_at)
        last_day = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        covered = came - timedelta(days=1)
        marked = last_marks.get(version_id)
        if marked is not None:
            covered = max(covered, _as_date(marked))
        covered = max(min(covered, last_day, came), month - timedelta(days=1))
        key = (group_id, month)
        if key not in numbers:
            per_year[month.year] = per_year.get(month.year, 0) + 1
            numbers[key] = per_year[month.year]
        connection.execute(
            sa.update(versions)
            .where(versions.c.id == version_id)
            .values(covered_through=covered, timesheet_number=numbers[key])
        )
    for year, value in per_year.items():
        connection.execute(
            sa.insert(counters).values(name=TIMESHEET_COUNTER, year=year, value=value)
        )


def _as_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def downgrade() -> None:
    op.execute(sa.text(f"DELETE FROM counters WHERE name = '{TIMESHEET_COUNTER}'"))
    with op.batch_alter_table("attendance_versions") as batch:
        batch.drop_column("timesheet_number")
        batch.drop_column("covered_through")
    with op.batch_alter_table("pupils") as batch:
        batch.drop_column("account")
