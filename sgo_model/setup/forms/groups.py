"""Form «Группы»: groups with age category, orientation, room area, teachers and profile."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict

from sgo_model.domain.commands import DefineGroup
from sgo_model.domain.group import check_area
from sgo_model.domain.problems import Origin
from sgo_model.domain.roles import FormKind
from sgo_model.domain.stay import StayMode
from sgo_model.forms.fields import (
    Category,
    GroupName,
    OptionalCondition,
    OptionalStayMode,
    OptionalText,
    OrientationField,
    cell,
    split_list,
    to_decimal,
)
from sgo_model.forms.spec import Column, FormSpec


def _area(value: object) -> Decimal:
    return check_area(to_decimal(value))


class GroupRow(BaseModel):
    """A row of the groups form."""

    model_config = ConfigDict(frozen=True)

    name: GroupName
    category: Category
    orientation: OrientationField
    area_m2: Annotated[Decimal, cell(_area)]
    teachers: OptionalText
    profile: OptionalText
    condition: OptionalCondition = None
    stay_mode: OptionalStayMode = None


def to_command(row: GroupRow, origin: Origin) -> DefineGroup:
    """The command a group row asks for."""
    return DefineGroup(
        row.name,
        row.category,
        row.orientation,
        row.area_m2,
        split_list(row.teachers),
        row.profile,
        row.condition,
        row.stay_mode or StayMode.FULL,
        origin=origin,
    )


SPEC = FormSpec(
    kind=FormKind.GROUPS,
    sheet="Группы",
    columns=(
        Column("Группа", "name", width=20, hint="название без кавычек"),
        Column("Возрастная категория", "category", width=28, choices="categories"),
        Column("Направленность", "orientation", width=22, choices="orientations"),
        Column("Площадь, м²", "area_m2", width=12, number_format="0.0"),
        Column(
            "Воспитатели",
            "teachers",
            required=False,
            width=40,
            hint="табельные номера или ФИО через «;»",
        ),
        Column("Профиль", "profile", required=False, width=24, choices="profiles"),
        Column(
            "Нарушение",
            "condition",
            required=False,
            width=30,
            choices="conditions",
            hint="для компенсирующей группы: для детей с каким нарушением",
        ),
        Column(
            "Режим пребывания",
            "stay_mode",
            required=False,
            width=30,
            choices="stay_modes",
            hint="пусто — полный день",
        ),
    ),
    row_model=GroupRow,
    to_command=to_command,
    instructions=(
        "Одна строка — одна группа. Площадь групповой комнаты определяет вместимость: "
        "2,5 м² на ребёнка до 3 лет и 2,0 м² — от 3 до 7 лет (СП 2.4.3648-20). "
        "Компенсирующие и комбинированные группы ограничены ещё и нормативом по нарушениям "
        "детей (форма «Наполняемость по нарушениям»): действует меньший предел."
    ),
)
