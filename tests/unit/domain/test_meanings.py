"""Free-text choices are read by meaning, not spelling: case, ё/е, extra words and common
abbreviations do not matter; only a value of no known meaning is refused, with the choices."""

from __future__ import annotations

import enum
from collections.abc import Callable

import pytest

from sgo_model.domain.age import AgeCategory, Orientation
from sgo_model.domain.attendance import Mark
from sgo_model.domain.errors import DomainError
from sgo_model.domain.movement import MovementKind
from sgo_model.domain.movement_reasons import WithdrawalReason
from sgo_model.domain.roles import Role


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("в связи с получением образования", WithdrawalReason.GRADUATION),
        ("Выпуск в школу", WithdrawalReason.GRADUATION),
        ("завершение обучения", WithdrawalReason.GRADUATION),
        ("по заявлению родителей", WithdrawalReason.PARENTS_INITIATIVE),
        ("ПО ИНИЦИАТИВЕ РОДИТЕЛЕЙ (ЗАКОННЫХ ПРЕДСТАВИТЕЛЕЙ)", WithdrawalReason.PARENTS_INITIATIVE),
        (
            "перевод в другую организацию, осуществляющую образовательную деятельность по "
            "образовательным программам дошкольного образования",
            WithdrawalReason.TRANSFER_TO_ANOTHER,
        ),
        (
            "по заявлению родителей о переводе в другой детский сад",
            WithdrawalReason.TRANSFER_TO_ANOTHER,
        ),
        ("в другое ДОУ", WithdrawalReason.TRANSFER_TO_ANOTHER),
        ("по обстоятельствам, не зависящим от воли родителей", WithdrawalReason.CIRCUMSTANCES),
        ("Средняя группа", AgeCategory.MIDDLE),
        ("2-я младшая", AgeCategory.JUNIOR2),
        ("первая младшая группа", AgeCategory.JUNIOR1),
        ("подготовительная группа", AgeCategory.PREP),
        ("ясли", AgeCategory.EARLY),
        ("разновозрастная группа", AgeCategory.MIXED),
        ("общеразвивающей направленности", Orientation.GENERAL),
        ("Компенсирующая (ТНР)", Orientation.COMPENSATING),
        ("группа по присмотру и уходу", Orientation.CARE),
        ("Старший воспитатель", Role.METHODIST),
        ("заместитель заведующего по ВМР", Role.METHODIST),
        ("Заведующая", Role.HEAD),
        ("Музыкальный руководитель", Role.SPECIALIST),
        ("медсестра", Role.NURSE),
        ("воспитатель", Role.TEACHER),
        ("Зачислить", MovementKind.ENROL),
        ("выбытие", MovementKind.WITHDRAW),
        ("отчисление в связи с переводом", MovementKind.WITHDRAW),
        ("перевод в другую группу", MovementKind.TRANSFER),
        ("болезнь", Mark.ILLNESS),
        ("отпуск", Mark.PARENTS_LEAVE),
        ("без причины", Mark.ABSENT),
        ("по заявлению", Mark.EXCUSED),
    ],
)
def test_a_choice_is_read_by_its_meaning(text: str, expected: enum.Enum) -> None:
    parse: Callable[[str], enum.Enum] = type(expected).parse
    assert parse(text) is expected


@pytest.mark.parametrize(
    ("parse", "text", "message"),
    [
        (
            WithdrawalReason.parse,
            "в связи с переездом",
            "Неизвестная причина отчисления «в связи с переездом». Допустимо: «выпуск в школу», "
            "«по инициативе родителей», «перевод в другую ДОО», «по обстоятельствам, не "
            "зависящим от воли сторон»",
        ),
        (Role.parse, "кот", "Неизвестная роль «кот». Допустимо: системный администратор"),
        (AgeCategory.parse, "большая", "Неизвестная возрастная категория «большая». Допустимо:"),
    ],
)
def test_a_value_of_no_known_meaning_lists_the_choices(
    parse: Callable[[str], object], text: str, message: str
) -> None:
    with pytest.raises(DomainError) as refused:
        parse(text)
    assert refused.value.message.startswith(message)
