"""What changed between two versions of the week: activities moved, added and removed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sgo_model.domain.schedule import ScheduleSlot
from sgo_model.domain.text import plural


@dataclass(frozen=True)
class WeekDiff:
    """The changes from one week to the next; a moved activity is the same kind of NOD of the
    same group at another day, time, teacher or room."""

    unchanged: int = 0
    moved: list[tuple[ScheduleSlot, ScheduleSlot]] = field(default_factory=list)
    added: list[ScheduleSlot] = field(default_factory=list)
    removed: list[ScheduleSlot] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether anything changed."""
        return bool(self.moved or self.added or self.removed)

    @property
    def summary(self) -> str:
        """«перенесено 2 занятия, добавлено 1, удалено 0 из 134» in Russian."""
        if not self.changed:
            return "без изменений"
        total = self.unchanged + len(self.moved) + len(self.removed)
        parts = [f"перенесено {plural(len(self.moved), 'занятие', 'занятия', 'занятий')}"]
        if self.added:
            parts.append(f"добавлено {len(self.added)}")
        if self.removed:
            parts.append(f"удалено {len(self.removed)}")
        return ", ".join(parts) + f" (из {total} прежних)"

    def lines(self) -> list[str]:
        """One Russian line per change."""
        out = [f"«{a.group}», «{a.kind}»: {a.when} → {b.when}" for a, b in self.moved]
        out += [f"«{s.group}», «{s.kind}»: добавлено {s.when}" for s in self.added]
        out += [f"«{s.group}», «{s.kind}»: удалено {s.when}" for s in self.removed]
        return out


def _when(slot: ScheduleSlot) -> tuple[int, int]:
    return (slot.day, slot.start)


def diff_weeks(before: Sequence[ScheduleSlot], after: Sequence[ScheduleSlot]) -> WeekDiff:
    """The changes from ``before`` to ``after``."""
    old: dict[tuple[str, str], list[ScheduleSlot]] = defaultdict(list)
    new: dict[tuple[str, str], list[ScheduleSlot]] = defaultdict(list)
    for slot in before:
        old[(slot.group, slot.kind)].append(slot)
    for slot in after:
        new[(slot.group, slot.kind)].append(slot)
    unchanged = 0
    moved: list[tuple[ScheduleSlot, ScheduleSlot]] = []
    added: list[ScheduleSlot] = []
    removed: list[ScheduleSlot] = []
    for key in sorted(set(old) | set(new)):
        was = sorted(old.get(key, []), key=_when)
        now = sorted(new.get(key, []), key=_when)
        same = [s for s in now if s in was]
        for s in same:
            was.remove(s)
            now.remove(s)
        unchanged += len(same)
        moved += list(zip(was, now, strict=False))
        added += now[len(was) :]
        removed += was[len(now) :]
    return WeekDiff(unchanged, moved, added, removed)
