"""Normalisation of free text typed by people into forms."""

from __future__ import annotations


def squeeze(text: str) -> str:
    """Trim the text and collapse inner runs of white space (incl. no-break spaces) to one."""
    return " ".join(text.split())


def fold(text: str) -> str:
    """A key for loose comparison: squeezed, lower case, ``ё`` read as ``е``."""
    return squeeze(text).lower().replace("ё", "е")
