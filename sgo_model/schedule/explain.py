"""Why a week cannot be built: the rules of a conflict, in Russian.

The solver names each rule it may not break by a :class:`RuleRef`; a conflict is the
smallest set of them that cannot hold together, and this module words it for the methodist
(«Музыкальный руководитель Белова И. А.: 14 занятий по 20–30 мин не помещаются в её часы
(0,5 ставки; вт и чт 9:00–13:00)»).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sgo_model.domain.schedule import (
    SENIOR_MORNING_MINUTES,
    WEEKDAYS_SHORT,
    Lesson,
    Regime,
    Teacher,
    WeekPlan,
    Window,
    clock,
    span,
    weekday_name,
)
from sgo_model.domain.text import plural


@dataclass(frozen=True)
class RuleRef:
    """A rule the solver holds under an assumption: its kind and whom it is about."""

    kind: str
    subject: str


@dataclass(frozen=True)
class Conflict:
    """Rules that cannot all hold: the headline and each rule in words."""

    message: str
    rules: tuple[str, ...]
    kinds: tuple[str, ...] = ()
    """The kinds of the rules (``rate``, ``regime`` …), in the order of ``rules``."""


def explain(plan: WeekPlan, refs: Sequence[RuleRef]) -> list[Conflict]:
    """The conflict of ``refs`` (a core of the solver) in Russian."""
    ordered = sorted(refs, key=lambda r: (_ORDER.index(r.kind), r.subject))
    rules = tuple(_rule(plan, ref) for ref in ordered)
    kinds = tuple(ref.kind for ref in ordered)
    return [Conflict(_headline(plan, ordered) or _generic(rules), rules, kinds)]


_ORDER = (
    "demand_teacher",
    "demand_group",
    "rate",
    "availability",
    "teacher_overlap",
    "room_overlap",
    "day_cap",
    "once_a_day",
    "regime",
    "pin",
)


def _generic(rules: tuple[str, ...]) -> str:
    return "Расписание составить нельзя: вместе не выполнимы " + "; ".join(rules)


def _activities(lessons: Sequence[Lesson]) -> str:
    count = sum(lesson.weekly_count for lesson in lessons)
    lengths = sorted({lesson.minutes for lesson in lessons})
    minutes = (
        (f"{lengths[0]}" if len(lengths) == 1 else f"{lengths[0]}–{lengths[-1]}")
        if lengths
        else "0"
    )
    return f"{plural(count, 'занятие', 'занятия', 'занятий')} по {minutes} мин"


def _of(plan: WeekPlan, key: str) -> list[Lesson]:
    return [lesson for lesson in plan.lessons if lesson.teacher == key]


def _person(teacher: Teacher | None, key: str) -> str:
    if teacher is None:
        return key
    return f"{teacher.post[:1].upper()}{teacher.post[1:]} {teacher.name}"


def _days(windows: Sequence[Window]) -> str:
    """«вт и чт 9:00–13:00» when the days share a time, «ежедневно 8:30–12:30 и 15:00–16:30»
    when a day has several, else each day with its own."""
    times: dict[tuple[int, int], list[str]] = {}
    for w in sorted(windows, key=lambda w: (-1 if w.day is None else w.day, w.start)):
        day = "ежедневно" if w.day is None else WEEKDAYS_SHORT[w.day]
        times.setdefault((w.start, w.end), []).append(day)
    spans: dict[tuple[str, ...], list[str]] = {}
    for (start, end), on in times.items():
        spans.setdefault(tuple(on), []).append(span(start, end))
    return ", ".join(f"{_and(list(on))} {_and(hours)}" for on, hours in spans.items())


def _and(items: list[str]) -> str:
    """«a», «a и b», «a, b и c»."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " и " + items[-1]


def _availability(plan: WeekPlan, who: str) -> str:
    windows = plan.windows_of(who)
    available = [w for w in windows if w.regime is Regime.AVAILABLE]
    busy = [w for w in windows if w.regime is not Regime.AVAILABLE]
    teacher = plan.teacher(who)
    feminine = teacher is None or teacher.feminine
    parts = []
    if available:
        parts.append(_days(available))
    if busy:
        word = "недоступна" if feminine else "недоступен"
        parts.append(f"{word} {_days(busy)}")
    return "; ".join(parts)


def _rule(plan: WeekPlan, ref: RuleRef) -> str:
    teacher = plan.teacher(ref.subject)
    if ref.kind == "demand_teacher":
        return f"{_person(teacher, ref.subject)}: {_activities(_of(plan, ref.subject))} в неделю"
    if ref.kind == "demand_group":
        lessons = [lesson for lesson in plan.lessons if lesson.group == ref.subject]
        return f"группа «{ref.subject}»: {_activities(lessons)} в неделю по учебному плану"
    if ref.kind == "rate":
        assert teacher is not None and teacher.weekly_minutes is not None
        return (
            f"{teacher.name}: {teacher.rate} ставки — не более "
            f"{plural(teacher.weekly_minutes // 60, 'часа', 'часов', 'часов')} занятий в неделю"
        )
    if ref.kind == "availability":
        who = teacher.name if teacher else f"помещение «{ref.subject}»"
        return f"{who}: {_availability(plan, ref.subject)}"
    if ref.kind == "teacher_overlap":
        who = teacher.name if teacher else ref.subject
        return f"{who} ведёт одно занятие в одно время"
    if ref.kind == "room_overlap":
        return f"{ref.subject}: одно занятие в одно время"
    if ref.kind == "day_cap":
        group = plan.group(ref.subject)
        if group.senior:
            limit = min(group.limits.daily_minutes, SENIOR_MORNING_MINUTES)
            return (
                f"группа «{group.name}» ({group.category.label}): до сна не более {limit} мин в "
                "день и одно занятие после сна"
            )
        return (
            f"группа «{group.name}» ({group.category.label}): не более "
            f"{group.limits.daily_minutes} мин занятий в день"
        )
    if ref.kind == "once_a_day":
        return f"группа «{ref.subject}»: не более одного занятия одного вида в день"
    if ref.kind == "regime":
        windows = plan.windows_of(ref.subject)
        listed = ", ".join(f"{w.regime.label} {w.when}" for w in windows)
        return f"режим дня группы «{ref.subject}»: {listed}"
    if ref.kind == "pin":
        name, kind, day, start = ref.subject.split("|")
        return f"закреплено: «{name}», «{kind}» — {weekday_name(int(day))} {clock(int(start))}"
    raise ValueError(f"unknown rule kind {ref.kind!r}")


def _headline(plan: WeekPlan, refs: Sequence[RuleRef]) -> str | None:
    """A specialist whose activities do not fit her hours: the issue's own wording."""
    people = {r.subject for r in refs if r.kind in ("demand_teacher", "rate", "availability")}
    if len(people) != 1 or {r.kind for r in refs} - {"demand_teacher", "rate", "availability"}:
        return None
    (key,) = people
    teacher = plan.teacher(key)
    if teacher is None or not any(r.kind == "demand_teacher" for r in refs):
        return None
    own = "её" if teacher.feminine else "его"
    reasons = []
    if teacher.weekly_minutes is not None or any(r.kind == "rate" for r in refs):
        reasons.append(f"{teacher.rate} ставки")
    # Her hours are what the reader checks first: they are named even when the rate alone
    # is what cannot be met.
    if plan.windows_of(key):
        reasons.append(_availability(plan, key))
    why = f" ({'; '.join(reasons)})" if reasons else ""
    return f"{_person(teacher, key)}: {_activities(_of(plan, key))} не помещаются в {own} часы{why}"
