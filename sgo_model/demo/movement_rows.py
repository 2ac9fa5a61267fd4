"""Rows of the clerk's movement form as the demo fills them: an enrolment of a child of the
pupils form, and a child's withdrawal."""

from __future__ import annotations

from datetime import date, timedelta

from sgo_model.demo.contacts import CONSENT_COLUMN, EMAIL_COLUMN
from sgo_model.domain.movement import MovementKind
from sgo_model.domain.movement_reasons import WithdrawalReason


def person(child: dict[str, object], kind: MovementKind, day: date) -> dict[str, object]:
    """The columns naming the child, the kind and the date of a row."""
    return {
        "Вид": kind.label,
        "Фамилия": child["Фамилия"],
        "Имя": child["Имя"],
        "Отчество": child["Отчество"],
        "Дата рождения": child["Дата рождения"],
        "Дата": day,
    }


def enrolment(
    child: dict[str, object],
    day: date,
    number: int,
    *,
    applied: int,
    arrived_from: str = "из семьи",
    exception: str | None = None,
) -> dict[str, object]:
    """A row enrolling ``child`` (a row of the pupils form) on ``day`` into its group, on the
    parent's application of ``applied`` days before, numbered ``number``, and the authority's
    direction."""
    return person(child, MovementKind.ENROL, day) | {
        "Пол": child["Пол"],
        "В группу": child["Группа"],
        "Основание": (
            f"заявление родителя от {day - timedelta(days=applied):%d.%m.%Y} № {number}, "
            f"направление Управления образования № {number * 37}"
        ),
        "Откуда прибыл": arrived_from,
        "Обоснование": exception,
        "Адрес": child["Адрес"],
        "Родитель (законный представитель)": child["Родитель (законный представитель)"],
        "Телефон": child["Телефон"],
        EMAIL_COLUMN: child.get(EMAIL_COLUMN),
        CONSENT_COLUMN: child.get(CONSENT_COLUMN),
        "ОВЗ": child.get("ОВЗ"),
    }


def withdrawal(
    child: dict[str, object], day: date, reason: WithdrawalReason, where: str | None
) -> dict[str, object]:
    """A row withdrawing ``child`` from its group on ``day``, on the parent's application."""
    return person(child, MovementKind.WITHDRAW, day) | {
        "Из группы": child["Группа"],
        "Причина выбытия": reason.label,
        "Куда выбыл": where,
        "Основание": f"заявление родителя от {day - timedelta(days=3):%d.%m.%Y}",
    }
