"""Form «Предельные нагрузки»: load limits by age category, never looser than SanPiN."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from sgo_model.domain.commands import SetLoadLimits
from sgo_model.domain.limits import LoadLimits
from sgo_model.domain.problems import Origin
from sgo_model.domain.roles import FormKind
from sgo_model.forms.fields import Category, OptionalPositiveInt, PositiveInt
from sgo_model.forms.spec import Column, FormSpec


class LoadLimitsRow(BaseModel):
    """A row of the load limits form."""

    model_config = ConfigDict(frozen=True)

    category: Category
    activity_minutes: PositiveInt
    daily_minutes: PositiveInt
    weekly_activities: OptionalPositiveInt


def to_command(row: LoadLimitsRow, origin: Origin) -> SetLoadLimits:
    """The command a load limits row asks for."""
    limits = LoadLimits(
        row.category, row.activity_minutes, row.daily_minutes, row.weekly_activities
    )
    return SetLoadLimits(limits, origin=origin)


SPEC = FormSpec(
    kind=FormKind.LOAD_LIMITS,
    sheet="Нагрузки",
    columns=(
        Column("Возрастная категория", "category", width=28, choices="categories"),
        Column("Длительность занятия, мин", "activity_minutes", width=16),
        Column("Нагрузка в день, мин", "daily_minutes", width=16),
        Column("Занятий в неделю", "weekly_activities", required=False, width=14),
    ),
    row_model=LoadLimitsRow,
    to_command=to_command,
    instructions=(
        "Нагрузка может быть строже СанПиН 1.2.3685-21 (табл. 6.6), но не мягче. "
        "Число занятий в неделю устанавливает учебный план."
    ),
)
