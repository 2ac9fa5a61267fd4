"""Declension of full names for orders, checked word by word in four cases."""

from __future__ import annotations

import time

import pytest

from sgo_model.domain.people import PersonName, Sex
from sgo_model.office.declension import GrammaticalCase, decline, full

G = GrammaticalCase.GENITIVE
D = GrammaticalCase.DATIVE
A = GrammaticalCase.ACCUSATIVE
I = GrammaticalCase.INSTRUMENTAL  # noqa: E741

# (name in the nominative, sex when the patronymic cannot tell, {case: expected full name})
CASES: list[tuple[PersonName, Sex | None, dict[GrammaticalCase, str]]] = [
    (
        PersonName("Кузьмин", "Илья", "Кузьмич"),
        None,
        {
            G: "Кузьмина Ильи Кузьмича",
            D: "Кузьмину Илье Кузьмичу",
            A: "Кузьмина Илью Кузьмича",
            I: "Кузьминым Ильёй Кузьмичом",
        },
    ),
    (
        PersonName("Никитина", "Любовь", "Никитична"),
        None,
        {
            G: "Никитиной Любови Никитичны",
            D: "Никитиной Любови Никитичне",
            A: "Никитину Любовь Никитичну",
            I: "Никитиной Любовью Никитичной",
        },
    ),
    (
        PersonName("Шевчук", "Павел", "Олегович"),
        None,
        {
            G: "Шевчука Павла Олеговича",
            D: "Шевчуку Павлу Олеговичу",
            A: "Шевчука Павла Олеговича",
            I: "Шевчуком Павлом Олеговичем",
        },
    ),
    (
        PersonName("Шевчук", "Мария", "Ивановна"),
        None,
        {
            G: "Шевчук Марии Ивановны",
            D: "Шевчук Марии Ивановне",
            A: "Шевчук Марию Ивановну",
            I: "Шевчук Марией Ивановной",
        },
    ),
    (
        PersonName("Ли", "Анна-Мария"),
        Sex.FEMALE,
        {
            G: "Ли Анны-Марии",
            D: "Ли Анне-Марии",
            A: "Ли Анну-Марию",
            I: "Ли Анной-Марией",
        },
    ),
    (
        PersonName("Ахметов", "Олжас", "Нурланович"),
        None,
        {
            G: "Ахметова Олжаса Нурлановича",
            D: "Ахметову Олжасу Нурлановичу",
            A: "Ахметова Олжаса Нурлановича",
            I: "Ахметовым Олжасом Нурлановичем",
        },
    ),
    (
        PersonName("Воронов", "Семён", "Петрович"),
        None,
        {
            G: "Воронова Семёна Петровича",
            D: "Воронову Семёну Петровичу",
            A: "Воронова Семёна Петровича",
            I: "Вороновым Семёном Петровичем",
        },
    ),
    (
        PersonName("Черных", "Алёна", "Игоревна"),
        None,
        {
            G: "Черных Алёны Игоревны",
            D: "Черных Алёне Игоревне",
            A: "Черных Алёну Игоревну",
            I: "Черных Алёной Игоревной",
        },
    ),
    (
        PersonName("Долгих", "Пётр", "Ильич"),
        None,
        {
            G: "Долгих Петра Ильича",
            D: "Долгих Петру Ильичу",
            A: "Долгих Петра Ильича",
            I: "Долгих Петром Ильичом",
        },
    ),
    (
        PersonName("Алиев", "Эльдар", "Рашид оглы"),
        None,
        {
            G: "Алиева Эльдара Рашида оглы",
            D: "Алиеву Эльдару Рашиду оглы",
            A: "Алиева Эльдара Рашида оглы",
            I: "Алиевым Эльдаром Рашидом оглы",
        },
    ),
    (
        PersonName("Сафина", "Айгуль", "Ринатовна"),
        None,
        {
            G: "Сафиной Айгули Ринатовны",
            D: "Сафиной Айгули Ринатовне",
            A: "Сафину Айгуль Ринатовну",
            I: "Сафиной Айгулью Ринатовной",
        },
    ),
    (
        PersonName("Римский-Корсаков", "Николай", "Андреевич"),
        None,
        {
            G: "Римского-Корсакова Николая Андреевича",
            D: "Римскому-Корсакову Николаю Андреевичу",
            A: "Римского-Корсакова Николая Андреевича",
            I: "Римским-Корсаковым Николаем Андреевичем",
        },
    ),
    (
        PersonName("Римская-Корсакова", "Софья", "Николаевна"),
        None,
        {
            G: "Римской-Корсаковой Софьи Николаевны",
            D: "Римской-Корсаковой Софье Николаевне",
            A: "Римскую-Корсакову Софью Николаевну",
            I: "Римской-Корсаковой Софьей Николаевной",
        },
    ),
    (
        # petrovich 2.0.1 itself leaves «Никита» undeclined when told the gender.
        PersonName("Гусев", "Никита", "Ильич"),
        None,
        {
            G: "Гусева Никиты Ильича",
            D: "Гусеву Никите Ильичу",
            A: "Гусева Никиту Ильича",
            I: "Гусевым Никитой Ильичом",
        },
    ),
]


@pytest.mark.parametrize(("name", "sex", "expected"), CASES, ids=lambda v: getattr(v, "full", ""))
def test_full_names_in_four_cases(
    name: PersonName, sex: Sex | None, expected: dict[GrammaticalCase, str]
) -> None:
    for case, text in expected.items():
        last, first, *patronymic = text.split(" ", 2)
        assert decline(name, case, sex) == PersonName(last, first, *patronymic), case
        assert full(name, case, sex) == text, case


@pytest.mark.parametrize(
    ("last", "sex", "genitive"),
    [
        ("Ли", Sex.MALE, "Ли"),
        ("Дюма", Sex.MALE, "Дюма"),
        ("Гюго", Sex.MALE, "Гюго"),
        ("Живаго", Sex.MALE, "Живаго"),
        ("Шоу", Sex.MALE, "Шоу"),
        ("Черных", Sex.MALE, "Черных"),
        ("Долгих", Sex.FEMALE, "Долгих"),
        ("Шевчук", Sex.FEMALE, "Шевчук"),
        ("Шевчук", Sex.MALE, "Шевчука"),
        ("Цой", Sex.MALE, "Цоя"),
        ("Окуджава", Sex.MALE, "Окуджавы"),
        ("Бонч-Бруевич", Sex.MALE, "Бонч-Бруевича"),
        ("Толстая", Sex.FEMALE, "Толстой"),
        # Surnames that are common nouns decline as the noun, fleeting vowel and all; a
        # woman's stay as written.
        ("Соловей", Sex.MALE, "Соловья"),
        ("Соловей", Sex.FEMALE, "Соловей"),
        ("Гусь", Sex.MALE, "Гуся"),
        ("Гусь", Sex.FEMALE, "Гусь"),
        ("Журавель", Sex.MALE, "Журавля"),
        ("Журавель", Sex.FEMALE, "Журавель"),
        ("Козёл", Sex.MALE, "Козла"),
        ("Заяц", Sex.MALE, "Зайца"),
        ("Воробей", Sex.MALE, "Воробья"),
        ("Лебедь", Sex.MALE, "Лебедя"),
        ("Соловей-Седой", Sex.MALE, "Соловья-Седого"),
        ("ГУСЬ", Sex.MALE, "ГУСЯ"),
    ],
)
def test_surnames_that_stay_and_those_that_decline(last: str, sex: Sex, genitive: str) -> None:
    assert decline(PersonName(last, "Саша"), G, sex).last == genitive


def test_a_noun_surname_in_every_case() -> None:
    name = PersonName("Соловей", "Пётр", "Ильич")
    assert [full(name, case) for case in (G, D, A, I)] == [
        "Соловья Петра Ильича",
        "Соловью Петру Ильичу",
        "Соловья Петра Ильича",
        "Соловьём Петром Ильичом",
    ]


def test_a_turkic_patronymic_of_a_woman_keeps_kyzy() -> None:
    name = PersonName("Алиева", "Лейла", "Рашид кызы")
    assert full(name, G) == "Алиевой Лейлы Рашида кызы"
    assert full(name, D) == "Алиевой Лейле Рашиду кызы"


def test_the_patronymic_decides_the_sex_over_the_one_given() -> None:
    assert full(PersonName("Шевчук", "Мария", "Ивановна"), G, Sex.MALE) == ("Шевчук Марии Ивановны")


def test_without_a_patronymic_the_given_sex_is_used() -> None:
    assert full(PersonName("Шевчук", "Саша"), G, Sex.MALE) == "Шевчука Саши"
    assert full(PersonName("Шевчук", "Саша"), G, Sex.FEMALE) == "Шевчук Саши"


def test_without_a_patronymic_or_a_sex_declension_is_refused() -> None:
    with pytest.raises(ValueError, match="пол"):
        decline(PersonName("Ли", "Саша"), G)


def test_no_y_after_a_sibilant_and_an_unstressed_ey() -> None:
    # petrovich 2.0.1 gives «Сашы», «Мишой» for boys.
    assert full(PersonName("Ли", "Миша"), G, Sex.MALE) == "Ли Миши"
    assert full(PersonName("Ли", "Миша"), I, Sex.MALE) == "Ли Мишей"
    assert full(PersonName("Ли", "Ольга"), I, Sex.FEMALE) == "Ли Ольгой"


def test_the_nominative_is_the_name_as_written() -> None:
    name = PersonName("Ли", "Саша")
    assert decline(name, GrammaticalCase.NOMINATIVE) is name


def test_prepositional_of_names_in_ii() -> None:
    assert full(PersonName("Иванов", "Юрий", "Дмитриевич"), GrammaticalCase.PREPOSITIONAL) == (
        "Иванове Юрии Дмитриевиче"
    )


def test_yo_is_kept_as_written() -> None:
    assert full(PersonName("Королёва", "Алёна", "Семёновна"), D) == "Королёвой Алёне Семёновне"
    assert full(PersonName("Королева", "Алена", "Семеновна"), D) == "Королевой Алене Семеновне"


def test_a_name_in_capitals_gets_its_endings_in_capitals() -> None:
    assert full(PersonName("ИВАНОВА", "МАРИЯ", "СЕРГЕЕВНА"), A) == "ИВАНОВУ МАРИЮ СЕРГЕЕВНУ"


def test_a_thousand_orders_decline_quickly() -> None:
    # Each order names a pupil in several cases; repeated parts come from the cache.
    names = [name for name, _, _ in CASES if name.patronymic] * 100
    start = time.perf_counter()
    for name in names:
        for case in (G, D, A, I):
            full(name, case)
    assert time.perf_counter() - start < 0.5
