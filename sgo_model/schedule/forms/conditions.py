"""Form «Условия расписания»: when teachers, specialists, rooms and groups are available, a
group's day (walk, nap), and the activities the methodist pins to a time."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, model_validator

from sgo_model.domain.commands import SetScheduleCondition
from sgo_model.domain.errors import DomainError
from sgo_model.domain.problems import Origin
from sgo_model.domain.roles import FormKind
from sgo_model.domain.schedule import PINNED, Regime, clock
from sgo_model.domain.text import fold
from sgo_model.forms.fields import OptionalText, Text, cell, fail, to_text
from sgo_model.forms.spec import Column, FormSpec
from sgo_model.schedule.forms.cells import Clock, OptionalClock, OptionalWeekday


def _condition(value: object) -> Regime | None:
    """A regime, or ``None`` for a pin («закреплено», «закрепить»)."""
    text = to_text(value)
    if fold(text).startswith("закреп"):
        return None
    try:
        return Regime.parse(text)
    except DomainError as error:
        raise DomainError(f"{error.message}, {PINNED}") from None


class ConditionRow(BaseModel):
    """A row of «Условия расписания»."""

    model_config = ConfigDict(frozen=True)

    who: Text
    day: OptionalWeekday
    start: Clock
    end: OptionalClock
    regime: Annotated[Regime | None, cell(_condition)]
    kind: OptionalText

    @model_validator(mode="after")
    def _complete(self) -> ConditionRow:
        if self.regime is None:
            if not self.kind:
                raise fail("kind|Для закреплённого занятия укажите вид НОД")
            if self.day is None:
                raise fail("day|Для закреплённого занятия укажите день недели")
            return self
        if self.end is None:
            raise fail(f"end|Для условия «{self.regime.label}» укажите время окончания")
        if self.end <= self.start:
            raise fail(f"end|Окончание {clock(self.end)} не позже начала {clock(self.start)}")
        if self.kind:
            raise fail("kind|Вид НОД указывают только для закреплённого занятия")
        return self


def to_command(row: ConditionRow, origin: Origin) -> SetScheduleCondition:
    """The command a row asks for."""
    return SetScheduleCondition(
        row.who, row.day, row.start, row.end, row.regime, row.kind, origin=origin
    )


SPEC = FormSpec(
    kind=FormKind.SCHEDULE_CONDITIONS,
    sheet="Условия",
    columns=(
        Column(
            "Кто / что",
            "who",
            width=30,
            hint="группа, педагог (ФИО или табельный номер) или помещение",
        ),
        Column("День недели", "day", required=False, width=16, choices="days"),
        Column("С", "start", width=8, hint="чч:мм; для закреплённого занятия — начало"),
        Column("До", "end", required=False, width=8, hint="чч:мм"),
        Column("Условие", "regime", width=16, choices="schedule_conditions"),
        Column("Вид НОД", "kind", required=False, width=30, hint="только для «закреплено»"),
    ),
    row_model=ConditionRow,
    to_command=to_command,
    instructions=(
        "Форма — полный список условий: прежний заменяется. «Доступен» у педагога или "
        "помещения — часы, когда только и можно ставить занятия; «недоступен» — когда нельзя. "
        "Режим группы (прогулка, дневной сон, «недоступен» на приём детей и завтрак) заменяет "
        "режим по умолчанию 9:00–11:00 и после сна. «Закреплено» — занятие группы (вид НОД) "
        "начинается в этот день в это время. Пустой день недели — ежедневно."
    ),
)
