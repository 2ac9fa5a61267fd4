"""Attendance (посещаемость): marks in the monthly sheets and what they mean for the fee."""

from __future__ import annotations

import enum
from datetime import date

from sgo_model.domain.errors import DomainError

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
        allowed = ", ".join(f"{m.value} — {m.label}" for m in cls if m.value)
        raise DomainError(
            f"Недопустимая отметка «{text.strip()}». Допустимо: пусто — был, {allowed}"
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
