"""Guardians' contacts in a form row: e-mails and consent in the order of the names."""

from __future__ import annotations

import pytest

from sgo_model.domain.errors import DomainError
from sgo_model.domain.people import Guardian, check_email, parse_consent
from sgo_model.forms.contacts import contacts_problem, guardians_from


def test_an_email_keeps_its_local_part_and_lowers_its_domain() -> None:
    assert check_email(" Ivanova.M@Mail.RU ") == "Ivanova.M@mail.ru"
    assert check_email("мама@почта.рф") == "мама@почта.рф"


@pytest.mark.parametrize("typed", ["ivanova", "a@b", "a b@mail.ru", "a@@mail.ru", "a..b@mail.ru"])
def test_rejects_an_email_that_is_not_an_address(typed: str) -> None:
    with pytest.raises(DomainError, match=f"«{typed}» недопустим"):
        check_email(typed)


def test_reads_consent_as_yes_or_no_and_names_what_it_cannot_read() -> None:
    assert [parse_consent(t) for t in ("да", "Да.", "+", "нет", "-")] == [
        True,
        True,
        True,
        False,
        False,
    ]
    with pytest.raises(DomainError, match="«может быть» не распознано"):
        parse_consent("может быть")


def test_one_consent_stands_for_every_guardian_and_several_go_in_order() -> None:
    names = "Ли Вэй; Ли Ольга Андреевна"
    assert guardians_from(names, None, ("wei@example.ru",), (True,)) == (
        Guardian("Ли Вэй", None, "wei@example.ru", True),
        Guardian("Ли Ольга Андреевна", None, None, True),
    )
    people = guardians_from(names, "1; 2", ("a@example.ru", "b@example.ru"), (False, True))
    assert [(g.email, g.reachable) for g in people] == [
        ("a@example.ru", False),
        ("b@example.ru", True),
    ]


def test_names_what_is_wrong_with_the_contacts_of_a_row() -> None:
    assert contacts_problem(None, ("a@example.ru",), None) == (
        "email|Укажите родителя (законного представителя), чей это адрес"
    )
    assert "Адресов (2) больше, чем родителей (1)" in str(
        contacts_problem("Иванова Анна", ("a@example.ru", "b@example.ru"), None)
    )
    assert "Ответов о согласии 2, а родителей 3" in str(
        contacts_problem("А Б; В Г; Д Е", None, (True, False))
    )
    assert contacts_problem("А Б; В Г", ("a@example.ru",), (True,)) is None
