"""Declension of Russian full names (ФИО) by grammatical case, for the wording of orders.

The rules are those of the `petrovich` package (``petrovich/rules/rules.json``, the shared
petrovich-rules data set). They are applied here rather than through ``petrovich.main``
because petrovich 2.0.1 misapplies them when a gender is given: it skips the rules common to
both genders (so «Никита», «Кузьма», «Лука» stay undeclined and «Цой» gives «Цого»), and it
reads «.» (indeclinable) as "try the next rule" (so a man's «Черных» becomes «Черныха»). It
also opens the rules file in the locale's encoding, which fails on a Windows with cp1251.
"""

from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sgo_model.domain.people import PersonName, Sex, sex_from_patronymic
from sgo_model.domain.text import fold


class GrammaticalCase(enum.Enum):
    """Падеж."""

    NOMINATIVE = "nominative"
    GENITIVE = "genitive"
    DATIVE = "dative"
    ACCUSATIVE = "accusative"
    INSTRUMENTAL = "instrumental"
    PREPOSITIONAL = "prepositional"


# Position of a case in the ``mods`` lists of the rules file (the nominative is not listed).
_MOD_INDEX = {
    GrammaticalCase.GENITIVE: 0,
    GrammaticalCase.DATIVE: 1,
    GrammaticalCase.ACCUSATIVE: 2,
    GrammaticalCase.INSTRUMENTAL: 3,
    GrammaticalCase.PREPOSITIONAL: 4,
}

_GENDER = {Sex.MALE: "male", Sex.FEMALE: "female"}
_BOTH = "androgynous"

# The word that ends a Turkic patronymic («Рашид оглы»); only the father's name before it declines.
_TURKIC_MARKERS = frozenset({"оглы", "оглу", "улы", "уулу", "кызы", "қызы", "гызы"})

# Patronymics from names with a stressed ending take a stressed «-ом»: «Ильичом», «Кузьмичом».
_STRESSED_ICH = frozenset({"ильич", "кузьмич", "лукич", "фомич"})

# Corrections to single forms the rules get wrong.
_FIRST_NAME_FIXES = {("илья", GrammaticalCase.INSTRUMENTAL): "Ильёй"}

_SEPARATOR = re.compile(r"([\- ])")

# Men's surnames that are common nouns decline as the noun does, fleeting vowel and all
# («Соловей» — «Соловья», «Гусь» — «Гуся», «Журавель» — «Журавля»); women's stay as written.
# The stem of the oblique cases, and whether its endings are soft (-я, -ю, -е) or hard.
_NOUN_SURNAMES: dict[str, tuple[str, bool, str]] = {
    # surname: (oblique stem, soft endings, instrumental ending)
    "соловей": ("соловь", True, "ём"),
    "воробей": ("воробь", True, "ём"),
    "муравей": ("муравь", True, "ём"),
    "журавель": ("журавл", True, "ём"),
    "гусь": ("гус", True, "ем"),
    "лебедь": ("лебед", True, "ем"),
    "голубь": ("голуб", True, "ем"),
    "ремень": ("ремн", True, "ём"),
    "пень": ("пн", True, "ём"),
    "кисель": ("кисел", True, "ём"),
    "козел": ("козл", False, "ом"),
    "козёл": ("козл", False, "ом"),
    "орел": ("орл", False, "ом"),
    "орёл": ("орл", False, "ом"),
    "осел": ("осл", False, "ом"),
    "осёл": ("осл", False, "ом"),
    "лев": ("льв", False, "ом"),
    "заяц": ("зайц", False, "ем"),
    "палец": ("пальц", False, "ем"),
    "ветер": ("ветр", False, "ом"),
}
_NOUN_ENDINGS = {
    True: {
        GrammaticalCase.GENITIVE: "я",
        GrammaticalCase.DATIVE: "ю",
        GrammaticalCase.ACCUSATIVE: "я",
        GrammaticalCase.PREPOSITIONAL: "е",
    },
    False: {
        GrammaticalCase.GENITIVE: "а",
        GrammaticalCase.DATIVE: "у",
        GrammaticalCase.ACCUSATIVE: "а",
        GrammaticalCase.PREPOSITIONAL: "е",
    },
}


@dataclass(frozen=True)
class _Rule:
    gender: str
    tests: tuple[str, ...]
    mods: tuple[str, ...]
    tags: frozenset[str]


@dataclass(frozen=True)
class _RuleSet:
    exceptions: tuple[_Rule, ...]
    suffixes: tuple[_Rule, ...]


@lru_cache(maxsize=1)
def _rules() -> dict[str, _RuleSet]:
    """The rules of petrovich, loaded once on first use."""
    text = resources.files("petrovich").joinpath("rules", "rules.json").read_text("utf-8")
    data = json.loads(text)
    return {
        kind: _RuleSet(
            exceptions=tuple(_rule(r) for r in data[kind].get("exceptions", [])),
            suffixes=tuple(_rule(r) for r in data[kind].get("suffixes", [])),
        )
        for kind in ("lastname", "firstname", "middlename")
    }


def _rule(raw: dict[str, object]) -> _Rule:
    tests = raw["test"]
    mods = raw["mods"]
    tags = raw.get("tags") or []
    assert isinstance(tests, list) and isinstance(mods, list) and isinstance(tags, list)
    return _Rule(
        gender=str(raw["gender"]),
        tests=tuple(str(t) for t in tests),
        mods=tuple(str(m) for m in mods),
        tags=frozenset(str(t) for t in tags),
    )


def decline(name: PersonName, case: GrammaticalCase, sex: Sex | None = None) -> PersonName:
    """The name in ``case``: «Иванова Мария Сергеевна» → «Ивановой Марии Сергеевны».

    The sex comes from the patronymic when it tells one, otherwise from ``sex``; without
    either a ``ValueError`` is raised (the nominative is returned as is and needs neither).
    Hyphenated parts decline one by one; indeclinable surnames (Ли, Дюма, Черных, a woman's
    Шевчук) and the «оглы»/«кызы» of Turkic patronymics stay as written.
    """
    if case is GrammaticalCase.NOMINATIVE:
        return name
    resolved = sex_from_patronymic(name.patronymic) or sex
    if resolved is None:
        raise ValueError(
            f"Не удалось определить пол для склонения «{name.full}»: нет отчества, пол не указан"
        )
    return PersonName(
        last=_inflect("lastname", name.last, resolved, case),
        first=_inflect("firstname", name.first, resolved, case),
        patronymic=(
            _patronymic(name.patronymic, resolved, case) if name.patronymic else name.patronymic
        ),
    )


def full(name: PersonName, case: GrammaticalCase, sex: Sex | None = None) -> str:
    """The full name in ``case``, surname first: «Иванову Марию Сергеевну»."""
    return decline(name, case, sex).full


def _patronymic(text: str, sex: Sex, case: GrammaticalCase) -> str:
    pieces = _SEPARATOR.split(text)
    if len(pieces) > 1 and fold(pieces[-1]) in _TURKIC_MARKERS:
        # «Рашид оглы» means "son of Rashid": the father's name declines as a man's given name.
        head = "".join(pieces[:-2])
        return _inflect("firstname", head, Sex.MALE, case) + pieces[-2] + pieces[-1]
    return _inflect("middlename", text, sex, case)


@lru_cache(maxsize=8192)
def _inflect(kind: str, text: str, sex: Sex, case: GrammaticalCase) -> str:
    """Decline a name part word by word, keeping hyphens and spaces."""
    pieces = _SEPARATOR.split(text)
    words = len(pieces[::2])
    return "".join(
        piece if i % 2 else _inflect_word(kind, piece, sex, case, first=(i == 0 and words > 1))
        for i, piece in enumerate(pieces)
    )


def _inflect_word(kind: str, word: str, sex: Sex, case: GrammaticalCase, *, first: bool) -> str:
    if not word:
        return word
    lower = word.lower()
    if kind == "firstname" and (lower, case) in _FIRST_NAME_FIXES:
        return _match_case(_FIRST_NAME_FIXES[(lower, case)], word)
    if kind == "firstname" and lower.endswith("ий") and case is GrammaticalCase.PREPOSITIONAL:
        # The rules reach the general «-й» rule first and give «о Юрие» for «о Юрии».
        return word[:-1] + _match_case("и", word)
    if kind == "middlename" and lower in _STRESSED_ICH and case is GrammaticalCase.INSTRUMENTAL:
        return word + _match_case("ом", word)
    if kind == "lastname" and lower in _NOUN_SURNAMES:
        if sex is Sex.FEMALE:
            return word
        stem, soft, instrumental = _NOUN_SURNAMES[lower]
        ending = instrumental if case is GrammaticalCase.INSTRUMENTAL else _NOUN_ENDINGS[soft][case]
        return _recase(stem + ending, word)
    rule = _find_rule(_rules()[kind], lower, _GENDER[sex], first=first)
    if rule is None:
        return word
    mod = rule.mods[_MOD_INDEX[case]]
    if mod == ".":
        return word
    stem = word[: len(word) - mod.count("-")]
    ending = mod.replace("-", "")
    sibilant = stem[-1:].lower()
    if ending.startswith("ы") and sibilant in "гкхжшчщ":
        # The rules give «Сашы» for a man's «Саша»; Russian spelling has no «ы» after these.
        ending = "и" + ending[1:]
    if kind == "firstname" and ending == "ой" and sibilant in "жшчщц":
        # Given names are unstressed here: «Мишей», «Сашей», not «Мишой».
        ending = "ей"
    return stem + _match_case(ending, word)


def _find_rule(rules: _RuleSet, lower: str, gender: str, *, first: bool) -> _Rule | None:
    # The first applicable rule wins: exceptions match the whole word, suffixes its ending.
    for rule in rules.exceptions:
        if _applies(rule, gender, first) and lower in rule.tests:
            return rule
    for rule in rules.suffixes:
        if _applies(rule, gender, first) and lower.endswith(rule.tests):
            return rule
    return None


def _applies(rule: _Rule, gender: str, first: bool) -> bool:
    if rule.gender not in (gender, _BOTH):
        return False
    return "first_word" not in rule.tags or first


def _recase(text: str, word: str) -> str:
    """``text`` (lower case) written as ``word`` is: «Соловья», «СОЛОВЬЯ»."""
    if len(word) > 1 and word.isupper():
        return text.upper()
    return text[:1].upper() + text[1:] if word[:1].isupper() else text


def _match_case(ending: str, word: str) -> str:
    # A name typed in capitals («ИВАНОВ») gets its ending in capitals too.
    return ending.upper() if len(word) > 1 and word.isupper() else ending
