"""Form «Сотрудники»: the staff list, with logins and roles of those who use the system."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, model_validator

from sgo_model.domain.commands import RegisterEmployee
from sgo_model.domain.people import Employee, PersonName, check_login
from sgo_model.domain.problems import Origin
from sgo_model.domain.roles import FormKind, Role
from sgo_model.forms.fields import (
    FirstName,
    LastName,
    OptionalNumber,
    OptionalPastDate,
    OptionalPatronymic,
    Text,
    fail,
    optional_cell,
    to_text,
)
from sgo_model.forms.spec import Column, FormSpec


def _login(value: object) -> str:
    return check_login(to_text(value))


def _role(value: object) -> Role:
    return Role.parse(to_text(value))


class StaffRow(BaseModel):
    """A row of the staff list."""

    model_config = ConfigDict(frozen=True)

    personnel_number: Text
    last_name: LastName
    first_name: FirstName
    patronymic: OptionalPatronymic
    post: Text
    hired_on: OptionalPastDate
    rate: OptionalNumber
    login: Annotated[str | None, optional_cell(_login)]
    role: Annotated[Role | None, optional_cell(_role)]

    @model_validator(mode="after")
    def _login_and_role_together(self) -> StaffRow:
        if self.rate is not None and not 0 < self.rate <= 2:
            raise fail("rate|Ставка должна быть больше 0 и не больше 2")
        if self.login and not self.role:
            raise fail("role|Для логина нужна роль пользователя")
        if self.role and not self.login:
            raise fail("login|Для роли нужен логин пользователя")
        return self


def to_command(row: StaffRow, origin: Origin) -> RegisterEmployee:
    """The command a staff row asks for."""
    employee = Employee(
        personnel_number=row.personnel_number,
        name=PersonName(row.last_name, row.first_name, row.patronymic),
        post=row.post,
        hired_on=row.hired_on,
        rate=row.rate,
    )
    return RegisterEmployee(employee, row.login, row.role, origin=origin)


SPEC = FormSpec(
    kind=FormKind.STAFF,
    sheet="Сотрудники",
    columns=(
        Column("Табельный номер", "personnel_number", width=12, number_format="@"),
        Column("Фамилия", "last_name"),
        Column("Имя", "first_name", width=14),
        Column("Отчество", "patronymic", required=False),
        Column("Должность", "post", width=30),
        Column("Дата приёма", "hired_on", required=False, width=13, hint="дд.мм.гггг"),
        Column("Ставка", "rate", required=False, width=8, number_format="0.00"),
        Column("Логин", "login", required=False, width=16, hint="латиницей, для входящей папки"),
        Column("Роль", "role", required=False, width=26, choices="roles"),
    ),
    row_model=StaffRow,
    to_command=to_command,
    instructions=(
        "Одна строка — один сотрудник. Табельный номер уникален. Логин и роль заполняются "
        "только для тех, кто работает с системой: логин — имя папки во входящих."
    ),
)
