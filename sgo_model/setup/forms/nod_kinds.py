"""Form «Виды НОД по группам»: kinds of activity per group with weekly counts."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict

from sgo_model.domain.commands import AssignNodKind
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.problems import Origin
from sgo_model.domain.roles import FormKind
from sgo_model.forms.fields import GroupName, OptionalText, PositiveInt, Text, cell, to_text
from sgo_model.forms.spec import Column, FormSpec


def _area(value: object) -> EducationalArea:
    return EducationalArea.parse(to_text(value))


class NodKindRow(BaseModel):
    """A row of the NOD kinds form."""

    model_config = ConfigDict(frozen=True)

    group: GroupName
    name: Text
    area: Annotated[EducationalArea, cell(_area)]
    weekly_count: PositiveInt
    teacher: OptionalText
    room: OptionalText


def to_command(row: NodKindRow, origin: Origin) -> AssignNodKind:
    """The command a NOD kind row asks for."""
    return AssignNodKind(
        row.group,
        row.name,
        row.area.value,
        row.weekly_count,
        row.teacher,
        row.room,
        origin=origin,
    )


SPEC = FormSpec(
    kind=FormKind.NOD_KINDS,
    sheet="Виды НОД",
    columns=(
        Column("Группа", "group", width=18, choices="groups"),
        Column("Вид НОД", "name", width=32),
        Column("Образовательная область", "area", width=36, choices="areas"),
        Column("Занятий в неделю", "weekly_count", width=12),
        Column("Педагог", "teacher", required=False, width=30, hint="табельный номер или ФИО"),
        Column("Помещение", "room", required=False, width=20),
    ),
    row_model=NodKindRow,
    to_command=to_command,
    instructions=(
        "Строки одной группы в файле — её полный список видов НОД: прежний список группы "
        "заменяется. Сумма занятий в неделю не должна превышать предельную нагрузку."
    ),
)
