"""Children's conditions (нарушения, ОВЗ) and the caps they put on compensating and combined
groups (Порядок организации и осуществления образовательной деятельности по ДО, приказ
Минпросвещения № 373 от 31.07.2020, пп. 20–21).

The figures are a default the institution edits (form «Наполняемость по нарушениям»):
they were taken from DOMAIN.md as recalled, not from the official text.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields

from sgo_model.domain.errors import DomainError
from sgo_model.domain.text import by_meaning, fold

CAPS_SOURCE = "Порядок, утв. приказом Минпросвещения России от 31.07.2020 № 373, пп. 20–21"


class Condition(enum.Enum):
    """Нарушение (вид ОВЗ) of a child or the one a compensating group is for."""

    SEVERE_SPEECH = "tnr"
    PHONEMIC_SPEECH = "ffnr"
    DEAF = "deaf"
    HARD_OF_HEARING = "hearing"
    BLIND = "blind"
    LOW_VISION = "vision"
    MUSCULOSKELETAL = "oda"
    DEVELOPMENTAL_DELAY = "zpr"
    MILD_INTELLECTUAL = "uo_mild"
    SEVERE_INTELLECTUAL = "uo_severe"
    AUTISM = "ras"
    COMPLEX = "complex"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The Russian name, as in forms: «тяжёлые нарушения речи»."""
        return _LABELS[self][0]

    @property
    def short(self) -> str:
        """The abbreviation people use: «ТНР», «ЗПР»."""
        return _LABELS[self][1]

    @property
    def for_children(self) -> str:
        """Whom a group is for: «для детей с тяжёлыми нарушениями речи», «для глухих детей»."""
        return _LABELS[self][2]

    @classmethod
    def parse(cls, text: str) -> Condition:
        """Read a condition from its code, name or abbreviation, or by the key words."""
        key = fold(text)
        for condition in cls:
            names = (condition.value, fold(condition.label), fold(condition.short))
            if key in names:
                return condition
        found = by_meaning(text, _MEANINGS)
        if found is not None:
            return found
        allowed = "; ".join(
            c.label if c.short == c.label else f"{c.short} ({c.label})" for c in cls
        )
        raise DomainError(f"Неизвестное нарушение «{text}». Допустимо: {allowed}")


_LABELS = {
    Condition.SEVERE_SPEECH: (
        "тяжёлые нарушения речи",
        "ТНР",
        "для детей с тяжёлыми нарушениями речи",
    ),
    Condition.PHONEMIC_SPEECH: (
        "фонетико-фонематические нарушения речи",
        "ФФНР",
        "для детей с фонетико-фонематическими нарушениями речи",
    ),
    Condition.DEAF: ("глухие", "глухие", "для глухих детей"),
    Condition.HARD_OF_HEARING: (
        "слабослышащие, позднооглохшие",
        "слабослышащие",
        "для слабослышащих и позднооглохших детей",
    ),
    Condition.BLIND: ("слепые", "слепые", "для слепых детей"),
    Condition.LOW_VISION: (
        "слабовидящие, амблиопия, косоглазие",
        "слабовидящие",
        "для слабовидящих детей, детей с амблиопией, косоглазием",
    ),
    Condition.MUSCULOSKELETAL: (
        "нарушения опорно-двигательного аппарата",
        "НОДА",
        "для детей с нарушениями опорно-двигательного аппарата",
    ),
    Condition.DEVELOPMENTAL_DELAY: (
        "задержка психического развития",
        "ЗПР",
        "для детей с задержкой психического развития",
    ),
    Condition.MILD_INTELLECTUAL: (
        "умственная отсталость лёгкой степени",
        "УО лёгкая",
        "для детей с умственной отсталостью лёгкой степени",
    ),
    Condition.SEVERE_INTELLECTUAL: (
        "умственная отсталость умеренная, тяжёлая",
        "УО умеренная, тяжёлая",
        "для детей с умственной отсталостью умеренной, тяжёлой",
    ),
    Condition.AUTISM: (
        "расстройства аутистического спектра",
        "РАС",
        "для детей с расстройствами аутистического спектра",
    ),
    Condition.COMPLEX: ("сложный дефект", "сложный дефект", "для детей со сложным дефектом"),
    Condition.OTHER: (
        "иные ограниченные возможности здоровья",
        "иные ОВЗ",
        "для детей с иными ограниченными возможностями здоровья",
    ),
}

# Checked in order: the more specific meanings first («слабо-» before «слеп»/«глух»,
# «фонетико» before «речь»).
_MEANINGS: tuple[tuple[Condition, tuple[tuple[str, ...], ...]], ...] = (
    (Condition.PHONEMIC_SPEECH, (("фонет",), ("фонем",), ("ффн",))),
    (Condition.SEVERE_SPEECH, (("тяжел", "реч"), ("тнр",), ("онр",), ("общ", "недоразв"))),
    (Condition.HARD_OF_HEARING, (("слабослыш",), ("позднооглох",), ("тугоух",))),
    (Condition.DEAF, (("глух",),)),
    (Condition.LOW_VISION, (("слабовид",), ("амблиоп",), ("косоглаз",))),
    (Condition.BLIND, (("слеп",), ("незряч",))),
    (Condition.MUSCULOSKELETAL, (("опорно",), ("нода",), ("ода",), ("дцп",))),
    (Condition.DEVELOPMENTAL_DELAY, (("задерж", "психич"), ("зпр",))),
    (
        Condition.SEVERE_INTELLECTUAL,
        (("умствен", "умерен"), ("умствен", "тяжел"), ("уо", "умерен"), ("уо", "тяжел")),
    ),
    (Condition.MILD_INTELLECTUAL, (("умствен",), ("уо",), ("интеллект",))),
    (Condition.AUTISM, (("аути",),)),
    (Condition.COMPLEX, (("сложн", "дефект"), ("тмнр",))),
    (Condition.OTHER, (("ин", "овз"), ("ин", "огранич"), ("овз",))),
)


@dataclass(frozen=True)
class ConditionCap:
    """The caps for one condition: a compensating group for it (under 3 / from 3 years; none
    where the Порядок sets no figure) and a combined group (in all, and of them at most so
    many children with a condition, under 3 / from 3 years)."""

    condition: Condition
    compensating_under_3: int | None
    compensating_over_3: int
    combined_under_3: int
    combined_under_3_with: int
    combined_over_3: int
    combined_over_3_with: int

    def figures(self) -> dict[str, int | None]:
        """The six figures by field name (as the store's columns and the form's fields)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "condition"}

    def compensating(self, *, under_3: bool) -> int | None:
        """The cap of a compensating group for this condition."""
        return self.compensating_under_3 if under_3 else self.compensating_over_3

    def combined(self, *, under_3: bool) -> tuple[int, int]:
        """A combined group's cap in all and the most children with a condition in it."""
        if under_3:
            return self.combined_under_3, self.combined_under_3_with
        return self.combined_over_3, self.combined_over_3_with


def _cap(
    condition: Condition, under_3: int | None, over_3: int, combined: int, with_: int
) -> ConditionCap:
    # Under 3 every combined group has the same cap: 10 children, of them at most 3 with ОВЗ.
    return ConditionCap(condition, under_3, over_3, 10, 3, combined, with_)


DEFAULT_CONDITION_CAPS: tuple[ConditionCap, ...] = (
    _cap(Condition.SEVERE_SPEECH, 6, 10, 15, 4),
    _cap(Condition.PHONEMIC_SPEECH, None, 12, 15, 4),
    _cap(Condition.DEAF, 6, 6, 10, 3),
    _cap(Condition.HARD_OF_HEARING, 6, 8, 15, 4),
    _cap(Condition.BLIND, 6, 6, 10, 3),
    _cap(Condition.LOW_VISION, 6, 10, 15, 4),
    _cap(Condition.MUSCULOSKELETAL, 6, 8, 10, 3),
    _cap(Condition.DEVELOPMENTAL_DELAY, 6, 10, 17, 5),
    _cap(Condition.MILD_INTELLECTUAL, None, 10, 17, 5),
    _cap(Condition.SEVERE_INTELLECTUAL, None, 8, 10, 3),
    _cap(Condition.AUTISM, None, 5, 10, 3),
    _cap(Condition.COMPLEX, 5, 5, 10, 3),
    _cap(Condition.OTHER, 10, 15, 17, 5),
)
"""The caps a new institution starts with (DOMAIN.md, «Group fill»)."""


def default_caps() -> dict[Condition, ConditionCap]:
    """:data:`DEFAULT_CONDITION_CAPS` by condition."""
    return {cap.condition: cap for cap in DEFAULT_CONDITION_CAPS}


_MAX_CAP = 30


def check_cap(cap: ConditionCap) -> None:
    """Refuse figures that cannot be a group's cap (positive, at most 30, the children with a
    condition no more than the group in all)."""
    for field, value in cap.figures().items():
        if value is not None and not 0 < value <= _MAX_CAP:
            raise DomainError(
                f"Предельная наполняемость {value} вне допустимых пределов (1–{_MAX_CAP})",
                field=field,
            )
    for total, part, field in (
        (cap.combined_under_3, cap.combined_under_3_with, "combined_under_3_with"),
        (cap.combined_over_3, cap.combined_over_3_with, "combined_over_3_with"),
    ):
        if part > total:
            raise DomainError(
                f"Детей с ОВЗ ({part}) не может быть больше, чем детей в группе ({total})",
                field=field,
            )


@dataclass(frozen=True)
class ConditionLimit:
    """What a group's conditions allow: the children in all, and for a combined group the
    most children with a condition, with the reason in words for the fill report."""

    total: int | None
    with_condition: int | None
    basis: str


def condition_limit(
    *,
    compensating: bool,
    under_3: bool,
    group_condition: Condition | None,
    children: Collection[Condition],
    caps: Mapping[Condition, ConditionCap],
) -> ConditionLimit:
    """The cap a compensating or combined group has by its children's conditions.

    A compensating group is capped for the condition it is for (or, when the group names
    none, the strictest of its children's). A combined group is capped by the strictest of
    the conditions its children have; with no child with a condition yet, by the loosest cap
    a combined group may have at all. The smaller of this and the floor-area cap applies.
    """
    present = set(children)
    if group_condition is not None:
        present.add(group_condition)
    ages = "до 3 лет" if under_3 else "от 3 лет"
    if compensating:
        if group_condition is not None:
            present = {group_condition}
        figures = [
            (figure, c)
            for c in present
            if c in caps and (figure := caps[c].compensating(under_3=under_3)) is not None
        ]
        if not figures:
            return ConditionLimit(None, None, "нарушение не указано" if not present else "")
        figure, condition = min(figures, key=lambda pair: (pair[0], pair[1].value))
        return ConditionLimit(figure, None, f"{condition.short}, {ages}")
    combined = [(caps[c].combined(under_3=under_3), c) for c in present if c in caps]
    if not combined:
        loosest = max((cap.combined(under_3=under_3) for cap in caps.values()), default=None)
        if loosest is None:
            return ConditionLimit(None, None, "")
        return ConditionLimit(loosest[0], loosest[1], f"комбинированная, {ages}")
    (total, with_), condition = min(combined, key=lambda pair: (pair[0], pair[1].value))
    return ConditionLimit(total, with_, f"{condition.short}, {ages}")
