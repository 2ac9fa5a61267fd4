"""Wording of orders about the movement of pupils: group phrases, items, titles, preambles."""

from __future__ import annotations

from datetime import date

import pytest

from sgo_model.domain.age import AgeCategory, Orientation
from sgo_model.domain.errors import DomainError
from sgo_model.domain.movement_reasons import OrderKind, WithdrawalReason
from sgo_model.domain.people import PersonName, Sex
from sgo_model.movement.documents.wording import (
    enrol_item,
    graduation_item,
    group_phrase,
    institution_short_name,
    order_title,
    preamble,
    promote_item,
    promote_roster,
    transfer_item,
    with_exception,
    withdraw_item,
)

GIRL = PersonName("Иванова", "Мария", "Сергеевна")
BOY = PersonName("Кузьмин", "Илья", "Кузьмич")
LYUBOV = PersonName("Никитина", "Любовь", "Никитична")
NO_PATRONYMIC_BOY = PersonName("Ли", "Саша")

ROMASHKA_ACC = group_phrase("Ромашка", AgeCategory.MIDDLE, Orientation.GENERAL, "accusative")
ROMASHKA_GEN = group_phrase("Ромашка", AgeCategory.MIDDLE, Orientation.GENERAL, "genitive")
ROMASHKA = "«Ромашка» общеразвивающей направленности для детей 4–5 лет"


@pytest.mark.parametrize(
    ("name", "category", "orientation", "accusative", "genitive"),
    [
        (
            "Ромашка",
            AgeCategory.MIDDLE,
            Orientation.GENERAL,
            "группу «Ромашка» общеразвивающей направленности для детей 4–5 лет",
            "группы «Ромашка» общеразвивающей направленности для детей 4–5 лет",
        ),
        (
            "Солнышко",
            AgeCategory.SENIOR,
            Orientation.COMPENSATING,
            "группу «Солнышко» компенсирующей направленности для детей 5–6 лет",
            "группы «Солнышко» компенсирующей направленности для детей 5–6 лет",
        ),
        (
            "Радуга",
            AgeCategory.MIXED,
            Orientation.GENERAL,
            "группу «Радуга» общеразвивающей направленности для детей разного возраста",
            "группы «Радуга» общеразвивающей направленности для детей разного возраста",
        ),
        (
            "Капелька",
            AgeCategory.JUNIOR2,
            Orientation.CARE,
            "группу «Капелька» по присмотру и уходу для детей 3–4 лет",
            "группы «Капелька» по присмотру и уходу для детей 3–4 лет",
        ),
    ],
)
def test_group_phrases_for_general_compensating_mixed_and_care_groups(
    name: str,
    category: AgeCategory,
    orientation: Orientation,
    accusative: str,
    genitive: str,
) -> None:
    assert group_phrase(name, category, orientation, "accusative") == accusative
    assert group_phrase(name, category, orientation, "genitive") == genitive


@pytest.mark.parametrize("typed", ["Ромашка", "«Ромашка»", '"Ромашка"', "  „Ромашка“ "])
def test_quotes_typed_around_the_group_name_are_replaced(typed: str) -> None:
    assert group_phrase(typed, AgeCategory.MIDDLE, Orientation.GENERAL, "accusative") == (
        ROMASHKA_ACC
    )


def test_group_phrase_with_the_age_category() -> None:
    assert group_phrase(
        "Звёздочка", AgeCategory.PREP, Orientation.GENERAL, "genitive", with_category=True
    ) == (
        "подготовительной к школе группы «Звёздочка» общеразвивающей направленности "
        "для детей 6–7 лет"
    )
    assert (
        group_phrase(
            "Капелька", AgeCategory.EARLY, Orientation.CARE, "accusative", with_category=True
        )
        == "группу раннего возраста «Капелька» по присмотру и уходу для детей 1,5–2 лет"
    )
    assert (
        group_phrase(
            "Радуга", AgeCategory.MIXED, Orientation.COMBINED, "genitive", with_category=True
        )
        == "разновозрастной группы «Радуга» комбинированной направленности"
    )


def test_an_empty_group_name_is_refused() -> None:
    with pytest.raises(ValueError, match="название группы"):
        group_phrase("«»", AgeCategory.MIDDLE, Orientation.GENERAL, "genitive")


def test_enrol_item_for_a_girl_and_a_boy() -> None:
    assert enrol_item(GIRL, None, date(2022, 3, 12), ROMASHKA_ACC, date(2026, 9, 1)) == (
        f"Зачислить Иванову Марию Сергеевну, 12.03.2022 г.р., в группу {ROMASHKA} с 01.09.2026."
    )
    care = group_phrase("Капелька", AgeCategory.JUNIOR2, Orientation.CARE, "accusative")
    assert enrol_item(BOY, None, date(2021, 7, 5), care, date(2026, 9, 1)) == (
        "Зачислить Кузьмина Илью Кузьмича, 05.07.2021 г.р., в группу «Капелька» по присмотру "
        "и уходу для детей 3–4 лет с 01.09.2026."
    )


def test_enrol_item_without_a_patronymic_uses_the_stated_sex() -> None:
    assert enrol_item(
        NO_PATRONYMIC_BOY, Sex.MALE, date(2022, 1, 2), ROMASHKA_ACC, date(2026, 9, 1)
    ) == (f"Зачислить Ли Сашу, 02.01.2022 г.р., в группу {ROMASHKA} с 01.09.2026.")
    with pytest.raises(ValueError, match="пол"):
        enrol_item(NO_PATRONYMIC_BOY, None, date(2022, 1, 2), ROMASHKA_ACC, date(2026, 9, 1))


def test_transfer_item_for_a_boy_and_a_girl() -> None:
    compensating = group_phrase(
        "Солнышко", AgeCategory.MIDDLE, Orientation.COMPENSATING, "accusative"
    )
    assert transfer_item(
        BOY, None, date(2021, 7, 5), ROMASHKA_GEN, compensating, date(2026, 10, 1)
    ) == (
        f"Перевести Кузьмина Илью Кузьмича, 05.07.2021 г.р., из группы {ROMASHKA} в группу "
        "«Солнышко» компенсирующей направленности для детей 4–5 лет с 01.10.2026."
    )
    mixed = group_phrase("Радуга", AgeCategory.MIXED, Orientation.GENERAL, "accusative")
    assert transfer_item(
        LYUBOV, None, date(2022, 1, 30), ROMASHKA_GEN, mixed, date(2026, 10, 1)
    ) == (
        f"Перевести Никитину Любовь Никитичну, 30.01.2022 г.р., из группы {ROMASHKA} в группу "
        "«Радуга» общеразвивающей направленности для детей разного возраста с 01.10.2026."
    )


def test_withdraw_item_on_transfer_names_the_receiving_organisation() -> None:
    assert withdraw_item(
        LYUBOV,
        None,
        date(2022, 1, 30),
        ROMASHKA_GEN,
        date(2026, 10, 15),
        WithdrawalReason.TRANSFER_TO_ANOTHER,
        'МБДОУ "Детский сад № 12".',
        "МБДОУ «Детский сад № 5»",
    ) == (
        f"Отчислить Никитину Любовь Никитичну, 30.01.2022 г.р., воспитанницу группы {ROMASHKA}, "
        "из МБДОУ «Детский сад № 5» 15.10.2026 по инициативе родителей (законных "
        "представителей) в связи с переводом в другую "
        "организацию, осуществляющую образовательную деятельность "
        "(МБДОУ «Детский сад № 12»)."
    )


def test_withdraw_item_for_a_boy_by_the_parents_and_by_circumstances() -> None:
    assert withdraw_item(
        BOY,
        None,
        date(2021, 7, 5),
        ROMASHKA_GEN,
        date(2026, 11, 2),
        WithdrawalReason.PARENTS_INITIATIVE,
        "переезд",
        "МБДОУ «Детский сад № 5»",
    ) == (
        f"Отчислить Кузьмина Илью Кузьмича, 05.07.2021 г.р., воспитанника группы {ROMASHKA}, "
        "из МБДОУ «Детский сад № 5» 02.11.2026 по инициативе родителей (законных "
        "представителей)."
    )
    assert withdraw_item(
        GIRL,
        None,
        date(2022, 3, 12),
        ROMASHKA_GEN,
        date(2026, 11, 2),
        WithdrawalReason.CIRCUMSTANCES,
    ) == (
        f"Отчислить Иванову Марию Сергеевну, 12.03.2022 г.р., воспитанницу группы {ROMASHKA}, "
        "02.11.2026 по обстоятельствам, не зависящим от воли родителей (законных представителей) "
        "и организации."
    )


def test_graduation_item_for_a_girl_and_a_boy() -> None:
    stars = group_phrase(
        "Звёздочка", AgeCategory.PREP, Orientation.GENERAL, "genitive", with_category=True
    )
    tail = (
        "подготовительной к школе группы «Звёздочка» общеразвивающей направленности для "
        "детей 6–7 лет, из МБДОУ «Детский сад № 5» 31.08.2027 в связи с получением образования "
        "(завершением обучения)."
    )
    ours = "МБДОУ «Детский сад № 5»"
    assert graduation_item(GIRL, None, date(2020, 3, 12), stars, date(2027, 8, 31), ours) == (
        f"Отчислить Иванову Марию Сергеевну, 12.03.2020 г.р., воспитанницу {tail}"
    )
    assert graduation_item(BOY, None, date(2020, 7, 5), stars, date(2027, 8, 31), ours) == (
        f"Отчислить Кузьмина Илью Кузьмича, 05.07.2020 г.р., воспитанника {tail}"
    )


def test_promote_item_followed_by_the_list_of_children() -> None:
    assert promote_item("Ромашка", AgeCategory.MIDDLE, date(2027, 9, 1)) == (
        "Перевести воспитанников средней группы «Ромашка» (4–5 лет) в старшую группу "
        "(5–6 лет) с 01.09.2027 в составе:"
    )
    assert promote_roster([(BOY, date(2021, 7, 5)), (GIRL, date(2022, 3, 12))]) == [
        "Кузьмин Илья Кузьмич, 05.07.2021 г.р.",
        "Иванова Мария Сергеевна, 12.03.2022 г.р.",
    ]


def test_promote_item_with_an_appendix_and_a_new_name() -> None:
    assert promote_item(
        "Капелька",
        AgeCategory.EARLY,
        date(2027, 9, 1),
        new_name="«Колокольчик»",
        appendix="приложение № 1",
    ) == (
        "Перевести воспитанников группы раннего возраста «Капелька» (1,5–2 года) в первую "
        "младшую группу «Колокольчик» (2–3 года) с 01.09.2027 согласно списку (приложение № 1)."
    )
    assert promote_item(
        "Ромашка", AgeCategory.JUNIOR2, date(2027, 9, 1), new_name="Ромашка", appendix="прил. 2"
    ) == (
        "Перевести воспитанников второй младшей группы «Ромашка» (3–4 года) в среднюю группу "
        "(4–5 лет) с 01.09.2027 согласно списку (прил. 2)."
    )


@pytest.mark.parametrize("category", [AgeCategory.PREP, AgeCategory.MIXED])
def test_groups_without_a_next_category_are_not_promoted(category: AgeCategory) -> None:
    with pytest.raises(ValueError, match="не переводится"):
        promote_item("Звёздочка", category, date(2027, 9, 1))


@pytest.mark.parametrize(
    ("kind", "one", "many"),
    [
        (OrderKind.ENROL, "О зачислении воспитанника", "О зачислении воспитанников"),
        (OrderKind.TRANSFER, "О переводе воспитанника", "О переводе воспитанников"),
        (OrderKind.WITHDRAW, "Об отчислении воспитанника", "Об отчислении воспитанников"),
        (OrderKind.GRADUATE, "О выпуске воспитанника", "О выпуске воспитанников"),
        (
            OrderKind.PROMOTE,
            "О переводе воспитанников в следующие возрастные группы",
            "О переводе воспитанников в следующие возрастные группы",
        ),
    ],
)
def test_titles_singular_and_plural(kind: OrderKind, one: str, many: str) -> None:
    assert order_title(kind, 1) == one
    assert order_title(kind, 2) == many
    assert order_title(kind, 21) == many


def test_a_title_needs_at_least_one_pupil() -> None:
    with pytest.raises(ValueError, match="хотя бы один"):
        order_title(OrderKind.ENROL, 0)


def test_preamble_joins_the_grounds_in_the_genitive() -> None:
    grounds = [
        "Заявление родителя (законного представителя) от 20.08.2026 № 15.",
        "направления Управления образования от 10.08.2026 № 1234",
        " заявление  родителя (законного представителя) от 20.08.2026 № 15",
    ]
    assert preamble(OrderKind.ENROL, grounds) == (
        "На основании заявления родителя (законного представителя) от 20.08.2026 № 15, "
        "направления Управления образования от 10.08.2026 № 1234,"
    )


def test_preamble_keeps_unknown_grounds_as_typed() -> None:
    assert preamble(OrderKind.WITHDRAW, ["на основании Постановления администрации № 5"]) == (
        "На основании постановления администрации № 5,"
    )
    assert preamble(OrderKind.WITHDRAW, ["Акт обследования № 5"]) == (
        "На основании акта обследования № 5,"
    )


def test_several_grounds_of_one_kind_are_plural_and_joined() -> None:
    grounds = [
        "Заявление родителя (законного представителя) от 20.08.2026 № 15",
        "направление Управления образования № 3367",
        "заявление родителя (законного представителя) от 21.08.2026 № 16",
        "Заявление родителя (законного представителя) от 22.08.2026 № 17",
        "Направление Управления образования № 3368",
    ]
    assert preamble(OrderKind.ENROL, grounds, count=3) == (
        "На основании заявлений родителей (законных представителей) от 20.08.2026 № 15, "
        "от 21.08.2026 № 16 и от 22.08.2026 № 17, направлений Управления образования № 3367 "
        "и № 3368,"
    )


def test_grounds_typed_together_in_one_cell_are_told_apart() -> None:
    grounds = [
        "заявление родителя от 05.11.2026 № 91, направление Управления образования № 3367",
        "Заявление родителя от 05.11.2026 № 92; направление Управления образования № 3404",
    ]
    assert preamble(OrderKind.ENROL, grounds, count=2) == (
        "На основании заявлений родителей от 05.11.2026 № 91 и от 05.11.2026 № 92, "
        "направлений Управления образования № 3367 и № 3404,"
    )


def test_institution_short_name_and_the_reason_of_an_exception() -> None:
    assert (
        institution_short_name(
            "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 5»"
        )
        == "МБДОУ «Детский сад № 5»"
    )
    assert institution_short_name("Детский сад «Ромашка»", "ДС «Ромашка»") == "ДС «Ромашка»"
    assert institution_short_name("МБДОУ «Детский сад № 5»") == "МБДОУ «Детский сад № 5»"
    item = "Зачислить Иванову Марию Сергеевну, 12.03.2022 г.р., в группу … с 01.09.2026."
    assert with_exception(item, "(заключение ПМПК (протокол № 5) от 01.08.2026).") == (
        "Зачислить Иванову Марию Сергеевну, 12.03.2022 г.р., в группу … с 01.09.2026; "
        "обоснование: заключение ПМПК (протокол № 5) от 01.08.2026."
    )
    assert with_exception(item, "  ") == item
    assert with_exception(item, "(ТНР) и (ЗПР)").endswith("; обоснование: (ТНР) и (ЗПР).")


def test_preamble_without_grounds() -> None:
    assert preamble(OrderKind.ENROL, []) == (
        "На основании заявления родителя (законного представителя),"
    )
    assert preamble(OrderKind.TRANSFER, ["  "], count=3) == (
        "На основании заявлений родителей (законных представителей),"
    )
    assert preamble(OrderKind.GRADUATE, [], count=20) == (
        "В связи с завершением освоения образовательной программы дошкольного образования,"
    )
    assert preamble(OrderKind.PROMOTE, [], count=20) == (
        "В связи с окончанием учебного года и в соответствии с возрастом воспитанников,"
    )


def test_order_kind_codes() -> None:
    assert [k.code for k in OrderKind] == ["enrol", "transfer", "withdraw", "graduate", "promote"]


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("выпуск в школу", WithdrawalReason.GRADUATION),
        ("Выпуск в школу.", WithdrawalReason.GRADUATION),
        ("ПО ИНИЦИАТИВЕ РОДИТЕЛЕЙ", WithdrawalReason.PARENTS_INITIATIVE),
        ("перевод в другую ДОО", WithdrawalReason.TRANSFER_TO_ANOTHER),
        ("перевод в другую доу", WithdrawalReason.TRANSFER_TO_ANOTHER),
        (
            "по обстоятельствам,  не зависящим от воли сторон",
            WithdrawalReason.CIRCUMSTANCES,
        ),
        ("в связи с получением образования (завершением обучения)", WithdrawalReason.GRADUATION),
        ("circumstances", WithdrawalReason.CIRCUMSTANCES),
    ],
)
def test_withdrawal_reasons_are_read_loosely(typed: str, reason: WithdrawalReason) -> None:
    assert WithdrawalReason.parse(typed) is reason
    assert WithdrawalReason.parse(reason.label) is reason


def test_an_unknown_withdrawal_reason_lists_the_allowed_ones() -> None:
    with pytest.raises(DomainError) as caught:
        WithdrawalReason.parse("просто так")
    message = str(caught.value)
    assert "«просто так»" in message
    for reason in WithdrawalReason:
        assert f"«{reason.label}»" in message
