"""Movement of pupils (движение воспитанников): events and the rules that guard them.

A pupil's group on any date is derived from their events: the latest event on or before
the date puts them in a group (enrolment, transfer, promotion) or out of every group
(withdrawal). New events may only extend a pupil's history, never rewrite its past.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sgo_model.domain.age import AgeCategory
from sgo_model.domain.errors import DomainError
from sgo_model.domain.group import Capacity
from sgo_model.domain.text import by_meaning, fold, plural


class MovementKind(enum.Enum):
    """Вид движения."""

    ENROL = "enrol"
    TRANSFER = "transfer"
    WITHDRAW = "withdraw"
    PROMOTE = "promote"

    @property
    def label(self) -> str:
        """The Russian name, as in the movement form."""
        return _LABELS[self]

    @property
    def places_in_group(self) -> bool:
        """Whether after this event the pupil is in a group."""
        return self is not MovementKind.WITHDRAW

    @classmethod
    def parse(cls, text: str) -> MovementKind:
        """Read «зачисление», «перевод», «отчисление» (or the codes)."""
        key = fold(text)
        for kind in (cls.ENROL, cls.TRANSFER, cls.WITHDRAW):
            if key in (kind.value, fold(kind.label)):
                return kind
        found = by_meaning(text, _KIND_MEANINGS)
        if found is not None:
            return found
        raise DomainError(
            f"Неизвестный вид движения «{text}». Допустимо: зачисление, перевод, отчисление"
        )


# How people write the kinds, by the stems of the key words: «отчисление в связи с
# переводом» is a withdrawal, «зачисление переводом» an enrolment.
_KIND_MEANINGS: tuple[tuple[MovementKind, tuple[tuple[str, ...], ...]], ...] = (
    (MovementKind.ENROL, (("зачисл",), ("прибыт",), ("прибыл",), ("прием",))),
    (MovementKind.WITHDRAW, (("отчисл",), ("выбыт",), ("выбыл",))),
    (MovementKind.TRANSFER, (("перевод",), ("перевест",), ("перевед",))),
)

_LABELS = {
    MovementKind.ENROL: "зачисление",
    MovementKind.TRANSFER: "перевод",
    MovementKind.WITHDRAW: "отчисление",
    MovementKind.PROMOTE: "перевод в следующую возрастную группу",
}


ORDER_SCAN = "order_scan"
"""The submission kind of a signed scan of an order: signing changes official figures."""

SIGNED = "signed"
"""The status of an order the head has signed (the others are drafts)."""


def order_number(seq: int, register: str) -> str:
    """An order's number in its register: «12-д»."""
    return f"{seq}-{register}"


def counts_officially(order_status: str | None) -> bool:
    """Whether an event counts in official figures (timesheets, the fill report, reports to
    the authority): it needs no order (the initial contingent) or its order is signed. Until
    then the child is pending: lists may show it, marked; no official figure counts it."""
    return order_status is None or order_status == SIGNED


_DAY = timedelta(days=1)


@dataclass(frozen=True)
class PastEvent:
    """An event already in a pupil's history."""

    kind: MovementKind
    effective_on: date
    group_id: int | None


@dataclass(frozen=True)
class GroupFacts:
    """What the rules need to know about a group on the event's date."""

    id: int
    name: str
    category: AgeCategory
    limits: Capacity
    headcount: int
    condition_headcount: int = 0
    """The children with a condition (ОВЗ) in it."""


def group_on(history: Sequence[PastEvent], day: date) -> int | None:
    """The group a pupil is in on a date (``history`` in the order the events happened)."""
    current: int | None = None
    for event in history:
        if event.effective_on > day:
            break
        current = event.group_id if event.kind.places_in_group else None
    return current


def _check_history(history: Sequence[PastEvent], day: date) -> None:
    if history and history[-1].effective_on > day:
        last = history[-1]
        raise DomainError(
            f"У воспитанника уже есть более поздняя запись движения ({last.kind.label} "
            f"с {last.effective_on:%d.%m.%Y}); запись задним числом раньше неё невозможна",
            field="effective_on",
        )


def _check_age(group: GroupFacts, birth_date: date, day: date, exception: str | None) -> None:
    if group.category is AgeCategory.MIXED or exception:
        return
    if not group.category.fits(birth_date, day):
        raise DomainError(
            f"Возраст ребёнка ({birth_date:%d.%m.%Y} г.р.) не соответствует группе "
            f"«{group.name}» ({group.category.label}, для детей {group.category.ages}); "
            "укажите обоснование, если перевод всё же нужен",
            field="to_group",
        )


def _check_capacity(group: GroupFacts, exception: str | None, with_condition: bool) -> None:
    if exception:
        return
    limits = group.limits
    if group.headcount + 1 > limits.total:
        raise DomainError(
            f"Группа «{group.name}» заполнена: {_children(group.headcount)} при вместимости "
            f"{limits.basis}; зачисление сверх норматива возможно только с обоснованием",
            field="to_group",
        )
    allowed = limits.with_condition
    if with_condition and allowed is not None and group.condition_headcount + 1 > allowed:
        raise DomainError(
            f"В комбинированной группе «{group.name}» уже {_children(group.condition_headcount)}"
            f" с ОВЗ при допустимом числе {allowed} ({limits.condition_basis}); сверх норматива "
            "— только с обоснованием",
            field="to_group",
        )


def _children(n: int) -> str:
    return plural(n, "ребёнок", "ребёнка", "детей")


def check_enrolment(
    history: Sequence[PastEvent],
    day: date,
    group: GroupFacts,
    birth_date: date,
    exception: str | None = None,
    *,
    with_condition: bool = False,
) -> None:
    """Refuse enrolling a pupil who is in a group, into a full or unsuitable group
    (``with_condition``: the child has a condition, which a combined group counts)."""
    _check_history(history, day)
    current = group_on(history, day)
    if current is not None:
        raise DomainError(
            f"Воспитанник уже зачислен (на {day:%d.%m.%Y} числится в группе); "
            "повторное зачисление невозможно",
            field="kind",
        )
    _check_age(group, birth_date, day, exception)
    _check_capacity(group, exception, with_condition)


def check_transfer(
    history: Sequence[PastEvent],
    day: date,
    current_name: str | None,
    stated_from: str | None,
    group: GroupFacts,
    birth_date: date,
    exception: str | None = None,
    *,
    with_condition: bool = False,
) -> None:
    """Refuse transferring a pupil who is not in a group, or into an unsuitable group."""
    _check_history(history, day)
    _check_in_group(history, day, current_name, stated_from)
    if group_on(history, day) == group.id:
        raise DomainError(f"Воспитанник уже в группе «{group.name}»", field="to_group")
    _check_age(group, birth_date, day, exception)
    _check_capacity(group, exception, with_condition)


def check_withdrawal(
    history: Sequence[PastEvent], day: date, current_name: str | None, stated_from: str | None
) -> None:
    """Refuse withdrawing a pupil who is not in a group on that date."""
    _check_history(history, day)
    _check_in_group(history, day, current_name, stated_from)


def _check_in_group(
    history: Sequence[PastEvent], day: date, current_name: str | None, stated_from: str | None
) -> None:
    if group_on(history, day) is None:
        raise DomainError(
            f"На {day:%d.%m.%Y} воспитанник не числится ни в одной группе",
            field="effective_on",
        )
    if stated_from and current_name and fold(stated_from) != fold(current_name):
        raise DomainError(
            f"На {day:%d.%m.%Y} воспитанник числится в группе «{current_name}», "
            f"а не «{stated_from}»",
            field="from_group",
        )


def check_open_year(day: date, closed_years: Sequence[tuple[date, date, str]]) -> None:
    """Refuse any event dated in a closed academic year."""
    for first, last, label in closed_years:
        if first <= day <= last:
            raise DomainError(
                f"{label} учебный год закрыт; изменения за {day:%d.%m.%Y} невозможны "
                "без его переоткрытия",
                field="effective_on",
            )


def days_in_group(
    history: Sequence[PastEvent], group_id: int, first: date, last: date
) -> list[date]:
    """The days from ``first`` to ``last`` on which the pupil belongs to the group."""
    days = []
    for start, end in stays_in_group(history, group_id):
        day, until = max(start, first), last if end is None else min(last, end - _DAY)
        while day <= until:
            days.append(day)
            day += _DAY
    return days


def in_group_between(history: Sequence[PastEvent], group_id: int, first: date, last: date) -> bool:
    """Whether the pupil belongs to the group on any day from ``first`` to ``last``."""
    return any(
        start <= last and (end is None or end > first)
        for start, end in stays_in_group(history, group_id)
    )


def stays_in_group(history: Sequence[PastEvent], group_id: int) -> list[tuple[date, date | None]]:
    """The pupil's stays in the group: from the first day to the day the stay ended (the
    first day elsewhere), or ``None`` while it goes on; as :func:`group_on` tells."""
    stays: list[tuple[date, date | None]] = []
    current: int | None = None
    since = date.min
    for event in history:
        group = event.group_id if event.kind.places_in_group else None
        if group == current:
            continue
        if current == group_id and since < event.effective_on:
            stays.append((since, event.effective_on))
        current, since = group, event.effective_on
    if current == group_id:
        stays.append((since, None))
    return stays
