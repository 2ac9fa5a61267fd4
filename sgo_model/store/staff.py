"""Employees and user accounts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Connection, func, insert, select, update

from sgo_model.domain.people import Employee, PersonName
from sgo_model.domain.roles import Role
from sgo_model.store.tables import employees, group_teachers, groups, users


@dataclass(frozen=True)
class EmployeeRecord:
    """A stored employee."""

    id: int
    personnel_number: str
    name: PersonName
    post: str
    rate: Decimal | None = None
    """The share of a full rate (ставка), if given."""


@dataclass(frozen=True)
class UserRecord:
    """A stored user account."""

    id: int
    login: str
    role: Role
    employee_id: int | None
    active: bool


class StaffRepository:
    """Employees and users."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def employees(self) -> list[EmployeeRecord]:
        """All employees."""
        rows = self.connection.execute(select(employees).order_by(employees.c.last_name))
        return [
            EmployeeRecord(
                r.id,
                r.personnel_number,
                PersonName(r.last_name, r.first_name, r.patronymic),
                r.post,
                r.rate,
            )
            for r in rows
        ]

    def save_employee(
        self, employee: Employee, existing_id: int | None, submission_id: int, row: int
    ) -> int:
        """Insert or update an employee; returns its id."""
        values = {
            "personnel_number": employee.personnel_number,
            "last_name": employee.name.last,
            "first_name": employee.name.first,
            "patronymic": employee.name.patronymic,
            "post": employee.post,
            "hired_on": employee.hired_on,
            "rate": employee.rate,
            "submission_id": submission_id,
            "source_row": row,
        }
        if existing_id is None:
            result = self.connection.execute(
                insert(employees).values(**values).returning(employees.c.id)
            )
            return int(result.scalar_one())
        self.connection.execute(
            update(employees).where(employees.c.id == existing_id).values(**values)
        )
        return existing_id

    def users(self) -> list[UserRecord]:
        """All user accounts."""
        rows = self.connection.execute(select(users).order_by(users.c.login))
        return [UserRecord(r.id, r.login, Role(r.role), r.employee_id, r.active) for r in rows]

    def user(self, login: str) -> UserRecord | None:
        """One account by login."""
        r = self.connection.execute(select(users).where(users.c.login == login)).first()
        return UserRecord(r.id, r.login, Role(r.role), r.employee_id, r.active) if r else None

    def save_user(
        self,
        login: str,
        role: Role,
        employee_id: int | None,
        submission_id: int | None = None,
        row: int | None = None,
    ) -> bool:
        """Create or update an account; returns ``True`` when it was created."""
        values = {
            "role": role.value,
            "employee_id": employee_id,
            "active": True,
            "submission_id": submission_id,
            "source_row": row,
        }
        existing = self.user(login)
        if existing is None:
            self.connection.execute(
                insert(users).values(login=login, created_at=datetime.now(UTC), **values)
            )
            return True
        self.connection.execute(update(users).where(users.c.id == existing.id).values(**values))
        return False

    def led_groups(self, login: str) -> list[str]:
        """Names of the groups whose teacher is the user's employee."""
        rows = self.connection.execute(
            select(groups.c.name)
            .join(group_teachers, group_teachers.c.group_id == groups.c.id)
            .join(users, users.c.employee_id == group_teachers.c.employee_id)
            .where(users.c.login == login)
            .order_by(groups.c.name)
        )
        return [r.name for r in rows]

    def groups_led(self) -> dict[str, list[str]]:
        """Every login → the names of the groups its employee teaches (one query; logins
        leading no group are absent)."""
        rows = self.connection.execute(
            select(users.c.login, groups.c.name)
            .join(group_teachers, group_teachers.c.group_id == groups.c.id)
            .join(users, users.c.employee_id == group_teachers.c.employee_id)
            .order_by(users.c.login, groups.c.name)
        )
        led: dict[str, list[str]] = {}
        for r in rows:
            led.setdefault(r.login, []).append(r.name)
        return led

    def count(self) -> tuple[int, int]:
        """(employees, users)."""
        e = self.connection.execute(select(func.count()).select_from(employees)).scalar_one()
        u = self.connection.execute(select(func.count()).select_from(users)).scalar_one()
        return int(e), int(u)
