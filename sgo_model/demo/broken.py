"""The demo's pupils form full of typical mistakes, to show what a refused file is told."""

from __future__ import annotations

import random
from datetime import timedelta

from sgo_model.demo.dates import SCHOOL_YEAR_START
from sgo_model.demo.groups import PlannedGroup
from sgo_model.demo.names import FATHERS
from sgo_model.demo.pupils import birth_span, generate_pupil_rows, row_key
from sgo_model.domain.age import AgeCategory
from sgo_model.domain.people import Sex


def broken_rows(
    plan: list[PlannedGroup], pupils: list[dict[str, object]], rng: random.Random
) -> list[dict[str, object]]:
    """A pupils form with one mistake per row, except two correct rows; none of its children
    is among ``pupils``."""
    names = [group.name for group in plan]
    by_category: dict[AgeCategory, str] = {}
    for group in plan:
        by_category.setdefault(group.category, group.name)
    fresh = generate_pupil_rows(
        39,  # fewer than 40: no tricky names among them
        names,
        seed=rng.randrange(2**31),
        categories={group.name: group.category.label for group in plan},
    )
    taken = {row_key(r) for r in pupils}
    usable = [r for r in fresh if row_key(r) not in taken]
    picked = rng.sample(usable, 8)
    rows = [dict(r) for r in picked]

    # 1. An impossible date of birth, typed as text.
    senior = by_category.get(AgeCategory.SENIOR, names[0])
    rows[0]["Дата рождения"] = "31.02.2021"
    rows[0]["Группа"] = senior
    # 2. A group that does not exist: a near miss of a real name.
    near = [group for group in plan if group.name.endswith("ка")]
    if near:
        real = near[0]
        rows[1]["Группа"] = real.name[:-1] + "и"  # «Ромашки» for «Ромашка»
        earliest, span = birth_span(real.category)
        rows[1]["Дата рождения"] = earliest + timedelta(days=rng.randint(0, span))
        rows[1]["Дата зачисления"] = SCHOOL_YEAR_START
    else:
        rows[1]["Группа"] = "Лесовичок"
    # 3. No surname.
    rows[2]["Фамилия"] = None
    # 4. Sex as a Latin letter.
    rows[3]["Пол"] = "x"
    # 5. A surname with a Latin «o» among Cyrillic letters.
    rows[4]["Фамилия"] = "Иванoва"
    rows[4]["Пол"] = Sex.FEMALE.label
    rows[4]["Имя"] = "Дарья"
    rows[4]["Отчество"] = "Олеговна"
    rows[4]["Родитель (законный представитель)"] = "Иванова Ольга Петровна"
    # 6. A patronymic that does not agree with the stated sex.
    patronymic = str(rows[5]["Отчество"])
    if rows[5]["Пол"] == Sex.MALE.label:
        rows[5]["Отчество"] = next(f for _, s, f in FATHERS if s == patronymic)
    else:
        rows[5]["Отчество"] = next(s for _, s, f in FATHERS if f == patronymic)
    # 7, 8: correct rows.
    return rows
