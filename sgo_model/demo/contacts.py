"""Invented addresses and phone numbers in the fictional town of Энск."""

from __future__ import annotations

import random
import zlib

from sgo_model.demo.names import pick, translit

CITY = "г. Энск"
"""The demo's town."""

_STREETS: tuple[str, ...] = (
    "ул. Садовая",
    "ул. Школьная",
    "ул. Лесная",
    "ул. Советская",
    "ул. Молодёжная",
    "ул. Центральная",
    "ул. Новая",
    "ул. Набережная",
    "ул. Ленина",
    "ул. Гагарина",
    "ул. Пушкина",
    "ул. Комсомольская",
    "ул. Заречная",
    "ул. Полевая",
    "ул. Строителей",
    "ул. Победы",
    "ул. Октябрьская",
    "ул. Первомайская",
    "ул. Берёзовая",
    "ул. 8 Марта",
    "пр-т Мира",
    "пр-т Космонавтов",
    "пер. Почтовый",
    "пер. Тихий",
    "б-р Юности",
)


def phone(rng: random.Random) -> str:
    """A mobile number: «+7 9xx xxx-xx-xx»."""
    digits = f"{int(rng.random() * 10**9):09d}"
    return f"+7 9{digits[:2]} {digits[2:5]}-{digits[5:7]}-{digits[7:]}"


def address(rng: random.Random) -> str:
    """A home address in Энск: a flat, or now and then a private house."""
    street = pick(rng, _STREETS)
    house = str(1 + int(rng.random() * 120))
    if rng.random() < 0.08:
        house += pick(rng, "аб")
    if rng.random() < 0.18:
        return f"{CITY}, {street}, д. {house}"  # a private house
    return f"{CITY}, {street}, д. {house}, кв. {1 + int(rng.random() * 180)}"


_MAIL_DOMAINS = ("mail.ru", "yandex.ru", "gmail.com", "bk.ru", "list.ru", "inbox.ru")
EMAIL_COLUMN = "E-mail родителя"
CONSENT_COLUMN = "Согласие на уведомления по e-mail"


def email_columns(guardian: str, phone: str) -> dict[str, object]:
    """A family's e-mail and its answer about notices by e-mail, as the contact columns of a
    form: one family in four gives no address, most of the others consent. Drawn from the
    guardian's name and phone, so the rest of the demo is the same with or without them."""
    rng = random.Random(zlib.crc32(f"{guardian}|{phone}".encode()))
    parts = guardian.split()
    if len(parts) < 2 or rng.random() < 0.25:
        return {}
    local = f"{translit(parts[0])}.{translit(parts[1])[0]}{10 + int(rng.random() * 90)}"
    return {
        EMAIL_COLUMN: f"{local}@{pick(rng, _MAIL_DOMAINS)}",
        CONSENT_COLUMN: "да" if rng.random() < 0.85 else "нет",
    }
