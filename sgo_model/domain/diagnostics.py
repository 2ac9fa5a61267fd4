"""Pedagogical diagnostics (педагогическая диагностика) and the levels they roll up into.

Twice a year (at the start and at the end of the academic year) each child is scored in the
five educational areas of ФГОС ДО, each area possibly split into indicators, on the
institution's scale (1–5 by default). An area's score is the mean of its indicators; the
level (сформирован / в стадии формирования / не сформирован) follows thresholds the
institution sets, and every report prints the rule. Results serve to individualise work
only (ФГОС ДО п. 3.2.3): they are counted by group and area, never ranked by child.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.errors import DomainError
from sgo_model.domain.people import PersonName, Sex, sex_from_patronymic
from sgo_model.domain.text import by_meaning, fold, plural, plural_form

NBSP = "\u00a0"


class Period(enum.Enum):
    """The diagnostic's time of year (этап диагностики)."""

    START = "start"
    END = "end"

    @property
    def label(self) -> str:
        """«начало учебного года», «конец учебного года»."""
        return "начало учебного года" if self is Period.START else "конец учебного года"

    @property
    def short(self) -> str:
        """«начало года», «конец года» (a table's narrow column)."""
        return "начало года" if self is Period.START else "конец года"

    @property
    def genitive(self) -> str:
        """«начальной», «итоговой» (as in «итоговой диагностики»)."""
        return "начальной" if self is Period.START else "итоговой"

    @property
    def title(self) -> str:
        """«Начальная диагностика», «Итоговая диагностика»."""
        return "Начальная диагностика" if self is Period.START else "Итоговая диагностика"

    def opens(self, start_year: int) -> date:
        """The first day the period's diagnostics may be made: 1 September, or 1 April of the
        year's second calendar year."""
        return date(start_year, 9, 1) if self is Period.START else date(start_year + 1, 4, 1)

    def due(self, start_year: int, day_month: str) -> date:
        """The due date in an academic year from a setting like «30.09» (a September–December
        day falls in the year's first calendar year, any other in its second)."""
        day, _, month = day_month.partition(".")
        calendar_year = start_year if int(month) >= 9 else start_year + 1
        return date(calendar_year, int(month), int(day))

    @classmethod
    def parse(cls, text: str) -> Period:
        """From its code or Russian name («начало», «конец года», «сентябрь», «май»)."""
        key = fold(text)
        if key in ("start", "начало", "начальная", "стартовая", "сентябрь") or key.startswith(
            "начал"
        ):
            return Period.START
        if key in ("end", "конец", "итоговая", "финальная", "май", "апрель") or key.startswith(
            "кон"
        ):
            return Period.END
        raise DomainError(f"Неизвестный этап диагностики «{text}». Допустимо: начало, конец")


class Level(enum.Enum):
    """The level an area's score rolls up into (уровень сформированности)."""

    FORMED = "formed"
    FORMING = "forming"
    NOT_FORMED = "not_formed"

    @property
    def label(self) -> str:
        """«сформирован», «в стадии формирования», «не сформирован»."""
        return _LEVEL_LABELS[self]


_LEVEL_LABELS = {
    Level.FORMED: "сформирован",
    Level.FORMING: "в стадии формирования",
    Level.NOT_FORMED: "не сформирован",
}

_SKILLS = {
    Level.FORMED: "со сформированными навыками",
    Level.FORMING: "с навыками в стадии формирования",
    Level.NOT_FORMED: "с несформированными навыками",
}


DEFAULT_INDICATORS: Mapping[EducationalArea, tuple[str, ...]] = {
    EducationalArea.SOCIAL: (
        "общение со взрослыми и сверстниками",
        "игровая деятельность",
        "самообслуживание и труд",
        "безопасное поведение",
    ),
    EducationalArea.COGNITIVE: (
        "сенсорные эталоны и познавательные действия",
        "математические представления",
        "окружающий мир и природа",
    ),
    EducationalArea.SPEECH: (
        "словарь",
        "звуковая культура речи",
        "грамматический строй речи",
        "связная речь",
    ),
    EducationalArea.ARTISTIC: (
        "изобразительная деятельность",
        "конструктивная деятельность",
        "музыкальная деятельность",
    ),
    EducationalArea.PHYSICAL: ("основные движения", "подвижные игры", "здоровый образ жизни"),
}
"""Indicators of each area where the institution gives none of its own (as ФОП ДО groups
the content of each area); an institution edits the list per age category."""


_SPECIALIST_AREAS: tuple[tuple[EducationalArea, tuple[tuple[str, ...], ...]], ...] = (
    (EducationalArea.ARTISTIC, (("музык",), ("изобраз",), ("хореограф",), ("художеств",))),
    (EducationalArea.PHYSICAL, (("физ",), ("плаван",))),
    (EducationalArea.SPEECH, (("логопед",), ("дефектолог",))),
    (EducationalArea.SOCIAL, (("психолог",),)),
)


def post_area(post: str) -> EducationalArea | None:
    """The area a specialist's post serves: «музыкальный руководитель» the artistic,
    «инструктор по физической культуре» the physical, «учитель-логопед» the speech, a
    psychologist the social-communicative area (``None`` for any other post)."""
    return by_meaning(post, _SPECIALIST_AREAS)


NOT_ASSESSED_REASONS = (
    "выбыл(а) из группы",
    "поступил(а) в группу позже",
    "длительное отсутствие",
    "адаптационный период",
)
"""Usual reasons a child on the sheet was not assessed (the sheet accepts any other text)."""


def gendered(name: PersonName, male: str, female: str) -> str:
    """The form agreeing with a child («выбыл» / «выбыла») by the patronymic, or both
    («выбыл(а)») where it tells nothing."""
    sex = sex_from_patronymic(name.patronymic)
    if sex is Sex.MALE:
        return male
    if sex is Sex.FEMALE:
        return female
    return f"{male}({female.removeprefix(male)})"


def score_text(value: Decimal | float) -> str:
    """«4», «2,5» (a decimal comma, no trailing zero)."""
    text = f"{Decimal(str(value)).normalize():f}"
    return text.replace(".", ",")


@dataclass(frozen=True)
class Scale:
    """The scores the institution uses (шкала оценки): whole numbers from ``low`` to ``high``."""

    low: int = 1
    high: int = 5

    def check(self, score: int) -> int:
        """The score, or :class:`DomainError` naming the scale."""
        if not self.low <= score <= self.high:
            raise DomainError(f"Оценка {score} вне шкалы {self.low}–{self.high}")
        return score


@dataclass(frozen=True)
class Thresholds:
    """The levels by an area's mean score: ``formed_from`` and up is «сформирован»,
    ``forming_from`` and up «в стадии формирования», below it «не сформирован»."""

    formed_from: Decimal = Decimal("4")
    forming_from: Decimal = Decimal("2.5")
    scale: Scale = Scale()

    def __post_init__(self) -> None:
        if not self.scale.low < self.forming_from < self.formed_from <= self.scale.high:
            raise DomainError(
                f"Пороги уровней должны идти по возрастанию внутри шкалы "
                f"{self.scale.low}–{self.scale.high}: «в стадии формирования» с "
                f"{score_text(self.forming_from)}, «сформирован» с {score_text(self.formed_from)}"
            )

    def level(self, score: Decimal) -> Level:
        """The level of a mean score."""
        if score >= self.formed_from:
            return Level.FORMED
        if score >= self.forming_from:
            return Level.FORMING
        return Level.NOT_FORMED

    @property
    def rule(self) -> str:
        """The rule as every report prints it."""
        formed, forming = score_text(self.formed_from), score_text(self.forming_from)
        return (
            f"Уровень по среднему баллу области (шкала {self.scale.low}–{self.scale.high}): "
            f"«сформирован» — от {formed}, «в стадии формирования» — от {forming} до {formed}, "
            f"«не сформирован» — ниже {forming}"
        )


def area_score(scores: Sequence[int]) -> Decimal:
    """The mean of an area's indicator scores, to two places (half up)."""
    if not scores:
        raise DomainError("Для области не указано ни одной оценки")
    mean = Decimal(sum(scores)) / Decimal(len(scores))
    return mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class AreaResult:
    """One child's result in one area at one period (the child only by an opaque key)."""

    child: str
    area: EducationalArea
    score: Decimal
    level: Level


def assess(
    child: str, scores: Mapping[EducationalArea, Sequence[int]], thresholds: Thresholds
) -> list[AreaResult]:
    """A child's results by area: every score on the scale, each area's mean and level."""
    results = []
    for area, given in scores.items():
        checked = [thresholds.scale.check(score) for score in given]
        mean = area_score(checked)
        results.append(AreaResult(child, area, mean, thresholds.level(mean)))
    return results


@dataclass(frozen=True)
class Share:
    """How many children of those assessed are at a level, and their share in per cent."""

    count: int
    total: int

    @property
    def percent(self) -> int:
        """The share in whole per cent, half up (0 when nobody was assessed)."""
        if not self.total:
            return 0
        exact = Decimal(100 * self.count) / Decimal(self.total)
        return int(exact.quantize(Decimal("1"), rounding=ROUND_HALF_UP))

    @property
    def text(self) -> str:
        """«38 %» with a no-break space."""
        return f"{self.percent}{NBSP}%"


def level_shares(results: Iterable[AreaResult]) -> dict[EducationalArea, dict[Level, Share]]:
    """Per area, the share of the children at each level (every level present, in order)."""
    counts: dict[EducationalArea, dict[Level, int]] = defaultdict(lambda: dict.fromkeys(Level, 0))
    for result in results:
        counts[result.area][result.level] += 1
    shares = {}
    for area in EducationalArea:
        if area not in counts:
            continue
        total = sum(counts[area].values())
        shares[area] = {level: Share(counts[area][level], total) for level in Level}
    return shares


def in_group(name: str) -> str:
    """Where a sentence of the analytic note is about: «в группе «Ромашка»»."""
    return f"в группе «{name}»"


IN_INSTITUTION = "в учреждении"
"""The institution as a sentence of the analytic note names it."""


def assessed(total: int) -> str:
    """«оценён 1 ребёнок», «оценено 2 ребёнка», «оценено 5 детей»."""
    counted = plural(total, "ребёнок", "ребёнка", "детей")
    verb = "оценён" if plural_form(total, "1", "2", "5") == "1" else "оценено"
    return f"{verb} {counted}"


def dynamics(where: str, area: EducationalArea, level: Level, before: Share, after: Share) -> str:
    """The sentence of the analytic note on one area's change from start to end of year:
    «В группе «Ромашка» доля детей со сформированными навыками в речевом развитии выросла
    с 38 % до 71 %; на конец года оценено 7 детей.» (``where``: :func:`in_group` or
    :data:`IN_INSTITUTION`)."""
    subject = f"{where[:1].upper()}{where[1:]} доля детей {_SKILLS[level]} {area.in_area}"
    if after.percent > before.percent:
        change = f"выросла с {before.text} до {after.text}"
    elif after.percent < before.percent:
        change = f"снизилась с {before.text} до {after.text}"
    else:
        change = f"не изменилась ({after.text})"
    return f"{subject} {change}; на конец года {assessed(after.total)}."


def standing(where: str, area: EducationalArea, level: Level, share: Share, period: Period) -> str:
    """The sentence on one period alone: «На начало учебного года в группе «Ромашка» доля
    детей со сформированными навыками в речевом развитии — 38 %; оценено 24 ребёнка.»"""
    return (
        f"На {period.label} {where} доля детей {_SKILLS[level]} {area.in_area} — "
        f"{share.text}; {assessed(share.total)}."
    )
