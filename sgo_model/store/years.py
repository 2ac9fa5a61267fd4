"""Academic years: their state, the closures that close them step by step, and every closing
and reopening with who did it and why."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from sgo_model.store.record_tables import year_actions, year_close_steps, year_closures
from sgo_model.store.tables import academic_years

RUNNING, DONE = "running", "done"
OPEN, CLOSED = "open", "closed"


@dataclass(frozen=True)
class YearRecord:
    """An academic year as stored."""

    label: str
    starts_on: date
    ends_on: date
    status: str
    is_current: bool


@dataclass(frozen=True)
class Closure:
    """A run of closing a year: who started it, the override, its options and state."""

    id: int
    year: str
    status: str
    login: str
    override_reason: str | None
    options: dict[str, Any]
    started_at: datetime
    finished_at: datetime | None


@dataclass(frozen=True)
class YearAction:
    """A year closed or reopened (or its gate overridden), by whom and why."""

    year: str
    action: str
    reason: str | None
    login: str
    at: datetime


class YearRepository:
    """Academic years and their closing."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def years(self) -> list[YearRecord]:
        """Every year, the oldest first."""
        rows = self.connection.execute(select(academic_years).order_by(academic_years.c.starts_on))
        return [
            YearRecord(r.label, r.starts_on, r.ends_on, r.status, bool(r.is_current)) for r in rows
        ]

    def set_status(self, label: str, status: str) -> None:
        """Mark a year open or closed."""
        self.connection.execute(
            update(academic_years).where(academic_years.c.label == label).values(status=status)
        )

    def closure(self, year: str) -> Closure | None:
        """The newest closure of a year."""
        row = self.connection.execute(
            select(year_closures)
            .where(year_closures.c.year == year)
            .order_by(year_closures.c.id.desc())
        ).first()
        if row is None:
            return None
        return Closure(
            row.id, row.year, row.status, row.login, row.override_reason,
            json.loads(row.options), row.started_at, row.finished_at,
        )  # fmt: skip

    def start_closure(
        self, year: str, login: str, override_reason: str | None, options: dict[str, Any]
    ) -> int:
        """Begin closing a year; the closure's id."""
        result = self.connection.execute(
            insert(year_closures)
            .values(
                year=year,
                status=RUNNING,
                login=login,
                override_reason=override_reason,
                options=json.dumps(options, ensure_ascii=False, sort_keys=True),
                started_at=datetime.now(UTC),
            )
            .returning(year_closures.c.id)
        )
        return int(result.scalar_one())

    def closure_number(self, closure_id: int) -> int:
        """Which closing of its year a closure is: 1, or 2 after a reopening…"""
        year = (
            select(year_closures.c.year).where(year_closures.c.id == closure_id).scalar_subquery()
        )
        count = self.connection.execute(
            select(func.count()).where(
                year_closures.c.year == year, year_closures.c.id <= closure_id
            )
        ).scalar_one()
        return int(count)

    def finish_closure(self, closure_id: int) -> None:
        """Mark a closure done."""
        self.connection.execute(
            update(year_closures)
            .where(year_closures.c.id == closure_id)
            .values(status=DONE, finished_at=datetime.now(UTC))
        )

    def groups_during(self, year: str) -> dict[int, tuple[str, str]]:
        """The groups as a closed year had them, by id: the name and the category code its
        newest closing found before moving them on (the plan its first step recorded); empty
        for a year never closed."""
        closure = self.closure(year)
        gate = self.steps(closure.id).get("gate") if closure else None
        if not gate:
            return {}
        return {int(c[0]): (str(c[1]), str(c[2])) for c in gate["plan"]["changes"]}

    def steps(self, closure_id: int) -> dict[str, dict[str, Any]]:
        """The steps a closure has done, with what each did."""
        rows = self.connection.execute(
            select(year_close_steps.c.step, year_close_steps.c.detail).where(
                year_close_steps.c.closure_id == closure_id
            )
        )
        return {r.step: json.loads(r.detail) for r in rows}

    def record_step(self, closure_id: int, step: str, detail: dict[str, Any]) -> None:
        """Record a step as done (in the transaction that did it)."""
        self.connection.execute(
            insert(year_close_steps).values(
                closure_id=closure_id,
                step=step,
                done_at=datetime.now(UTC),
                detail=json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str),
            )
        )

    def add_action(self, year: str, action: str, reason: str | None, login: str) -> None:
        """Record that a year was closed, reopened or its gate overridden."""
        self.connection.execute(
            insert(year_actions).values(
                year=year, action=action, reason=reason, login=login, at=datetime.now(UTC)
            )
        )

    def actions(self, year: str | None = None) -> list[YearAction]:
        """What was done to the years (or to one), the oldest first."""
        query = select(year_actions).order_by(year_actions.c.id)
        if year is not None:
            query = query.where(year_actions.c.year == year)
        return [
            YearAction(r.year, r.action, r.reason, r.login, r.at)
            for r in self.connection.execute(query)
        ]
