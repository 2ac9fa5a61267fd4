"""Form «Наполняемость по нарушениям»: the caps of compensating and combined groups by the
children's condition (Порядок, приказ Минпросвещения № 373, пп. 20–21), editable."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from sgo_model.domain.commands import SetConditionCap
from sgo_model.domain.conditions import CAPS_SOURCE, ConditionCap
from sgo_model.domain.problems import Origin
from sgo_model.domain.roles import FormKind
from sgo_model.forms.fields import ConditionField, OptionalPositiveInt, PositiveInt
from sgo_model.forms.spec import Column, FormSpec


class ConditionCapRow(BaseModel):
    """A row of the condition caps form."""

    model_config = ConfigDict(frozen=True)

    condition: ConditionField
    compensating_under_3: OptionalPositiveInt
    compensating_over_3: PositiveInt
    combined_under_3: PositiveInt
    combined_under_3_with: PositiveInt
    combined_over_3: PositiveInt
    combined_over_3_with: PositiveInt


def to_command(row: ConditionCapRow, origin: Origin) -> SetConditionCap:
    """The command a condition caps row asks for."""
    cap = ConditionCap(
        row.condition,
        row.compensating_under_3,
        row.compensating_over_3,
        row.combined_under_3,
        row.combined_under_3_with,
        row.combined_over_3,
        row.combined_over_3_with,
    )
    return SetConditionCap(cap, origin=origin)


SPEC = FormSpec(
    kind=FormKind.CONDITION_CAPS,
    sheet="Нарушения",
    columns=(
        Column("Нарушение", "condition", width=40, choices="conditions"),
        Column(
            "Компенсирующая, до 3 лет",
            "compensating_under_3",
            required=False,
            width=16,
            hint="пусто — норматив не установлен",
        ),
        Column("Компенсирующая, от 3 лет", "compensating_over_3", width=16),
        Column("Комбинированная, до 3 лет: всего", "combined_under_3", width=18),
        Column("Комбинированная, до 3 лет: из них с ОВЗ", "combined_under_3_with", width=18),
        Column("Комбинированная, от 3 лет: всего", "combined_over_3", width=18),
        Column("Комбинированная, от 3 лет: из них с ОВЗ", "combined_over_3_with", width=18),
    ),
    row_model=ConditionCapRow,
    to_command=to_command,
    instructions=(
        f"Предельная наполняемость групп по нарушениям детей ({CAPS_SOURCE}). Бланк заполнен "
        "действующими значениями: исправьте нужные строки и сдайте файл. Для группы "
        "применяется меньший из пределов: по площади и по нарушению."
    ),
)


def cap_rows(caps: Iterable[ConditionCap]) -> list[dict[str, object]]:
    """The caps as rows of the blank, keyed by header text."""
    headers = {c.field: c.header for c in SPEC.columns}
    return [
        {headers["condition"]: cap.condition.label}
        | {headers[name]: value for name, value in cap.figures().items()}
        for cap in caps
    ]
