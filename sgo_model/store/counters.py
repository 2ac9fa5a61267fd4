"""Gapless counters (order numbers, the movement book's running number)."""

from __future__ import annotations

from sqlalchemy import Connection, update

from sgo_model.store.tables import counters

BOOK_COUNTER = "movement_book"
"""The counter of the movement book's running number (cumulative across years)."""
TIMESHEET_COUNTER = "timesheet"
"""The counter of timesheet numbers («Табель №»), per calendar year."""


class CounterRepository:
    """Counters bumped inside the transaction that uses the number."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def next(self, name: str, year: int = 0, count: int = 1) -> int:
        """The next value of a counter (the first of ``count`` reserved at once); concurrent
        transactions serialise on its row."""
        # The dialects' packages load every driver they know: only the one in use is imported.
        row = {"name": name, "year": year, "value": 0}
        if self.connection.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            self.connection.execute(pg_insert(counters).values(row).on_conflict_do_nothing())
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            self.connection.execute(sqlite_insert(counters).values(row).on_conflict_do_nothing())
        result = self.connection.execute(
            update(counters)
            .where(counters.c.name == name, counters.c.year == year)
            .values(value=counters.c.value + count)
            .returning(counters.c.value)
        )
        return int(result.scalar_one()) - count + 1
