"""Russian typesetting of document text: quotes, non-breaking spaces, dashes.

What a proofreader corrects by hand in an order: «ёлочки» outside and „лапки“ inside; no line
break inside «№ 5», «12 г.», «4–5 лет», «И. И. Иванов», «с 12.10.2026», a phone number or
«кв. 14»; a dash
set off by a space that does not start a line. Applied once, to the finished text.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NB_HYPHEN = "\u2011"
"""A hyphen no line breaks after: inside a phone number."""

_STRAIGHT = re.compile(r'"')
_NUMBER_SIGN = re.compile(r"(№№?)[ \u00a0]*(?=\S)")
_YEAR_MARK = re.compile(r"(\d)[ \u00a0]+(гг?\.|г\.р\.)")
_INITIALS_FIRST = re.compile(r"\b([А-ЯЁ]\.)[ \u00a0]*([А-ЯЁ]\.)?[ \u00a0]+(?=[А-ЯЁ][а-яё])")
# Initials after a surname, unless they belong to the surname that follows them.
_INITIALS_AFTER = re.compile(
    r"([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)[ \u00a0]+([А-ЯЁ]\.)(?:[ \u00a0]*([А-ЯЁ]\.))?"
    r"(?![ \u00a0]*[А-ЯЁ](?:[а-яё]|\.))"
)
_ABBREVIATION = re.compile(
    r"(?<![\w.])(кв|д|ул|пр|пер|пл|г|пос|с|п|стр|корп|обл|тел|каб|пом|ком|мкр)\.[ \u00a0]+(?=\S)"
)
_SHORT_WORD = re.compile(r"(?<![\w\-\u00a0])([а-яёА-ЯЁ]{1,2})[ ]+(?=\S)")
_NUMBER_UNIT = re.compile(
    r"(\d)[ ]+(?=(?:лет|год|года|мес|дн|дня|дней|руб|коп|м²|мин|ч)(?![а-яё]))"
)
_PHONE = re.compile(r"\+?\d[\d ()\-]{7,}\d")
_DASH = re.compile(r"[ \u00a0]+[-–—][ ]+")


def typeset(text: str) -> str:
    """``text`` set as Russian typography wants it (see the module's description)."""
    text = nest_quotes(_straight_quotes(text))
    text = _PHONE.sub(lambda m: m.group(0).replace(" ", NBSP).replace("-", NB_HYPHEN), text)
    text = _NUMBER_SIGN.sub(rf"\1{NBSP}", text)
    text = _YEAR_MARK.sub(rf"\1{NBSP}\2", text)
    text = _NUMBER_UNIT.sub(rf"\1{NBSP}", text)
    text = _INITIALS_FIRST.sub(_initials_first, text)
    text = _INITIALS_AFTER.sub(_initials_after, text)
    text = _ABBREVIATION.sub(lambda m: f"{m.group(1)}.{NBSP}", text)
    text = _SHORT_WORD.sub(rf"\1{NBSP}", text)
    return _DASH.sub(f"{NBSP}— ", text)


def nest_quotes(text: str) -> str:
    """«» at the outer level, „“ inside them: «Детский сад № 5 „Берёзка“»."""
    out, depth = [], 0
    for char in text:
        if char == "«":
            out.append("„" if depth else "«")
            depth += 1
        elif char == "»" and depth:
            depth -= 1
            out.append("“" if depth else "»")
        else:
            out.append(char)
    return "".join(out)


def _straight_quotes(text: str) -> str:
    """Straight double quotes as «»: one that opens follows a space, a bracket or the start."""
    out = []
    for index, char in enumerate(text):
        if char != '"':
            out.append(char)
            continue
        before = text[index - 1] if index else " "
        out.append("«" if before.isspace() or before in "([«„-—" else "»")
    return "".join(out)


def _initials_first(match: re.Match[str]) -> str:
    first, second = match.group(1), match.group(2)
    return f"{first}{NBSP}{second}{NBSP}" if second else f"{first}{NBSP}"


def _initials_after(match: re.Match[str]) -> str:
    surname, first, second = match.group(1), match.group(2), match.group(3)
    return f"{surname}{NBSP}{first}{NBSP}{second}" if second else f"{surname}{NBSP}{first}"
