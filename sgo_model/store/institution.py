"""The institution and its academic years."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Connection, insert, select, update

from sgo_model.domain.calendar import AcademicYear
from sgo_model.store.tables import academic_years, institution


@dataclass(frozen=True)
class InstitutionRecord:
    """The institution as stored."""

    name: str
    short_name: str | None
    current_year: AcademicYear | None


class InstitutionRepository:
    """Reads and writes the single institution row and the academic years."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def get(self) -> InstitutionRecord | None:
        """The institution, or ``None`` before ``sgo init``."""
        row = self.connection.execute(select(institution.c.name, institution.c.short_name)).first()
        if row is None:
            return None
        label = self.connection.execute(
            select(academic_years.c.label).where(academic_years.c.is_current.is_(True))
        ).scalar()
        year = AcademicYear.parse(label) if label else None
        return InstitutionRecord(row.name, row.short_name, year)

    def year_of(self, today: date) -> AcademicYear:
        """The site's current academic year, or (before one is set) the one containing today."""
        record = self.get()
        if record is not None and record.current_year is not None:
            return record.current_year
        return AcademicYear.containing(today)

    def save(self, name: str, short_name: str | None) -> None:
        """Create or rename the institution."""
        if self.get() is None:
            self.connection.execute(
                insert(institution).values(
                    id=1, name=name, short_name=short_name, created_at=datetime.now(UTC)
                )
            )
        else:
            self.connection.execute(update(institution).values(name=name, short_name=short_name))

    def open_year(self, year: AcademicYear) -> bool:
        """Register the academic year and make it current; ``False`` if it already existed."""
        exists = self.connection.execute(
            select(academic_years.c.id).where(academic_years.c.label == year.label)
        ).scalar()
        self.connection.execute(update(academic_years).values(is_current=False))
        if exists:
            self.connection.execute(
                update(academic_years).where(academic_years.c.id == exists).values(is_current=True)
            )
            return False
        self.connection.execute(
            insert(academic_years).values(
                label=year.label,
                starts_on=year.first_day,
                ends_on=year.last_day,
                status="open",
                is_current=True,
            )
        )
        return True
