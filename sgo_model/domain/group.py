"""Groups (группы) and their fill (наполняемость)."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal

from sgo_model.domain.age import AgeCategory, Orientation
from sgo_model.domain.conditions import Condition, ConditionCap, ConditionLimit, condition_limit
from sgo_model.domain.errors import DomainError

# СП 2.4.3648-20 п. 3.1.1: floor area of the group room per child.
AREA_PER_CHILD_UNDER_3 = Decimal("2.5")
AREA_PER_CHILD_3_TO_7 = Decimal("2.0")


@dataclass(frozen=True)
class Group:
    """Группа: name, age category, orientation, the floor area of its room and, for a
    compensating group, the condition it is for."""

    name: str
    category: AgeCategory
    orientation: Orientation
    area_m2: Decimal
    profile: str | None = None
    condition: Condition | None = None

    def capacity(self, *, has_children_under_3: bool = False) -> int:
        """Children the room holds by floor area; a mixed group is sized by its youngest."""
        per_child = area_per_child(self.category, has_children_under_3=has_children_under_3)
        return math.floor(self.area_m2 / per_child)

    def limits(
        self,
        caps: Mapping[Condition, ConditionCap],
        *,
        has_children_under_3: bool = False,
        children: Collection[Condition] = (),
    ) -> Capacity:
        """The group's cap: by floor area and, for a compensating or combined group, by its
        children's conditions (``children``: the conditions of the children in it)."""
        area = self.capacity(has_children_under_3=has_children_under_3)
        if self.orientation not in (Orientation.COMPENSATING, Orientation.COMBINED):
            return Capacity(area, None)
        under_3 = self.category.under_three or (
            self.category is AgeCategory.MIXED and has_children_under_3
        )
        limit = condition_limit(
            compensating=self.orientation is Orientation.COMPENSATING,
            under_3=under_3,
            group_condition=self.condition,
            children=children,
            caps=caps,
        )
        return Capacity(area, limit)


@dataclass(frozen=True)
class Capacity:
    """A group's cap: by the floor area of its room, and by its children's conditions where
    the group is compensating or combined; the smaller one applies."""

    by_area: int
    by_condition: ConditionLimit | None

    @property
    def total(self) -> int:
        """The children the group may have."""
        if self.by_condition is None or self.by_condition.total is None:
            return self.by_area
        return min(self.by_area, self.by_condition.total)

    @property
    def with_condition(self) -> int | None:
        """The most children with a condition a combined group may have."""
        return None if self.by_condition is None else self.by_condition.with_condition

    @property
    def condition_basis(self) -> str:
        """The condition and age the condition cap is for: «ТНР, от 3 лет»."""
        return "" if self.by_condition is None else self.by_condition.basis

    @property
    def basis(self) -> str:
        """Which cap applies, for a message: «по площади 20», «по нормативу (ТНР, от 3 лет) 10»."""
        limit = self.by_condition
        if limit is None or limit.total is None or self.by_area <= limit.total:
            return f"по площади {self.by_area}"
        return f"по нормативу ({limit.basis}) {limit.total}"


def area_per_child(category: AgeCategory, *, has_children_under_3: bool = False) -> Decimal:
    """The floor area a group room needs per child (m²); a mixed group by its youngest."""
    under_3 = category.under_three or (category is AgeCategory.MIXED and has_children_under_3)
    return AREA_PER_CHILD_UNDER_3 if under_3 else AREA_PER_CHILD_3_TO_7


def check_area(area_m2: Decimal) -> Decimal:
    """A group room's floor area must be positive and plausible."""
    if area_m2 <= 0 or area_m2 > 500:
        raise DomainError(f"Площадь {area_m2} м² вне допустимых пределов (больше 0 и до 500 м²)")
    return area_m2
