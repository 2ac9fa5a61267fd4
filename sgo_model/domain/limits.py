"""Load limits (предельные нагрузки) and the SanPiN ceiling they may only tighten."""

from __future__ import annotations

from dataclasses import dataclass

from sgo_model.domain.age import AgeCategory
from sgo_model.domain.errors import DomainError


@dataclass(frozen=True)
class LoadLimits:
    """Предельная нагрузка for an age category: minutes per activity and per day, weekly count."""

    category: AgeCategory
    activity_minutes: int
    daily_minutes: int
    weekly_activities: int | None = None


# СанПиН 1.2.3685-21, table 6.6. For 5–6 year olds the day may reach 75 minutes
# only when one activity is after the nap; the ceiling here is that upper bound.
SANPIN: dict[AgeCategory, LoadLimits] = {
    AgeCategory.EARLY: LoadLimits(AgeCategory.EARLY, 10, 20),
    AgeCategory.JUNIOR1: LoadLimits(AgeCategory.JUNIOR1, 10, 20),
    AgeCategory.JUNIOR2: LoadLimits(AgeCategory.JUNIOR2, 15, 30),
    AgeCategory.MIDDLE: LoadLimits(AgeCategory.MIDDLE, 20, 40),
    AgeCategory.SENIOR: LoadLimits(AgeCategory.SENIOR, 25, 75),
    AgeCategory.PREP: LoadLimits(AgeCategory.PREP, 30, 90),
}
SANPIN_SOURCE = "СанПиН 1.2.3685-21, табл. 6.6"


def sanpin_defaults() -> list[LoadLimits]:
    """The limits a new institution starts with; the senior day is the usual 50 minutes."""
    defaults = []
    for category, ceiling in SANPIN.items():
        daily = 50 if category is AgeCategory.SENIOR else ceiling.daily_minutes
        defaults.append(LoadLimits(category, ceiling.activity_minutes, daily))
    return defaults


def check_limits(limits: LoadLimits) -> None:
    """Refuse limits looser than SanPiN; they may only be stricter."""
    if limits.category is AgeCategory.MIXED:
        raise DomainError(
            "Для разновозрастной группы нагрузка определяется по возрасту младших детей; "
            "укажите конкретную возрастную категорию",
            field="category",
        )
    ceiling = SANPIN[limits.category]
    who = f"для детей {limits.category.ages} ({limits.category.label})"
    if limits.activity_minutes <= 0 or limits.activity_minutes > ceiling.activity_minutes:
        raise DomainError(
            f"Длительность занятия {limits.activity_minutes} мин {who} недопустима: "
            f"не более {ceiling.activity_minutes} мин по {SANPIN_SOURCE}",
            field="activity_minutes",
        )
    if limits.daily_minutes <= 0 or limits.daily_minutes > ceiling.daily_minutes:
        raise DomainError(
            f"Нагрузка в день {limits.daily_minutes} мин {who} недопустима: "
            f"не более {ceiling.daily_minutes} мин по {SANPIN_SOURCE}",
            field="daily_minutes",
        )
    if limits.daily_minutes < limits.activity_minutes:
        raise DomainError(
            f"Нагрузка в день ({limits.daily_minutes} мин) меньше длительности одного занятия "
            f"({limits.activity_minutes} мин)",
            field="daily_minutes",
        )
    if limits.weekly_activities is not None and not 0 < limits.weekly_activities <= 25:
        raise DomainError(
            f"Число занятий в неделю {limits.weekly_activities} вне разумных пределов (1–25)",
            field="weekly_activities",
        )
