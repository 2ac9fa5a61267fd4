"""The fictional demo kindergarten: determinism, counts and the realism of its data."""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from sgo_model.demo.data import (
    AGE_CATEGORIES,
    FORM_KINDS,
    PREVIOUS_YEAR_START,
    SCHOOL_YEAR_START,
    DemoKindergarten,
    build_demo,
    generate_pupil_rows,
)
from sgo_model.domain.age import AgeCategory, Orientation
from sgo_model.domain.conditions import DEFAULT_CONDITION_CAPS, Condition, default_caps
from sgo_model.domain.errors import DomainError
from sgo_model.domain.group import Group
from sgo_model.domain.limits import LoadLimits, check_limits
from sgo_model.domain.people import (
    Sex,
    check_email,
    check_login,
    check_name_part,
    sex_from_patronymic,
)

PUPIL_COLUMNS = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Пол",
    "Дата рождения",
    "Группа",
    "Дата зачисления",
    "Адрес",
    "Родитель (законный представитель)",
    "Телефон",
]
CONTACT_COLUMNS = ["E-mail родителя", "Согласие на уведомления по e-mail"]
"""A family that gave an e-mail has both, after the phone."""


def _columns(row: dict[str, object]) -> list[str]:
    """A row's columns without the optional contact columns, which must come as a pair."""
    contacts = [c for c in row if c in CONTACT_COLUMNS]
    assert contacts in ([], CONTACT_COLUMNS), contacts
    if contacts:
        check_email(str(row[CONTACT_COLUMNS[0]]))
        assert row[CONTACT_COLUMNS[1]] in ("да", "нет")
    return [c for c in row if c not in CONTACT_COLUMNS]


ROLE_OF_POST = {
    "заведующий": "заведующий",
    "старший воспитатель": "старший воспитатель",
    "делопроизводитель": "делопроизводитель",
    "воспитатель": "воспитатель",
    "музыкальный руководитель": "специалист",
    "инструктор по физической культуре": "специалист",
    "учитель-логопед": "специалист",
    "медицинская сестра": "медицинская сестра",
}
SANPIN_WEEKLY = {
    "группа раннего возраста": 10,
    "первая младшая": 10,
    "вторая младшая": 10,
    "средняя": 10,
    "старшая": 13,
    "подготовительная к школе": 14,
}
LOGIN = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")
PHONE = re.compile(r"^\+7 9\d\d \d\d\d-\d\d-\d\d$")
ADDRESS = re.compile(r"^г\. Энск, (ул\.|пр-т|пер\.|б-р) [^,]+, д\. \d+[аб]?(, кв\. \d+)?$")


@pytest.fixture(scope="module")
def demo() -> DemoKindergarten:
    return build_demo()


def rows(demo: DemoKindergarten, kind: str) -> list[dict[str, object]]:
    return demo.form(kind).rows


def months_old(born: date, on: date = SCHOOL_YEAR_START) -> int:
    return (on.year - born.year) * 12 + on.month - born.month - (1 if on.day < born.day else 0)


def surname_sex(surname: str) -> str | None:
    """The sex a Russian surname's form implies, or None for indeclinable ones."""
    if surname.endswith(("ова", "ева", "ёва", "ина", "ына", "ская", "цкая", "ая")):
        return "ж"
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ой")):
        return "м"
    return None


def stem(surname: str) -> str:
    """The surname without its gender ending: the same for Иванов/Иванова, Трубецкой/Трубецкая."""
    if surname.endswith(("ова", "ева", "ёва", "ина", "ына")):
        return surname[:-1]
    if surname.endswith(("ая", "ий", "ой")) and surname_sex(surname):
        return surname[:-2]
    return surname


def patronymic_sex(patronymic: str) -> str | None:
    sex = sex_from_patronymic(patronymic)
    return None if sex is None else sex.label


def full_name(row: dict[str, object]) -> str:
    return " ".join(str(row[c]) for c in ("Фамилия", "Имя", "Отчество") if row[c])


def pupil_key(row: dict[str, object]) -> tuple[str, object]:
    return full_name(row).lower().replace("ё", "е"), row["Дата рождения"]


def group_categories(demo: DemoKindergarten) -> dict[str, str]:
    return {str(g["Группа"]): str(g["Возрастная категория"]) for g in rows(demo, "groups")}


def staff_lookup(demo: DemoKindergarten) -> dict[str, dict[str, object]]:
    """Staff rows by табельный номер and by full name."""
    lookup: dict[str, dict[str, object]] = {}
    for person in rows(demo, "staff"):
        lookup[str(person["Табельный номер"])] = person
        lookup[full_name(person)] = person
    return lookup


def check_pupil(row: dict[str, object], categories: dict[str, str]) -> None:
    """Every rule a correct pupils-form row obeys; raises AssertionError or DomainError."""
    # The demo's own pupils form adds «ОВЗ»; generated extra rows leave it out.
    assert _columns(row) in (PUPIL_COLUMNS, [*PUPIL_COLUMNS, "ОВЗ"])
    if row.get("ОВЗ") is not None:
        Condition.parse(str(row["ОВЗ"]))
    last, first, patronymic, sex = row["Фамилия"], row["Имя"], row["Отчество"], row["Пол"]
    assert isinstance(last, str) and isinstance(first, str)
    assert sex in ("м", "ж")
    check_name_part(last, "Фамилия")
    check_name_part(first, "Имя")
    if patronymic is not None:
        assert isinstance(patronymic, str)
        check_name_part(patronymic, "Отчество")
        assert patronymic_sex(patronymic) == sex, row
    assert surname_sex(last) in (None, sex), row
    guardian = str(row["Родитель (законный представитель)"]).split(" ")
    assert len(guardian) == 3, row
    for part in guardian:
        check_name_part(part, "ФИО родителя")
    guardian_sex = patronymic_sex(guardian[2])
    assert guardian_sex is not None
    assert surname_sex(guardian[0]) in (None, guardian_sex), row
    assert stem(guardian[0]) == stem(last), row
    born = row["Дата рождения"]
    assert isinstance(born, date)
    low, high = AGE_CATEGORIES[categories[str(row["Группа"])]]
    assert low <= months_old(born) < high, row
    enrolled = row["Дата зачисления"]
    assert isinstance(enrolled, date)
    assert enrolled <= SCHOOL_YEAR_START
    assert months_old(born, enrolled) >= 18, row
    assert enrolled.weekday() < 5
    assert ADDRESS.match(str(row["Адрес"])), row["Адрес"]
    assert PHONE.match(str(row["Телефон"])), row["Телефон"]


# --------------------------------------------------------------------------- the whole


def test_same_seed_same_kindergarten_other_seed_other_one() -> None:
    assert build_demo(7) == build_demo(7)
    assert build_demo(7) != build_demo(8)
    assert generate_pupil_rows(300, ["Ромашка", "Пчёлка"], seed=1) == generate_pupil_rows(
        300, ["Ромашка", "Пчёлка"], seed=1
    )


def test_forms_in_set_up_order_with_owners_and_file_names(demo: DemoKindergarten) -> None:
    assert [f.kind for f in demo.forms] == list(FORM_KINDS)
    assert demo.year == "2026/2027"
    assert demo.institution.startswith("Муниципальное ")
    assert "дошкольное образовательное учреждение «Детский сад № " in demo.institution
    assert re.fullmatch(r"МА?Б?ДОУ «Детский сад № \d+»", demo.short_name)
    logins = {str(p["Должность"]): p["Логин"] for p in rows(demo, "staff") if p["Логин"]}
    owners = {f.kind: f.login for f in demo.forms}
    assert owners == {
        "staff": "admin",
        "profiles": logins["старший воспитатель"],
        "load_limits": logins["старший воспитатель"],
        "condition_caps": logins["старший воспитатель"],
        "groups": logins["делопроизводитель"],
        "pupils": logins["делопроизводитель"],
        "nod_kinds": logins["старший воспитатель"],
    }
    assert demo.form("staff").file_name == "Сотрудники.xlsx"
    assert demo.form("pupils").file_name == "Воспитанники.xlsx"
    assert all(f.file_name.endswith(".xlsx") for f in demo.forms)


def test_default_counts(demo: DemoKindergarten) -> None:
    assert len(rows(demo, "staff")) == 40
    assert len(rows(demo, "groups")) == 12
    assert len(rows(demo, "pupils")) == 250
    posts = Counter(str(p["Должность"]) for p in rows(demo, "staff"))
    assert posts["воспитатель"] == 24
    for post in ("заведующий", "старший воспитатель", "делопроизводитель", "медицинская сестра"):
        assert posts[post] == 1
    assert 2 <= len(rows(demo, "profiles")) <= 3
    assert len(rows(demo, "load_limits")) == 6


def test_other_sizes() -> None:
    small = build_demo(5, pupils=120, groups=7, employees=25)
    assert len(small.form("groups").rows) == 7
    assert len(small.form("pupils").rows) == 120
    assert len(small.form("staff").rows) == 25
    with pytest.raises(ValueError, match="too few"):
        build_demo(pupils=100, groups=12, employees=20)


# --------------------------------------------------------------------------- staff


def test_staff_rows_and_logins(demo: DemoKindergarten) -> None:
    staff = rows(demo, "staff")
    assert [p["Табельный номер"] for p in staff] == [f"{i:04d}" for i in range(1, 41)]
    logins = [p["Логин"] for p in staff if p["Логин"] is not None]
    assert len(logins) == len(set(logins))
    assert "admin" not in logins
    names = [full_name(p) for p in staff]
    assert len(names) == len(set(names)), "teachers are referred to by full name"
    for person in staff:
        for part in ("Фамилия", "Имя", "Отчество"):
            check_name_part(str(person[part]), part)
        assert surname_sex(str(person["Фамилия"])) in (
            None,
            patronymic_sex(str(person["Отчество"])),
        )
        assert isinstance(person["Дата приёма"], date) and person["Дата приёма"] < SCHOOL_YEAR_START
        assert person["Ставка"] in (1, 0.5, 0.75, 1.25)
        role = ROLE_OF_POST.get(str(person["Должность"]))
        assert person["Роль"] == role
        if role is None:
            assert person["Логин"] is None
        else:
            login = person["Логин"]
            assert isinstance(login, str) and LOGIN.match(login)
            assert check_login(login) == login


# --------------------------------------------------------------------------- settings


def test_load_limits_within_sanpin(demo: DemoKindergarten) -> None:
    for row in rows(demo, "load_limits"):
        category = AgeCategory.parse(str(row["Возрастная категория"]))
        weekly = row["Занятий в неделю"]
        assert isinstance(weekly, int)
        assert weekly <= SANPIN_WEEKLY[category.label]
        activity, daily = row["Длительность занятия, мин"], row["Нагрузка в день, мин"]
        assert isinstance(activity, int) and isinstance(daily, int)
        check_limits(LoadLimits(category, activity, daily, weekly))


def test_profiles(demo: DemoKindergarten) -> None:
    for row in rows(demo, "profiles"):
        Orientation.parse(str(row["Направленность"]))
        assert row["Профиль"] and row["Описание"]


def test_groups(demo: DemoKindergarten) -> None:
    groups = rows(demo, "groups")
    profiles = {str(p["Профиль"]) for p in rows(demo, "profiles")}
    staff = staff_lookup(demo)
    categories = Counter(str(g["Возрастная категория"]) for g in groups)
    assert categories == {
        "группа раннего возраста": 1,
        "первая младшая": 2,
        "вторая младшая": 2,
        "средняя": 2,
        "старшая": 2,
        "подготовительная к школе": 2,
        "разновозрастная": 1,
    }
    orientations = Counter(str(g["Направленность"]) for g in groups)
    assert orientations == {"общеразвивающая": 10, "компенсирующая": 1, "комбинированная": 1}
    headcount = Counter(str(p["Группа"]) for p in rows(demo, "pupils"))
    over = []
    ways = set()
    teachers_seen: list[object] = []
    for row in groups:
        name = str(row["Группа"])
        assert "«" not in name and "»" not in name
        area = row["Площадь, м²"]
        assert isinstance(area, float) and 40 <= area <= 60 and round(area, 1) == area
        assert row["Профиль"] is None or row["Профиль"] in profiles
        group = Group(
            name,
            AgeCategory.parse(str(row["Возрастная категория"])),
            Orientation.parse(str(row["Направленность"])),
            Decimal(str(area)),
        )
        per_child = 2.5 if group.category.under_three else 2.0
        assert group.capacity() == math.floor(area / per_child)
        if group.orientation is Orientation.COMPENSATING:
            assert headcount[name] <= 10
        else:
            assert 15 <= headcount[name] <= 28, (name, headcount[name])
        if headcount[name] > group.capacity():
            over.append(name)
        text = str(row["Воспитатели"])
        separator = "; " if "; " in text else ", "
        people = text.split(separator)
        assert len(people) == 2
        ways.add(people[0].isdigit())
        for ref in people:
            assert staff[ref]["Должность"] == "воспитатель"
            teachers_seen.append(staff[ref]["Табельный номер"])
    assert len(over) == 1, over
    assert ways == {True, False}, "teachers are given by number for some groups, by name for others"
    assert len(teachers_seen) == len(set(teachers_seen)) == 24


def test_weekly_nod_within_limits_and_led_by_the_right_people(demo: DemoKindergarten) -> None:
    limits = {
        str(r["Возрастная категория"]): int(str(r["Занятий в неделю"]))
        for r in rows(demo, "load_limits")
    }
    categories = group_categories(demo)
    staff = staff_lookup(demo)
    own: dict[str, set[object]] = {}
    for row in rows(demo, "groups"):
        text = str(row["Воспитатели"]).replace("; ", ", ")
        own[str(row["Группа"])] = {staff[r]["Табельный номер"] for r in text.split(", ")}
    weekly: Counter[str] = Counter()
    areas = {
        "социально-коммуникативное развитие",
        "познавательное развитие",
        "речевое развитие",
        "художественно-эстетическое развитие",
        "физическое развитие",
    }
    for row in rows(demo, "nod_kinds"):
        group = str(row["Группа"])
        count = row["Занятий в неделю"]
        assert isinstance(count, int) and count > 0
        weekly[group] += count
        assert row["Образовательная область"] in areas
        assert row["Помещение"] in ("групповая", "музыкальный зал", "спортивный зал")
        teacher = staff[str(row["Педагог"])]
        kind = row["Вид НОД"]
        if kind == "Музыка":
            assert teacher["Должность"] == "музыкальный руководитель"
            assert row["Помещение"] == "музыкальный зал"
        elif kind == "Физическая культура" and teacher["Должность"] != "воспитатель":
            assert teacher["Должность"] == "инструктор по физической культуре"
            assert row["Помещение"] == "спортивный зал"
        elif teacher["Должность"] == "учитель-логопед":
            assert kind == "Логопедическое занятие"
        else:
            assert teacher["Табельный номер"] in own[group], row
            assert row["Помещение"] == "групповая"
    assert set(weekly) == set(categories)
    for group, count in weekly.items():
        category = categories[group]
        youngest = "вторая младшая" if category == "разновозрастная" else category
        assert count <= limits[youngest], (group, count)


# --------------------------------------------------------------------------- pupils


def test_every_pupil_is_consistent(demo: DemoKindergarten) -> None:
    categories = group_categories(demo)
    pupils = rows(demo, "pupils")
    for row in pupils:
        check_pupil(row, categories)
    keys = [pupil_key(r) for r in pupils]
    assert len(keys) == len(set(keys))


def test_pupils_include_tricky_names(demo: DemoKindergarten) -> None:
    pupils = rows(demo, "pupils")
    names = {full_name(r) for r in pupils}
    for expected in ("Илья Кузьмич", "Любовь Никитична", "Анна-Мария"):
        assert any(expected in n for n in names), expected
    no_patronymic = [r for r in pupils if r["Отчество"] is None]
    assert no_patronymic and all(r["Пол"] in ("м", "ж") for r in no_patronymic)
    firsts = {r["Имя"] for r in pupils}
    assert {"Семён", "Пётр", "Алёна"} <= firsts
    surnames = {r["Фамилия"] for r in pupils}
    assert surnames & {"Шевчук", "Ли", "Дюма"}
    assert Counter(r["Пол"] for r in pupils).keys() == {"м", "ж"}


def test_enrolment_dates(demo: DemoKindergarten) -> None:
    """The youngest group is a new intake on 1 September; of the others most came in earlier
    years, some during the year before (on the first working day of a month, as places are
    given out), some are newcomers."""
    pupils = rows(demo, "pupils")
    categories = group_categories(demo)
    starts = Counter(r["Дата зачисления"] == SCHOOL_YEAR_START for r in pupils)
    assert 0 < starts[True] < len(pupils) / 3
    during = [
        r["Дата зачисления"] for r in pupils
        if PREVIOUS_YEAR_START < r["Дата зачисления"] < SCHOOL_YEAR_START  # type: ignore[operator]
    ]  # fmt: skip
    assert during and all(d.day <= 12 and d.month not in (1, 6, 7, 8) for d in during)  # type: ignore[attr-defined]
    assert sum(r["Дата зачисления"] < PREVIOUS_YEAR_START for r in pupils) > len(pupils) / 3  # type: ignore[operator]
    for row in pupils:
        if categories[str(row["Группа"])] == "группа раннего возраста":
            assert row["Дата зачисления"] == SCHOOL_YEAR_START


def test_the_year_before_is_the_same_kindergarten_a_category_younger(
    demo: DemoKindergarten,
) -> None:
    """2025/2026: the same groups a category younger, the youngest group of today then the
    preparatory group; every child of today is on its roll, enrolled during it or enrolled on
    1 September 2026, exactly once."""
    previous = demo.previous
    assert previous is not None and previous.year == "2025/2026" and demo.year == "2026/2027"
    now = group_categories(demo)
    then = {str(g["Группа"]): str(g["Возрастная категория"]) for g in rows(previous, "groups")}
    for name, category in now.items():
        before = then[name]
        parsed = AgeCategory.parse(before)
        if parsed is AgeCategory.PREP:
            assert category == "группа раннего возраста" and previous.regroup == {name: category}
        else:
            assert (parsed.next or parsed).label == category
    assert [f.kind for f in previous.forms] == list(FORM_KINDS)
    assert rows(previous, "staff") == rows(demo, "staff")

    def key(row: dict[str, object]) -> tuple[object, object, object]:
        return row["Фамилия"], row["Имя"], row["Дата рождения"]

    (movement,) = previous.movement
    (newcomers,) = demo.movement
    enrolled = [key(r) for r in movement.rows if r["Вид"] == "зачисление"]
    withdrawn = {key(r) for r in movement.rows if r["Вид"] == "отчисление"}
    at_setup = [key(r) for r in rows(previous, "pupils")]
    arriving = [key(r) for r in newcomers.rows]
    assert all(r["Дата"] == SCHOOL_YEAR_START for r in newcomers.rows)
    today = Counter(key(r) for r in rows(demo, "pupils"))
    assert Counter(k for k in [*at_setup, *enrolled, *arriving] if k in today) == today
    assert len(withdrawn) == 3 and withdrawn <= set(at_setup) and not withdrawn & set(today)
    graduates = [
        r for r in rows(previous, "pupils") if key(r) not in today and key(r) not in withdrawn
    ]
    assert len(graduates) >= 20
    for row in graduates:  # of school age on 1 September 2026: 6 years 6 months
        born = row["Дата рождения"]
        assert isinstance(born, date) and months_old(born) >= 78
        assert AgeCategory.parse(then[str(row["Группа"])]) in (AgeCategory.PREP, AgeCategory.MIXED)
    for row in rows(previous, "pupils"):
        assert row["Дата зачисления"] <= PREVIOUS_YEAR_START  # type: ignore[operator]
    dates = [r["Дата"] for r in movement.rows]
    assert dates == sorted(dates)  # type: ignore[type-var]
    assert all(PREVIOUS_YEAR_START < d < SCHOOL_YEAR_START for d in dates)  # type: ignore[operator]


# --------------------------------------------------------------------------- broken form


def test_broken_form_has_each_kind_of_mistake(demo: DemoKindergarten) -> None:
    broken = demo.broken
    assert broken.kind == "pupils"
    assert broken.login == demo.form("pupils").login
    assert "исправить" in broken.file_name and broken.file_name.endswith(".xlsx")
    categories = group_categories(demo)
    mistakes: list[str] = []
    correct = 0
    for row in broken.rows:
        assert _columns(row) == PUPIL_COLUMNS
        last, sex, patronymic = row["Фамилия"], row["Пол"], row["Отчество"]
        born, enrolled = row["Дата рождения"], row["Дата зачисления"]
        if isinstance(born, date):  # apart from its one mistake, a row is sane
            assert isinstance(enrolled, date) and months_old(born, enrolled) >= 18, row
        if row["Дата рождения"] == "31.02.2021":
            mistakes.append("date")
        elif row["Группа"] not in categories:
            mistakes.append("group")
        elif not last:
            mistakes.append("surname")
        elif sex not in ("м", "ж"):
            assert sex == "x"
            mistakes.append("sex")
        elif re.search("[A-Za-z]", str(last)):
            with pytest.raises(DomainError, match="латинск"):
                check_name_part(str(last), "Фамилия")
            mistakes.append("latin")
        elif patronymic and patronymic_sex(str(patronymic)) != sex:
            Sex.parse(str(sex))
            mistakes.append("patronymic")
        else:
            check_pupil(row, categories)
            correct += 1
    assert sorted(mistakes) == sorted(["date", "group", "surname", "sex", "latin", "patronymic"])
    assert correct >= 2
    taken = {pupil_key(r) for r in rows(demo, "pupils")}
    assert not taken & {pupil_key(r) for r in broken.rows if isinstance(r["Дата рождения"], date)}


# --------------------------------------------------------------------------- big forms


def test_five_thousand_unique_pupils_quickly(demo: DemoKindergarten) -> None:
    categories = group_categories(demo)
    names = list(categories)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        big = generate_pupil_rows(5000, names, seed=99)
        timings.append(time.perf_counter() - started)
    assert min(timings) < 0.3
    assert len(big) == 5000
    keys = {pupil_key(r) for r in big}
    assert len(keys) == 5000
    assert Counter(str(r["Группа"]) for r in big) == dict.fromkeys(names, 5000 // 12) | {
        n: 5000 // 12 + 1 for n in names[: 5000 % 12]
    }
    for row in big:
        check_pupil(row, categories)  # the default groups are known by name


def test_generate_pupil_rows_with_own_groups() -> None:
    big = generate_pupil_rows(
        100, ["Альфа", "Бета"], seed=3, categories={"Альфа": "старшая"}, sizes=[30, 70]
    )
    assert Counter(str(r["Группа"]) for r in big) == {"Альфа": 30, "Бета": 70}
    check = {"Альфа": "старшая", "Бета": "разновозрастная"}
    for row in big:
        check_pupil(row, check)
    with pytest.raises(ValueError):
        generate_pupil_rows(10, ["Альфа"], seed=1, sizes=[9])
    with pytest.raises(ValueError):
        generate_pupil_rows(10, ["Альфа"], seed=1, categories={"Альфа": "ясельная"})


def test_compensating_and_combined_groups_fit_their_caps_by_condition(
    demo: DemoKindergarten,
) -> None:
    groups = {str(g["Группа"]): g for g in rows(demo, "groups")}
    pupils = rows(demo, "pupils")
    caps = default_caps()
    [compensating] = [n for n, g in groups.items() if g["Направленность"] == "компенсирующая"]
    [combined] = [n for n, g in groups.items() if g["Направленность"] == "комбинированная"]
    assert groups[compensating]["Нарушение"] == "ТНР"
    assert all(g["Нарушение"] is None for n, g in groups.items() if n != compensating)
    own = [p for p in pupils if p["Группа"] == compensating]
    assert {p["ОВЗ"] for p in own} == {"ТНР"}
    assert len(own) == caps[Condition.SEVERE_SPEECH].compensating_over_3 == 10
    mixed = [p for p in pupils if p["Группа"] == combined]
    with_condition = [Condition.parse(str(p["ОВЗ"])) for p in mixed if p["ОВЗ"]]
    total, allowed = min(caps[c].combined(under_3=False) for c in with_condition)
    assert (len(mixed), len(with_condition)) == (total, allowed) == (15, 4)
    others = [p for p in pupils if p["Группа"] not in (compensating, combined)]
    assert all(p["ОВЗ"] is None for p in others)


def test_condition_caps_form_holds_the_defaults(demo: DemoKindergarten) -> None:
    form = rows(demo, "condition_caps")
    assert [Condition.parse(str(r["Нарушение"])) for r in form] == [
        cap.condition for cap in DEFAULT_CONDITION_CAPS
    ]
    speech = form[0]
    assert (speech["Компенсирующая, до 3 лет"], speech["Компенсирующая, от 3 лет"]) == (6, 10)


def test_most_families_give_an_email_and_most_of_those_consent(demo: DemoKindergarten) -> None:
    rows = demo.form("pupils").rows
    emails = [r for r in rows if r.get("E-mail родителя")]
    consented = [r for r in emails if r["Согласие на уведомления по e-mail"] == "да"]
    assert 0.6 < len(emails) / len(rows) < 0.9
    assert 0.7 < len(consented) / len(emails) < 0.95
