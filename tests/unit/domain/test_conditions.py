"""Conditions (нарушения, ОВЗ) and the caps they put on compensating and combined groups."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from sgo_model.domain.age import AgeCategory, Orientation
from sgo_model.domain.conditions import (
    DEFAULT_CONDITION_CAPS,
    Condition,
    check_cap,
    condition_limit,
    default_caps,
)
from sgo_model.domain.errors import DomainError
from sgo_model.domain.group import Group

CAPS = default_caps()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ТНР", Condition.SEVERE_SPEECH),
        ("Тяжёлые нарушения речи", Condition.SEVERE_SPEECH),
        ("ОНР III уровня", Condition.SEVERE_SPEECH),
        ("ФФНР", Condition.PHONEMIC_SPEECH),
        ("фонетико-фонематическое недоразвитие речи", Condition.PHONEMIC_SPEECH),
        ("слабослышащий", Condition.HARD_OF_HEARING),
        ("глухота", Condition.DEAF),
        ("амблиопия", Condition.LOW_VISION),
        ("слепой", Condition.BLIND),
        ("ДЦП", Condition.MUSCULOSKELETAL),
        ("задержка психического развития", Condition.DEVELOPMENTAL_DELAY),
        ("зпр", Condition.DEVELOPMENTAL_DELAY),
        ("умственная отсталость умеренная", Condition.SEVERE_INTELLECTUAL),
        ("лёгкая умственная отсталость", Condition.MILD_INTELLECTUAL),
        ("РАС", Condition.AUTISM),
        ("аутизм", Condition.AUTISM),
        ("сложный дефект", Condition.COMPLEX),
        ("иные ОВЗ", Condition.OTHER),
    ],
)
def test_a_condition_is_read_by_its_name_abbreviation_or_key_words(
    text: str, expected: Condition
) -> None:
    assert Condition.parse(text) is expected


def test_an_unknown_condition_lists_the_choices_once_each() -> None:
    with pytest.raises(DomainError) as error:
        Condition.parse("дислексия")
    message = error.value.message
    assert message.startswith("Неизвестное нарушение «дислексия». Допустимо: ТНР (тяжёлые")
    assert "; глухие; " in message and "(глухие)" not in message


def test_the_default_table_is_the_one_in_the_order() -> None:
    # Порядок … № 373, пп. 20–21, as DOMAIN.md gives them.
    assert [(c.condition.short, c.compensating_under_3, c.compensating_over_3) for c in
            DEFAULT_CONDITION_CAPS] == [
        ("ТНР", 6, 10), ("ФФНР", None, 12), ("глухие", 6, 6), ("слабослышащие", 6, 8),
        ("слепые", 6, 6), ("слабовидящие", 6, 10), ("НОДА", 6, 8), ("ЗПР", 6, 10),
        ("УО лёгкая", None, 10), ("УО умеренная, тяжёлая", None, 8), ("РАС", None, 5),
        ("сложный дефект", 5, 5), ("иные ОВЗ", 10, 15),
    ]  # fmt: skip
    assert {c.combined(under_3=True) for c in DEFAULT_CONDITION_CAPS} == {(10, 3)}
    tiers = {c.condition: c.combined(under_3=False) for c in DEFAULT_CONDITION_CAPS}
    assert tiers[Condition.DEAF] == tiers[Condition.AUTISM] == (10, 3)
    assert tiers[Condition.HARD_OF_HEARING] == tiers[Condition.LOW_VISION] == (15, 4)
    assert tiers[Condition.DEVELOPMENTAL_DELAY] == tiers[Condition.MILD_INTELLECTUAL] == (17, 5)
    for cap in DEFAULT_CONDITION_CAPS:
        check_cap(cap)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"compensating_over_3": 0}, "compensating_over_3", "Предельная наполняемость 0 вне"),
        ({"combined_over_3": 31}, "combined_over_3", "Предельная наполняемость 31 вне"),
        (
            {"combined_under_3_with": 11},
            "combined_under_3_with",
            "Детей с ОВЗ (11) не может быть больше, чем детей в группе (10)",
        ),
    ],
)
def test_impossible_caps_are_refused_naming_the_figure(
    change: dict[str, int], field: str, message: str
) -> None:
    cap = dataclasses.replace(CAPS[Condition.SEVERE_SPEECH], **change)  # type: ignore[arg-type]
    with pytest.raises(DomainError) as error:
        check_cap(cap)
    assert error.value.field == field
    assert error.value.message.startswith(message)


def _group(
    orientation: Orientation, category: AgeCategory = AgeCategory.SENIOR, **kw: object
) -> Group:
    return Group("Звёздочка", category, orientation, Decimal("50"), **kw)  # type: ignore[arg-type]


def test_a_general_group_is_capped_by_its_room_only() -> None:
    limits = _group(Orientation.GENERAL).limits(CAPS, children=[Condition.DEAF])
    assert (limits.by_area, limits.total, limits.by_condition) == (25, 25, None)
    assert limits.basis == "по площади 25"


def test_a_compensating_group_is_capped_for_its_condition_and_age() -> None:
    group = _group(Orientation.COMPENSATING, condition=Condition.SEVERE_SPEECH)
    limits = group.limits(CAPS, children=[Condition.AUTISM])  # the group's condition decides
    assert (limits.total, limits.basis) == (10, "по нормативу (ТНР, от 3 лет) 10")
    young = _group(Orientation.COMPENSATING, AgeCategory.JUNIOR1, condition=Condition.SEVERE_SPEECH)
    assert young.limits(CAPS).total == 6
    # A mixed group is sized by its youngest child.
    mixed = _group(Orientation.COMPENSATING, AgeCategory.MIXED, condition=Condition.DEAF)
    assert mixed.limits(CAPS, has_children_under_3=True).condition_basis == "глухие, до 3 лет"


def test_a_compensating_group_without_a_condition_goes_by_its_strictest_child() -> None:
    group = _group(Orientation.COMPENSATING)
    assert group.limits(CAPS, children=[Condition.DEVELOPMENTAL_DELAY, Condition.AUTISM]).total == 5
    nobody = group.limits(CAPS)
    assert (nobody.total, nobody.condition_basis) == (25, "нарушение не указано")
    # ФФНР sets no figure under three: the room alone caps such a group.
    young = _group(Orientation.COMPENSATING, AgeCategory.EARLY, condition=Condition.PHONEMIC_SPEECH)
    assert young.limits(CAPS).total == young.capacity()


def test_a_smaller_room_caps_below_the_condition() -> None:
    group = Group(
        "Звёздочка", AgeCategory.SENIOR, Orientation.COMPENSATING, Decimal("15"), None,
        Condition.OTHER,
    )  # fmt: skip
    limits = group.limits(CAPS)
    assert (limits.by_area, limits.total, limits.basis) == (7, 7, "по площади 7")


def test_a_combined_group_takes_the_strictest_tier_of_its_children() -> None:
    group = _group(Orientation.COMBINED, AgeCategory.MIDDLE)
    limits = group.limits(CAPS, children=[Condition.DEVELOPMENTAL_DELAY, Condition.LOW_VISION])
    assert (limits.total, limits.with_condition, limits.condition_basis) == (
        15,
        4,
        "слабовидящие, от 3 лет",
    )
    # With nobody with ОВЗ yet, the loosest cap a combined group may have.
    assert (group.limits(CAPS).total, group.limits(CAPS).with_condition) == (17, 5)
    under_3 = _group(Orientation.COMBINED, AgeCategory.JUNIOR1).limits(CAPS)
    assert (under_3.total, under_3.with_condition) == (10, 3)


def test_condition_limit_of_an_empty_table_is_no_limit() -> None:
    limit = condition_limit(
        compensating=False, under_3=False, group_condition=None, children=(), caps={}
    )
    assert (limit.total, limit.with_condition) == (None, None)
