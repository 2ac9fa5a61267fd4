"""The mode of stay of a group (режим пребывания), as the self-assessment counts pupils."""

from __future__ import annotations

import enum

from sgo_model.domain.errors import DomainError
from sgo_model.domain.text import by_meaning, fold


class StayMode(enum.Enum):
    """Режим пребывания детей в группе."""

    FULL = "full"
    SHORT = "short"
    EXTENDED = "extended"
    ROUND_THE_CLOCK = "round_the_clock"
    FAMILY = "family"

    @property
    def label(self) -> str:
        """The Russian name, as in forms: «полный день (8–12 часов)»."""
        return _LABELS[self]

    @classmethod
    def parse(cls, text: str) -> StayMode:
        """Read a mode from its code or name («кратковременное», «круглосуточный»)."""
        key = fold(text)
        for mode in cls:
            if key in (mode.value, fold(mode.label)):
                return mode
        found = by_meaning(text, _MEANINGS)
        if found is not None:
            return found
        allowed = "; ".join(m.label for m in cls)
        raise DomainError(f"Неизвестный режим пребывания «{text}». Допустимо: {allowed}")


_LABELS = {
    StayMode.FULL: "полный день (8–12 часов)",
    StayMode.SHORT: "кратковременное пребывание (3–5 часов)",
    StayMode.EXTENDED: "продлённый день (12–14 часов)",
    StayMode.ROUND_THE_CLOCK: "круглосуточное пребывание",
    StayMode.FAMILY: "семейная дошкольная группа",
}
_MEANINGS: tuple[tuple[StayMode, tuple[tuple[str, ...], ...]], ...] = (
    (StayMode.SHORT, (("кратковрем",),)),
    (StayMode.EXTENDED, (("продл",),)),
    (StayMode.ROUND_THE_CLOCK, (("круглосуточ",),)),
    (StayMode.FAMILY, (("семейн",),)),
    (StayMode.FULL, (("полн",), ("12", "час"), ("10",))),
)
