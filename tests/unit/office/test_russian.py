"""Russian wording of dates and counts in documents."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sgo_model.office.russian import (
    long_date,
    month_name,
    month_year,
    plural,
    plural_form,
    short_date,
)


def test_long_date_puts_the_day_in_quotes_and_the_month_in_the_genitive() -> None:
    assert long_date(date(2026, 9, 1)) == "«01» сентября 2026 г."
    assert long_date(date(2027, 5, 31)) == "«31» мая 2027 г."
    assert long_date(datetime(2026, 3, 8, 10, 30)) == "«08» марта 2026 г."


def test_short_date_is_day_month_year_with_leading_zeros() -> None:
    assert short_date(date(2026, 9, 1)) == "01.09.2026"
    assert short_date(date(2021, 12, 25)) == "25.12.2021"


@pytest.mark.parametrize(
    ("month", "nominative", "genitive"),
    [
        (1, "январь", "января"),
        (3, "март", "марта"),
        (5, "май", "мая"),
        (8, "август", "августа"),
        (12, "декабрь", "декабря"),
    ],
)
def test_month_names_in_both_cases(month: int, nominative: str, genitive: str) -> None:
    assert month_name(month) == nominative
    assert month_name(month, "nominative") == nominative
    assert month_name(month, "genitive") == genitive


def test_month_name_refuses_a_month_out_of_range() -> None:
    with pytest.raises(ValueError, match="от 1 до 12"):
        month_name(13)


def test_month_year_names_the_period_of_a_report() -> None:
    assert month_year(date(2026, 10, 15)) == "октябрь 2026 г."


def test_date_helpers_refuse_what_is_not_a_date() -> None:
    with pytest.raises(TypeError, match="Ожидалась дата"):
        long_date("2026-09-01")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0 детей"),
        (1, "1 ребёнок"),
        (2, "2 ребёнка"),
        (4, "4 ребёнка"),
        (5, "5 детей"),
        (11, "11 детей"),
        (12, "12 детей"),
        (14, "14 детей"),
        (21, "21 ребёнок"),
        (22, "22 ребёнка"),
        (25, "25 детей"),
        (101, "101 ребёнок"),
        (111, "111 детей"),
        (112, "112 детей"),
        (1004, "1004 ребёнка"),
    ],
)
def test_plural_agrees_the_noun_with_the_number(n: int, expected: str) -> None:
    assert plural(n, "ребёнок", "ребёнка", "детей") == expected


def test_plural_form_gives_the_noun_alone() -> None:
    forms = ("воспитанник", "воспитанника", "воспитанников")
    assert [plural_form(n, *forms) for n in (1, 3, 13, 23, 100)] == [
        "воспитанник",
        "воспитанника",
        "воспитанников",
        "воспитанника",
        "воспитанников",
    ]
