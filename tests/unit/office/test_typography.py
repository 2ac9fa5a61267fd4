"""Russian typesetting of document text."""

from __future__ import annotations

import pytest

from sgo_model.office.typography import nest_quotes, typeset

S = "\u00a0"
H = "\u2011"  # a non-breaking hyphen


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("МБДОУ «Детский сад № 5 «Берёзка»»", f"МБДОУ «Детский сад №{S}5 „Берёзка“»"),
        ('МБДОУ "Детский сад № 12"', f"МБДОУ «Детский сад №{S}12»"),
        ("приказ № 12-д от 01.09.2026", f"приказ №{S}12-д от{S}01.09.2026"),
        ("12.03.2022 г.р., в 2026 г.", f"12.03.2022{S}г.р., в{S}2026{S}г."),
        ("Заведующий О. П. Смирнова", f"Заведующий О.{S}П.{S}Смирнова"),
        ("Смирнова О. П. подписала", f"Смирнова{S}О.{S}П. подписала"),
        ("зачислить с 12.10.2026 в группу", f"зачислить с{S}12.10.2026 в{S}группу"),
        ("тел. +7 900 111-22-33", f"тел.{S}+7{S}900{S}111{H}22{H}33"),
        ("г. Энск, ул. Садовая, д. 1, кв. 14", f"г.{S}Энск, ул.{S}Садовая, д.{S}1, кв.{S}14"),
        ("одно - другое", f"одно{S}— другое"),
        ("для детей 4–5 лет, 2,5 м² на ребёнка", f"для детей 4–5{S}лет, 2,5{S}м² на{S}ребёнка"),
        ("5 летних дней", "5 летних дней"),
        ("Иванова Мария Сергеевна", "Иванова Мария Сергеевна"),
    ],
)
def test_typeset(text: str, expected: str) -> None:
    assert typeset(text) == expected


def test_typesetting_twice_changes_nothing_more() -> None:
    text = "МБДОУ «Детский сад № 5 «Берёзка»», г. Энск, с 12.10.2026, О. П. Смирнова"
    assert typeset(typeset(text)) == typeset(text)


def test_quotes_nest_at_any_depth_and_a_stray_closing_one_stays() -> None:
    assert nest_quotes("«а «б «в»»»") == "«а „б „в““»"
    assert nest_quotes("а» б") == "а» б"
