"""The NOD schedule (расписание непосредственно образовательной деятельности): a week of
activities per group, what they need, and the day's regime they fit into.

Times are minutes since midnight; the week is Monday to Friday (0–4). Everything here is
plain data: :mod:`sgo_model.domain.schedule_rules` checks a week against the rules, the
``schedule`` capability builds one with a solver.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sgo_model.domain.age import AgeCategory
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.errors import DomainError
from sgo_model.domain.limits import SANPIN, LoadLimits
from sgo_model.domain.people import PersonName, Sex, sex_from_patronymic
from sgo_model.domain.text import fold

DAY_START = 8 * 60
"""SanPiN: activities start no earlier than 08:00 …"""
DAY_END = 17 * 60
"""… and end by 17:00."""
MIN_BREAK = 10
"""SanPiN: at least 10 minutes between activities."""
GRID = 5
"""Schedules are laid on a five-minute grid."""
SENIOR_MORNING_MINUTES = 50
"""SanPiN table 6.6: 5–6 year olds have 50 minutes a day, or 75 when one activity is after
the nap."""

WEEKDAYS = ("понедельник", "вторник", "среда", "четверг", "пятница")
WEEKDAYS_SHORT = ("пн", "вт", "ср", "чт", "пт")
EVERY_DAY = "ежедневно"
"""A window on every weekday (a blank «День недели» in «Условия расписания»)."""
PINNED = "закреплено"
"""The condition of a pinned activity: this kind of NOD of this group starts here."""


def weekday_name(day: int) -> str:
    """«понедельник» for 0 … «пятница» for 4."""
    return WEEKDAYS[day]


def parse_weekday(text: str) -> int:
    """A weekday from its name or abbreviation («Пн», «понедельник», «пон.»)."""
    key = fold(text).strip(" .")
    for index, (name, short) in enumerate(zip(WEEKDAYS, WEEKDAYS_SHORT, strict=True)):
        if key == short or (len(key) >= 2 and name.startswith(key)):
            return index
    raise DomainError(
        f"Неизвестный день недели «{text}». Допустимо: {', '.join(WEEKDAYS)} (или пн … пт)"
    )


def clock(minutes: int) -> str:
    """«9:05» for 545."""
    return f"{minutes // 60}:{minutes % 60:02d}"


_CLOCK = re.compile(r"^\s*(\d{1,2})\s*[:.ч]\s*(\d{2})\s*(?:мин)?\s*$")


def parse_clock(text: str) -> int:
    """Minutes since midnight from «9:05», «09.05» or «9ч05»."""
    match = _CLOCK.match(text)
    if match is None:
        raise DomainError(f"Время «{text}» не распознано: пишите чч:мм, например 9:05")
    hours, minutes = int(match[1]), int(match[2])
    if hours > 23 or minutes > 59:
        raise DomainError(f"Время «{text}» недопустимо")
    return hours * 60 + minutes


def span(start: int, end: int) -> str:
    """«9:00–9:25» (an en dash)."""
    return f"{clock(start)}–{clock(end)}"


class Regime(enum.Enum):
    """What a window of the day is (условие): availability or a part of the group's day."""

    AVAILABLE = "available"
    UNAVAILABLE = "unavailable"
    NAP = "nap"
    WALK = "walk"

    @property
    def label(self) -> str:
        """«доступен», «недоступен», «дневной сон», «прогулка»."""
        return _REGIME_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> Regime:
        """Read a regime from its name («сон» and «прогулки» too)."""
        key = fold(text)
        for regime in cls:
            if key in (regime.value, regime.label):
                return regime
        if "недоступ" in key or key.startswith("занят"):
            return Regime.UNAVAILABLE
        if "доступ" in key or "свобод" in key:
            return Regime.AVAILABLE
        if "сон" in key:
            return Regime.NAP
        if "прогул" in key:
            return Regime.WALK
        allowed = ", ".join(r.label for r in cls)
        raise DomainError(f"Неизвестное условие «{text}». Допустимо: {allowed}")


_REGIME_LABELS = {
    Regime.AVAILABLE: "доступен",
    Regime.UNAVAILABLE: "недоступен",
    Regime.NAP: "дневной сон",
    Regime.WALK: "прогулка",
}


@dataclass(frozen=True)
class Window:
    """A window of a day for a group, a person or a room: when it is (un)available, or the
    group's nap and walk. ``day`` ``None``: every day."""

    who: str
    day: int | None
    start: int
    end: int
    regime: Regime

    def covers(self, day: int) -> bool:
        """Whether the window is on that weekday."""
        return self.day is None or self.day == day

    @property
    def when(self) -> str:
        """«пн 9:00–13:00», «ежедневно 12:30–15:00»."""
        days = "ежедневно" if self.day is None else WEEKDAYS_SHORT[self.day]
        return f"{days} {span(self.start, self.end)}"


DEFAULT_GROUP_DAY: tuple[tuple[int, int, Regime, str], ...] = (
    (DAY_START, 9 * 60, Regime.UNAVAILABLE, "приём детей, завтрак"),
    (11 * 60, 12 * 60 + 30, Regime.WALK, "прогулка"),
    (12 * 60 + 30, 15 * 60, Regime.NAP, "обед, дневной сон"),
)
"""A group's day where the institution gives no regime: activities from 9:00 to the walk at
11:00 and after the nap (common practice; the form «Условия расписания» changes it)."""


@dataclass(frozen=True)
class Teacher:
    """Who leads activities: a name as printed («Белова И. А.»), the post, and for a
    specialist the weekly minutes the rate allows (``None``: not capped)."""

    key: str
    name: str
    post: str
    feminine: bool = True
    weekly_minutes: int | None = None
    rate: str = ""
    """The rate as printed: «0,5»."""


SPECIALIST_HOURS = {
    "музыкальный руководитель": 24,
    "инструктор по физической культуре": 30,
    "учитель-логопед": 20,
}
"""Teaching hours a week of a full rate (1,0 ставки), by post (common practice)."""


OWN_ROOMS = ("групповая", "группа", "групповая комната", "в группе")
"""How the forms name a group's own room (no hall to share)."""


def room_of(text: str | None) -> str | None:
    """The room a kind of NOD needs, as the form names it; ``None`` for the group's own."""
    if not text or fold(text) in OWN_ROOMS:
        return None
    return " ".join(text.split())


@dataclass(frozen=True)
class Lesson:
    """A kind of NOD of a group with its weekly count (вид НОД), the activity's length by
    the group's age, who leads it and where (``room`` ``None``: the group's own room)."""

    group: str
    kind: str
    area: EducationalArea
    weekly_count: int
    minutes: int
    teacher: str | None = None
    room: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        """(group, kind): a lesson is one kind of one group."""
        return (self.group, self.kind)

    @property
    def needs_concentration(self) -> bool:
        """Cognitive and speech activities: best early in the week and in the morning."""
        return self.area in (EducationalArea.COGNITIVE, EducationalArea.SPEECH)

    @property
    def physical(self) -> bool:
        """Physical activities: not on two days running."""
        return self.area is EducationalArea.PHYSICAL


@dataclass(frozen=True)
class GroupWeek:
    """A group as the schedule sees it: age category and load limits."""

    name: str
    category: AgeCategory
    limits: LoadLimits

    @property
    def senior(self) -> bool:
        """5–6 year olds: 50 minutes a day, or 75 with one activity after the nap."""
        return self.category is AgeCategory.SENIOR


@dataclass(frozen=True)
class Pin:
    """An activity the methodist fixed: this kind of this group starts here."""

    group: str
    kind: str
    day: int
    start: int


@dataclass(frozen=True)
class ScheduleSlot:
    """One activity in the week (занятие): a group's kind of NOD on a day, its time, who
    leads it and where."""

    group: str
    kind: str
    day: int
    start: int
    end: int
    teacher: str | None = None
    room: str | None = None

    @property
    def minutes(self) -> int:
        """Its length."""
        return self.end - self.start

    @property
    def when(self) -> str:
        """«понедельник, 9:00–9:25»."""
        return f"{weekday_name(self.day)}, {span(self.start, self.end)}"


@dataclass(frozen=True)
class WeekPlan:
    """Everything a week's schedule must respect: the groups with their limits, the lessons,
    the teachers, the windows of groups, people and rooms, and the pins."""

    groups: Sequence[GroupWeek]
    lessons: Sequence[Lesson]
    teachers: Sequence[Teacher] = ()
    windows: Sequence[Window] = ()
    pins: Sequence[Pin] = ()
    shared_rooms: frozenset[str] = field(default_factory=frozenset)
    """Rooms several groups use (halls): one activity at a time."""

    def group(self, name: str) -> GroupWeek:
        """The group of that name."""
        return next(g for g in self.groups if g.name == name)

    def teacher(self, key: str | None) -> Teacher | None:
        """The teacher of that key."""
        return next((t for t in self.teachers if t.key == key), None)

    def windows_of(self, who: str) -> list[Window]:
        """The windows of a group, a person or a room."""
        return [w for w in self.windows if w.who == who]

    def afternoon_start(self, group: str, day: int) -> int:
        """When «after the nap» begins for the group that day (15:00 without a nap)."""
        naps = [w.end for w in self.windows_of(group) if w.regime is Regime.NAP and w.covers(day)]
        return max(naps, default=15 * 60)

    def nap_start(self, group: str, day: int) -> int:
        """When the group's nap begins that day (12:30 without one)."""
        naps = [w.start for w in self.windows_of(group) if w.regime is Regime.NAP and w.covers(day)]
        return min(naps, default=12 * 60 + 30)


def default_windows(groups: Sequence[str]) -> list[Window]:
    """:data:`DEFAULT_GROUP_DAY` for each group."""
    return [
        Window(group, None, start, end, regime)
        for group in groups
        for start, end, regime, _ in DEFAULT_GROUP_DAY
    ]


def rate_text(rate: float) -> str:
    """A rate as printed: «0,5», «1,0», «1,25»."""
    text = f"{rate:.2f}".rstrip("0")
    text = text + "0" if text.endswith(".") else text
    return text.replace(".", ",")


def teacher_of(key: str, name: PersonName, post: str, rate: float | None) -> Teacher:
    """A teacher as the schedule sees one: a specialist's rate caps the week's minutes
    (:data:`SPECIALIST_HOURS`; no rate given reads as a full one)."""
    hours = SPECIALIST_HOURS.get(fold(post))
    share = 1.0 if rate is None else float(rate)
    return Teacher(
        key,
        name.short,
        post,
        sex_from_patronymic(name.patronymic) is not Sex.MALE,
        None if hours is None else round(hours * share * 60),
        rate_text(share),
    )


def schedule_limits(category: AgeCategory, limits: Mapping[AgeCategory, LoadLimits]) -> LoadLimits:
    """The limits a group of a category works to: a mixed group by its youngest children
    (taken as 3–4 years old where nothing more is known)."""
    if category is AgeCategory.MIXED:
        category = AgeCategory.JUNIOR2
    found = limits.get(category)
    if found is not None:
        return found
    ceiling = SANPIN[category]
    return LoadLimits(category, ceiling.activity_minutes, min(ceiling.daily_minutes, 50))
