"""Domain rules: categories, limits, calendar, names, roles, group capacity."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import pairwise

import pytest

from sgo_model.domain.age import AgeCategory, Orientation, full_years, plural_years
from sgo_model.domain.calendar import (
    AcademicYear,
    DayOverride,
    WorkingCalendar,
    statutory_holidays,
)
from sgo_model.domain.errors import DomainError
from sgo_model.domain.group import Group, area_per_child
from sgo_model.domain.limits import LoadLimits, check_limits, sanpin_defaults
from sgo_model.domain.people import (
    PersonName,
    Sex,
    check_login,
    check_name_part,
    resolve_sex,
    sex_from_patronymic,
)
from sgo_model.domain.roles import FormKind, Role, ensure_may_submit


def test_reads_age_categories_by_code_and_by_russian_name() -> None:
    assert AgeCategory.parse("Подготовительная к школе") is AgeCategory.PREP
    assert AgeCategory.parse("2 младшая") is AgeCategory.JUNIOR2
    assert AgeCategory.parse(" middle ") is AgeCategory.MIDDLE
    assert AgeCategory.parse("ясли") is AgeCategory.EARLY  # read by meaning
    with pytest.raises(DomainError, match="Неизвестная возрастная категория «большая»"):
        AgeCategory.parse("большая")


def test_promotion_moves_a_group_one_step_and_graduates_prep() -> None:
    chain = [AgeCategory.EARLY]
    while (following := chain[-1].next) is not None:
        chain.append(following)
    assert chain[-1] is AgeCategory.PREP
    assert len(chain) == 6
    assert AgeCategory.MIXED.next is None


def test_orientation_in_the_genitive() -> None:
    assert Orientation.parse("Компенсирующая").genitive == "компенсирующей"


def test_full_years_counts_birthdays() -> None:
    assert full_years(date(2022, 3, 12), date(2026, 3, 11)) == 3
    assert full_years(date(2022, 3, 12), date(2026, 3, 12)) == 4
    assert [plural_years(n) for n in (1, 3, 5, 11, 21, 22)] == [
        "1 год",
        "3 года",
        "5 лет",
        "11 лет",
        "21 год",
        "22 года",
    ]


def test_sanpin_defaults_pass_their_own_check() -> None:
    for limits in sanpin_defaults():
        check_limits(limits)


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        (LoadLimits(AgeCategory.MIDDLE, 25, 40), "не более 20 мин"),
        (LoadLimits(AgeCategory.PREP, 30, 100), "не более 90 мин"),
        (LoadLimits(AgeCategory.JUNIOR2, 15, 10), "меньше длительности одного занятия"),
        (LoadLimits(AgeCategory.MIXED, 10, 20), "по возрасту младших детей"),
    ],
)
def test_refuses_limits_looser_than_sanpin(limits: LoadLimits, message: str) -> None:
    with pytest.raises(DomainError, match=message):
        check_limits(limits)


def test_stricter_limits_are_allowed() -> None:
    check_limits(LoadLimits(AgeCategory.SENIOR, 20, 45, 13))


def test_academic_year_runs_from_september_to_august() -> None:
    year = AcademicYear.parse("2026/2027")
    assert (year.first_day, year.last_day) == (date(2026, 9, 1), date(2027, 8, 31))
    assert AcademicYear.containing(date(2027, 5, 20)) == year
    assert date(2027, 8, 31) in year and date(2027, 9, 1) not in year
    with pytest.raises(DomainError, match="2026/2028"):
        AcademicYear.parse("2026/2028")


def test_working_calendar_knows_holidays_transfers_and_overrides() -> None:
    calendar = WorkingCalendar(
        holidays={date(2026, 11, 4): "День народного единства"},
        weekend_workdays=frozenset({date(2027, 2, 20)}),
        overrides={date(2026, 11, 5): DayOverride(date(2026, 11, 5), False, "ремонт")},
    )
    assert not calendar.is_working_day(date(2026, 11, 4))
    assert calendar.why_closed(date(2026, 11, 4)) == "День народного единства"
    assert calendar.why_closed(date(2026, 11, 5)) == "ремонт"
    assert calendar.why_closed(date(2026, 11, 7)) == "выходной день"
    assert calendar.is_working_day(date(2027, 2, 20))  # a working Saturday
    november = list(calendar.working_days(date(2026, 11, 1), date(2026, 11, 30)))
    assert len(november) == 19


def test_capacity_follows_floor_area_per_child() -> None:
    middle = Group("Ромашка", AgeCategory.MIDDLE, Orientation.GENERAL, Decimal("50.5"))
    early = Group("Капелька", AgeCategory.EARLY, Orientation.GENERAL, Decimal("50.5"))
    mixed = Group("Радуга", AgeCategory.MIXED, Orientation.GENERAL, Decimal("50"))
    assert middle.capacity() == 25
    assert early.capacity() == 20
    assert mixed.capacity() == 25
    assert mixed.capacity(has_children_under_3=True) == 20


def test_sex_comes_from_the_patronymic_when_not_stated() -> None:
    assert sex_from_patronymic("Кузьмич") is Sex.MALE
    assert sex_from_patronymic("Никитична") is Sex.FEMALE
    assert sex_from_patronymic("Нурлан кызы") is Sex.FEMALE
    assert sex_from_patronymic(None) is None
    name = PersonName("Ли", "Анна-Мария")
    with pytest.raises(DomainError, match="не определяется по отчеству"):
        resolve_sex(name, None)
    with pytest.raises(DomainError, match="не согласуется"):
        resolve_sex(PersonName("Кузьмин", "Илья", "Кузьмич"), Sex.FEMALE)


def test_names_with_latin_look_alikes_are_reported() -> None:
    with pytest.raises(DomainError, match="содержит латинскую букву «o» среди русских"):
        check_name_part("Иванoва", "Фамилия")
    with pytest.raises(DomainError, match="содержит латинские буквы «o», «a» среди русских"):
        check_name_part("Иванoвa", "Фамилия")
    assert check_name_part("  Анна-Мария ", "Имя") == "Анна-Мария"
    assert check_name_part("Семён", "Имя") == "Семён"
    with pytest.raises(DomainError, match="недопустимые символы"):
        check_name_part("Иванова1", "Фамилия")


def test_person_name_short_form() -> None:
    assert PersonName("Иванова", "Мария", "Сергеевна").short == "Иванова М. С."
    assert PersonName("Ли", "Анна-Мария").short == "Ли А."


def test_person_name_as_signed_puts_the_initials_first() -> None:
    assert PersonName("Смирнова", "Ольга", "Петровна").signature == "О. П. Смирнова"
    assert PersonName("Ли", "Анна-Мария").signature == "А. Ли"


def test_logins_are_folder_safe() -> None:
    assert check_login("ivanova.ms") == "ivanova.ms"
    for bad in ("Ivanova", "иванова", "a", "../x", "1abc"):
        with pytest.raises(DomainError):
            check_login(bad)


def test_roles_may_submit_only_their_forms() -> None:
    ensure_may_submit(Role.CLERK, FormKind.PUPILS, "clerk")
    with pytest.raises(DomainError, match="не может подавать форму «Сотрудники»"):
        ensure_may_submit(Role.TEACHER, FormKind.STAFF, "popova")
    assert Role.parse("Делопроизводитель") is Role.CLERK


def test_group_phrases_read_as_russian() -> None:
    assert AgeCategory.JUNIOR2.ages == "3–4 лет"  # after «для детей»
    assert AgeCategory.JUNIOR2.ages_nominative == "3–4 года"
    assert AgeCategory.MIDDLE.ages_nominative == "4–5 лет"
    assert Orientation.GENERAL.phrase == "общеразвивающей направленности"
    assert Orientation.CARE.phrase == "по присмотру и уходу"


def test_statutory_holidays_are_the_fixed_dates_of_the_labour_code() -> None:
    holidays = statutory_holidays(2026)
    assert len(holidays) == 14
    assert holidays[date(2026, 1, 7)] == "Рождество Христово"
    assert holidays[date(2026, 11, 4)] == "День народного единства"
    assert date(2026, 1, 9) not in holidays  # a transfer: the production calendar's, not the law's


def test_the_working_day_from_a_day_off_is_the_next_one_the_institution_works() -> None:
    calendar = WorkingCalendar(statutory_holidays(2026))
    assert calendar.working_day_from(date(2026, 11, 3)) == date(2026, 11, 3)
    assert calendar.working_day_from(date(2026, 11, 4)) == date(2026, 11, 5)
    assert calendar.working_day_from(date(2026, 1, 1)) == date(2026, 1, 9)
    assert calendar.working_day_from(date(2026, 5, 9)) == date(2026, 5, 11)  # Saturday


def test_age_categories_are_meant_for_a_span_of_months_but_a_mixed_group() -> None:
    assert AgeCategory.EARLY.age_months == (18, 24)
    assert AgeCategory.JUNIOR2.age_months == (36, 48)
    assert AgeCategory.PREP.age_months == (72, 84)
    assert AgeCategory.MIXED.age_months is None
    spans = [c.age_months for c in AgeCategory if c.age_months]
    assert all(high == low for (_, high), (low, _) in pairwise(spans))


def test_area_per_child_is_larger_under_three_and_for_mixed_groups_with_under_threes() -> None:
    assert area_per_child(AgeCategory.JUNIOR1) == Decimal("2.5")
    assert area_per_child(AgeCategory.MIDDLE) == Decimal("2.0")
    assert area_per_child(AgeCategory.MIXED) == Decimal("2.0")
    assert area_per_child(AgeCategory.MIXED, has_children_under_3=True) == Decimal("2.5")
    assert area_per_child(AgeCategory.MIDDLE, has_children_under_3=True) == Decimal("2.0")


def test_the_time_zone_is_moscow_unless_the_kindergarten_sets_its_own() -> None:
    from sgo_model.domain.settings import InstitutionSettings, check_setting

    assert InstitutionSettings().time_zone == "Europe/Moscow"
    assert check_setting("time_zone", " Asia/Vladivostok ") == "Asia/Vladivostok"
    with pytest.raises(DomainError, match="Часовой пояс «Москва» неизвестен"):
        check_setting("time_zone", "Москва")
