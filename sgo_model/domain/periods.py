"""How a reporting period is named in Russian text."""

from __future__ import annotations


def period_words(label: str) -> str:
    """«2026 год» of «2026», «2026/2027 учебный год» of «2026/2027» (after «за»)."""
    return f"{label} учебный год" if "/" in label else f"{label} год"
