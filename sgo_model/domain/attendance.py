"""Attendance (посещаемость): marks in the monthly sheets and what they mean for the fee."""

from __future__ import annotations

import enum
from datetime import date, timedelta

from sgo_model.domain.errors import DomainError
from sgo_model.domain.text import by_meaning

# Latin letters that look like the Cyrillic mark letters, as typed on an English layout.
_LOOKALIKES = str.maketrans({"H": "Н", "K": "К", "C": "С", "O": "О", "P": "П", "B": "В"})


class Mark(enum.Enum):
    """Отметка в листе посещаемости; the value is the letter in the sheet (blank = present)."""

    PRESENT = ""
    ILLNESS = "Б"
    PARENTS_LEAVE = "О"
    QUARANTINE = "К"
    SANATORIUM = "С"
    EXCUSED = "П"
    ABSENT = "Н"

    @property
    def label(self) -> str:
        """What the mark means, in Russian."""
        return _LABELS[self]

    @property
    def attended(self) -> bool:
        """Whether the child was there."""
        return self is Mark.PRESENT

    @property
    def excused(self) -> bool:
        """An absence for a good reason: not charged in the parental fee."""
        return self not in (Mark.PRESENT, Mark.ABSENT)

    @property
    def illness(self) -> bool:
        """A day missed for illness (дето-день по болезни)."""
        return self is Mark.ILLNESS

    @classmethod
    def parse(cls, text: str | None) -> Mark:
        """Read a mark: blank is present; lower case and Latin look-alikes are accepted."""
        if text is None:
            return cls.PRESENT
        key = text.strip().upper().translate(_LOOKALIKES)
        for mark in cls:
            if key == mark.value:
                return mark
        found = by_meaning(text, _MARK_MEANINGS)
        if found is not None:
            return found
        allowed = ", ".join(f"{m.value} — {m.label}" for m in cls if m.value)
        raise DomainError(
            f"Недопустимая отметка «{text.strip()}». Допустимо: пусто — был, {allowed}"
        )


# Marks written out in words, by the stems of the key words.
_MARK_MEANINGS: tuple[tuple[Mark, tuple[tuple[str, ...], ...]], ...] = (
    (Mark.ABSENT, (("неуваж",), ("без", "причин"), ("прогул",))),
    (Mark.ILLNESS, (("болезн",), ("болен",), ("больн",), ("болел",))),
    (Mark.PARENTS_LEAVE, (("отпуск",),)),
    (Mark.QUARANTINE, (("карантин",),)),
    (Mark.SANATORIUM, (("санатор",), ("оздоров",))),
    (Mark.EXCUSED, (("уважит",), ("заявлен",))),
    (Mark.PRESENT, (("был",), ("присутств",))),
)

_LABELS = {
    Mark.PRESENT: "присутствовал",
    Mark.ILLNESS: "болезнь",
    Mark.PARENTS_LEAVE: "отпуск родителей",
    Mark.QUARANTINE: "карантин",
    Mark.SANATORIUM: "санаторий, оздоровление",
    Mark.EXCUSED: "другая уважительная причина (по заявлению)",
    Mark.ABSENT: "без уважительной причины",
}


def month_start(text: str) -> date:
    """The first day of a month written ``2026-10`` or ``10.2026``."""
    cleaned = text.strip()
    try:
        if "-" in cleaned:
            year, month = (int(p) for p in cleaned.split("-"))
        else:
            month, year = (int(p) for p in cleaned.split("."))
        return date(year, month, 1)
    except ValueError:
        raise DomainError(f"Месяц «{text}» указан неверно; ожидается вид 2026-10") from None


def sheet_coverage(
    month: date, last_day: date, submitted_on: date, stated: date | None, marked: date | None
) -> date:
    """The last day a group's sheet for a month covers (before ``month``: none of it).

    Blank cells mean «was there», so a sheet says nothing of the days its teacher had not
    reached yet. It covers the day its teacher states («Отметки внесены по»), else the days
    before the one it was submitted on, and at least the last day it marks an absence; never
    past the month's ``last_day`` nor the day it came. A day it does not cover is neither
    attended nor missed.
    """
    covered = stated if stated is not None else submitted_on - timedelta(days=1)
    if marked is not None:
        covered = max(covered, marked)
    return max(min(covered, last_day, submitted_on), month - timedelta(days=1))


class FeeRule(enum.Enum):
    """Which days of a month the parents pay for: a local fee regulation, a setting."""

    ATTENDED = "attended"
    ATTENDED_AND_UNEXCUSED = "attended_unexcused"

    @property
    def label(self) -> str:
        """The rule as the timesheet's footer prints it."""
        if self is FeeRule.ATTENDED:
            return "оплате подлежат дни посещения"
        return "оплате подлежат дни посещения и дни пропусков без уважительной причины"

    def payable(self, attended: int, missed: int, excused: int) -> int:
        """The days charged, from the days attended and missed (of them excused)."""
        if self is FeeRule.ATTENDED:
            return attended
        return attended + missed - excused

    @classmethod
    def parse(cls, text: str) -> FeeRule:
        """The rule named by a setting's value."""
        for rule in cls:
            if text.strip() == rule.value:
                return rule
        allowed = ", ".join(f"{r.value} ({r.label})" for r in cls)
        raise DomainError(f"Правило оплаты «{text.strip()}» неизвестно. Допустимо: {allowed}")
