"""Form «Показатели диагностики»: the indicators each educational area is scored by, per age
category (an area of a category not listed keeps the default indicators)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict

from sgo_model.domain.commands import SetDiagnosticIndicator
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.problems import Origin
from sgo_model.domain.roles import FormKind
from sgo_model.forms.fields import Category, Text, cell, text_parser
from sgo_model.forms.spec import Column, FormSpec

Area = Annotated[EducationalArea, cell(text_parser(EducationalArea.parse))]


class IndicatorRow(BaseModel):
    """A row of «Показатели диагностики»."""

    model_config = ConfigDict(frozen=True)

    category: Category
    area: Area
    name: Text


def to_command(row: IndicatorRow, origin: Origin) -> SetDiagnosticIndicator:
    """The command a row asks for."""
    return SetDiagnosticIndicator(row.category, row.area, row.name, origin=origin)


SPEC = FormSpec(
    kind=FormKind.DIAGNOSTIC_INDICATORS,
    sheet="Показатели",
    columns=(
        Column("Возрастная категория", "category", width=34, choices="categories"),
        Column("Образовательная область", "area", width=38, choices="areas"),
        Column("Показатель", "name", width=50, hint="то, что оценивают в этой области"),
    ),
    row_model=IndicatorRow,
    to_command=to_command,
    instructions=(
        "Форма — полный список показателей: прежний заменяется. Показатели области идут в "
        "бланке диагностики в том порядке, в каком указаны здесь. Для области возрастной "
        "категории, которой нет в списке, остаются показатели по умолчанию (по ФОП ДО)."
    ),
)
