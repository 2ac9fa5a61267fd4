"""People: pupils (воспитанники), guardians, employees (сотрудники) and user accounts."""

from __future__ import annotations

import enum
import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

from sgo_model.domain.conditions import Condition
from sgo_model.domain.errors import DomainError
from sgo_model.domain.roles import Role
from sgo_model.domain.text import fold, squeeze


class Sex(enum.Enum):
    """Пол."""

    MALE = "male"
    FEMALE = "female"

    @property
    def label(self) -> str:
        """``м`` or ``ж``, as written in forms."""
        return "м" if self is Sex.MALE else "ж"

    @classmethod
    def parse(cls, text: str) -> Sex:
        """Read ``м``/``ж`` (or the full words, or M/F)."""
        key = fold(text).rstrip(".")
        if key in ("м", "муж", "мужской", "m", "male"):
            return cls.MALE
        if key in ("ж", "жен", "женский", "f", "female"):
            return cls.FEMALE
        raise DomainError(f"Пол «{text}» не распознан; укажите «м» или «ж»")


K = TypeVar("K", bound=Hashable)

_LATIN_LOOKALIKES = set("AaBCcEeHKkMOoPpTXxyY")
_NAME = re.compile(r"^[А-ЯЁа-яё]+(?:[\- ][А-ЯЁа-яё]+)*$")


def check_name_part(text: str, what: str) -> str:
    """Validate one part of a Russian name; return it squeezed, ``ё`` kept as written."""
    value = squeeze(text)
    if _NAME.match(value):
        return value
    cyrillic = any("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in value)
    latin = [ch for ch in value if ch.isascii() and ch.isalpha()]
    if cyrillic and latin:
        look = [ch for ch in latin if ch in _LATIN_LOOKALIKES]
        letters = look or latin
        shown = ", ".join(f"«{ch}»" for ch in letters)
        noun = "латинскую букву" if len(letters) == 1 else "латинские буквы"
        raise DomainError(f"{what} «{value}» содержит {noun} {shown} среди русских")
    raise DomainError(f"{what} «{value}» содержит недопустимые символы")


def sex_from_patronymic(patronymic: str | None) -> Sex | None:
    """The sex a Russian (or Turkic) patronymic implies, if any."""
    if not patronymic:
        return None
    key = fold(patronymic)
    if key.endswith(("вич", "ич", "оглы", "улы", "уулу")):
        return Sex.MALE
    if key.endswith(("вна", "чна", "шна", "кызы", "қызы", "гызы")):
        return Sex.FEMALE
    return None


@dataclass(frozen=True, slots=True)
class PersonName:
    """ФИО: surname, given name and (optional) patronymic."""

    last: str
    first: str
    patronymic: str | None = None

    @property
    def full(self) -> str:
        """«Иванова Мария Сергеевна»."""
        return " ".join(p for p in (self.last, self.first, self.patronymic) if p)

    @property
    def initials(self) -> str:
        """«М. С.»."""
        return " ".join(f"{p[0]}." for p in (self.first, self.patronymic) if p)

    @property
    def short(self) -> str:
        """«Иванова М. С.»."""
        return f"{self.last} {self.initials}"

    @property
    def signature(self) -> str:
        """As signed under a document, initials first: «М. С. Иванова»."""
        return f"{self.initials} {self.last}"

    @property
    def key(self) -> str:
        """A loose key for matching people by name."""
        return fold(self.full)


def distinct_names(people: Mapping[K, tuple[PersonName, date]]) -> dict[K, str]:
    """Each person as a list of children names them, «Фамилия Имя»; where two share that, the
    patronymic's initial follows, and where that is still shared, the birth date."""

    def shown(name: PersonName, born: date, level: int) -> str:
        text = f"{name.last} {name.first}"
        if level >= 1 and name.patronymic:
            text += f"\u00a0{name.patronymic[0]}."
        if level >= 2:
            text += f", {born:%d.%m.%Y}"
        return text

    result: dict[K, str] = {}
    for key, (name, born) in people.items():
        for level in range(3):
            text = shown(name, born, level)
            peers = sum(1 for other, b in people.values() if shown(other, b, level) == text)
            if peers == 1 or level == 2:
                result[key] = text
                break
    return result


@dataclass(frozen=True, slots=True)
class Guardian:
    """Родитель (законный представитель)."""

    full_name: str
    phone: str | None = None
    email: str | None = None
    notice_consent: bool = False
    """Whether the guardian consented to receive notices by e-mail (152-ФЗ): without it,
    nothing is sent, and the notice is printed on paper."""

    @property
    def reachable(self) -> bool:
        """Whether notices may go to this guardian by e-mail."""
        return bool(self.email) and self.notice_consent


_EMAIL = re.compile(
    r"^[^@\s;,<>()\[\]\\\"]{1,64}@(?:[A-Za-z0-9А-Яа-яЁё-]{1,63}\.)+[A-Za-zА-Яа-яЁё]{2,24}$"
)


def check_email(text: str) -> str:
    """An e-mail address as a guardian typed it; the domain in lower case."""
    value = text.strip().strip("<>")
    if not _EMAIL.match(value) or ".." in value or value.startswith("."):
        raise DomainError(
            f"Адрес электронной почты «{text.strip()}» недопустим: нужен вид ivanova@mail.ru"
        )
    local, _, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


def parse_consent(text: str) -> bool:
    """«да»/«нет» (also +/−, согласен/не согласен) of a consent column."""
    key = fold(text).rstrip(".")
    if key in ("да", "+", "согласен", "согласна", "есть", "yes", "1"):
        return True
    if key in ("нет", "-", "−", "не согласен", "не согласна", "отозвано", "no", "0"):
        return False
    raise DomainError(f"Согласие «{text}» не распознано; укажите «да» или «нет»")


@dataclass(frozen=True, slots=True)
class Pupil:
    """Воспитанник."""

    name: PersonName
    sex: Sex
    birth_date: date
    address: str | None = None
    guardians: tuple[Guardian, ...] = ()
    account: str | None = None
    """The personal account (лицевой счёт) in the accounting system."""
    condition: Condition | None = None
    """The child's condition (нарушение, ОВЗ) by the ПМПК's conclusion."""


_ACCOUNT = re.compile(r"^[0-9A-Za-zА-Яа-яЁё./-]{1,32}$")


def check_account(text: str) -> str:
    """A personal account number: up to 32 digits, letters, «.», «/» or «-», no spaces."""
    value = text.strip()
    if not _ACCOUNT.match(value):
        raise DomainError(f"Лицевой счёт «{value}» недопустим: до 32 цифр или букв, без пробелов")
    return value


def resolve_sex(name: PersonName, stated: Sex | None) -> Sex:
    """The pupil's sex: as stated, checked against the patronymic; or taken from it."""
    implied = sex_from_patronymic(name.patronymic)
    if stated is None:
        if implied is None:
            raise DomainError("Пол не указан и не определяется по отчеству", field="sex")
        return implied
    if implied is not None and implied is not stated:
        raise DomainError(
            f"Пол «{stated.label}» не согласуется с отчеством «{name.patronymic}»", field="sex"
        )
    return stated


@dataclass(frozen=True)
class Employee:
    """Сотрудник, identified by the personnel number (табельный номер)."""

    personnel_number: str
    name: PersonName
    post: str
    hired_on: date | None = None
    rate: Decimal | None = None


_LOGIN = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")


def check_login(login: str) -> str:
    """A login is also a folder name in the inbox: lower-case Latin, digits, ``._-``."""
    value = login.strip()
    if not _LOGIN.match(value):
        raise DomainError(
            f"Логин «{login}» недопустим: нужны строчные латинские буквы, цифры, «.», «_» "
            "или «-», от 2 до 32 знаков, первая — буква",
            field="login",
        )
    return value


@dataclass(frozen=True)
class UserAccount:
    """Учётная запись: a login (a folder in the inbox) with a role."""

    login: str
    role: Role
    employee_number: str | None = None
    active: bool = True
