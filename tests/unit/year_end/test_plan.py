"""The plan of closing a year: graduates, promotions for every category, who stays and why,
renames and a new category for a group its graduates leave."""

from __future__ import annotations

from datetime import date

import pytest

from sgo_model.domain.age import AgeCategory
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.errors import DomainError
from sgo_model.domain.people import PersonName
from sgo_model.domain.year_end import (
    ChildAtYearEnd,
    GroupAtYearEnd,
    of_school_age,
    plan_year_end,
)

YEAR = AcademicYear(2026)
GROUPS = [
    GroupAtYearEnd(1, "Капелька", AgeCategory.EARLY),
    GroupAtYearEnd(2, "Ладушки", AgeCategory.JUNIOR1),
    GroupAtYearEnd(3, "Солнышко", AgeCategory.JUNIOR2),
    GroupAtYearEnd(4, "Ромашка", AgeCategory.MIDDLE),
    GroupAtYearEnd(5, "Радуга", AgeCategory.SENIOR),
    GroupAtYearEnd(6, "Звёздочка", AgeCategory.PREP),
    GroupAtYearEnd(7, "Непоседы", AgeCategory.MIXED),
]


def _child(pupil: int, group: int, born: date) -> ChildAtYearEnd:
    return ChildAtYearEnd(pupil, PersonName(f"Фамилия{pupil}", "Имя"), born, group)


CHILDREN = [
    _child(1, 1, date(2025, 2, 1)),
    _child(2, 2, date(2024, 5, 1)),
    _child(3, 3, date(2023, 4, 1)),
    _child(4, 4, date(2022, 3, 1)),
    _child(5, 5, date(2021, 3, 1)),
    _child(6, 6, date(2020, 3, 1)),  # 7 years 5 months on 1 September 2027: graduates
    _child(7, 6, date(2021, 3, 1)),  # exactly 6 years 6 months: graduates
    _child(8, 6, date(2021, 3, 2)),  # a day short: stays
    _child(9, 7, date(2020, 12, 1)),  # mixed, of school age: graduates
    _child(10, 7, date(2023, 1, 1)),  # mixed, younger: stays, the group stays mixed
]


def test_every_category_moves_one_step_and_the_preparatory_group_graduates() -> None:
    plan = plan_year_end(YEAR, GROUPS, CHILDREN)

    assert plan.graduation_day == plan.promotion_day == date(2027, 9, 1)
    assert plan.next_year == AcademicYear(2027)
    moves = {c.name: (c.category, c.new_category, c.children) for c in plan.changes}
    assert moves == {
        "Капелька": (AgeCategory.EARLY, AgeCategory.JUNIOR1, (1,)),
        "Ладушки": (AgeCategory.JUNIOR1, AgeCategory.JUNIOR2, (2,)),
        "Солнышко": (AgeCategory.JUNIOR2, AgeCategory.MIDDLE, (3,)),
        "Ромашка": (AgeCategory.MIDDLE, AgeCategory.SENIOR, (4,)),
        "Радуга": (AgeCategory.SENIOR, AgeCategory.PREP, (5,)),
        "Звёздочка": (AgeCategory.PREP, AgeCategory.PREP, (8,)),
        "Непоседы": (AgeCategory.MIXED, AgeCategory.MIXED, (10,)),
    }
    assert [c.name for c in plan.promotions] == ["Капелька", "Ладушки", "Радуга", "Ромашка",
                                                 "Солнышко"]  # fmt: skip
    assert sorted(plan.graduates) == [(6, 6), (7, 6), (9, 7)]
    reasons = {s.pupil_id: s.reason for s in plan.staying}
    assert reasons[8] == (
        "остаётся в группе «Звёздочка» (подготовительная к школе): к 01.09.2027 не "
        "исполнится 6 лет 6 месяцев"
    )
    assert set(reasons) == {8, 10}


def test_school_age_is_six_years_six_months_on_the_day() -> None:
    assert of_school_age(date(2021, 3, 1), date(2027, 9, 1))
    assert not of_school_age(date(2021, 3, 2), date(2027, 9, 1))


def test_a_group_is_renamed_and_an_emptied_one_takes_a_new_category() -> None:
    children = [c for c in CHILDREN if c.pupil_id != 8]
    plan = plan_year_end(
        YEAR, GROUPS, children, renames={"ромашка": "Ромашки"},
        regroup={"Звёздочка": AgeCategory.EARLY},
    )  # fmt: skip

    changes = {c.name: c for c in plan.changes}
    assert changes["Ромашка"].new_name == "Ромашки" and changes["Ромашка"].renamed
    assert changes["Звёздочка"].new_category is AgeCategory.EARLY
    assert not changes["Звёздочка"].promoted


def test_a_regroup_where_children_stay_a_name_clash_and_an_unknown_group_are_refused() -> None:
    with pytest.raises(DomainError, match="в ней остаются дети"):
        plan_year_end(YEAR, GROUPS, CHILDREN, regroup={"Звёздочка": AgeCategory.EARLY})
    with pytest.raises(DomainError, match="названия групп повторяются: Радуга"):
        plan_year_end(YEAR, GROUPS, CHILDREN, renames={"Ромашка": "Радуга"})
    with pytest.raises(DomainError, match="Нет групп с такими названиями: Облачко"):
        plan_year_end(YEAR, GROUPS, CHILDREN, renames={"Облачко": "Тучка"})
