"""The hard rules of a NOD week, checked on a finished schedule: SanPiN's limits, the
curriculum's weekly counts, the regime of the day, people and rooms in one place at a time.

Independent of any solver: a corrected sheet, a solver's answer and a test all go through
:func:`check_week`. Each violation names the group, the day and the time, in Russian.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise

from sgo_model.domain.limits import SANPIN
from sgo_model.domain.schedule import (
    DAY_END,
    DAY_START,
    GRID,
    MIN_BREAK,
    SENIOR_MORNING_MINUTES,
    Regime,
    ScheduleSlot,
    WeekPlan,
    Window,
    clock,
    span,
    weekday_name,
)
from sgo_model.domain.text import plural


class Rule(enum.Enum):
    """A hard rule of the week (жёсткое правило)."""

    WEEKLY_COUNT = "weekly_count"
    LENGTH = "length"
    HOURS = "hours"
    GRID = "grid"
    GROUP_OVERLAP = "group_overlap"
    BREAK = "break"
    TEACHER_OVERLAP = "teacher_overlap"
    ROOM_OVERLAP = "room_overlap"
    DAY_CAP = "day_cap"
    REGIME = "regime"
    AVAILABILITY = "availability"
    RATE = "rate"
    ONCE_A_DAY = "once_a_day"
    PIN = "pin"

    @property
    def label(self) -> str:
        """The rule in a few Russian words."""
        return _LABELS[self]


_LABELS = {
    Rule.WEEKLY_COUNT: "число занятий в неделю по учебному плану",
    Rule.LENGTH: "длительность занятия по возрасту",
    Rule.HOURS: "занятия с 8:00 до 17:00",
    Rule.GRID: "сетка по 5 минут",
    Rule.GROUP_OVERLAP: "у группы одно занятие в одно время",
    Rule.BREAK: "перерыв между занятиями не менее 10 минут",
    Rule.TEACHER_OVERLAP: "педагог ведёт одно занятие в одно время",
    Rule.ROOM_OVERLAP: "в зале одно занятие в одно время",
    Rule.DAY_CAP: "нагрузка в день по возрасту",
    Rule.REGIME: "режим дня группы (прогулка, дневной сон)",
    Rule.AVAILABILITY: "часы, когда педагог или помещение доступны",
    Rule.RATE: "часы специалиста по ставке",
    Rule.ONCE_A_DAY: "не более одного занятия одного вида в день",
    Rule.PIN: "закреплённое занятие",
}


@dataclass(frozen=True)
class Violation:
    """A broken rule, where it is broken: the group, the day and time (when it has them)."""

    rule: Rule
    message: str
    group: str | None = None
    day: int | None = None
    start: int | None = None
    kind: str | None = None


def check_week(plan: WeekPlan, slots: Sequence[ScheduleSlot]) -> list[Violation]:
    """Every hard rule the week breaks (an empty list: the schedule is valid)."""
    found: list[Violation] = []
    found += _counts(plan, slots)
    found += _each_slot(plan, slots)
    found += _overlaps(plan, slots)
    found += _day_caps(plan, slots)
    found += _rates(plan, slots)
    found += _pins(plan, slots)
    return found


def _at(slot: ScheduleSlot) -> str:
    return f"«{slot.group}», {weekday_name(slot.day)} {span(slot.start, slot.end)}"


def _violation(rule: Rule, slot: ScheduleSlot, message: str) -> Violation:
    return Violation(rule, message, slot.group, slot.day, slot.start, slot.kind)


def _counts(plan: WeekPlan, slots: Sequence[ScheduleSlot]) -> Iterable[Violation]:
    placed: dict[tuple[str, str], int] = defaultdict(int)
    for slot in slots:
        placed[(slot.group, slot.kind)] += 1
    lessons = {lesson.key: lesson for lesson in plan.lessons}
    for key, lesson in lessons.items():
        if placed[key] != lesson.weekly_count:
            yield Violation(
                Rule.WEEKLY_COUNT,
                f"Группа «{lesson.group}»: «{lesson.kind}» — "
                f"{plural(placed[key], 'занятие', 'занятия', 'занятий')} в неделю, по учебному "
                f"плану {lesson.weekly_count}",
                lesson.group,
                kind=lesson.kind,
            )
    for slot in slots:
        if (slot.group, slot.kind) not in lessons:
            yield _violation(
                Rule.WEEKLY_COUNT,
                slot,
                f"{_at(slot)}: вида НОД «{slot.kind}» нет в учебном плане группы",
            )


def _each_slot(plan: WeekPlan, slots: Sequence[ScheduleSlot]) -> Iterable[Violation]:
    lessons = {lesson.key: lesson for lesson in plan.lessons}
    for slot in slots:
        lesson = lessons.get((slot.group, slot.kind))
        if lesson is not None and slot.minutes != lesson.minutes:
            yield _violation(
                Rule.LENGTH,
                slot,
                f"{_at(slot)}: «{slot.kind}» длится {slot.minutes} мин, для возраста группы "
                f"— {lesson.minutes} мин",
            )
        if slot.start < DAY_START or slot.end > DAY_END or slot.day not in range(5):
            yield _violation(
                Rule.HOURS,
                slot,
                f"{_at(slot)}: занятия проводятся с {clock(DAY_START)} до {clock(DAY_END)}, "
                "с понедельника по пятницу",
            )
        if slot.start % GRID or slot.end % GRID:
            yield _violation(Rule.GRID, slot, f"{_at(slot)}: время занятия — кратно {GRID} минутам")
        for window in _blocking(plan, slot):
            rule = Rule.REGIME if window.who == slot.group else Rule.AVAILABILITY
            whose = _whose(plan, window, slot)
            yield _violation(
                rule,
                slot,
                f"{_at(slot)}: пересекается с окном «{window.regime.label}» {whose}({window.when})",
            )


def _whose(plan: WeekPlan, window: Window, slot: ScheduleSlot) -> str:
    if window.who == slot.group:
        return "группы "
    teacher = plan.teacher(window.who)
    if teacher is not None:
        return f"у педагога {teacher.name} "
    return f"помещения «{window.who}» "


def _blocking(plan: WeekPlan, slot: ScheduleSlot) -> Iterable[Window]:
    """The windows the slot must not touch: the group's regime, and the unavailability of
    its teacher and room (or the time outside their «доступен» windows)."""
    for who in (slot.group, slot.teacher, slot.room):
        if who is None:
            continue
        windows = [w for w in plan.windows_of(who) if w.covers(slot.day)]
        for window in windows:
            if window.regime is not Regime.AVAILABLE and _meets(window, slot):
                yield window
        available = [w for w in plan.windows_of(who) if w.regime is Regime.AVAILABLE]
        if available and not any(
            w.covers(slot.day) and w.start <= slot.start and slot.end <= w.end for w in available
        ):
            yield Window(who, slot.day, slot.start, slot.end, Regime.UNAVAILABLE)


def _meets(window: Window, slot: ScheduleSlot) -> bool:
    return window.start < slot.end and slot.start < window.end


def _overlaps(plan: WeekPlan, slots: Sequence[ScheduleSlot]) -> Iterable[Violation]:
    by_group: dict[tuple[str, int], list[ScheduleSlot]] = defaultdict(list)
    by_teacher: dict[tuple[str, int], list[ScheduleSlot]] = defaultdict(list)
    by_room: dict[tuple[str, int], list[ScheduleSlot]] = defaultdict(list)
    for slot in slots:
        by_group[(slot.group, slot.day)].append(slot)
        if slot.teacher:
            by_teacher[(slot.teacher, slot.day)].append(slot)
        if slot.room:
            by_room[(slot.room, slot.day)].append(slot)
    for (_, _), day_slots in sorted(by_group.items()):
        ordered = sorted(day_slots, key=lambda s: s.start)
        for before, after in pairwise(ordered):
            if after.start < before.end:
                yield _violation(
                    Rule.GROUP_OVERLAP,
                    after,
                    f"{_at(after)}: «{after.kind}» накладывается на «{before.kind}» "
                    f"({span(before.start, before.end)})",
                )
            elif after.start - before.end < MIN_BREAK:
                yield _violation(
                    Rule.BREAK,
                    after,
                    f"{_at(after)}: перерыв после «{before.kind}» {after.start - before.end} "
                    f"мин, нужно не менее {MIN_BREAK}",
                )
    for (key, _), day_slots in sorted(by_teacher.items()):
        teacher = plan.teacher(key)
        name = teacher.name if teacher else key
        for one, other in _clashes(day_slots):
            yield _violation(
                Rule.TEACHER_OVERLAP,
                other,
                f"{_at(other)}: {name} в это время ведёт «{one.kind}» в группе "
                f"«{one.group}» ({span(one.start, one.end)})",
            )
    for (room, _), day_slots in sorted(by_room.items()):
        for one, other in _clashes(day_slots):
            yield _violation(
                Rule.ROOM_OVERLAP,
                other,
                f"{_at(other)}: {room} в это время занят группой «{one.group}» "
                f"({span(one.start, one.end)})",
            )


def _clashes(slots: Sequence[ScheduleSlot]) -> Iterable[tuple[ScheduleSlot, ScheduleSlot]]:
    """Pairs of a day's slots of one person or room that overlap, earlier one first."""
    for one, other in combinations(sorted(slots, key=lambda s: s.start), 2):
        if one.start < other.end and other.start < one.end:
            yield one, other


def _day_caps(plan: WeekPlan, slots: Sequence[ScheduleSlot]) -> Iterable[Violation]:
    by_day: dict[tuple[str, int], list[ScheduleSlot]] = defaultdict(list)
    for slot in slots:
        by_day[(slot.group, slot.day)].append(slot)
    names = {g.name for g in plan.groups}
    for (group_name, day), day_slots in sorted(by_day.items()):
        if group_name not in names:
            continue
        group = plan.group(group_name)
        first = min(day_slots, key=lambda s: s.start)
        total = sum(s.minutes for s in day_slots)
        kinds = [s.kind for s in day_slots]
        for kind in sorted({k for k in kinds if kinds.count(k) > 1}):
            yield Violation(
                Rule.ONCE_A_DAY,
                f"«{group_name}», {weekday_name(day)}: «{kind}» дважды за день",
                group_name,
                day,
                first.start,
                kind,
            )
        afternoon = plan.afternoon_start(group_name, day)
        after_nap = [s for s in day_slots if s.start >= afternoon]
        cap = group.limits.daily_minutes
        where = f"«{group_name}», {weekday_name(day)}"
        if group.senior:
            morning = total - sum(s.minutes for s in after_nap)
            ceiling = SANPIN[group.category].daily_minutes
            limit = min(cap, SENIOR_MORNING_MINUTES)
            if len(after_nap) > 1:
                yield Violation(
                    Rule.DAY_CAP,
                    f"{where}: после дневного сна {len(after_nap)} занятия, для детей 5–6 лет "
                    "допустимо одно",
                    group_name,
                    day,
                    after_nap[1].start,
                )
            if morning > limit or total > ceiling:
                yield Violation(
                    Rule.DAY_CAP,
                    f"{where}: {total} мин занятий (до сна {morning}), для детей 5–6 лет — не "
                    f"более {limit} мин, или {ceiling} мин с одним занятием после дневного сна",
                    group_name,
                    day,
                    first.start,
                )
        elif total > cap:
            yield Violation(
                Rule.DAY_CAP,
                f"{where}: {total} мин занятий, для детей {group.category.ages} — не более "
                f"{cap} мин в день",
                group_name,
                day,
                first.start,
            )


def _rates(plan: WeekPlan, slots: Sequence[ScheduleSlot]) -> Iterable[Violation]:
    minutes: dict[str, int] = defaultdict(int)
    for slot in slots:
        if slot.teacher:
            minutes[slot.teacher] += slot.minutes
    for teacher in plan.teachers:
        cap = teacher.weekly_minutes
        if cap is not None and minutes[teacher.key] > cap:
            yield Violation(
                Rule.RATE,
                f"{teacher.post.capitalize()} {teacher.name}: {minutes[teacher.key]} мин "
                f"занятий в неделю при {teacher.rate} ставки ({cap // 60} ч)",
            )


def _pins(plan: WeekPlan, slots: Sequence[ScheduleSlot]) -> Iterable[Violation]:
    for pin in plan.pins:
        if not any(
            s.group == pin.group
            and s.kind == pin.kind
            and s.day == pin.day
            and s.start == pin.start
            for s in slots
        ):
            yield Violation(
                Rule.PIN,
                f"«{pin.group}»: «{pin.kind}» закреплено на {weekday_name(pin.day)} "
                f"{clock(pin.start)}, а в расписании его там нет",
                pin.group,
                pin.day,
                pin.start,
                pin.kind,
            )
