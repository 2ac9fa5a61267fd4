"""The demo's groups (Группы) and curriculum profiles: ages, orientations, rooms, teachers."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sgo_model.demo.staff import Person, join_people
from sgo_model.domain.age import AgeCategory, Orientation
from sgo_model.domain.conditions import DEFAULT_CONDITION_CAPS, Condition
from sgo_model.domain.group import area_per_child

_EARLY, _JUNIOR1, _JUNIOR2 = AgeCategory.EARLY, AgeCategory.JUNIOR1, AgeCategory.JUNIOR2
_MIDDLE, _SENIOR, _PREP = AgeCategory.MIDDLE, AgeCategory.SENIOR, AgeCategory.PREP
_MIXED = AgeCategory.MIXED
_GENERAL, _COMPENSATING = Orientation.GENERAL, Orientation.COMPENSATING
_COMBINED = Orientation.COMBINED

PROFILES: tuple[tuple[str, Orientation, str], ...] = (
    (
        "Основная образовательная программа",
        _GENERAL,
        "Образовательная программа дошкольного образования детского сада, разработанная "
        "по ФОП ДО и ФГОС ДО",
    ),
    (
        "Коррекция тяжёлых нарушений речи",
        _COMPENSATING,
        "Адаптированная образовательная программа для детей с тяжёлыми нарушениями речи (ТНР)",
    ),
    (
        "Инклюзивное образование",
        _COMBINED,
        "Совместное образование детей с нормой развития и детей с ОВЗ по адаптированной программе",
    ),
)
"""Curriculum profiles (профили учебного плана): name, the orientation it serves, description."""

# Group names by position in the plan; the first twelve are the default kindergarten.
_GROUP_NAMES: tuple[str, ...] = (
    "Капелька",
    "Ладушки",
    "Колокольчик",
    "Ромашка",
    "Солнышко",
    "Звёздочка",
    "Радуга",
    "Теремок",
    "Почемучки",
    "Пчёлка",
    "Непоседы",
    "Семицветик",
    "Берёзка",
    "Рябинка",
    "Незабудка",
    "Василёк",
    "Одуванчик",
    "Кораблик",
    "Лучик",
    "Гномики",
    "Улыбка",
    "Дельфин",
    "Журавушка",
    "Сказка",
    "Медвежонок",
    "Золотой ключик",
    "Жемчужинка",
    "Светлячок",
)

_WEIGHTS = {
    _EARLY: 0.7,
    _JUNIOR1: 0.85,
    _JUNIOR2: 1.0,
    _MIDDLE: 1.05,
    _SENIOR: 1.05,
    _PREP: 1.05,
    _MIXED: 0.8,
}
# Порядок … № 373: a compensating group for ТНР over three holds ten; a combined one with
# children with ТНР and ЗПР, fifteen, of them at most four with a condition.
_COMPENSATING_SIZE = 10
COMPENSATING_CONDITION = Condition.SEVERE_SPEECH
_COMBINED_SIZE = 15
COMBINED_CONDITIONS = (
    Condition.SEVERE_SPEECH,
    Condition.DEVELOPMENTAL_DELAY,
    Condition.SEVERE_SPEECH,
    Condition.DEVELOPMENTAL_DELAY,
)
"""The conditions of the children with ОВЗ of the demo's combined group."""
_FIXED_SIZES = {_COMPENSATING: _COMPENSATING_SIZE, _COMBINED: _COMBINED_SIZE}


@dataclass(frozen=True)
class PlannedGroup:
    """A group of the demo's plan: its name, age category and orientation."""

    name: str
    category: AgeCategory
    orientation: Orientation


def plan_groups(count: int) -> list[PlannedGroup]:
    """The groups of a kindergarten of ``count`` groups; depends on the count only.

    Every category once (in category order) when there are enough groups, then more of the
    usual ones; the last senior group is compensating (from four groups), the last middle
    one combined (from six).
    """
    if count < 1:
        raise ValueError("at least one group is needed")
    order = list(AgeCategory)
    if count >= len(order):
        categories = list(order)
        extra = (_JUNIOR1, _JUNIOR2, _MIDDLE, _SENIOR, _PREP)
        categories += [extra[i % len(extra)] for i in range(count - len(order))]
    else:
        categories = [_JUNIOR2, _MIDDLE, _SENIOR, _PREP, _JUNIOR1, _EARLY][:count]
    categories.sort(key=order.index)
    orientations = [_GENERAL] * count
    seniors = [i for i, c in enumerate(categories) if c is _SENIOR]
    middles = [i for i, c in enumerate(categories) if c is _MIDDLE]
    if count >= 4 and seniors:
        orientations[seniors[-1]] = _COMPENSATING
    if count >= 6 and middles:
        orientations[middles[-1]] = _COMBINED
    names = [
        _GROUP_NAMES[i] if i < len(_GROUP_NAMES) else f"Группа № {i + 1}" for i in range(count)
    ]
    return [PlannedGroup(*group) for group in zip(names, categories, orientations, strict=True)]


def headcounts(plan: list[PlannedGroup], pupils: int, rng: random.Random) -> list[int]:
    """Children per group: the compensating group holds ten and the combined one fifteen
    (their caps by condition), the rest share by age weight."""
    counts = [0] * len(plan)
    rest = pupils
    for i, group in enumerate(plan):
        if group.orientation in _FIXED_SIZES:
            counts[i] = min(_FIXED_SIZES[group.orientation], pupils // len(plan))
            rest -= counts[i]
    free = [i for i, g in enumerate(plan) if g.orientation not in _FIXED_SIZES] or list(
        range(len(plan))
    )
    weights = {i: _WEIGHTS[plan[i].category] * rng.uniform(0.93, 1.07) for i in free}
    total = sum(weights.values())
    shares = {i: rest * w / total for i, w in weights.items()}
    for i, share in shares.items():
        counts[i] += int(share)
    left = pupils - sum(counts)
    for i in sorted(free, key=lambda i: shares[i] - int(shares[i]), reverse=True)[:left]:
        counts[i] += 1
    return counts


def room_areas(
    plan: list[PlannedGroup], counts: list[int], rng: random.Random
) -> tuple[list[float], int | None]:
    """Room areas (m², one decimal) fitting each headcount, but for one group that is full."""
    over: int | None = None
    candidates = [
        i
        for i, group in enumerate(plan)
        if group.orientation is _GENERAL
        and group.category in (_JUNIOR2, _MIDDLE)
        and counts[i] >= 22
    ]
    if candidates:
        over = max(candidates, key=lambda i: counts[i])
    areas: list[float] = []
    for i, group in enumerate(plan):
        per_child = int(area_per_child(group.category) * 10)  # tenths of m²
        if i == over:
            capacity = counts[i] - rng.randint(1, 2)
            tenths = capacity * per_child + rng.randint(0, per_child - 1)
        else:
            low = max(400, counts[i] * per_child)
            tenths = rng.randint(low, max(low, 600))
        areas.append(tenths / 10)
    return areas, over


def group_rows(
    plan: list[PlannedGroup],
    areas: list[float],
    teachers: list[list[Person]],
    profile_of: dict[Orientation, str],
    rng: random.Random,
) -> list[dict[str, object]]:
    """The rows of the groups form; some general groups name no profile."""
    rows: list[dict[str, object]] = []
    for group, area, own in zip(plan, areas, teachers, strict=True):
        profile = profile_of.get(group.orientation)
        if group.orientation is _GENERAL and rng.random() < 0.3:
            profile = None
        rows.append(
            {
                "Группа": group.name,
                "Возрастная категория": group.category.label,
                "Направленность": group.orientation.label,
                "Площадь, м²": area,
                "Воспитатели": join_people(own, rng.random() < 0.5, rng.choice(("; ", ", "))),
                "Профиль": profile,
                "Нарушение": (
                    COMPENSATING_CONDITION.short if group.orientation is _COMPENSATING else None
                ),
            }
        )
    return rows


def condition_cap_rows() -> list[dict[str, object]]:
    """The form «Наполняемость по нарушениям» as the methodist confirms it: the defaults."""
    return [
        {
            "Нарушение": cap.condition.label,
            "Компенсирующая, до 3 лет": cap.compensating_under_3,
            "Компенсирующая, от 3 лет": cap.compensating_over_3,
            "Комбинированная, до 3 лет: всего": cap.combined_under_3,
            "Комбинированная, до 3 лет: из них с ОВЗ": cap.combined_under_3_with,
            "Комбинированная, от 3 лет: всего": cap.combined_over_3,
            "Комбинированная, от 3 лет: из них с ОВЗ": cap.combined_over_3_with,
        }
        for cap in DEFAULT_CONDITION_CAPS
    ]


def mark_conditions(plan: list[PlannedGroup], pupil_rows: list[dict[str, object]]) -> None:
    """Give the children of the compensating group its condition, and a few children of the
    combined group theirs (column «ОВЗ» of the pupils form)."""
    orientation = {group.name: group.orientation for group in plan}
    combined = iter(COMBINED_CONDITIONS)
    for row in pupil_rows:
        kind = orientation.get(str(row["Группа"]))
        condition = None
        if kind is _COMPENSATING:
            condition = COMPENSATING_CONDITION
        elif kind is _COMBINED:
            condition = next(combined, None)
        row["ОВЗ"] = None if condition is None else condition.short
