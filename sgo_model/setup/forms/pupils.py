"""Form «Воспитанники»: the pupils with their group, enrolment date and guardian."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, model_validator

from sgo_model.domain.commands import RegisterPupil
from sgo_model.domain.errors import DomainError
from sgo_model.domain.people import (
    PersonName,
    Pupil,
    resolve_sex,
)
from sgo_model.domain.problems import Origin
from sgo_model.domain.roles import FormKind
from sgo_model.forms.contacts import (
    CONTACT_COLUMNS,
    OptionalConsents,
    OptionalEmails,
    contacts_problem,
    guardians_from,
)
from sgo_model.forms.fields import (
    Date,
    FirstName,
    GroupName,
    LastName,
    OptionalAccount,
    OptionalCondition,
    OptionalPatronymic,
    OptionalSex,
    OptionalText,
    PastDate,
    fail,
)
from sgo_model.forms.spec import Column, FormSpec

CONDITION_COLUMN = Column(
    "ОВЗ",
    "condition",
    required=False,
    width=24,
    choices="conditions",
    hint="нарушение по заключению ПМПК, если есть",
)
"""The child's condition: it caps compensating and combined groups."""


class PupilRow(BaseModel):
    """A row of the pupils form."""

    model_config = ConfigDict(frozen=True)

    last_name: LastName
    first_name: FirstName
    patronymic: OptionalPatronymic
    sex: OptionalSex
    birth_date: PastDate
    group: GroupName
    enrolled_on: Date
    address: OptionalText
    guardian: OptionalText
    phone: OptionalText
    account: OptionalAccount
    condition: OptionalCondition = None
    email: OptionalEmails = None
    consent: OptionalConsents = None

    @model_validator(mode="after")
    def _consistent(self) -> PupilRow:
        name = PersonName(self.last_name, self.first_name, self.patronymic)
        try:
            resolve_sex(name, self.sex)
        except DomainError as error:
            raise fail(f"sex|{error.message}") from None
        age_days = (self.enrolled_on - self.birth_date).days
        if age_days < 60:
            raise fail("enrolled_on|Дата зачисления раньше, чем ребёнку исполнится 2 месяца")
        if self.birth_date < date(self.enrolled_on.year - 8, 1, 1):
            raise fail("birth_date|Ребёнок старше дошкольного возраста на дату зачисления")
        problem = contacts_problem(self.guardian, self.email, self.consent)
        if problem:
            raise fail(problem)
        return self


def to_command(row: PupilRow, origin: Origin) -> RegisterPupil:
    """The command a pupil row asks for."""
    name = PersonName(row.last_name, row.first_name, row.patronymic)
    guardians = guardians_from(row.guardian, row.phone, row.email, row.consent)
    sex = resolve_sex(name, row.sex)
    pupil = Pupil(name, sex, row.birth_date, row.address, guardians, row.account, row.condition)
    return RegisterPupil(pupil, row.group, row.enrolled_on, origin=origin)


SPEC = FormSpec(
    kind=FormKind.PUPILS,
    sheet="Воспитанники",
    columns=(
        Column("Фамилия", "last_name"),
        Column("Имя", "first_name", width=14),
        Column("Отчество", "patronymic", required=False),
        Column("Пол", "sex", required=False, width=6, choices="sexes"),
        Column("Дата рождения", "birth_date", width=13, hint="дд.мм.гггг"),
        Column("Группа", "group", width=18, choices="groups"),
        Column("Дата зачисления", "enrolled_on", width=14, hint="дд.мм.гггг"),
        Column("Адрес", "address", required=False, width=40),
        Column("Родитель (законный представитель)", "guardian", required=False, width=34),
        Column("Телефон", "phone", required=False, width=18, number_format="@"),
        *CONTACT_COLUMNS,
        Column("Лицевой счёт", "account", required=False, width=16, number_format="@"),
        CONDITION_COLUMN,
    ),
    row_model=PupilRow,
    to_command=to_command,
    instructions=(
        "Одна строка — один воспитанник. Воспитанник узнаётся по ФИО и дате рождения. "
        "Несколько родителей, телефонов и адресов e-mail — через «;» в том же порядке; "
        "уведомления по e-mail отправляются только с согласия родителя."
    ),
)
