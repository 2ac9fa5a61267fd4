"""Groups (группы) and their fill (наполняемость)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from sgo_model.domain.age import AgeCategory, Orientation
from sgo_model.domain.errors import DomainError

# СП 2.4.3648-20 п. 3.1.1: floor area of the group room per child.
AREA_PER_CHILD_UNDER_3 = Decimal("2.5")
AREA_PER_CHILD_3_TO_7 = Decimal("2.0")


@dataclass(frozen=True)
class Group:
    """Группа: name, age category, orientation and the floor area of its room."""

    name: str
    category: AgeCategory
    orientation: Orientation
    area_m2: Decimal
    profile: str | None = None

    def capacity(self, *, has_children_under_3: bool = False) -> int:
        """Children the room holds by floor area; a mixed group is sized by its youngest."""
        per_child = area_per_child(self.category, has_children_under_3=has_children_under_3)
        return math.floor(self.area_m2 / per_child)


def area_per_child(category: AgeCategory, *, has_children_under_3: bool = False) -> Decimal:
    """The floor area a group room needs per child (m²); a mixed group by its youngest."""
    under_3 = category.under_three or (category is AgeCategory.MIXED and has_children_under_3)
    return AREA_PER_CHILD_UNDER_3 if under_3 else AREA_PER_CHILD_3_TO_7


def check_area(area_m2: Decimal) -> Decimal:
    """A group room's floor area must be positive and plausible."""
    if area_m2 <= 0 or area_m2 > 500:
        raise DomainError(f"Площадь {area_m2} м² вне допустимых пределов (больше 0 и до 500 м²)")
    return area_m2
