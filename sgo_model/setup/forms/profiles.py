"""Form «Профили учебного плана»: curriculum profiles (специализации)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from sgo_model.domain.commands import DefineProfile
from sgo_model.domain.problems import Origin
from sgo_model.domain.roles import FormKind
from sgo_model.forms.fields import OptionalText, OrientationField, Text
from sgo_model.forms.spec import Column, FormSpec


class ProfileRow(BaseModel):
    """A row of the profiles form."""

    model_config = ConfigDict(frozen=True)

    name: Text
    orientation: OrientationField
    description: OptionalText


def to_command(row: ProfileRow, origin: Origin) -> DefineProfile:
    """The command a profile row asks for."""
    return DefineProfile(row.name, row.orientation, row.description, origin=origin)


SPEC = FormSpec(
    kind=FormKind.PROFILES,
    sheet="Профили",
    columns=(
        Column("Профиль", "name", width=30),
        Column("Направленность", "orientation", width=24, choices="orientations"),
        Column("Описание", "description", required=False, width=60),
    ),
    row_model=ProfileRow,
    to_command=to_command,
    instructions="Одна строка — один профиль (специализация) учебного плана.",
)
