"""Form «Движение воспитанников»: enrolments, transfers and withdrawals, many rows a file."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, model_validator

from sgo_model.domain.commands import RecordMovement
from sgo_model.domain.errors import DomainError
from sgo_model.domain.movement import MovementKind
from sgo_model.domain.movement_reasons import WithdrawalReason
from sgo_model.domain.people import PersonName, resolve_sex
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
    LastName,
    OptionalAccount,
    OptionalCondition,
    OptionalGroupName,
    OptionalPatronymic,
    OptionalSex,
    OptionalText,
    PastDate,
    cell,
    fail,
    optional_cell,
    to_text,
)
from sgo_model.forms.spec import Column, FormSpec
from sgo_model.setup.forms.pupils import CONDITION_COLUMN


def _kind(value: object) -> MovementKind:
    return MovementKind.parse(to_text(value))


def _reason(value: object) -> WithdrawalReason:
    return WithdrawalReason.parse(to_text(value))


class MovementRow(BaseModel):
    """A row of the movement form."""

    model_config = ConfigDict(frozen=True)

    kind: Annotated[MovementKind, cell(_kind)]
    last_name: LastName
    first_name: FirstName
    patronymic: OptionalPatronymic
    birth_date: PastDate
    effective_on: Date
    from_group: OptionalGroupName
    to_group: OptionalGroupName
    grounds: OptionalText
    reason: Annotated[WithdrawalReason | None, optional_cell(_reason)]
    destination: OptionalText
    arrived_from: OptionalText
    exception_reason: OptionalText
    sex: OptionalSex
    address: OptionalText
    guardian: OptionalText
    phone: OptionalText
    account: OptionalAccount = None
    condition: OptionalCondition = None
    email: OptionalEmails = None
    consent: OptionalConsents = None

    @model_validator(mode="after")
    def _complete(self) -> MovementRow:
        kind = self.kind
        if kind in (MovementKind.ENROL, MovementKind.TRANSFER) and not self.to_group:
            raise fail(f"to_group|Для вида «{kind.label}» укажите группу, в которую")
        if kind is MovementKind.WITHDRAW and self.reason is None:
            raise fail("reason|Для отчисления укажите причину выбытия")
        if self.reason is WithdrawalReason.TRANSFER_TO_ANOTHER and not self.destination:
            raise fail("destination|Для перевода в другую организацию укажите, куда выбыл")
        if kind is MovementKind.ENROL:
            try:
                resolve_sex(PersonName(self.last_name, self.first_name, self.patronymic), self.sex)
            except DomainError as error:
                raise fail(f"sex|{error.message}") from None
        problem = contacts_problem(self.guardian, self.email, self.consent)
        if problem:
            raise fail(problem)
        return self


def to_command(row: MovementRow, origin: Origin) -> RecordMovement:
    """The command a movement row asks for."""
    guardians = guardians_from(row.guardian, row.phone, row.email, row.consent)
    return RecordMovement(
        kind=row.kind,
        name=PersonName(row.last_name, row.first_name, row.patronymic),
        birth_date=row.birth_date,
        effective_on=row.effective_on,
        sex=row.sex,
        from_group=row.from_group,
        to_group=row.to_group,
        grounds=row.grounds,
        reason=row.reason,
        destination=row.arrived_from if row.kind is MovementKind.ENROL else row.destination,
        exception_reason=row.exception_reason,
        address=row.address,
        guardians=guardians,
        account=row.account,
        condition=row.condition,
        origin=origin,
    )


COLUMNS = (
    Column("Вид", "kind", width=14, choices="movement_kinds"),
    Column("Фамилия", "last_name"),
    Column("Имя", "first_name", width=14),
    Column("Отчество", "patronymic", required=False),
    Column("Дата рождения", "birth_date", width=13, hint="дд.мм.гггг"),
    Column("Дата", "effective_on", width=12, hint="дд.мм.гггг"),
    Column("Из группы", "from_group", required=False, width=16, choices="groups"),
    Column("В группу", "to_group", required=False, width=16, choices="groups"),
    Column(
        "Основание",
        "grounds",
        required=False,
        width=40,
        hint="заявление родителя от … № …, направление …",
    ),
    Column("Причина выбытия", "reason", required=False, width=28, choices="withdrawal_reasons"),
    Column("Куда выбыл", "destination", required=False, width=28),
    Column("Откуда прибыл", "arrived_from", required=False, width=24, hint="из семьи, из ДОО …"),
    Column(
        "Обоснование",
        "exception_reason",
        required=False,
        width=30,
        hint="если сверх наполняемости или не по возрасту",
    ),
    Column("Пол", "sex", required=False, width=6, choices="sexes"),
    Column("Адрес", "address", required=False, width=36),
    Column("Родитель (законный представитель)", "guardian", required=False, width=32),
    Column("Телефон", "phone", required=False, width=18, number_format="@"),
    *CONTACT_COLUMNS,
    Column("Лицевой счёт", "account", required=False, width=16, number_format="@"),
    CONDITION_COLUMN,
)

SPEC = FormSpec(
    kind=FormKind.MOVEMENT,
    sheet="Движение",
    columns=COLUMNS,
    row_model=MovementRow,
    to_command=to_command,
    instructions=(
        "Одна строка — одно зачисление, перевод или отчисление. Воспитанник узнаётся по ФИО и "
        "дате рождения. Пол, адрес, родитель и телефон — для зачисления."
    ),
)
