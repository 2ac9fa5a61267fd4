"""The working calendar as stored: production calendar days and institution overrides."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import Connection, delete, insert, select

from sgo_model.domain.calendar import DayOverride, WorkingCalendar
from sgo_model.store.tables import calendar_days, calendar_overrides

HOLIDAY = "holiday"
WORKDAY_TRANSFER = "workday_transfer"


class CalendarRepository:
    """Production-calendar days and overrides."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def replace_production_days(
        self, first: date, last: date, holidays: dict[date, str], workdays: Iterable[date]
    ) -> None:
        """Store the production calendar for a period (replacing what was there)."""
        self.connection.execute(
            delete(calendar_days).where(calendar_days.c.day.between(first, last))
        )
        rows = [{"day": d, "kind": HOLIDAY, "name": n} for d, n in holidays.items()]
        rows += [{"day": d, "kind": WORKDAY_TRANSFER, "name": "рабочий день"} for d in workdays]
        if rows:
            self.connection.execute(insert(calendar_days), rows)

    def set_override(self, override: DayOverride) -> None:
        """Record an institution's own working or non-working day."""
        self.connection.execute(
            delete(calendar_overrides).where(calendar_overrides.c.day == override.day)
        )
        self.connection.execute(
            insert(calendar_overrides).values(
                day=override.day,
                working=override.working,
                reason=override.reason,
                created_at=datetime.now(UTC),
            )
        )

    def remove_override(self, day: date) -> bool:
        """Drop an override; ``False`` if there was none."""
        result = self.connection.execute(
            delete(calendar_overrides).where(calendar_overrides.c.day == day)
        )
        return bool(result.rowcount)

    def load(self) -> WorkingCalendar:
        """The whole working calendar."""
        holidays: dict[date, str] = {}
        workdays: set[date] = set()
        for row in self.connection.execute(select(calendar_days)):
            if row.kind == HOLIDAY:
                holidays[row.day] = row.name
            else:
                workdays.add(row.day)
        overrides = {
            row.day: DayOverride(row.day, row.working, row.reason)
            for row in self.connection.execute(select(calendar_overrides))
        }
        return WorkingCalendar(holidays, frozenset(workdays), overrides)
