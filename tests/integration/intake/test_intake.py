"""Intake through the service layer, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from sqlalchemy import func, select
from support import GROUPS, PUPILS, STAFF, SiteHarness, settle

from sgo_model.domain.age import AgeCategory
from sgo_model.domain.roles import FormKind, Role
from sgo_model.intake.receipts import Verdict
from sgo_model.office.files import file_sha256
from sgo_model.store.tables import (
    employees,
    group_teachers,
    guardians,
    movement_events,
    nod_kinds,
    pupils,
    submissions,
)


def count(harness: SiteHarness, table: object) -> int:
    with harness.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def snapshot(harness: SiteHarness) -> dict[str, int]:
    return {
        t.name: count(harness, t)
        for t in (employees, pupils, guardians, movement_events, nod_kinds, group_teachers)
    }


def test_accepts_every_set_up_form_in_one_batch(harness: SiteHarness) -> None:
    harness.drop_setup()
    result = harness.ingest()
    verdicts = {r.form: r.verdict for r in result.receipts}
    assert verdicts == {
        "Сотрудники": Verdict.ACCEPTED,
        "Профили учебного плана": Verdict.ACCEPTED,
        "Предельные нагрузки": Verdict.ACCEPTED,
        "Группы": Verdict.ACCEPTED,
        "Воспитанники": Verdict.ACCEPTED,
        "Виды НОД по группам": Verdict.ACCEPTED,
    }, [(r.file_name, r.reason, r.problems) for r in result.receipts]
    assert [r.form for r in result.receipts][:2] == ["Сотрудники", "Профили учебного плана"]
    with harness.uow() as uow:
        assert {u.login: u.role for u in uow.staff.users()}["popova"] is Role.TEACHER
        assert uow.staff.led_groups("volkova") == ["Ромашка", "Солнышко"]
        groups = {g.name: g for g in uow.groups.groups()}
        assert [t.short for t in groups["Ромашка"].teachers] == ["Волкова Е. А.", "Попова А. С."]
        assert groups["Ромашка"].profile == "Основная образовательная программа"
        assert uow.pupils.count(date(2026, 9, 1)) == len(PUPILS)
        assert uow.pupils.count(date(2026, 8, 31)) == 1  # only Кузьмин was enrolled before
    assert snapshot(harness)["guardians"] == 3
    assert snapshot(harness)["nod_kinds"] == 3
    (path,) = [p for p in harness.receipts("clerk", "accepted") if "Воспитанники" in p.name]
    receipt = path.read_text(encoding="utf-8")
    assert "РЕЗУЛЬТАТ: ПРИНЯТ" in receipt
    assert "добавлено записей: 5" in receipt


def test_every_stored_row_points_back_to_its_submission(harness: SiteHarness) -> None:
    harness.drop_setup(upto=FormKind.PUPILS)
    harness.ingest()
    with harness.engine.connect() as connection:
        row = connection.execute(
            select(pupils.c.source_row, submissions.c.sha256, submissions.c.sheet)
            .join(submissions, submissions.c.id == pupils.c.submission_id)
            .where(pupils.c.last_name == "Шевчук")
        ).one()
    assert row.source_row == 9  # header on row 4, Шевчук is the fifth pupil
    assert row.sheet == "Воспитанники"
    archived = harness.site.archive / row.sha256[:2] / f"{row.sha256}.xlsx"
    assert file_sha256(archived) == row.sha256  # the very bytes that were applied
    assert not archived.stat().st_mode & 0o222, "the archived original must be read-only"


def test_rejects_a_file_with_many_kinds_of_errors_whole_and_lists_them_all(
    harness: SiteHarness,
) -> None:
    harness.drop_setup(upto=FormKind.GROUPS)
    harness.ingest()
    before = snapshot(harness)
    bad = [
        dict(PUPILS[0]),  # a correct row: must not be applied either
        {**PUPILS[1], "Дата рождения": "31.02.2021"},
        {**PUPILS[2], "Фамилия": None},
        {**PUPILS[3], "Пол": "x"},
        {**PUPILS[4], "Фамилия": "Шевчyк"},  # Latin y
        {**PUPILS[4], "Фамилия": "Петров", "Группа": "Ромашки"},
        {**PUPILS[0], "Дата рождения": PUPILS[0]["Дата рождения"]},  # the same child twice
        {**PUPILS[2], "Фамилия": "Сидоров", "Пол": "м"},  # «Никитична» is a girl's patronymic
    ]
    harness.drop("clerk", FormKind.PUPILS, bad, "pupils.xlsx")
    result = harness.ingest()
    (receipt,) = result.receipts
    assert receipt.verdict is Verdict.REJECTED
    located = {(p.cell, p.column) for p in receipt.errors}
    assert ("E6", "Дата рождения") in located
    assert ("A7", "Фамилия") in located
    assert ("D8", "Пол") in located
    assert ("A9", "Фамилия") in located
    assert ("F10", "Группа") in located
    assert ("A11", "Фамилия") in located
    assert ("D12", "Пол") in located
    assert len(receipt.errors) == 7
    assert snapshot(harness) == before
    text = harness.receipts("clerk", "rejected")[0].read_text(encoding="utf-8")
    assert "ОТКЛОНЁН" in text
    assert "Ни одно изменение из файла не применено" in text
    assert "ячейка E6, столбец «Дата рождения», значение: 31.02.2021" in text
    assert "Даты «31.02.2021» не существует" in text
    assert "Группа «Ромашки» не найдена" in text
    assert "«y»" in text
    assert "уже встречается в строке 5" in text
    assert "не согласуется с отчеством «Никитична»" in text
    (copy,) = harness.site.user_inbox("clerk").glob("rejected/*.ошибки.xlsx")
    workbook = load_workbook(copy)
    sheet = workbook["Воспитанники"]
    assert sheet["E6"].comment is not None
    assert "не существует" in sheet["E6"].comment.text
    assert sheet["E6"].fill.fgColor.rgb.endswith("FFC7CE")
    listing = [row for row in workbook["Ошибки"].iter_rows(min_row=2, values_only=True)]
    assert len(listing) == 7


def test_the_same_bytes_under_another_name_are_applied_once(harness: SiteHarness) -> None:
    harness.drop_setup(upto=FormKind.GROUPS)
    harness.ingest()
    first = harness.drop("clerk", FormKind.PUPILS, PUPILS, "список.xlsx")
    content = first.read_bytes()
    assert harness.ingest().receipts[0].verdict is Verdict.ACCEPTED
    again = harness.site.user_inbox("clerk") / "список (копия).xlsx"
    again.write_bytes(content)
    (harness.site.user_inbox("admin") / "от админа.xlsx").write_bytes(content)
    for path in (again, harness.site.user_inbox("admin") / "от админа.xlsx"):
        settle(path)
    result = harness.ingest()
    assert [r.verdict for r in result.receipts] == [Verdict.DUPLICATE, Verdict.DUPLICATE]
    assert count(harness, pupils) == len(PUPILS)
    (path,) = [p for p in harness.receipts("clerk", "accepted") if "копия" in p.name]
    text = path.read_text(encoding="utf-8")
    assert "УЖЕ ПРИНЯТ РАНЕЕ" in text and "под именем «список.xlsx»" in text


def test_a_teacher_may_not_submit_the_staff_list(harness: SiteHarness) -> None:
    harness.drop_setup(upto=FormKind.STAFF)
    harness.ingest()
    harness.drop("popova", FormKind.STAFF, STAFF[:1])
    (receipt,) = harness.ingest().receipts
    assert receipt.verdict is Verdict.REJECTED
    assert "«popova» (воспитатель) не может подавать форму «Сотрудники»" in (receipt.reason or "")
    assert harness.receipts("popova", "rejected")


def test_an_unknown_login_is_refused(harness: SiteHarness) -> None:
    harness.drop("stranger", FormKind.STAFF, STAFF[:1])
    (receipt,) = harness.ingest().receipts
    assert receipt.verdict is Verdict.REJECTED
    assert "«stranger» не зарегистрирован" in (receipt.reason or "")
    assert count(harness, employees) == 0


def test_groups_refer_to_known_teachers_and_profiles(harness: SiteHarness) -> None:
    harness.drop_setup(upto=FormKind.STAFF)
    harness.ingest()
    rows = [{**GROUPS[0], "Воспитатели": "004, Иванов Иван Иванович", "Профиль": "Нет такого"}]
    harness.drop("clerk", FormKind.GROUPS, rows)
    (receipt,) = harness.ingest().receipts
    assert receipt.verdict is Verdict.REJECTED
    # Both problems of the row at once, each at its cell.
    assert [(p.cell, p.column, p.value, p.message) for p in receipt.errors] == [
        (
            "F5",
            "Профиль",
            "Нет такого",
            "Профиль «Нет такого» не найден; сначала загрузите форму «Профили учебного плана»",
        ),
        (
            "E5",
            "Воспитатели",
            "004, Иванов Иван Иванович",
            "Сотрудник «Иванов Иван Иванович» не найден в списке сотрудников",
        ),
    ]


def test_load_limits_may_not_be_looser_than_sanpin(harness: SiteHarness) -> None:
    rows = [
        {
            "Возрастная категория": "старшая",
            "Длительность занятия, мин": 30,
            "Нагрузка в день, мин": 50,
            "Занятий в неделю": 13,
        }
    ]
    harness.drop("admin", FormKind.LOAD_LIMITS, rows)
    (receipt,) = harness.ingest().receipts
    (error,) = receipt.errors
    assert error.column == "Длительность занятия, мин"
    assert "не более 25 мин по СанПиН 1.2.3685-21" in error.message
    with harness.uow() as uow:
        senior = uow.groups.limits()[AgeCategory.SENIOR]
    # Nothing changed: the SanPiN limits the store starts with (table 6.6, 5–6 years).
    assert (senior.activity_minutes, senior.daily_minutes, senior.weekly_activities) == (
        25,
        50,
        None,
    )


def test_weekly_nod_count_may_not_exceed_the_limit(harness: SiteHarness) -> None:
    harness.drop_setup(upto=FormKind.PUPILS)
    harness.ingest()
    rows = [
        {
            "Группа": "Солнышко",
            "Вид НОД": f"Занятие {n}",
            "Образовательная область": "познавательное развитие",
            "Занятий в неделю": 3,
        }
        for n in range(4)
    ]
    harness.drop("methodist", FormKind.NOD_KINDS, rows)
    (receipt,) = harness.ingest().receipts
    (error,) = receipt.errors
    assert "всего 12 занятий в неделю, больше предельной нагрузки 10" in error.message


def test_over_capacity_is_a_warning_not_a_refusal(harness: SiteHarness) -> None:
    harness.drop_setup(upto=FormKind.GROUPS)
    harness.ingest()
    extra = [{**PUPILS[4], "Имя": name, "Отчество": "Олегович"} for name in ("Иван", "Олег")]
    harness.drop("clerk", FormKind.PUPILS, PUPILS + extra)
    (receipt,) = harness.ingest().receipts
    assert receipt.verdict is Verdict.ACCEPTED
    assert [w.message for w in receipt.warnings] == [
        "В группе «Солнышко» будет 4 ребёнка при вместимости по площади 3: группа переполнена"
    ]


def test_the_intakes_day_not_the_clock_decides_what_is_still_to_come(
    sqlite_harness: SiteHarness,
) -> None:
    hired = {**STAFF[6], "Дата приёма": "02.12.2026"}
    sqlite_harness.today = date(2026, 12, 1)
    sqlite_harness.drop("admin", FormKind.STAFF, [hired], "до приёма.xlsx")
    (early,) = sqlite_harness.ingest().receipts
    assert early.verdict is Verdict.REJECTED
    assert [(e.cell, e.column, e.message) for e in early.errors] == [
        ("F5", "Дата приёма", "Дата 02.12.2026 ещё не наступила")
    ]

    sqlite_harness.today = date(2026, 12, 2)
    sqlite_harness.drop("admin", FormKind.STAFF, [hired], "в день приёма.xlsx")
    (on_the_day,) = sqlite_harness.ingest().receipts
    assert on_the_day.verdict is Verdict.ACCEPTED, on_the_day.problems
    assert count(sqlite_harness, employees) == 1


def test_every_mistake_of_a_row_is_reported_at_once(harness: SiteHarness) -> None:
    harness.drop_setup(upto=FormKind.GROUPS)
    harness.ingest()
    wrong = {**PUPILS[0], "Пол": "x", "Группа": "Ромашки"}  # two mistakes in one row
    harness.drop("clerk", FormKind.PUPILS, [wrong, PUPILS[1]])
    (receipt,) = harness.ingest().receipts

    assert receipt.verdict is Verdict.REJECTED
    assert [(e.cell, e.column, e.message) for e in receipt.errors] == [
        ("D5", "Пол", "Пол «x» не распознан; укажите «м» или «ж»"),  # the header is on row 4
        ("F5", "Группа", "Группа «Ромашки» не найдена (известны: «Ромашка», «Солнышко»)"),
    ]


def test_a_file_is_warned_only_about_the_groups_it_fills(harness: SiteHarness) -> None:
    harness.drop_setup(upto=FormKind.GROUPS)
    harness.ingest()
    extra = [{**PUPILS[4], "Имя": name, "Отчество": "Олегович"} for name in ("Иван", "Олег")]
    harness.drop("clerk", FormKind.PUPILS, PUPILS + extra, "все.xlsx", age=40)
    harness.ingest()  # «Солнышко» is now over-full
    newcomer = {**PUPILS[0], "Имя": "Ольга", "Отчество": "Сергеевна"}
    harness.drop("clerk", FormKind.PUPILS, [newcomer], "Ромашка.xlsx")
    (receipt,) = harness.ingest().receipts

    assert receipt.verdict is Verdict.ACCEPTED
    assert receipt.warnings == []  # nothing about «Солнышко», which this file does not touch
