"""A kindergarten whose families have e-mails: two children enrolled by one order (one
guardian consented to e-mail, the other did not), signed; November's sheet of «Ромашка»."""

from __future__ import annotations

from datetime import date

import pytest
from support import SiteHarness

from sgo_model.domain.roles import FormKind
from sgo_model.intake.receipts import Verdict

NOVEMBER = date(2026, 11, 1)
ENROLMENTS = [
    {
        "Вид": "зачисление",
        "Фамилия": "Белова",
        "Имя": "Вера",
        "Отчество": "Олеговна",
        "Дата рождения": date(2022, 2, 2),
        "Дата": date(2026, 11, 16),
        "В группу": "Ромашка",
        "Основание": "заявление родителя от 10.11.2026 № 41",
        "Родитель (законный представитель)": "Белова Ольга Ивановна; Белов Олег Петрович",
        "Телефон": "+7 900 123-45-67",
        "E-mail родителя": "belova@example.ru; belov@example.ru",
        "Согласие на уведомления по e-mail": "да; нет",
    },
    {
        "Вид": "зачисление",
        "Фамилия": "Орлов",
        "Имя": "Глеб",
        "Отчество": "Андреевич",
        "Дата рождения": date(2022, 4, 8),
        "Дата": date(2026, 11, 16),
        "В группу": "Ромашка",
        "Основание": "заявление родителя от 11.11.2026 № 42",
        "Родитель (законный представитель)": "Орлова Анна Викторовна",
        "E-mail родителя": "orlova@example.ru",
        "Согласие на уведомления по e-mail": "нет",
    },
]


@pytest.fixture
def families(sqlite_harness: SiteHarness) -> SiteHarness:
    """The kindergarten with the two enrolments signed (order 1-д) and documents published."""
    harness = sqlite_harness
    harness.drop_setup()
    harness.drop("clerk", FormKind.MOVEMENT, ENROLMENTS, "Зачисление.xlsx", age=20)
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    harness.publish()
    assert harness.sign_order("1-д").verdict is Verdict.ACCEPTED
    harness.publish()
    return harness
