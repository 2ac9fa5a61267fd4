"""Наполняемость групп: each group's headcount against the capacity of its room and, for
compensating and combined groups, the cap by its children's conditions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sgo_model.office.xlsx_template import render_xlsx

FILL_VARIABLES: set[str] = {"institution", "as_of", "rows", "total"}
"""Top-level names a fill report template may use.

``institution`` (str), ``as_of`` (date), ``rows``: a list of :class:`FillRow` and
``total``: a :class:`FillTotal` (the whole institution).
"""


@dataclass(frozen=True)
class FillRow:
    """One group: its room, the floor-area norm per child, the cap by its children's
    conditions (compensating and combined groups) and the children on its list."""

    name: str
    category_label: str
    orientation_label: str
    area_m2: Decimal | float
    area_per_child: float
    area_capacity: int
    capacity: int
    """The smaller of the area cap and the condition cap: what the group may hold."""
    headcount: int
    condition_cap: str = ""
    """The condition cap in words: «10 (ТНР, от 3 лет)»; empty where none applies."""
    with_condition: int = 0
    """Children with a condition (ОВЗ) in the group."""
    condition_allowed: int | None = None
    """For a combined group, the most children with a condition it may have."""

    @property
    def free(self) -> int:
        """Places left; negative when the group is over capacity."""
        return self.capacity - self.headcount

    @property
    def over_capacity(self) -> bool:
        """Whether more children are listed than the group may hold, in all or with ОВЗ."""
        over_condition = (
            self.condition_allowed is not None and self.with_condition > self.condition_allowed
        )
        return self.headcount > self.capacity or over_condition

    @property
    def fill_percent(self) -> float | None:
        """Headcount as a percentage of capacity, to one decimal; none for a zero capacity."""
        return _percent(self.headcount, self.capacity)


@dataclass(frozen=True)
class FillTotal:
    """The institution's totals over all groups: ``free`` adds up the places left in the
    groups that have some (an over-full group's excess does not free a place elsewhere),
    ``over`` the children above capacity in the over-full ones."""

    area_m2: Decimal | float
    area_capacity: int
    capacity: int
    headcount: int
    with_condition: int
    free: int
    over: int

    @property
    def fill_percent(self) -> float | None:
        """Headcount as a percentage of capacity, to one decimal."""
        return _percent(self.headcount, self.capacity)


@dataclass(frozen=True)
class FillReportData:
    """The report: institution, the date it is made on, and the groups in order."""

    institution: str
    as_of: date
    rows: list[FillRow]

    @property
    def total(self) -> FillTotal:
        """Totals over :attr:`rows`."""
        area = sum((Decimal(str(row.area_m2)) for row in self.rows), Decimal(0))
        return FillTotal(
            area_m2=area,
            area_capacity=sum(row.area_capacity for row in self.rows),
            capacity=sum(row.capacity for row in self.rows),
            headcount=sum(row.headcount for row in self.rows),
            with_condition=sum(row.with_condition for row in self.rows),
            free=sum(max(row.free, 0) for row in self.rows),
            over=sum(max(-row.free, 0) for row in self.rows),
        )


def render_fill_report(data: FillReportData, template: Path, out: Path) -> None:
    """Render the group fill report (наполняемость групп) from an Excel template into ``out``."""
    context: dict[str, object] = {
        "institution": data.institution,
        "as_of": data.as_of,
        "rows": data.rows,
        "total": data.total,
    }
    render_xlsx(template, context, out)


def _percent(part: int, whole: int) -> float | None:
    if whole <= 0:
        return None
    return round(100 * part / whole, 1)
