"""Guardians' contacts in a form row: names, phones, e-mails and consent to notices.

Several guardians are typed in one cell each, «;»-separated, in the same order in every
contact column. The e-mail is optional; without the guardian's consent (152-ФЗ) nothing is
sent to it and notices are printed instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from sgo_model.domain.people import Guardian, check_email, parse_consent
from sgo_model.forms.fields import optional_cell, split_list, to_text
from sgo_model.forms.spec import Column

T = TypeVar("T")


def _list_of(parse: Callable[[str], T]) -> Callable[[Any], tuple[T, ...]]:
    """A cell holding a «;»-separated list, each item read by ``parse``."""

    def parse_cell(value: Any) -> tuple[T, ...]:
        return tuple(parse(item) for item in split_list(to_text(value)))

    return parse_cell


OptionalEmails = Annotated[tuple[str, ...] | None, optional_cell(_list_of(check_email))]
"""The guardians' e-mail addresses, in the order of their names."""
OptionalConsents = Annotated[tuple[bool, ...] | None, optional_cell(_list_of(parse_consent))]
"""Each guardian's consent to notices by e-mail («да»/«нет»); one answer stands for all."""

EMAIL_COLUMN = Column(
    "E-mail родителя",
    "email",
    required=False,
    width=28,
    hint="для уведомлений; несколько — через «;»",
)
CONSENT_COLUMN = Column(
    "Согласие на уведомления по e-mail",
    "consent",
    required=False,
    width=18,
    choices="yes_no",
    hint="да или нет (152-ФЗ)",
)
CONTACT_COLUMNS = (EMAIL_COLUMN, CONSENT_COLUMN)
"""The optional columns of a guardian's e-mail and consent, after the phone."""


def _names(text: str | None) -> tuple[str, ...]:
    return split_list(text.replace(",", ";") if text else None)


def contacts_problem(
    names: str | None, emails: tuple[str, ...] | None, consents: tuple[bool, ...] | None
) -> str | None:
    """What is wrong with a row's guardian contacts (``field|message``), if anything."""
    people = len(_names(names))
    if emails and not people:
        return "email|Укажите родителя (законного представителя), чей это адрес"
    if emails and len(emails) > people:
        return (
            f"email|Адресов ({len(emails)}) больше, чем родителей ({people}): "
            "по одному на каждого, в том же порядке"
        )
    if consents and len(consents) > 1 and len(consents) != people:
        return (
            f"consent|Ответов о согласии {len(consents)}, а родителей {people}: укажите одно "
            "«да» или «нет» на всех или по одному на каждого"
        )
    return None


def guardians_from(
    names: str | None,
    phones: str | None,
    emails: tuple[str, ...] | None = None,
    consents: tuple[bool, ...] | None = None,
) -> tuple[Guardian, ...]:
    """Guardians typed as «;»- or «,»-separated names, with their phones, e-mails and
    consents in the same order (one consent stands for all)."""
    numbers = _names(phones)
    emails = emails or ()
    consents = consents or ()

    def nth(values: tuple[T, ...], index: int) -> T | None:
        return values[index] if index < len(values) else None

    return tuple(
        Guardian(
            full,
            nth(numbers, i),
            nth(emails, i),
            bool(consents[0] if len(consents) == 1 else nth(consents, i)),
        )
        for i, full in enumerate(_names(names))
    )
