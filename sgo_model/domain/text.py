"""Normalisation of free text typed by people into forms."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar


def squeeze(text: str) -> str:
    """Trim the text and collapse inner runs of white space (incl. no-break spaces) to one."""
    squeezed = " ".join(text.split())
    # The text itself when it was clean: a 60,000-row form keeps one copy of each value.
    return text if squeezed == text else squeezed


def fold(text: str) -> str:
    """A key for loose comparison: squeezed, lower case, ``ё`` read as ``е``."""
    return squeeze(text).lower().replace("ё", "е")


_WORD = re.compile(r"[a-zа-я0-9]+")


def words(text: str) -> list[str]:
    """The words of a text, folded: «По заявлению родителей» → по, заявлению, родителей."""
    return _WORD.findall(fold(text))


def means(text: str, *signatures: Sequence[str]) -> bool:
    """Whether the text carries one of the meanings, each given as the stems of its key
    words («получен», «образован»): all of a signature's stems begin words of the text, in
    any order and among any other words."""
    found = words(text)
    return any(all(any(w.startswith(stem) for w in found) for stem in sig) for sig in signatures)


T = TypeVar("T")


def by_meaning(text: str, meanings: Sequence[tuple[T, Sequence[Sequence[str]]]]) -> T | None:
    """The first choice whose meaning the text carries (see :func:`means`), or ``None``."""
    return next((choice for choice, signatures in meanings if means(text, *signatures)), None)


def plural_form(n: int, one: str, few: str, many: str) -> str:
    """The form of a noun that agrees with ``n``: 1 ребёнок, 2 ребёнка, 5 детей, 11 детей."""
    n = abs(n)
    if 11 <= n % 100 <= 14:
        return many
    if n % 10 == 1:
        return one
    if 2 <= n % 10 <= 4:
        return few
    return many


def plural(n: int, one: str, few: str, many: str) -> str:
    """The number with the agreeing noun: ``1 ребёнок``, ``2 ребёнка``, ``5 детей``."""
    return f"{n} {plural_form(n, one, few, many)}"
