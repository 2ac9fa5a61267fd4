"""A deterministic generator of a realistic, entirely fictional kindergarten (ДОУ).

Everything here is plain data: the six set-up forms of a new institution (staff,
curriculum profiles, load limits, groups, pupils, kinds of NOD per group), each
as the rows a person would type into a spreadsheet, plus one pupils form full of
typical mistakes. The same seed always gives the same kindergarten.

The people, addresses and phone numbers are invented; the city is «Энск».
Only the standard library is used, so demos, tests and benchmarks can build a
kindergarten without touching the store or the spreadsheet adapters.
"""

from __future__ import annotations

import random
from calendar import monthrange
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

__all__ = [
    "AGE_CATEGORIES",
    "FORM_KINDS",
    "SCHOOL_YEAR_START",
    "WEEKLY_LIMITS",
    "DemoForm",
    "DemoKindergarten",
    "build_demo",
    "generate_pupil_rows",
]

_T = TypeVar("_T")

SCHOOL_YEAR_START = date(2026, 9, 1)
"""The first day of the demo year 2026/2027; ages of groups are counted on it."""

FORM_KINDS: tuple[str, ...] = (
    "staff",
    "profiles",
    "load_limits",
    "groups",
    "pupils",
    "nod_kinds",
)
"""Kinds of the demo forms, in set-up order."""

# Age categories: Russian label -> age span in full months on 1 September.
AGE_CATEGORIES: dict[str, tuple[int, int]] = {
    "группа раннего возраста": (18, 24),
    "первая младшая": (24, 36),
    "вторая младшая": (36, 48),
    "средняя": (48, 60),
    "старшая": (60, 72),
    "подготовительная к школе": (72, 84),
    "разновозрастная": (36, 84),
}
"""Age categories by their Russian labels: the age span ``[from, to)`` in full months."""

_EARLY, _JUNIOR1, _JUNIOR2, _MIDDLE, _SENIOR, _PREP, _MIXED = AGE_CATEGORIES
_UNDER_THREE = frozenset({_EARLY, _JUNIOR1})

# Load limits (minutes per activity, minutes per day, activities per week); at or
# below СанПиН 1.2.3685-21 table 6.6; the weekly counts are the curriculum's.
_LOAD_LIMITS: dict[str, tuple[int, int, int]] = {
    _EARLY: (10, 20, 10),
    _JUNIOR1: (10, 20, 10),
    _JUNIOR2: (15, 30, 10),
    _MIDDLE: (20, 40, 10),
    _SENIOR: (25, 50, 13),
    _PREP: (30, 90, 14),
}
WEEKLY_LIMITS: dict[str, int] = {
    **{category: limits[2] for category, limits in _LOAD_LIMITS.items()},
    _MIXED: _LOAD_LIMITS[_JUNIOR2][2],
}
"""Activities a week allowed by the demo curriculum; a mixed group counts as its youngest."""

_FILE_NAMES = {
    "staff": "Сотрудники.xlsx",
    "profiles": "Профили учебного плана.xlsx",
    "load_limits": "Предельные нагрузки.xlsx",
    "groups": "Группы.xlsx",
    "pupils": "Воспитанники.xlsx",
    "nod_kinds": "Виды НОД по группам.xlsx",
}
_BROKEN_FILE_NAME = "Воспитанники (исправить).xlsx"


@dataclass(frozen=True)
class DemoForm:
    """One intake form as a person fills it in: whose inbox it goes to and its rows.

    ``rows`` are keyed by the exact Russian column headers of the form; values are
    ``str``, ``int``, ``float``, ``date`` or ``None`` (an empty cell).
    """

    kind: str
    login: str
    file_name: str
    rows: list[dict[str, object]]


@dataclass(frozen=True)
class DemoKindergarten:
    """A fictional kindergarten: its names, the year and the set-up forms in order."""

    institution: str
    short_name: str
    year: str
    forms: list[DemoForm]
    broken: DemoForm

    def form(self, kind: str) -> DemoForm:
        """The form of a kind (one of :data:`FORM_KINDS`)."""
        for item in self.forms:
            if item.kind == kind:
                return item
        raise KeyError(kind)


# --------------------------------------------------------------------------- names

# Surnames as (male, female); indeclinable ones are the same for both.
_SURNAMES: tuple[tuple[str, str], ...] = (
    ("Иванов", "Иванова"),
    ("Смирнов", "Смирнова"),
    ("Кузнецов", "Кузнецова"),
    ("Попов", "Попова"),
    ("Васильев", "Васильева"),
    ("Петров", "Петрова"),
    ("Соколов", "Соколова"),
    ("Михайлов", "Михайлова"),
    ("Новиков", "Новикова"),
    ("Фёдоров", "Фёдорова"),
    ("Морозов", "Морозова"),
    ("Волков", "Волкова"),
    ("Алексеев", "Алексеева"),
    ("Лебедев", "Лебедева"),
    ("Семёнов", "Семёнова"),
    ("Егоров", "Егорова"),
    ("Павлов", "Павлова"),
    ("Козлов", "Козлова"),
    ("Степанов", "Степанова"),
    ("Николаев", "Николаева"),
    ("Орлов", "Орлова"),
    ("Андреев", "Андреева"),
    ("Макаров", "Макарова"),
    ("Никитин", "Никитина"),
    ("Захаров", "Захарова"),
    ("Зайцев", "Зайцева"),
    ("Соловьёв", "Соловьёва"),
    ("Борисов", "Борисова"),
    ("Яковлев", "Яковлева"),
    ("Григорьев", "Григорьева"),
    ("Романов", "Романова"),
    ("Воробьёв", "Воробьёва"),
    ("Сергеев", "Сергеева"),
    ("Кузьмин", "Кузьмина"),
    ("Фролов", "Фролова"),
    ("Александров", "Александрова"),
    ("Дмитриев", "Дмитриева"),
    ("Королёв", "Королёва"),
    ("Гусев", "Гусева"),
    ("Киселёв", "Киселёва"),
    ("Ильин", "Ильина"),
    ("Максимов", "Максимова"),
    ("Поляков", "Полякова"),
    ("Сорокин", "Сорокина"),
    ("Виноградов", "Виноградова"),
    ("Ковалёв", "Ковалёва"),
    ("Белов", "Белова"),
    ("Медведев", "Медведева"),
    ("Антонов", "Антонова"),
    ("Тарасов", "Тарасова"),
    ("Жуков", "Жукова"),
    ("Баранов", "Баранова"),
    ("Филиппов", "Филиппова"),
    ("Комаров", "Комарова"),
    ("Давыдов", "Давыдова"),
    ("Беляев", "Беляева"),
    ("Герасимов", "Герасимова"),
    ("Богданов", "Богданова"),
    ("Осипов", "Осипова"),
    ("Сидоров", "Сидорова"),
    ("Матвеев", "Матвеева"),
    ("Титов", "Титова"),
    ("Марков", "Маркова"),
    ("Миронов", "Миронова"),
    ("Крылов", "Крылова"),
    ("Куликов", "Куликова"),
    ("Карпов", "Карпова"),
    ("Власов", "Власова"),
    ("Мельников", "Мельникова"),
    ("Денисов", "Денисова"),
    ("Гаврилов", "Гаврилова"),
    ("Ершов", "Ершова"),
    ("Пестов", "Пестова"),
    ("Щукин", "Щукина"),
    ("Хабибуллин", "Хабибуллина"),
    ("Гарипов", "Гарипова"),
    ("Сафин", "Сафина"),
    ("Островский", "Островская"),
    ("Вишневский", "Вишневская"),
    ("Покровский", "Покровская"),
    ("Трубецкой", "Трубецкая"),
    ("Шевчук", "Шевчук"),
    ("Ли", "Ли"),
    ("Ким", "Ким"),
    ("Дюма", "Дюма"),
    ("Коваленко", "Коваленко"),
    ("Бондаренко", "Бондаренко"),
    ("Черных", "Черных"),
    ("Седых", "Седых"),
)

# Men's names with the patronymics they give: (name, son's, daughter's).
_FATHERS: tuple[tuple[str, str, str], ...] = (
    ("Александр", "Александрович", "Александровна"),
    ("Алексей", "Алексеевич", "Алексеевна"),
    ("Андрей", "Андреевич", "Андреевна"),
    ("Антон", "Антонович", "Антоновна"),
    ("Артём", "Артёмович", "Артёмовна"),
    ("Денис", "Денисович", "Денисовна"),
    ("Дмитрий", "Дмитриевич", "Дмитриевна"),
    ("Евгений", "Евгеньевич", "Евгеньевна"),
    ("Иван", "Иванович", "Ивановна"),
    ("Игорь", "Игоревич", "Игоревна"),
    ("Илья", "Ильич", "Ильинична"),
    ("Кирилл", "Кириллович", "Кирилловна"),
    ("Константин", "Константинович", "Константиновна"),
    ("Кузьма", "Кузьмич", "Кузьминична"),
    ("Максим", "Максимович", "Максимовна"),
    ("Михаил", "Михайлович", "Михайловна"),
    ("Никита", "Никитич", "Никитична"),
    ("Николай", "Николаевич", "Николаевна"),
    ("Олег", "Олегович", "Олеговна"),
    ("Павел", "Павлович", "Павловна"),
    ("Пётр", "Петрович", "Петровна"),
    ("Роман", "Романович", "Романовна"),
    ("Сергей", "Сергеевич", "Сергеевна"),
    ("Семён", "Семёнович", "Семёновна"),
    ("Фёдор", "Фёдорович", "Фёдоровна"),
    ("Юрий", "Юрьевич", "Юрьевна"),
    ("Владимир", "Владимирович", "Владимировна"),
    ("Виктор", "Викторович", "Викторовна"),
    ("Василий", "Васильевич", "Васильевна"),
    ("Вадим", "Вадимович", "Вадимовна"),
    ("Руслан", "Русланович", "Руслановна"),
    ("Ринат", "Ринатович", "Ринатовна"),
    ("Станислав", "Станиславович", "Станиславовна"),
    ("Тимур", "Тимурович", "Тимуровна"),
    ("Лука", "Лукич", "Лукинична"),
)

# Grandfathers: the patronymics of parents and staff.
_GRANDFATHERS: tuple[tuple[str, str, str], ...] = (
    *_FATHERS[:31],
    ("Анатолий", "Анатольевич", "Анатольевна"),
    ("Валерий", "Валерьевич", "Валерьевна"),
    ("Геннадий", "Геннадьевич", "Геннадьевна"),
    ("Борис", "Борисович", "Борисовна"),
    ("Леонид", "Леонидович", "Леонидовна"),
    ("Григорий", "Григорьевич", "Григорьевна"),
    ("Вячеслав", "Вячеславович", "Вячеславовна"),
    ("Фома", "Фомич", "Фоминична"),
)

_BOYS: tuple[str, ...] = (
    "Александр",
    "Михаил",
    "Максим",
    "Артём",
    "Лев",
    "Марк",
    "Иван",
    "Матвей",
    "Дмитрий",
    "Даниил",
    "Тимофей",
    "Роман",
    "Кирилл",
    "Егор",
    "Фёдор",
    "Илья",
    "Андрей",
    "Никита",
    "Семён",
    "Пётр",
    "Алексей",
    "Владимир",
    "Арсений",
    "Мирон",
    "Ярослав",
    "Степан",
    "Савелий",
    "Платон",
    "Глеб",
    "Тимур",
    "Святослав",
    "Макар",
    "Богдан",
    "Всеволод",
    "Захар",
)
_GIRLS: tuple[str, ...] = (
    "София",
    "Мария",
    "Анна",
    "Алиса",
    "Ева",
    "Виктория",
    "Полина",
    "Варвара",
    "Василиса",
    "Александра",
    "Вероника",
    "Таисия",
    "Милана",
    "Ульяна",
    "Алёна",
    "Арина",
    "Дарья",
    "Елизавета",
    "Кира",
    "Мирослава",
    "Любовь",
    "Анна-Мария",
    "Софья",
    "Есения",
    "Злата",
    "Агата",
    "Ксения",
    "Ника",
    "Екатерина",
    "Валерия",
    "Стефания",
    "Ярослава",
    "Маргарита",
)
_WOMEN: tuple[str, ...] = (
    "Анна",
    "Елена",
    "Ольга",
    "Наталья",
    "Екатерина",
    "Татьяна",
    "Мария",
    "Ирина",
    "Светлана",
    "Юлия",
    "Анастасия",
    "Дарья",
    "Ксения",
    "Алёна",
    "Виктория",
    "Евгения",
    "Надежда",
    "Марина",
    "Оксана",
    "Валентина",
    "Галина",
    "Людмила",
    "Кристина",
    "Яна",
    "Вера",
    "Любовь",
    "Алина",
    "Полина",
)

# Children whose names test the edges: (surname, name, patronymic, sex, guardian).
_TRICKY_CHILDREN: tuple[tuple[str, str, str | None, str, str], ...] = (
    ("Соколов", "Илья", "Кузьмич", "м", "Соколов Кузьма Андреевич"),
    ("Орлова", "Любовь", "Никитична", "ж", "Орлова Дарья Сергеевна"),
    ("Кузнецова", "Варвара", "Ильинична", "ж", "Кузнецов Илья Романович"),
    ("Дюма", "Анна-Мария", "Александровна", "ж", "Дюма Александр Петрович"),
    ("Ли", "Алиса", None, "ж", "Ли Марина Олеговна"),
    ("Шевчук", "Семён", "Андреевич", "м", "Шевчук Алёна Викторовна"),
    ("Киселёва", "Алёна", "Петровна", "ж", "Киселёв Пётр Сергеевич"),
    ("Фёдоров", "Пётр", "Семёнович", "м", "Фёдорова Ксения Ильинична"),
)

# ------------------------------------------------------------------- places

_STREETS: tuple[str, ...] = (
    "ул. Садовая",
    "ул. Школьная",
    "ул. Лесная",
    "ул. Советская",
    "ул. Молодёжная",
    "ул. Центральная",
    "ул. Новая",
    "ул. Набережная",
    "ул. Ленина",
    "ул. Гагарина",
    "ул. Пушкина",
    "ул. Комсомольская",
    "ул. Заречная",
    "ул. Полевая",
    "ул. Строителей",
    "ул. Победы",
    "ул. Октябрьская",
    "ул. Первомайская",
    "ул. Берёзовая",
    "ул. 8 Марта",
    "пр-т Мира",
    "пр-т Космонавтов",
    "пер. Почтовый",
    "пер. Тихий",
    "б-р Юности",
)
_CITY = "г. Энск"

_INSTITUTION_NAMES: tuple[str, ...] = (
    "Родничок",
    "Алёнушка",
    "Аистёнок",
    "Ручеёк",
    "Золотая рыбка",
    "Журавлик",
    "Снегирёк",
)

# Group names by position in the plan; the first twelve are the default kindergarten.
_GROUP_NAMES: tuple[str, ...] = (
    "Капелька",
    "Ладушки",
    "Колокольчик",
    "Ромашка",
    "Солнышко",
    "Звёздочка",
    "Радуга",
    "Теремок",
    "Почемучки",
    "Пчёлка",
    "Непоседы",
    "Семицветик",
    "Берёзка",
    "Рябинка",
    "Незабудка",
    "Василёк",
    "Одуванчик",
    "Кораблик",
    "Лучик",
    "Гномики",
    "Улыбка",
    "Дельфин",
    "Журавушка",
    "Сказка",
    "Медвежонок",
    "Золотой ключик",
    "Жемчужинка",
    "Светлячок",
)

# Federal holidays that fall on fixed dates (month, day): no one is hired or enrolled on them.
_HOLIDAYS = frozenset(
    {(1, d) for d in range(1, 9)} | {(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)}
)


def _workday(day: date) -> date:
    """The day itself or the next one that is neither a weekend nor a fixed holiday."""
    while day.weekday() >= 5 or (day.month, day.day) in _HOLIDAYS:
        day += timedelta(days=1)
    return day


def _months_before(day: date, months: int) -> date:
    """The same day of the month ``months`` earlier (clamped to the month's end)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _birth_span(category: str) -> tuple[date, int]:
    """The earliest birth date of a category on 1 September and the span in days."""
    low, high = AGE_CATEGORIES[category]
    earliest = _months_before(SCHOOL_YEAR_START, high) + timedelta(days=1)
    latest = _months_before(SCHOOL_YEAR_START, low)
    return earliest, (latest - earliest).days


def _pick(rng: random.Random, items: Sequence[_T]) -> _T:
    """A uniformly random item; cheaper than ``rng.choice`` in the hot loop."""
    return items[int(rng.random() * len(items))]


def _phone(rng: random.Random) -> str:
    digits = f"{int(rng.random() * 10**9):09d}"
    return f"+7 9{digits[:2]} {digits[2:5]}-{digits[5:7]}-{digits[7:]}"


def _address(rng: random.Random) -> str:
    street = _pick(rng, _STREETS)
    house = str(1 + int(rng.random() * 120))
    if rng.random() < 0.08:
        house += _pick(rng, "аб")
    if rng.random() < 0.18:
        return f"{_CITY}, {street}, д. {house}"  # a private house
    return f"{_CITY}, {street}, д. {house}, кв. {1 + int(rng.random() * 180)}"


def _key(last: str, first: str, patronymic: str | None, born: date) -> tuple[str, date]:
    """The uniqueness key of a pupil: the full name read loosely, and the birth date."""
    full = " ".join(p for p in (last, first, patronymic) if p)
    return full.lower().replace("ё", "е"), born


def _row_key(row: Mapping[str, object]) -> tuple[str, date] | None:
    """The uniqueness key of a pupils-form row, if its name and birth date are well formed."""
    last, first, patronymic, born = (
        row.get("Фамилия"),
        row.get("Имя"),
        row.get("Отчество"),
        row.get("Дата рождения"),
    )
    if not (isinstance(last, str) and isinstance(first, str) and isinstance(born, date)):
        return None
    return _key(last, first, patronymic if isinstance(patronymic, str) else None, born)


# ------------------------------------------------------------------- pupils


@dataclass
class _Family:
    surname: tuple[str, str]
    father: tuple[str, str, str]
    guardian: str
    address: str
    phone: str
    births: list[date] = field(default_factory=list)
    names: set[str] = field(default_factory=set)


def _new_family(rng: random.Random) -> _Family:
    surname = _pick(rng, _SURNAMES)
    father = _pick(rng, _FATHERS)
    grandfather = _pick(rng, _GRANDFATHERS)
    if rng.random() < 0.72:
        guardian = f"{surname[1]} {_pick(rng, _WOMEN)} {grandfather[2]}"
    else:
        guardian = f"{surname[0]} {father[0]} {grandfather[1]}"
    return _Family(surname, father, guardian, _address(rng), _phone(rng))


def _enrolment(rng: random.Random, category: str, born: date) -> date:
    """Most children start on 1 September 2026; some older ones came in earlier years."""
    if category in _UNDER_THREE or rng.random() >= 0.3:
        return SCHOOL_YEAR_START
    youngest = _months_before(born, -18)  # 1.5 years old
    years = [y for y in range(2019, SCHOOL_YEAR_START.year) if date(y, 9, 1) >= youngest]
    if not years:
        return SCHOOL_YEAR_START
    start = _workday(date(rng.choice(years), 9, 1))
    if rng.random() < 0.7:
        return start
    return min(_workday(start + timedelta(days=rng.randint(7, 260))), date(start.year + 1, 5, 29))


def _pupil_row(
    last: str,
    first: str,
    patronymic: str | None,
    sex: str,
    born: date,
    group: str,
    enrolled: date,
    family: _Family | None,
    guardian: str,
    rng: random.Random,
) -> dict[str, object]:
    return {
        "Фамилия": last,
        "Имя": first,
        "Отчество": patronymic,
        "Пол": sex,
        "Дата рождения": born,
        "Группа": group,
        "Дата зачисления": enrolled,
        "Адрес": family.address if family else _address(rng),
        "Родитель (законный представитель)": guardian,
        "Телефон": family.phone if family else _phone(rng),
    }


def _default_categories() -> dict[str, str]:
    return {name: category for name, category, _ in _plan_groups(12)}


def generate_pupil_rows(
    count: int,
    group_names: list[str],
    *,
    seed: int,
    categories: Mapping[str, str] | None = None,
    sizes: Sequence[int] | None = None,
) -> list[dict[str, object]]:
    """Rows of a pupils form (Воспитанники): ``count`` children spread over the groups.

    Birth dates fit each group's age category on 1 September 2026. ``categories``
    maps a group name to its category label (as in :data:`AGE_CATEGORIES`); when it
    is omitted, the default demo groups (:func:`build_demo` with 12 groups) are
    known by name and any other group is taken as «разновозрастная» (3–7 years).
    ``sizes`` gives the children per group, parallel to ``group_names``; by default
    they are spread evenly. Full name plus birth date is unique (``ё`` read as ``е``),
    siblings share a guardian, address and phone, and a handful of children with
    tricky names (Илья Кузьмич, Любовь Никитична, Анна-Мария, no patronymic, ``ё``)
    are included when ``count`` is at least 40. Rows come ordered by group, then name.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    if not group_names:
        raise ValueError("at least one group is needed")
    known = dict(categories) if categories is not None else _default_categories()
    group_category = {name: known.get(name, _MIXED) for name in group_names}
    for name, category in group_category.items():
        if category not in AGE_CATEGORIES:
            raise ValueError(f"unknown age category {category!r} of group {name!r}")
    if sizes is None:
        share, extra = divmod(count, len(group_names))
        sizes = [share + (1 if i < extra else 0) for i in range(len(group_names))]
    if len(sizes) != len(group_names) or sum(sizes) != count or min(sizes) < 0:
        raise ValueError("sizes must give a non-negative count for every group, summing to count")

    rng = random.Random(f"pupils:{seed}")
    spans = {name: _birth_span(category) for name, category in group_category.items()}
    slots = [name for name, size in zip(group_names, sizes, strict=True) for _ in range(size)]
    tricky = (
        dict(zip(rng.sample(range(count), len(_TRICKY_CHILDREN)), _TRICKY_CHILDREN, strict=True))
        if count >= 40
        else {}
    )
    seen: set[tuple[str, date]] = set()
    families: list[_Family] = []
    rows: list[dict[str, object]] = []
    for index, group in enumerate(slots):
        earliest, span = spans[group]
        category = group_category[group]
        special = tricky.get(index)
        if special is not None:
            last, first, patronymic, sex, guardian = special
            while True:
                born = earliest + timedelta(days=rng.randint(0, span))
                key = _key(last, first, patronymic, born)
                if key not in seen:
                    break
            seen.add(key)
            rows.append(
                _pupil_row(
                    last, first, patronymic, sex, born, group,
                    _enrolment(rng, category, born), None, guardian, rng,
                )
            )  # fmt: skip
            continue
        while True:
            born = earliest + timedelta(days=int(rng.random() * (span + 1)))
            family: _Family | None = None
            if families and rng.random() < 0.07:
                sibling_of = _pick(rng, families)
                if all(abs((born - other).days) >= 400 for other in sibling_of.births):
                    family = sibling_of
            if family is None:
                family = _new_family(rng)
            male = rng.random() < 0.51
            sex = "м" if male else "ж"
            last = family.surname[0] if male else family.surname[1]
            first = _pick(rng, _BOYS if male else _GIRLS)
            patronymic = family.father[1] if male else family.father[2]
            key = _key(last, first, patronymic, born)
            if key not in seen and first not in family.names:
                break
        seen.add(key)
        if not family.births:
            families.append(family)
        family.births.append(born)
        family.names.add(first)
        rows.append(
            _pupil_row(
                last, first, patronymic, sex, born, group,
                _enrolment(rng, category, born), family, family.guardian, rng,
            )
        )  # fmt: skip
    order = {name: i for i, name in enumerate(group_names)}

    def sort_key(row: dict[str, object]) -> tuple[int, str]:
        name = f"{row['Фамилия']} {row['Имя']} {row['Отчество'] or ''}"
        return order[str(row["Группа"])], name.lower().replace("ё", "е")

    rows.sort(key=sort_key)
    return rows


# ------------------------------------------------------------------- staff

_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}  # fmt: skip


def _translit(text: str) -> str:
    return "".join(
        _TRANSLIT.get(ch, ch if ch.isascii() and ch.isalnum() else "") for ch in text.lower()
    )


@dataclass(frozen=True)
class _Post:
    title: str
    role: str | None
    female_share: float
    rates: tuple[float, ...]


_HEAD = _Post("заведующий", "заведующий", 0.9, (1.0,))
_METHODIST = _Post("старший воспитатель", "старший воспитатель", 1.0, (1.0,))
_CLERK = _Post("делопроизводитель", "делопроизводитель", 1.0, (1.0, 0.75))
_TEACHER = _Post("воспитатель", "воспитатель", 0.96, (1.0, 1.0, 1.0, 1.25, 0.75))
_MUSIC = _Post("музыкальный руководитель", "специалист", 0.85, (1.0, 1.25))
_PE = _Post("инструктор по физической культуре", "специалист", 0.5, (1.0, 1.25))
_LOGOPED = _Post("учитель-логопед", "специалист", 1.0, (1.0,))
_PSYCHOLOGIST = _Post("педагог-психолог", None, 1.0, (0.5, 1.0))
_NURSE = _Post("медицинская сестра", "медицинская сестра", 1.0, (1.0,))
_CORE_POSTS = (_HEAD, _METHODIST, _CLERK, _MUSIC, _PE, _LOGOPED, _PSYCHOLOGIST, _NURSE)
_SUPPORT_POSTS = (
    _Post("завхоз", None, 0.4, (1.0,)),
    _Post("повар", None, 0.9, (1.0,)),
    _Post("помощник воспитателя", None, 1.0, (1.0,)),
    _Post("помощник воспитателя", None, 1.0, (1.0,)),
    _Post("повар", None, 0.9, (1.0,)),
    _Post("помощник воспитателя", None, 1.0, (1.0, 0.5)),
    _Post("машинист по стирке и ремонту спецодежды", None, 1.0, (1.0, 0.5)),
    _Post("сторож", None, 0.2, (1.0, 0.5)),
    _Post("дворник", None, 0.5, (0.5, 1.0)),
    _Post("кухонный рабочий", None, 0.9, (1.0,)),
)
_HELPER = _Post("помощник воспитателя", None, 1.0, (1.0,))


@dataclass(frozen=True)
class _Person:
    number: str
    last: str
    first: str
    patronymic: str
    post: _Post
    hired: date
    rate: float
    login: str | None

    @property
    def full(self) -> str:
        return f"{self.last} {self.first} {self.patronymic}"


def _hire_date(rng: random.Random, post: _Post) -> date:
    first_year = 1998 if post in (_HEAD, _METHODIST) else 2004
    start = date(first_year, 1, 10)
    day = start + timedelta(days=rng.randint(0, (date(2026, 8, 20) - start).days))
    return _workday(day)


def _make_staff(rng: random.Random, groups: int, employees: int) -> list[_Person]:
    posts = [*_CORE_POSTS, *([_TEACHER] * (2 * groups))]
    if employees < len(posts):
        raise ValueError(
            f"{employees} employees are too few for {groups} groups: need at least {len(posts)}"
        )
    for i in range(employees - len(posts)):
        posts.append(_SUPPORT_POSTS[i] if i < len(_SUPPORT_POSTS) else _HELPER)
    drafts: list[tuple[str, str, str, _Post, date, float]] = []
    names: set[str] = set()
    for post in posts:
        while True:
            female = rng.random() < post.female_share
            surname = rng.choice(_SURNAMES)[1 if female else 0]
            first = rng.choice(_WOMEN) if female else rng.choice(_GRANDFATHERS)[0]
            patronymic = rng.choice(_GRANDFATHERS)[2 if female else 1]
            full = f"{surname} {first} {patronymic}"
            if full not in names:
                names.add(full)
                break
        drafts.append(
            (surname, first, patronymic, post, _hire_date(rng, post), rng.choice(post.rates))
        )
    drafts.sort(key=lambda d: d[4])  # табельные номера follow the hiring order
    logins: set[str] = set()
    staff: list[_Person] = []
    for number, (surname, first, patronymic, post, hired, rate) in enumerate(drafts, start=1):
        login: str | None = None
        if post.role is not None:
            base = f"{_translit(surname)[:24]}.{_translit(first)[0]}{_translit(patronymic)[0]}"
            login, suffix = base, 2
            while login in logins:
                login, suffix = f"{base}{suffix}", suffix + 1
            logins.add(login)
        staff.append(_Person(f"{number:04d}", surname, first, patronymic, post, hired, rate, login))
    return staff


def _staff_rows(staff: list[_Person]) -> list[dict[str, object]]:
    return [
        {
            "Табельный номер": p.number,
            "Фамилия": p.last,
            "Имя": p.first,
            "Отчество": p.patronymic,
            "Должность": p.post.title,
            "Дата приёма": p.hired,
            "Ставка": p.rate,
            "Логин": p.login,
            "Роль": p.post.role if p.login else None,
        }
        for p in staff
    ]


# ------------------------------------------------------------------- groups

_MAIN_PROFILE = "Основная образовательная программа"
_SPEECH_PROFILE = "Коррекция тяжёлых нарушений речи"
_INCLUSIVE_PROFILE = "Инклюзивное образование"
_PROFILES: tuple[tuple[str, str, str], ...] = (
    (
        _MAIN_PROFILE,
        "общеразвивающая",
        "Образовательная программа дошкольного образования детского сада, разработанная "
        "по ФОП ДО и ФГОС ДО",
    ),
    (
        _SPEECH_PROFILE,
        "компенсирующая",
        "Адаптированная образовательная программа для детей с тяжёлыми нарушениями речи (ТНР)",
    ),
    (
        _INCLUSIVE_PROFILE,
        "комбинированная",
        "Совместное образование детей с нормой развития и детей с ОВЗ по адаптированной программе",
    ),
)
_CATEGORY_ORDER = (_EARLY, _JUNIOR1, _JUNIOR2, _MIDDLE, _SENIOR, _PREP, _MIXED)
_WEIGHTS = {
    _EARLY: 0.7,
    _JUNIOR1: 0.85,
    _JUNIOR2: 1.0,
    _MIDDLE: 1.05,
    _SENIOR: 1.05,
    _PREP: 1.05,
    _MIXED: 0.8,
}
_COMPENSATING_SIZE = 10  # ТНР, over three years old (Порядок … № 373)


def _plan_groups(count: int) -> list[tuple[str, str, str]]:
    """(name, age category, orientation) of each group; depends on the count only."""
    if count < 1:
        raise ValueError("at least one group is needed")
    if count >= len(_CATEGORY_ORDER):
        categories = list(_CATEGORY_ORDER)
        extra = (_JUNIOR1, _JUNIOR2, _MIDDLE, _SENIOR, _PREP)
        categories += [extra[i % len(extra)] for i in range(count - len(_CATEGORY_ORDER))]
    else:
        categories = [_JUNIOR2, _MIDDLE, _SENIOR, _PREP, _JUNIOR1, _EARLY][:count]
    categories.sort(key=_CATEGORY_ORDER.index)
    orientations = ["общеразвивающая"] * count
    seniors = [i for i, c in enumerate(categories) if c == _SENIOR]
    middles = [i for i, c in enumerate(categories) if c == _MIDDLE]
    if count >= 4 and seniors:
        orientations[seniors[-1]] = "компенсирующая"
    if count >= 6 and middles:
        orientations[middles[-1]] = "комбинированная"
    names = [
        _GROUP_NAMES[i] if i < len(_GROUP_NAMES) else f"Группа № {i + 1}" for i in range(count)
    ]
    return list(zip(names, categories, orientations, strict=True))


def _headcounts(plan: list[tuple[str, str, str]], pupils: int, rng: random.Random) -> list[int]:
    counts = [0] * len(plan)
    rest = pupils
    for i, (_, _, orientation) in enumerate(plan):
        if orientation == "компенсирующая":
            counts[i] = min(_COMPENSATING_SIZE, pupils // len(plan))
            rest -= counts[i]
    free = [i for i, (_, _, o) in enumerate(plan) if o != "компенсирующая"] or list(
        range(len(plan))
    )
    weights = {i: _WEIGHTS[plan[i][1]] * rng.uniform(0.93, 1.07) for i in free}
    total = sum(weights.values())
    shares = {i: rest * w / total for i, w in weights.items()}
    for i, share in shares.items():
        counts[i] += int(share)
    left = pupils - sum(counts)
    for i in sorted(free, key=lambda i: shares[i] - int(shares[i]), reverse=True)[:left]:
        counts[i] += 1
    return counts


def _areas(
    plan: list[tuple[str, str, str]], counts: list[int], rng: random.Random
) -> tuple[list[float], int | None]:
    """Room areas (m², one decimal) fitting each headcount, but for one group that is full."""
    over: int | None = None
    candidates = [
        i
        for i, (_, category, orientation) in enumerate(plan)
        if orientation == "общеразвивающая" and category in (_JUNIOR2, _MIDDLE) and counts[i] >= 22
    ]
    if candidates:
        over = max(candidates, key=lambda i: counts[i])
    areas: list[float] = []
    for i, (_, category, _) in enumerate(plan):
        per_child = 25 if category in _UNDER_THREE else 20  # tenths of m²
        if i == over:
            capacity = counts[i] - rng.randint(1, 2)
            tenths = capacity * per_child + rng.randint(0, per_child - 1)
        else:
            low = max(400, counts[i] * per_child)
            tenths = rng.randint(low, max(low, 600))
        areas.append(tenths / 10)
    return areas, over


def _join_people(people: list[_Person], by_number: bool, separator: str) -> str:
    return separator.join(p.number if by_number else p.full for p in people)


# ------------------------------------------------------------------- NOD

# (kind, educational area, per week, who leads, room)
_Nod = tuple[str, str, int, str, str]
_SPEECH = "речевое развитие"
_COGNITIVE = "познавательное развитие"
_ART = "художественно-эстетическое развитие"
_PHYSICAL = "физическое развитие"
_GROUP_ROOM = "групповая"
_MUSIC_HALL = "музыкальный зал"
_GYM = "спортивный зал"
_NOD_YOUNG: tuple[_Nod, ...] = (
    ("Развитие речи", _SPEECH, 2, "teacher", _GROUP_ROOM),
    ("Ознакомление с окружающим миром", _COGNITIVE, 1, "teacher", _GROUP_ROOM),
    ("Конструирование", _COGNITIVE, 1, "teacher", _GROUP_ROOM),
    ("Рисование", _ART, 1, "teacher", _GROUP_ROOM),
    ("Лепка/Аппликация", _ART, 1, "teacher", _GROUP_ROOM),
    ("Музыка", _ART, 2, "music", _MUSIC_HALL),
    ("Физическая культура", _PHYSICAL, 2, "pe", _GYM),
)
_NOD_MIDDLE: tuple[_Nod, ...] = (
    ("Развитие речи", _SPEECH, 1, "teacher", _GROUP_ROOM),
    ("ФЭМП", _COGNITIVE, 1, "teacher", _GROUP_ROOM),
    ("Ознакомление с окружающим миром", _COGNITIVE, 1, "teacher", _GROUP_ROOM),
    ("Рисование", _ART, 1, "teacher", _GROUP_ROOM),
    ("Лепка/Аппликация", _ART, 1, "teacher", _GROUP_ROOM),
    ("Музыка", _ART, 2, "music", _MUSIC_HALL),
    ("Физическая культура", _PHYSICAL, 3, "pe", _GYM),
)
_NOD_SENIOR: tuple[_Nod, ...] = (
    ("Развитие речи", _SPEECH, 2, "teacher", _GROUP_ROOM),
    ("ФЭМП", _COGNITIVE, 1, "teacher", _GROUP_ROOM),
    ("Ознакомление с окружающим миром", _COGNITIVE, 1, "teacher", _GROUP_ROOM),
    ("Конструирование", _COGNITIVE, 1, "teacher", _GROUP_ROOM),
    ("Рисование", _ART, 2, "teacher", _GROUP_ROOM),
    ("Лепка/Аппликация", _ART, 1, "teacher", _GROUP_ROOM),
    ("Музыка", _ART, 2, "music", _MUSIC_HALL),
    ("Физическая культура", _PHYSICAL, 3, "pe", _GYM),
)
_NOD_SPEECH_THERAPY: tuple[_Nod, ...] = (
    ("Развитие речи", _SPEECH, 1, "teacher", _GROUP_ROOM),
    ("Логопедическое занятие", _SPEECH, 2, "logoped", _GROUP_ROOM),
    ("ФЭМП", _COGNITIVE, 1, "teacher", _GROUP_ROOM),
    ("Ознакомление с окружающим миром", _COGNITIVE, 1, "teacher", _GROUP_ROOM),
    ("Конструирование", _COGNITIVE, 1, "teacher", _GROUP_ROOM),
    ("Рисование", _ART, 1, "teacher", _GROUP_ROOM),
    ("Лепка/Аппликация", _ART, 1, "teacher", _GROUP_ROOM),
    ("Музыка", _ART, 2, "music", _MUSIC_HALL),
    ("Физическая культура", _PHYSICAL, 3, "pe", _GYM),
)
_NOD_PREP: tuple[_Nod, ...] = (
    ("Развитие речи", _SPEECH, 2, "teacher", _GROUP_ROOM),
    ("ФЭМП", _COGNITIVE, 2, "teacher", _GROUP_ROOM),
    ("Ознакомление с окружающим миром", _COGNITIVE, 1, "teacher", _GROUP_ROOM),
    ("Конструирование", _COGNITIVE, 1, "teacher", _GROUP_ROOM),
    ("Рисование", _ART, 2, "teacher", _GROUP_ROOM),
    ("Лепка/Аппликация", _ART, 1, "teacher", _GROUP_ROOM),
    ("Музыка", _ART, 2, "music", _MUSIC_HALL),
    ("Физическая культура", _PHYSICAL, 3, "pe", _GYM),
)
_NOD_PLANS: dict[str, tuple[_Nod, ...]] = {
    _EARLY: _NOD_YOUNG,
    _JUNIOR1: _NOD_YOUNG,
    _JUNIOR2: _NOD_MIDDLE,
    _MIDDLE: _NOD_MIDDLE,
    _SENIOR: _NOD_SENIOR,
    _PREP: _NOD_PREP,
    _MIXED: _NOD_MIDDLE,
}


def _nod_rows(
    plan: list[tuple[str, str, str]],
    teachers: list[list[_Person]],
    specialists: dict[str, _Person],
    rng: random.Random,
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for (group, category, orientation), own in zip(plan, teachers, strict=True):
        nods = _NOD_SPEECH_THERAPY if orientation == "компенсирующая" else _NOD_PLANS[category]
        by_number = rng.random() < 0.5
        for kind, area, per_week, who, room in nods:
            if who == "teacher" or (who == "pe" and category == _EARLY):
                person = rng.choice(own)
                room = _GROUP_ROOM
            else:
                person = specialists[who]
            rows.append(
                {
                    "Группа": group,
                    "Вид НОД": kind,
                    "Образовательная область": area,
                    "Занятий в неделю": per_week,
                    "Педагог": person.number if by_number else person.full,
                    "Помещение": room,
                }
            )
    return rows


# ------------------------------------------------------------------- broken form


def _broken_rows(
    plan: list[tuple[str, str, str]], pupils: list[dict[str, object]], rng: random.Random
) -> list[dict[str, object]]:
    """A pupils form with one mistake per row, except two correct rows."""
    names = [name for name, _, _ in plan]
    by_category: dict[str, str] = {}
    for name, category, _ in plan:
        by_category.setdefault(category, name)
    fresh = generate_pupil_rows(
        39,  # fewer than 40: no tricky names among them
        names,
        seed=rng.randrange(2**31),
        categories={name: category for name, category, _ in plan},
    )
    taken = {_row_key(r) for r in pupils}
    usable = [r for r in fresh if _row_key(r) not in taken]
    picked = rng.sample(usable, 8)
    rows = [dict(r) for r in picked]

    # 1. An impossible date of birth, typed as text.
    senior = by_category.get(_SENIOR, names[0])
    rows[0]["Дата рождения"] = "31.02.2021"
    rows[0]["Группа"] = senior
    # 2. A group that does not exist: a near miss of a real name.
    near = [(name, category) for name, category, _ in plan if name.endswith("ка")]
    if near:
        real, category = near[0]
        rows[1]["Группа"] = real[:-1] + "и"  # «Ромашки» for «Ромашка»
        earliest, span = _birth_span(category)
        rows[1]["Дата рождения"] = earliest + timedelta(days=rng.randint(0, span))
        rows[1]["Дата зачисления"] = SCHOOL_YEAR_START
    else:
        rows[1]["Группа"] = "Лесовичок"
    # 3. No surname.
    rows[2]["Фамилия"] = None
    # 4. Sex as a Latin letter.
    rows[3]["Пол"] = "x"
    # 5. A surname with a Latin «o» among Cyrillic letters.
    rows[4]["Фамилия"] = "Иванoва"
    rows[4]["Пол"] = "ж"
    rows[4]["Имя"] = "Дарья"
    rows[4]["Отчество"] = "Олеговна"
    rows[4]["Родитель (законный представитель)"] = "Иванова Ольга Петровна"
    # 6. A patronymic that does not agree with the stated sex.
    patronymic = str(rows[5]["Отчество"])
    if rows[5]["Пол"] == "м":
        rows[5]["Отчество"] = next(f for _, s, f in _FATHERS if s == patronymic)
    else:
        rows[5]["Отчество"] = next(s for _, s, f in _FATHERS if f == patronymic)
    # 7, 8: correct rows.
    return rows


# ------------------------------------------------------------------- the kindergarten


def build_demo(
    seed: int = 2026, *, pupils: int = 250, groups: int = 12, employees: int = 40
) -> DemoKindergarten:
    """A fictional kindergarten for the year 2026/2027, deterministic for a seed.

    The forms come in set-up order (:data:`FORM_KINDS`): the staff list goes to
    ``admin``'s inbox; profiles, load limits and kinds of NOD to the senior
    teacher's (methodist's); groups and pupils to the clerk's. Every group has two
    teachers; exactly one general group is enrolled slightly over the capacity its
    room allows (when the headcounts leave room for that); the compensating group
    holds ten children. ``broken`` is a pupils form from the clerk with typical
    mistakes. ``employees`` must be at least ``8 + 2 * groups``.
    """
    if pupils < 0:
        raise ValueError("pupils must not be negative")
    rng = random.Random(f"demo:{seed}")
    plan = _plan_groups(groups)
    staff = _make_staff(rng, groups, employees)

    def first(post: _Post) -> _Person:
        return next(p for p in staff if p.post is post)

    methodist, clerk = first(_METHODIST), first(_CLERK)
    if methodist.login is None or clerk.login is None:  # pragma: no cover - posts have roles
        raise AssertionError("the methodist and the clerk must have logins")
    specialists = {"music": first(_MUSIC), "pe": first(_PE), "logoped": first(_LOGOPED)}
    all_teachers = [p for p in staff if p.post is _TEACHER]
    rng.shuffle(all_teachers)
    teachers = [all_teachers[2 * i : 2 * i + 2] for i in range(groups)]

    number = rng.randint(3, 148)
    title = rng.choice(_INSTITUTION_NAMES)
    autonomous = rng.random() < 0.2
    kind = "автономное" if autonomous else "бюджетное"
    institution = (
        f"Муниципальное {kind} дошкольное образовательное учреждение "
        f"«Детский сад № {number} «{title}»»"
    )
    short_name = f"{'МАДОУ' if autonomous else 'МБДОУ'} «Детский сад № {number}»"

    used_profiles = {o for _, _, o in plan}
    profiles = [p for p in _PROFILES if p[1] in used_profiles] or [_PROFILES[0]]
    if len(profiles) < 2:
        profiles = list(_PROFILES[:2])
    profile_rows: list[dict[str, object]] = [
        {"Профиль": name, "Направленность": orientation, "Описание": text}
        for name, orientation, text in profiles
    ]
    profile_of = {orientation: name for name, orientation, _ in profiles}

    limit_rows: list[dict[str, object]] = [
        {
            "Возрастная категория": category,
            "Длительность занятия, мин": activity,
            "Нагрузка в день, мин": daily,
            "Занятий в неделю": weekly,
        }
        for category, (activity, daily, weekly) in _LOAD_LIMITS.items()
    ]

    counts = _headcounts(plan, pupils, rng)
    areas, _ = _areas(plan, counts, rng)
    group_rows: list[dict[str, object]] = []
    for (name, category, orientation), area, own in zip(plan, areas, teachers, strict=True):
        profile = profile_of.get(orientation)
        if orientation == "общеразвивающая" and rng.random() < 0.3:
            profile = None
        group_rows.append(
            {
                "Группа": name,
                "Возрастная категория": category,
                "Направленность": orientation,
                "Площадь, м²": area,
                "Воспитатели": _join_people(own, rng.random() < 0.5, rng.choice(("; ", ", "))),
                "Профиль": profile,
            }
        )

    names = [name for name, _, _ in plan]
    pupil_rows = generate_pupil_rows(
        pupils,
        names,
        seed=rng.randrange(2**31),
        categories={name: category for name, category, _ in plan},
        sizes=counts,
    )
    nod_rows = _nod_rows(plan, teachers, specialists, rng)
    broken_rows = _broken_rows(plan, pupil_rows, rng)

    def form(kind: str, login: str, rows: list[dict[str, object]]) -> DemoForm:
        return DemoForm(kind, login, _FILE_NAMES[kind], rows)

    return DemoKindergarten(
        institution=institution,
        short_name=short_name,
        year=f"{SCHOOL_YEAR_START.year}/{SCHOOL_YEAR_START.year + 1}",
        forms=[
            form("staff", "admin", _staff_rows(staff)),
            form("profiles", methodist.login, profile_rows),
            form("load_limits", methodist.login, limit_rows),
            form("groups", clerk.login, group_rows),
            form("pupils", clerk.login, pupil_rows),
            form("nod_kinds", methodist.login, nod_rows),
        ],
        broken=DemoForm("pupils", clerk.login, _BROKEN_FILE_NAME, broken_rows),
    )
