"""Russian wording of orders (приказы) about the movement of pupils: titles, preambles, items.

Pure functions over plain values. An item is one sentence that the template numbers after
«ПРИКАЗЫВАЮ:»; pupils are named in the accusative («Зачислить Иванову Марию Сергеевну»),
dates are written in figures and a birth date is followed by «г.р.».

Group phrases are built by :func:`group_phrase` *without* a preposition: the item builders
put «в» before an accusative phrase and «из» before a genitive one, so that the same phrase
can also be used elsewhere («зачислен в …», «выбыл из …»).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Literal

from sgo_model.domain.age import AgeCategory, Orientation
from sgo_model.domain.movement_reasons import OrderKind, WithdrawalReason
from sgo_model.domain.people import PersonName, Sex, sex_from_patronymic
from sgo_model.domain.text import fold, squeeze
from sgo_model.office.declension import GrammaticalCase, full
from sgo_model.office.russian import short_date

GroupCase = Literal["accusative", "genitive"]

_QUOTES = "«»\"'„“”‘’"

# The group with its age category, as a noun phrase: (accusative, genitive).
_CATEGORY_GROUP: dict[AgeCategory, tuple[str, str]] = {
    AgeCategory.EARLY: ("группу раннего возраста", "группы раннего возраста"),
    AgeCategory.JUNIOR1: ("первую младшую группу", "первой младшей группы"),
    AgeCategory.JUNIOR2: ("вторую младшую группу", "второй младшей группы"),
    AgeCategory.MIDDLE: ("среднюю группу", "средней группы"),
    AgeCategory.SENIOR: ("старшую группу", "старшей группы"),
    AgeCategory.PREP: ("подготовительную к школе группу", "подготовительной к школе группы"),
    AgeCategory.MIXED: ("разновозрастную группу", "разновозрастной группы"),
}

_TITLES: dict[OrderKind, tuple[str, str]] = {
    OrderKind.ENROL: ("О зачислении воспитанника", "О зачислении воспитанников"),
    OrderKind.TRANSFER: ("О переводе воспитанника", "О переводе воспитанников"),
    OrderKind.WITHDRAW: ("Об отчислении воспитанника", "Об отчислении воспитанников"),
    OrderKind.GRADUATE: ("О выпуске воспитанника", "О выпуске воспитанников"),
    OrderKind.PROMOTE: (
        "О переводе воспитанников в следующие возрастные группы",
        "О переводе воспитанников в следующие возрастные группы",
    ),
}

_APPLICATIONS = (
    "На основании заявления родителя (законного представителя),",
    "На основании заявлений родителей (законных представителей),",
)
# Orders that need no application: the grounds are the end of the programme or of the year.
_DEFAULT_PREAMBLES = {
    OrderKind.GRADUATE: (
        "В связи с завершением освоения образовательной программы дошкольного образования,"
    ),
    OrderKind.PROMOTE: (
        "В связи с окончанием учебного года и в соответствии с возрастом воспитанников,"
    ),
}

# People write the grounds in forms as a heading («Заявление …»); after «На основании» the
# document's name must be in the genitive.
# The document word: nominative → (genitive singular, genitive plural).
_GROUNDS = {
    "заявление": ("заявления", "заявлений"),
    "направление": ("направления", "направлений"),
    "путевка": ("путевки", "путевок"),
    "путёвка": ("путёвки", "путёвок"),
    "решение": ("решения", "решений"),
    "договор": ("договора", "договоров"),
    "справка": ("справки", "справок"),
    "заключение": ("заключения", "заключений"),
    "приказ": ("приказа", "приказов"),
    "постановление": ("постановления", "постановлений"),
    "распоряжение": ("распоряжения", "распоряжений"),
    "протокол": ("протокола", "протоколов"),
    "уведомление": ("уведомления", "уведомлений"),
    "ходатайство": ("ходатайства", "ходатайств"),
    "письмо": ("письма", "писем"),
    "акт": ("акта", "актов"),
}
_BY_GENITIVE = {genitive: word for word, (genitive, _) in _GROUNDS.items()}
# Who applied, made plural with the document: «родителя (законного представителя)».
_PLURAL_APPLICANT = {
    "родителя": "родителей",
    "(законного": "(законных",
    "законного": "законных",
    "представителя)": "представителей)",
    "представителя": "представителей",
}
# Where a ground typed in one cell names the next document: «…, направление …».
_DOCUMENT_WORDS = "|".join(sorted({*_GROUNDS, *_BY_GENITIVE}))
_NEXT_DOCUMENT = re.compile(rf"\s*[,;]\s+(?:и\s+)?(?=(?:{_DOCUMENT_WORDS})(?:\s|$))", re.IGNORECASE)
# The details of one document of a kind: its date and number.
_DETAILS = re.compile(r"(?:^|\s)(?=(?:от\s|№))")
_LEADING_BASIS = re.compile(r"^на\s+основании\s+", re.IGNORECASE)
_STRAIGHT_QUOTED = re.compile(r"\"([^\"]*)\"")


def group_phrase(
    name: str,
    category: AgeCategory,
    orientation: Orientation,
    case: GroupCase,
    *,
    with_category: bool = False,
) -> str:
    """A group named for an order item, without the preposition.

    «группу «Ромашка» общеразвивающей направленности для детей 4–5 лет» (accusative, after
    «в») or «группы «Ромашка» …» (genitive, after «из»); «… по присмотру и уходу …» for a
    care group; «… для детей разного возраста» for a mixed-age group. ``with_category`` puts
    the age category first: «подготовительной к школе группы «Звёздочка» …» (the mixed-age
    span is then left out as it would repeat «разновозрастной»). Quotes typed around the
    name are replaced by «».
    """
    index = _case_index(case)
    noun = _CATEGORY_GROUP[category][index] if with_category else ("группу", "группы")[index]
    phrase = f"{noun} «{_group_name(name)}» {orientation.phrase}"
    if with_category and category is AgeCategory.MIXED:
        return phrase
    return f"{phrase} для детей {category.ages}"


def enrol_item(
    name: PersonName,
    sex: Sex | None,
    birth_date: date,
    group_phrase_acc: str,
    effective: date,
) -> str:
    """«Зачислить Иванову Марию Сергеевну, 12.03.2022 г.р., в группу «Ромашка» … с 01.09.2026.»"""
    return (
        f"Зачислить {_pupil(name, sex, birth_date)}, в {group_phrase_acc} "
        f"с {short_date(effective)}."
    )


def transfer_item(
    name: PersonName,
    sex: Sex | None,
    birth_date: date,
    from_phrase_gen: str,
    to_phrase_acc: str,
    effective: date,
) -> str:
    """«Перевести Кузьмина Илью Кузьмича, 05.07.2021 г.р., из группы … в группу … с 01.10.2026.»"""
    return (
        f"Перевести {_pupil(name, sex, birth_date)}, из {from_phrase_gen} в {to_phrase_acc} "
        f"с {short_date(effective)}."
    )


def withdraw_item(
    name: PersonName,
    sex: Sex | None,
    birth_date: date,
    group_phrase_gen: str,
    effective: date,
    reason: WithdrawalReason,
    destination: str | None = None,
    institution: str = "",
) -> str:
    """«Отчислить Никитину Любовь Никитичну, 30.01.2022 г.р., воспитанницу группы …, из
    МБДОУ «Детский сад № 5» 15.10.2026 по …»: a child is withdrawn from the ``institution``
    (its short name), not from a group.

    ``destination`` (the receiving organisation) is named, in parentheses, only for a
    transfer to another organisation, where the order must name it; for other reasons it
    belongs to the movement book, not to the order, and is left out.
    """
    tail = reason.wording
    where = _destination(destination)
    if reason is WithdrawalReason.TRANSFER_TO_ANOTHER and where:
        tail = f"{tail} ({where})"
    pupil = (
        "воспитанницу"
        if (sex_from_patronymic(name.patronymic) or sex) is Sex.FEMALE
        else ("воспитанника")
    )
    source = f" из {squeeze(institution)}" if institution.strip() else ""
    return (
        f"Отчислить {_pupil(name, sex, birth_date)}, {pupil} {group_phrase_gen},{source} "
        f"{short_date(effective)} {tail}."
    )


def institution_short_name(name: str, short_name: str | None = None) -> str:
    """The institution as an order names it in running text: its short name, else its name
    with the words before the quotes abbreviated: «Муниципальное бюджетное дошкольное
    образовательное учреждение «Детский сад № 5»» → «МБДОУ «Детский сад № 5»»."""
    if short_name and short_name.strip():
        return squeeze(short_name)
    text = squeeze(name)
    head, quote, rest = text.partition("«")
    words = head.split()
    if len(words) < 2 or not quote:
        return text
    return f"{''.join(w[0].upper() for w in words)} «{rest}"


def with_exception(item: str, reason: str | None) -> str:
    """An item with the reason of an exceptional placement, as one more clause rather than
    a bracket (the reason often has brackets of its own): «…; обоснование: заключение ПМПК
    от 01.08.2026 № 5.»"""
    text = squeeze(reason or "").strip(" .;")
    while _wrapped(text):
        text = text[1:-1].strip(" .;")
    return f"{item[:-1]}; обоснование: {text}." if text else item


def _wrapped(text: str) -> bool:
    """Whether the whole text is one bracket: «(…)», not «(…) и (…)»."""
    if not (text.startswith("(") and text.endswith(")")):
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return index == len(text) - 1
    return False


def graduation_item(
    name: PersonName,
    sex: Sex | None,
    birth_date: date,
    group_phrase_gen: str,
    effective: date,
    institution: str = "",
) -> str:
    """An item of «О выпуске»: «Отчислить …, из подготовительной к школе группы … 31.08.2027
    в связи с получением образования (завершением обучения).»"""
    return withdraw_item(
        name,
        sex,
        birth_date,
        group_phrase_gen,
        effective,
        WithdrawalReason.GRADUATION,
        institution=institution,
    )


def promote_item(
    group_name: str,
    category: AgeCategory,
    effective: date,
    *,
    new_name: str | None = None,
    appendix: str | None = None,
) -> str:
    """The item for one group of «О переводе воспитанников в следующие возрастные группы».

    «Перевести воспитанников средней группы «Ромашка» (4–5 лет) в старшую группу (5–6 лет)
    с 01.09.2027 в составе:» — the list of children (:func:`promote_roster`) follows; with
    ``appendix`` («приложение № 1») the item ends «… согласно списку (приложение № 1).»
    instead. ``new_name`` is given when the group is renamed on promotion. Raises
    ``ValueError`` for a preparatory or mixed-age group, which has no next category.
    """
    following = category.next
    if following is None:
        raise ValueError(
            f"Группа «{_group_name(group_name)}» ({category.label}) не переводится в следующую "
            "возрастную группу"
        )
    source = f"{_CATEGORY_GROUP[category][1]} «{_group_name(group_name)}»"
    target = _CATEGORY_GROUP[following][0]
    if new_name is not None and _group_name(new_name) != _group_name(group_name):
        target = f"{target} «{_group_name(new_name)}»"
    head = (
        f"Перевести воспитанников {source} ({category.ages_nominative}) в {target} "
        f"({following.ages_nominative}) с {short_date(effective)}"
    )
    if appendix is not None:
        return f"{head} согласно списку ({squeeze(appendix)})."
    return f"{head} в составе:"


def promote_roster(pupils: Sequence[tuple[PersonName, date]]) -> list[str]:
    """The children under a promotion item, in the nominative: «Кузьмин Илья Кузьмич,
    05.07.2021 г.р.»; numbering is left to the template."""
    return [f"{name.full}, {short_date(born)} г.р." for name, born in pupils]


def order_title(kind: OrderKind, count: int) -> str:
    """«О зачислении воспитанника» for one pupil, «О зачислении воспитанников» for several."""
    if count < 1:
        raise ValueError(f"В приказе должен быть хотя бы один воспитанник, получено {count}")
    return _TITLES[kind][0 if count == 1 else 1]


def preamble(kind: OrderKind, grounds: Sequence[str], count: int = 1) -> str:
    """The sentence before «ПРИКАЗЫВАЮ:», ending with a comma.

    The grounds typed in forms («Заявление родителя … от 20.08.2026 № 15») are put after «На
    основании» in the genitive, joined by commas, repeats dropped. Without grounds:
    «На основании заявления родителя (законного представителя),» (``count`` > 1: of the
    parents), or for graduation and promotion the end of the programme or of the year.
    """
    kinds: dict[tuple[str, str], tuple[str, list[str]]] = {}
    texts: list[str | tuple[str, str]] = []
    seen: set[str] = set()
    documents = [part for ground in grounds for part in _NEXT_DOCUMENT.split(ground)]
    for document in documents:
        text = _ground(document)
        if not text or fold(text) in seen:
            continue
        seen.add(fold(text))
        parts = _ground_parts(text)
        if parts is None:
            texts.append(text)
            continue
        word, description, details = parts
        key = (word, fold(description))
        if key not in kinds:
            kinds[key] = (description, [])
            texts.append(key)
        kinds[key][1].append(details)
    if texts:
        joined = ", ".join(
            t if isinstance(t, str) else _grounds_of_a_kind(t[0], *kinds[t]) for t in texts
        )
        return f"На основании {joined},"
    if kind in _DEFAULT_PREAMBLES:
        return _DEFAULT_PREAMBLES[kind]
    return _APPLICATIONS[0 if count == 1 else 1]


def _ground_parts(text: str) -> tuple[str, str, str] | None:
    """A ground in the genitive split into its document word (nominative), who or what
    issued it, and its date and number: («заявление», «родителя (…)», «от 20.08.2026 № 15»);
    ``None`` for a ground of no known kind or without a date or number."""
    word, _, rest = text.partition(" ")
    if word not in _BY_GENITIVE:
        return None
    found = _DETAILS.search(rest)
    if found is None:
        return None
    return _BY_GENITIVE[word], rest[: found.start()].strip(), rest[found.start() :].strip()


def _grounds_of_a_kind(word: str, description: str, details: Sequence[str]) -> str:
    """One ground in the genitive, or several of one kind and issuer made plural and joined:
    «заявлений родителей (законных представителей) от 20.08.2026 № 15 и от 21.08.2026 № 16»."""
    if len(details) == 1:
        return " ".join(p for p in (_GROUNDS[word][0], description, details[0]) if p)
    plural = " ".join(_PLURAL_APPLICANT.get(w, w) for w in description.split())
    listed = f"{', '.join(details[:-1])} и {details[-1]}"
    return " ".join(p for p in (_GROUNDS[word][1], plural, listed) if p)


def _pupil(name: PersonName, sex: Sex | None, birth_date: date) -> str:
    return f"{full(name, GrammaticalCase.ACCUSATIVE, sex)}, {short_date(birth_date)} г.р."


def _case_index(case: GroupCase) -> int:
    if case == "accusative":
        return 0
    if case == "genitive":
        return 1
    raise ValueError(f"Неизвестный падеж {case!r}: допустимо 'accusative' или 'genitive'")


def _group_name(name: str) -> str:
    value = squeeze(name).strip(_QUOTES + " ")
    if not value:
        raise ValueError(f"Пустое название группы: «{name}»")
    return value


def _destination(text: str | None) -> str:
    if text is None:
        return ""
    value = squeeze(text).strip(" .,;")
    return _STRAIGHT_QUOTED.sub(r"«\1»", value)


def _ground(text: str) -> str:
    value = _LEADING_BASIS.sub("", squeeze(text)).strip(" .,;")
    if not value:
        return ""
    first, _, rest = value.partition(" ")
    word = first.lower()
    # Only a known document word is recased: another capital may belong to a proper name.
    if word in _GROUNDS:
        return f"{_GROUNDS[word][0]} {rest}".rstrip()
    if word in _BY_GENITIVE:
        return f"{word} {rest}".rstrip()
    return value
