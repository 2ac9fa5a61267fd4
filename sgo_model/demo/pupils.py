"""The demo's pupils (Воспитанники): children of invented families, their ages fitting the groups.

:func:`generate_pupil_rows` also serves tests and benchmarks that need a big pupils form.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sgo_model.demo.contacts import address, email_columns, phone
from sgo_model.demo.dates import SCHOOL_YEAR_START, months_before, workday
from sgo_model.demo.groups import plan_groups
from sgo_model.demo.names import (
    BOYS,
    FATHERS,
    GIRLS,
    GRANDFATHERS,
    SURNAMES,
    TRICKY_CHILDREN,
    WOMEN,
    pick,
)
from sgo_model.domain.age import AgeCategory
from sgo_model.domain.people import PersonName, Sex
from sgo_model.domain.text import fold

# A mixed group of the demo takes children of three to six and a half: older ones have left it
# for school when the year before closed.
_MIXED_MONTHS = (36, 78)
AGE_CATEGORIES: dict[str, tuple[int, int]] = {
    category.label: category.age_months or _MIXED_MONTHS for category in AgeCategory
}
"""Age categories by their Russian labels: the age span ``[from, to)`` in full months that the
demo's children of the category have on 1 September."""
_BY_LABEL = {category.label: category for category in AgeCategory}


def birth_span(category: AgeCategory, on: date = SCHOOL_YEAR_START) -> tuple[date, int]:
    """The earliest birth date of a category's children on 1 September (``on``), and the span
    in days."""
    low, high = AGE_CATEGORIES[category.label]
    earliest = months_before(on, high) + timedelta(days=1)
    latest = months_before(on, low)
    return earliest, (latest - earliest).days


def _key(last: str, first: str, patronymic: str | None, born: date) -> tuple[str, date]:
    """The uniqueness key of a pupil: the full name read loosely, and the birth date."""
    return PersonName(last, first, patronymic).key, born


def row_key(row: Mapping[str, object]) -> tuple[str, date] | None:
    """The uniqueness key of a pupils-form row, if its name and birth date are well formed."""
    last, first, patronymic, born = (
        row.get("Фамилия"),
        row.get("Имя"),
        row.get("Отчество"),
        row.get("Дата рождения"),
    )
    if not (isinstance(last, str) and isinstance(first, str) and isinstance(born, date)):
        return None
    return _key(last, first, patronymic if isinstance(patronymic, str) else None, born)


@dataclass
class _Family:
    surname: tuple[str, str]
    father: tuple[str, str, str]
    guardian: str
    address: str
    phone: str
    births: list[date] = field(default_factory=list)
    names: set[str] = field(default_factory=set)


def _new_family(rng: random.Random) -> _Family:
    surname = pick(rng, SURNAMES)
    father = pick(rng, FATHERS)
    grandfather = pick(rng, GRANDFATHERS)
    if rng.random() < 0.72:
        guardian = f"{surname[1]} {pick(rng, WOMEN)} {grandfather[2]}"
    else:
        guardian = f"{surname[0]} {father[0]} {grandfather[1]}"
    return _Family(surname, father, guardian, address(rng), phone(rng))


def _enrolment(rng: random.Random, category: AgeCategory, born: date, on: date) -> date:
    """When a child of a group on 1 September (``on``) came to the kindergarten.

    A group of the youngest age is a new intake on that day. Of the first junior groups
    most came the year before: on its first day if a year and a half old by then, else
    during it once they were. Of the older
    groups some are newcomers, some came during the year before, most in earlier years,
    usually on 1 September.
    """
    if category is AgeCategory.EARLY:
        return on
    youngest = months_before(born, -18)  # 1.5 years old
    year_before = date(on.year - 1, 9, 1)
    roll = rng.random()
    if category is AgeCategory.JUNIOR1:
        if youngest <= year_before and roll < 0.6:
            return workday(year_before)
        return _during(rng, max(youngest, year_before), on) if roll < 0.8 else on
    if roll < 0.15:
        return on
    if roll < 0.27:
        return _during(rng, max(youngest, year_before), on)
    years = [y for y in range(2019, on.year) if date(y, 9, 1) >= youngest]
    if not years:
        return _during(rng, max(youngest, year_before), on)
    start = workday(date(rng.choice(years), 9, 1))
    if rng.random() < 0.7:
        return start
    return _during(rng, start, date(start.year + 1, 9, 1))


def _during(rng: random.Random, first: date, year_end: date) -> date:
    """The first working day of a month from ``first`` on, within its school year (ending
    ``year_end``) and before the summer, as places are given out month by month; ``year_end``
    itself when the year leaves no such month."""
    month = date(first.year, first.month, 1)
    if month < first:
        month = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    months = []
    while month <= date(year_end.year, 5, 1):
        if month.month != 1:  # the long New Year holidays: places are given from February
            months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return workday(rng.choice(months)) if months else year_end


def _pupil_row(
    last: str,
    first: str,
    patronymic: str | None,
    sex: Sex,
    born: date,
    group: str,
    enrolled: date,
    family: _Family | None,
    guardian: str,
    rng: random.Random,
) -> dict[str, object]:
    number = family.phone if family else phone(rng)
    return {
        "Фамилия": last,
        "Имя": first,
        "Отчество": patronymic,
        "Пол": sex.label,
        "Дата рождения": born,
        "Группа": group,
        "Дата зачисления": enrolled,
        "Адрес": family.address if family else address(rng),
        "Родитель (законный представитель)": guardian,
        "Телефон": number,
        **email_columns(guardian, number),
    }


def _default_categories() -> dict[str, str]:
    return {group.name: group.category.label for group in plan_groups(12)}


def generate_pupil_rows(
    count: int,
    group_names: list[str],
    *,
    seed: int,
    categories: Mapping[str, str] | None = None,
    sizes: Sequence[int] | None = None,
    on: date = SCHOOL_YEAR_START,
) -> list[dict[str, object]]:
    """Rows of a pupils form (Воспитанники): ``count`` children spread over the groups.

    Birth dates fit each group's age category on 1 September ``on`` (2026 by default), and
    enrolment dates are not after it. ``categories``
    maps a group name to its category label (as in :data:`AGE_CATEGORIES`); when it
    is omitted, the default demo groups (:func:`build_demo` with 12 groups) are
    known by name and any other group is taken as «разновозрастная» (3–7 years).
    ``sizes`` gives the children per group, parallel to ``group_names``; by default
    they are spread evenly. Full name plus birth date is unique (``ё`` read as ``е``),
    siblings share a guardian, address and phone, and a handful of children with
    tricky names (Илья Кузьмич, Любовь Никитична, Анна-Мария, no patronymic, ``ё``)
    are included when ``count`` is at least 40. Rows come ordered by group, then name.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    if not group_names:
        raise ValueError("at least one group is needed")
    known = dict(categories) if categories is not None else _default_categories()
    labels = {name: known.get(name, AgeCategory.MIXED.label) for name in group_names}
    for name, label in labels.items():
        if label not in _BY_LABEL:
            raise ValueError(f"unknown age category {label!r} of group {name!r}")
    group_category = {name: _BY_LABEL[label] for name, label in labels.items()}
    if sizes is None:
        share, extra = divmod(count, len(group_names))
        sizes = [share + (1 if i < extra else 0) for i in range(len(group_names))]
    if len(sizes) != len(group_names) or sum(sizes) != count or min(sizes) < 0:
        raise ValueError("sizes must give a non-negative count for every group, summing to count")

    rng = random.Random(f"pupils:{seed}")
    spans = {name: birth_span(category, on) for name, category in group_category.items()}
    slots = [name for name, size in zip(group_names, sizes, strict=True) for _ in range(size)]
    tricky = (
        dict(zip(rng.sample(range(count), len(TRICKY_CHILDREN)), TRICKY_CHILDREN, strict=True))
        if count >= 40
        else {}
    )
    seen: set[tuple[str, date]] = set()
    families: list[_Family] = []
    rows: list[dict[str, object]] = []
    for index, group in enumerate(slots):
        earliest, span = spans[group]
        category = group_category[group]
        special = tricky.get(index)
        if special is not None:
            last, first, patronymic, sex, guardian = special
            while True:
                born = earliest + timedelta(days=rng.randint(0, span))
                key = _key(last, first, patronymic, born)
                if key not in seen:
                    break
            seen.add(key)
            rows.append(
                _pupil_row(
                    last, first, patronymic, sex, born, group,
                    _enrolment(rng, category, born, on), None, guardian, rng,
                )
            )  # fmt: skip
            continue
        while True:
            born = earliest + timedelta(days=int(rng.random() * (span + 1)))
            family: _Family | None = None
            if families and rng.random() < 0.07:
                sibling_of = pick(rng, families)
                if all(abs((born - other).days) >= 400 for other in sibling_of.births):
                    family = sibling_of
            if family is None:
                family = _new_family(rng)
            male = rng.random() < 0.51
            sex = Sex.MALE if male else Sex.FEMALE
            last = family.surname[0] if male else family.surname[1]
            first = pick(rng, BOYS if male else GIRLS)
            patronymic = family.father[1] if male else family.father[2]
            key = _key(last, first, patronymic, born)
            if key not in seen and first not in family.names:
                break
        seen.add(key)
        if not family.births:
            families.append(family)
        family.births.append(born)
        family.names.add(first)
        rows.append(
            _pupil_row(
                last, first, patronymic, sex, born, group,
                _enrolment(rng, category, born, on), family, family.guardian, rng,
            )
        )  # fmt: skip
    order = {name: i for i, name in enumerate(group_names)}

    def sort_key(row: dict[str, object]) -> tuple[int, str]:
        name = f"{row['Фамилия']} {row['Имя']} {row['Отчество'] or ''}"
        return order[str(row["Группа"])], fold(name)

    rows.sort(key=sort_key)
    return rows
