"""The demo kindergarten a year earlier, in 2025/2026, and how it became this year's.

Every group was one age category younger, with the same name, room and teachers; the group
of the youngest children this year was then the preparatory group, whose children went to
school when that year closed, and it takes the new intake. The children of this year who came
before 1 September 2025 were on the roll at the set-up; those who came during that year came
by the clerk's movement form, with a few who left again; those who come on 1 September 2026
are enrolled by one form in the new year. A mixed-age group lets its children of school age
go; three such children are invented for it, with the preparatory group's.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sgo_model.demo.dates import SCHOOL_YEAR_START, workday
from sgo_model.demo.groups import PlannedGroup
from sgo_model.demo.movement_rows import enrolment, withdrawal
from sgo_model.demo.pupils import generate_pupil_rows, row_key
from sgo_model.domain.age import AgeCategory, Orientation
from sgo_model.domain.group import Group
from sgo_model.domain.movement_reasons import WithdrawalReason

PREVIOUS_YEAR_START = date(2025, 9, 1)
"""The first day of the demo's previous year 2025/2026."""

_YOUNGER = {c.next: c for c in AgeCategory if c.next is not None}
_MIXED_GRADUATES = 3
_LEAVERS = (
    (date(2025, 11, 17), WithdrawalReason.PARENTS_INITIATIVE, "в связи с переездом"),
    (date(2026, 2, 9), WithdrawalReason.TRANSFER_TO_ANOTHER, "МБДОУ «Детский сад № 21»"),
    (date(2026, 4, 20), WithdrawalReason.CIRCUMSTANCES, None),
)
"""The children who came for the previous year only and left during it: when and why."""
_OVER_CAPACITY = "сверх наполняемости: направление Управления образования (льготная категория)"


@dataclass(frozen=True)
class YearBefore:
    """The rows of the previous year's forms, and what its closing is asked to do."""

    plan: list[PlannedGroup]
    groups: list[dict[str, object]]
    pupils: list[dict[str, object]]
    movement: list[dict[str, object]]
    newcomers: list[dict[str, object]]
    """The enrolments of 1 September of this year, into this year's groups."""
    regroup: dict[str, str]
    """The groups its graduates leave empty, with the category they take next."""


def previous_plan(plan: list[PlannedGroup]) -> list[PlannedGroup]:
    """The groups a year earlier: a category younger; a group of the youngest children, the
    preparatory group that then graduated; a mixed-age group as it is."""

    def before(category: AgeCategory) -> AgeCategory:
        if category is AgeCategory.EARLY:
            return AgeCategory.PREP
        return _YOUNGER.get(category, category)

    return [replace(group, category=before(group.category)) for group in plan]


def room_capacity(row: dict[str, object]) -> int:
    """The capacity of a groups-form row's room, by its age category's area per child."""
    group = Group(
        str(row["Группа"]),
        AgeCategory.parse(str(row["Возрастная категория"])),
        Orientation.parse(str(row["Направленность"])),
        Decimal(str(row["Площадь, м²"])),
    )
    return group.capacity()


def year_before(
    plan: list[PlannedGroup],
    groups: list[dict[str, object]],
    pupils: list[dict[str, object]],
    rng: random.Random,
) -> YearBefore:
    """The previous year of a kindergarten whose groups (``plan``, the groups form's rows)
    and children (the pupils form's rows) on 1 September 2026 are given."""
    earlier = previous_plan(plan)
    category = {g.name: g.category for g in earlier}
    group_rows = [
        row | {"Возрастная категория": category[str(row["Группа"])].label} for row in groups
    ]
    capacity = {str(row["Группа"]): room_capacity(row) for row in group_rows}
    labels = {name: c.label for name, c in category.items()}
    taken = {row_key(r) for r in pupils}

    def invent(
        count: int, names: list[str], as_category: dict[str, str]
    ) -> list[dict[str, object]]:
        fresh = generate_pupil_rows(
            count, names, seed=rng.randrange(2**31), categories=as_category,
            on=PREVIOUS_YEAR_START,
        )  # fmt: skip
        return [r for r in fresh if row_key(r) not in taken]

    graduating = [g.name for g in earlier if g.category is AgeCategory.PREP]
    prep = AgeCategory.PREP.label
    invented = [
        *(
            row
            for name in graduating
            for row in invent(min(capacity[name] - 1, 22), [name], {name: prep})
        ),
        # Children of school age in a mixed group: born early enough to be 6,5 by 1 September.
        *invent(
            _MIXED_GRADUATES,
            [g.name for g in earlier if g.category is AgeCategory.MIXED][:1],
            {g.name: prep for g in earlier if g.category is AgeCategory.MIXED},
        ),
    ]
    general = [
        g.name for g in earlier if g.orientation is Orientation.GENERAL and g.name not in graduating
    ]
    # They were on the roll at the set-up (the rows are of children of 1 September 2025).
    leaving = rng.sample(general, min(len(general), len(_LEAVERS)))
    leavers = invent(len(leaving), leaving, labels) if leaving else []

    on_roll = [r for r in [*pupils, *invented, *leavers] if _enrolled(r) <= PREVIOUS_YEAR_START]
    arriving = sorted(
        (r for r in [*pupils, *invented] if PREVIOUS_YEAR_START < _enrolled(r) < SCHOOL_YEAR_START),
        key=_enrolled,
    )
    headcount = Counter(str(r["Группа"]) for r in on_roll)
    movement = [_enrol(r, headcount, capacity) for r in arriving]
    for (day, reason, where), row in zip(_LEAVERS, leavers, strict=False):
        movement.append(withdrawal(row, workday(day), reason, where))
    movement.sort(key=lambda r: r["Дата"])  # type: ignore[arg-type, return-value]

    this_year = {str(row["Группа"]): room_capacity(row) for row in groups}
    staying = Counter(str(r["Группа"]) for r in pupils if _enrolled(r) < SCHOOL_YEAR_START)
    newcomers = [_enrol(r, staying, this_year) for r in pupils if _enrolled(r) == SCHOOL_YEAR_START]
    regroup = {
        g.name: now.category.label
        for g, now in zip(earlier, plan, strict=True)
        if g.category is AgeCategory.PREP and now.category is not AgeCategory.PREP
    }
    return YearBefore(earlier, group_rows, on_roll, movement, newcomers, regroup)


def _enrolled(row: dict[str, object]) -> date:
    enrolled = row["Дата зачисления"]
    assert isinstance(enrolled, date)
    return enrolled


def _enrol(
    child: dict[str, object], headcount: Counter[str], capacity: dict[str, int]
) -> dict[str, object]:
    """A movement row enrolling a child of the pupils form on its enrolment date; over the
    room's capacity by the authority's direction, as the order then states."""
    group, day = str(child["Группа"]), _enrolled(child)
    headcount[group] += 1
    number = 100 + (day.toordinal() * 7 + headcount[group]) % 800
    over = _OVER_CAPACITY if headcount[group] > capacity[group] else None
    return enrolment(child, day, number, applied=14, exception=over)
