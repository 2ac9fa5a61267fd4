"""Age categories of groups (возрастные категории) and group orientations (направленность)."""

from __future__ import annotations

import enum
from datetime import date

from sgo_model.domain.errors import DomainError
from sgo_model.domain.text import by_meaning, fold


class AgeCategory(enum.Enum):
    """Возрастная категория группы; the value is the code used in the store."""

    EARLY = "early"
    JUNIOR1 = "junior1"
    JUNIOR2 = "junior2"
    MIDDLE = "middle"
    SENIOR = "senior"
    PREP = "prep"
    MIXED = "mixed"

    @property
    def label(self) -> str:
        """The Russian name, as in forms and documents."""
        return _LABELS[self]

    @property
    def ages(self) -> str:
        """The age span after «для детей»: «для детей 3–4 лет» (genitive)."""
        return _AGES[self]

    @property
    def ages_nominative(self) -> str:
        """The age span on its own: «3–4 года», «4–5 лет»."""
        return _AGES_NOMINATIVE[self]

    @property
    def age_months(self) -> tuple[int, int] | None:
        """The age the category is meant for, in full months ``[from, to)``: (36, 48) for
        3–4 years; ``None`` for a mixed group, which takes children of several ages."""
        return _AGE_MONTHS.get(self)

    @property
    def under_three(self) -> bool:
        """Whether the children are under three (stricter floor area, lower load limits)."""
        return self in (AgeCategory.EARLY, AgeCategory.JUNIOR1)

    def fits(self, birth_date: date, on: date) -> bool:
        """Whether a child of that birth date suits the category on a date (loosely, by years)."""
        low, high = _AGE_RANGE[self]
        return low <= full_years(birth_date, on) <= high

    @property
    def next(self) -> AgeCategory | None:
        """The category after year-end promotion; ``None`` for graduates and mixed groups."""
        return _NEXT.get(self)

    @classmethod
    def parse(cls, text: str) -> AgeCategory:
        """Read a category from its code or Russian name (case and ``ё`` insensitive)."""
        key = fold(text)
        for category in cls:
            if key in (category.value, fold(category.label), fold(_SHORT[category])):
                return category
        found = by_meaning(text, _CATEGORY_MEANINGS)
        if found is not None:
            return found
        allowed = ", ".join(c.label for c in cls)
        raise DomainError(f"Неизвестная возрастная категория «{text}». Допустимо: {allowed}")


_LABELS = {
    AgeCategory.EARLY: "группа раннего возраста",
    AgeCategory.JUNIOR1: "первая младшая",
    AgeCategory.JUNIOR2: "вторая младшая",
    AgeCategory.MIDDLE: "средняя",
    AgeCategory.SENIOR: "старшая",
    AgeCategory.PREP: "подготовительная к школе",
    AgeCategory.MIXED: "разновозрастная",
}
_SHORT = {
    AgeCategory.EARLY: "ранний возраст",
    AgeCategory.JUNIOR1: "1 младшая",
    AgeCategory.JUNIOR2: "2 младшая",
    AgeCategory.MIDDLE: "средняя группа",
    AgeCategory.SENIOR: "старшая группа",
    AgeCategory.PREP: "подготовительная",
    AgeCategory.MIXED: "разновозрастная группа",
}
_AGES = {
    AgeCategory.EARLY: "1,5–2 лет",
    AgeCategory.JUNIOR1: "2–3 лет",
    AgeCategory.JUNIOR2: "3–4 лет",
    AgeCategory.MIDDLE: "4–5 лет",
    AgeCategory.SENIOR: "5–6 лет",
    AgeCategory.PREP: "6–7 лет",
    AgeCategory.MIXED: "разного возраста",
}
_AGES_NOMINATIVE = {
    AgeCategory.EARLY: "1,5–2 года",
    AgeCategory.JUNIOR1: "2–3 года",
    AgeCategory.JUNIOR2: "3–4 года",
    AgeCategory.MIDDLE: "4–5 лет",
    AgeCategory.SENIOR: "5–6 лет",
    AgeCategory.PREP: "6–7 лет",
    AgeCategory.MIXED: "разного возраста",
}
_AGE_MONTHS = {
    AgeCategory.EARLY: (18, 24),
    AgeCategory.JUNIOR1: (24, 36),
    AgeCategory.JUNIOR2: (36, 48),
    AgeCategory.MIDDLE: (48, 60),
    AgeCategory.SENIOR: (60, 72),
    AgeCategory.PREP: (72, 84),
}
# Full years on a date that suit each category; a year of slack either side, since groups
# are formed by birth year and children have birthdays through the year.
_AGE_RANGE = {
    AgeCategory.EARLY: (0, 3),
    AgeCategory.JUNIOR1: (1, 3),
    AgeCategory.JUNIOR2: (2, 4),
    AgeCategory.MIDDLE: (3, 5),
    AgeCategory.SENIOR: (4, 6),
    AgeCategory.PREP: (5, 7),
    AgeCategory.MIXED: (0, 7),
}
_NEXT = {
    AgeCategory.EARLY: AgeCategory.JUNIOR1,
    AgeCategory.JUNIOR1: AgeCategory.JUNIOR2,
    AgeCategory.JUNIOR2: AgeCategory.MIDDLE,
    AgeCategory.MIDDLE: AgeCategory.SENIOR,
    AgeCategory.SENIOR: AgeCategory.PREP,
}


class Orientation(enum.Enum):
    """Направленность группы."""

    GENERAL = "general"
    COMPENSATING = "compensating"
    COMBINED = "combined"
    HEALTH = "health"
    CARE = "care"

    @property
    def label(self) -> str:
        """The Russian name in the nominative, as in forms: «общеразвивающая»."""
        return _ORIENTATION_LABELS[self]

    @property
    def genitive(self) -> str:
        """The adjective in the genitive, for «группа … направленности»."""
        return _ORIENTATION_GENITIVE[self]

    @property
    def phrase(self) -> str:
        """What follows «группа»: «общеразвивающей направленности», «по присмотру и уходу»."""
        if self is Orientation.CARE:
            return "по присмотру и уходу"
        return f"{self.genitive} направленности"

    @classmethod
    def parse(cls, text: str) -> Orientation:
        """Read an orientation from its code or Russian name."""
        key = fold(text)
        for orientation in cls:
            if key in (orientation.value, fold(orientation.label), fold(orientation.genitive)):
                return orientation
        found = by_meaning(text, _ORIENTATION_MEANINGS)
        if found is not None:
            return found
        allowed = ", ".join(o.label for o in cls)
        raise DomainError(f"Неизвестная направленность «{text}». Допустимо: {allowed}")


_ORIENTATION_LABELS = {
    Orientation.GENERAL: "общеразвивающая",
    Orientation.COMPENSATING: "компенсирующая",
    Orientation.COMBINED: "комбинированная",
    Orientation.HEALTH: "оздоровительная",
    Orientation.CARE: "присмотр и уход",
}
_ORIENTATION_GENITIVE = {
    Orientation.GENERAL: "общеразвивающей",
    Orientation.COMPENSATING: "компенсирующей",
    Orientation.COMBINED: "комбинированной",
    Orientation.HEALTH: "оздоровительной",
    Orientation.CARE: "присмотра и ухода",
}


def full_years(birth_date: date, on: date) -> int:
    """Age in full years on a date."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def plural_years(years: int) -> str:
    """«1 год», «3 года», «5 лет»."""
    tail = years % 100
    if 11 <= tail <= 14:
        word = "лет"
    elif years % 10 == 1:
        word = "год"
    elif 2 <= years % 10 <= 4:
        word = "года"
    else:
        word = "лет"
    return f"{years} {word}"


# How people write the categories and orientations, by the stems of the key words.
_CATEGORY_MEANINGS: tuple[tuple[AgeCategory, tuple[tuple[str, ...], ...]], ...] = (
    (AgeCategory.MIXED, (("разновозраст",), ("смешан",))),
    (AgeCategory.EARLY, (("ранн",), ("ясл",))),
    (AgeCategory.JUNIOR1, (("перв", "младш"), ("1", "младш"), ("i", "младш"))),
    (AgeCategory.JUNIOR2, (("втор", "младш"), ("2", "младш"), ("ii", "младш"))),
    (AgeCategory.MIDDLE, (("средн",),)),
    (AgeCategory.SENIOR, (("старш",),)),
    (AgeCategory.PREP, (("подготов",),)),
)
_ORIENTATION_MEANINGS: tuple[tuple[Orientation, tuple[tuple[str, ...], ...]], ...] = (
    (Orientation.COMPENSATING, (("компенсир",), ("коррекц",))),
    (Orientation.COMBINED, (("комбинир",),)),
    (Orientation.HEALTH, (("оздоров",),)),
    (Orientation.CARE, (("присмотр",), ("уход",))),
    (Orientation.GENERAL, (("общеразв",), ("обще", "развив"))),
)
