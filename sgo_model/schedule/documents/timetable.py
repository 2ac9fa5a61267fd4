"""What the schedule's documents print: a week per group, per specialist and per hall, laid
out as five days of entries, and the mark of approval (or of a draft)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sgo_model.domain.schedule import WEEKDAYS, ScheduleSlot, span
from sgo_model.office.typography import typeset

TITLE = "Расписание непосредственно образовательной деятельности"
FONT = "Times New Roman"


@dataclass(frozen=True)
class Entry:
    """One activity in a day's column: its time, what it is, who leads it and where."""

    time: str
    what: str
    detail: str = ""


@dataclass(frozen=True)
class Timetable:
    """A week of one group, specialist or hall: a heading and five days of entries."""

    heading: str
    subheading: str
    days: tuple[tuple[Entry, ...], ...]

    @property
    def rows(self) -> int:
        """The longest day's number of entries."""
        return max((len(day) for day in self.days), default=0)


@dataclass(frozen=True)
class Stamp:
    """The top of every page: the institution, the year, and the approval or draft mark."""

    institution: str
    year: str
    """«2026/2027»."""
    version: int
    approval: str | None
    """«приказом от 02.12.2026 № 3-ОД» once approved; ``None`` for a draft."""

    @property
    def lines(self) -> list[str]:
        """The approval block, top right: «УТВЕРЖДЕНО / приказом …», or the draft's mark."""
        if self.approval:
            return ["УТВЕРЖДЕНО", typeset(self.approval)]
        return ["ПРОЕКТ", f"версия №\u00a0{self.version}, не утверждено"]


def week_of(
    slots: Sequence[ScheduleSlot], describe: Callable[[ScheduleSlot], Entry]
) -> tuple[tuple[Entry, ...], ...]:
    """Five days of entries, each in time order."""
    days: dict[int, list[ScheduleSlot]] = defaultdict(list)
    for slot in slots:
        days[slot.day].append(slot)
    return tuple(
        tuple(describe(s) for s in sorted(days.get(d, []), key=lambda s: s.start))
        for d in range(len(WEEKDAYS))
    )


def entry(slot: ScheduleSlot, what: str, detail: str) -> Entry:
    """An entry, typeset as Russian text is printed."""
    return Entry(span(slot.start, slot.end), typeset(what), typeset(detail))
