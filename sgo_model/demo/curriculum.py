"""The demo's curriculum: load limits (Предельные нагрузки) and kinds of NOD per group."""

from __future__ import annotations

import random

from sgo_model.demo.groups import PlannedGroup
from sgo_model.demo.staff import Person
from sgo_model.domain.age import AgeCategory, Orientation
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.limits import sanpin_defaults

# Activities a week by the demo curriculum; SanPiN sets no weekly cap (DOMAIN.md).
_WEEKLY: dict[AgeCategory, int] = {
    AgeCategory.EARLY: 10,
    AgeCategory.JUNIOR1: 10,
    AgeCategory.JUNIOR2: 10,
    AgeCategory.MIDDLE: 10,
    AgeCategory.SENIOR: 13,
    AgeCategory.PREP: 14,
}
WEEKLY_LIMITS: dict[str, int] = {
    **{category.label: weekly for category, weekly in _WEEKLY.items()},
    AgeCategory.MIXED.label: _WEEKLY[AgeCategory.JUNIOR2],
}
"""Activities a week allowed by the demo curriculum; a mixed group counts as its youngest."""


def limit_rows() -> list[dict[str, object]]:
    """The load limits form: SanPiN's defaults for a new institution, with the weekly counts."""
    return [
        {
            "Возрастная категория": limits.category.label,
            "Длительность занятия, мин": limits.activity_minutes,
            "Нагрузка в день, мин": limits.daily_minutes,
            "Занятий в неделю": _WEEKLY[limits.category],
        }
        for limits in sanpin_defaults()
    ]


_GROUP_ROOM = "групповая"
_MUSIC_HALL = "музыкальный зал"
_GYM = "спортивный зал"
_SPEECH = EducationalArea.SPEECH.label
_COGNITIVE = EducationalArea.COGNITIVE.label
_ART = EducationalArea.ARTISTIC.label
_PHYSICAL = EducationalArea.PHYSICAL.label

# The curriculum as it is printed: a row per kind of NOD (its area, who leads it, where),
# a column per plan with the activities a week, 0 where the plan has none.
# The speech therapy plans: of a compensating senior or preparatory group, and of a younger
# one, whose ten activities a week leave room for the speech therapist's two only.
_YOUNG, _MIDDLE_PLAN, _SENIOR_PLAN, _SPEECH_THERAPY, _PREP_PLAN, _YOUNG_THERAPY = range(6)
_NOD_TABLE: tuple[tuple[str, str, str, str, tuple[int, int, int, int, int, int]], ...] = (
    ("Развитие речи", _SPEECH, "teacher", _GROUP_ROOM, (2, 1, 2, 1, 2, 1)),
    ("Логопедическое занятие", _SPEECH, "logoped", _GROUP_ROOM, (0, 0, 0, 2, 0, 2)),
    ("ФЭМП", _COGNITIVE, "teacher", _GROUP_ROOM, (0, 1, 1, 1, 2, 1)),
    ("Ознакомление с окружающим миром", _COGNITIVE, "teacher", _GROUP_ROOM, (1, 1, 1, 1, 1, 1)),
    ("Конструирование", _COGNITIVE, "teacher", _GROUP_ROOM, (1, 0, 1, 1, 1, 0)),
    ("Рисование", _ART, "teacher", _GROUP_ROOM, (1, 1, 2, 1, 2, 1)),
    ("Лепка/Аппликация", _ART, "teacher", _GROUP_ROOM, (1, 1, 1, 1, 1, 0)),
    ("Музыка", _ART, "music", _MUSIC_HALL, (2, 2, 2, 2, 2, 2)),
    ("Физическая культура", _PHYSICAL, "pe", _GYM, (2, 3, 3, 3, 3, 2)),
)
_PLAN_OF: dict[AgeCategory, int] = {
    AgeCategory.EARLY: _YOUNG,
    AgeCategory.JUNIOR1: _YOUNG,
    AgeCategory.JUNIOR2: _MIDDLE_PLAN,
    AgeCategory.MIDDLE: _MIDDLE_PLAN,
    AgeCategory.SENIOR: _SENIOR_PLAN,
    AgeCategory.PREP: _PREP_PLAN,
    AgeCategory.MIXED: _MIDDLE_PLAN,
}


def nod_rows(
    plan: list[PlannedGroup],
    teachers: list[list[Person]],
    specialists: dict[str, Person],
    rng: random.Random,
) -> list[dict[str, object]]:
    """The rows of the kinds-of-NOD form: each group's plan, with who leads and where.

    The group's own teachers lead most kinds in the group room (also PE for the youngest);
    music, PE and speech therapy go to the specialists and their halls.
    """
    rows: list[dict[str, object]] = []
    for group, own in zip(plan, teachers, strict=True):
        column = _PLAN_OF[group.category]
        if group.orientation is Orientation.COMPENSATING:
            older = group.category in (AgeCategory.SENIOR, AgeCategory.PREP)
            column = _SPEECH_THERAPY if older else _YOUNG_THERAPY
        by_number = rng.random() < 0.5
        for kind, area, who, room, per_week in _NOD_TABLE:
            if not per_week[column]:
                continue
            if who == "teacher" or (who == "pe" and group.category is AgeCategory.EARLY):
                person = rng.choice(own)
                room = _GROUP_ROOM
            else:
                person = specialists[who]
            rows.append(
                {
                    "Группа": group.name,
                    "Вид НОД": kind,
                    "Образовательная область": area,
                    "Занятий в неделю": per_week[column],
                    "Педагог": person.number if by_number else person.full,
                    "Помещение": room,
                }
            )
    return rows
