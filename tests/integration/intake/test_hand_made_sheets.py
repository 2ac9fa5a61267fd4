"""Sheets people make themselves, not from the engine's blanks, through intake.

The set-up forms are found by their header row anywhere in the first 30 rows, with columns in
any order, other columns ignored with a warning and no hidden metadata sheet: those are
accepted. What cannot be read is refused with a receipt naming the file, sheet, cell, column
and value. An attendance sheet is known only by its blank's hidden sheet.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select
from support import SiteHarness, settle

from sgo_model.domain.roles import FormKind
from sgo_model.intake.receipts import Verdict
from sgo_model.store.tables import pupils, submissions

NOVEMBER = date(2026, 11, 1)


def _hand_made(
    harness: SiteHarness, login: str, name: str, sheet: str, rows: list[list[object]]
) -> Path:
    """A workbook typed by hand: one sheet of the given rows, no hidden sheet."""
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    path = harness.site.user_inbox(login) / name
    workbook.save(path)
    assert workbook.sheetnames == [sheet]
    return settle(path)


@pytest.fixture
def groups_known(sqlite_harness: SiteHarness) -> SiteHarness:
    """Staff, profiles, limits and groups taken in; no pupils yet."""
    sqlite_harness.drop_setup(upto=FormKind.GROUPS)
    assert {r.verdict for r in sqlite_harness.ingest().receipts} == {Verdict.ACCEPTED}
    return sqlite_harness


STAFF_HEADER = ["Табельный номер", "Фамилия", "Имя", "Отчество", "Должность", "Дата приема"]
PUPILS_HEADER = [
    None,  # column A left empty
    "ФАМИЛИЯ",
    "Имя",
    None,  # an empty column between
    "Отчество",
    "Дата  рождения",
    "Группа",
    "Дата зачисления",
    "Примечание",
]


def test_a_pupils_list_under_title_rows_with_empty_and_extra_columns_is_accepted(
    groups_known: SiteHarness,
) -> None:
    _hand_made(
        groups_known,
        "clerk",
        "список от руки.xlsx",
        "Список",
        [
            ["Список воспитанников на 01.09.2026"],
            ["МБДОУ «Детский сад № 5 «Берёзка»»"],
            [],
            PUPILS_HEADER,
            [None, "Иванова", "Мария", None, "Сергеевна", "12.03.2022", "Ромашка", "01.09.2026"],
            [
                None,
                "Шевчук",
                "Павел",
                None,
                "Олегович",
                datetime(2023, 2, 14),
                "«Солнышко»",
                datetime(2026, 9, 1),
                "аллергия",
            ],
            [],
        ],
    )

    (receipt,) = groups_known.ingest().receipts

    assert (receipt.verdict, receipt.form, receipt.rows, receipt.created) == (
        Verdict.ACCEPTED,
        "Воспитанники",
        2,
        2,
    )
    assert [(w.sheet, w.cell, w.column, w.message) for w in receipt.warnings] == [
        (
            "Список",
            "I4",
            "Примечание",
            "Столбец «Примечание» не относится к форме «Воспитанники» и пропущен",
        )
    ]
    with groups_known.engine.connect() as connection:
        stored = connection.execute(
            select(
                pupils.c.last_name, pupils.c.birth_date, pupils.c.source_row, submissions.c.sheet
            )
            .join(submissions, submissions.c.id == pupils.c.submission_id)
            .order_by(pupils.c.source_row)
        ).all()
    assert [tuple(row) for row in stored] == [
        ("Иванова", date(2022, 3, 12), 5, "Список"),
        ("Шевчук", date(2023, 2, 14), 6, "Список"),
    ]
    (path,) = [p for p in groups_known.receipts("clerk", "accepted") if "от руки" in p.name]
    text = path.read_text(encoding="utf-8")
    assert "РЕЗУЛЬТАТ: ПРИНЯТ" in text and "добавлено записей: 2" in text


def test_a_staff_list_typed_by_hand_is_refused_at_each_wrong_cell(
    sqlite_harness: SiteHarness,
) -> None:
    _hand_made(
        sqlite_harness,
        "admin",
        "штат.xlsx",
        "Сотрудники 2026",
        [
            ["Штатное расписание"],
            [],
            [None, None, *STAFF_HEADER],
            [None, None, "010", "Петрова", "Анна", "Ивановна", "воспитатель", "31.02.2020"],
            [None, None, "011", "Сидорoва", "Елена", None, "повар", "01.03.2021"],  # Latin o
        ],
    )

    (receipt,) = sqlite_harness.ingest().receipts

    assert receipt.verdict is Verdict.REJECTED
    assert receipt.reason == "Файл содержит ошибки."
    assert [(p.sheet, p.cell, p.column, p.value, p.message) for p in receipt.errors] == [
        (
            "Сотрудники 2026",
            "H4",
            "Дата приёма",
            "31.02.2020",
            "Даты «31.02.2020» не существует",
        ),
        (
            "Сотрудники 2026",
            "D5",
            "Фамилия",
            "Сидорoва",
            "Фамилия «Сидорoва» содержит латинскую букву «o» среди русских",
        ),
    ]
    (path,) = sqlite_harness.receipts("admin", "rejected")
    text = path.read_text(encoding="utf-8")
    assert "Файл:         штат.xlsx" in text
    assert (
        "1. лист «Сотрудники 2026», ячейка H4, столбец «Дата приёма», значение: 31.02.2020\n"
        "      Даты «31.02.2020» не существует"
    ) in text


def test_a_list_without_a_required_column_says_which_is_missing(
    groups_known: SiteHarness,
) -> None:
    header = [h for h in PUPILS_HEADER if h != "Дата  рождения"]
    _hand_made(
        groups_known,
        "clerk",
        "без дат.xlsx",
        "Лист1",
        [["Список"], header, [None, "Иванова", "Мария", None, "Сергеевна", "Ромашка"]],
    )

    (receipt,) = groups_known.ingest().receipts

    assert receipt.verdict is Verdict.REJECTED
    assert receipt.reason == (
        "Похоже на форму «Воспитанники», но не найдены обязательные столбцы: «Дата рождения»"
    )
    assert [(p.sheet, p.row, p.message) for p in receipt.problems] == [("Лист1", 2, receipt.reason)]


def test_an_attendance_sheet_made_by_hand_is_refused_and_told_to_take_the_blank(
    sqlite_harness: SiteHarness,
) -> None:
    sqlite_harness.drop_setup()
    assert len(sqlite_harness.ingest().accepted) == 6
    _hand_made(
        sqlite_harness,
        "popova",
        "посещаемость ноябрь.xlsx",
        "Посещаемость",
        [
            ["Лист посещаемости"],
            ["Группа «Ромашка»"],
            ["Месяц: ноябрь 2026 г."],
            ["№", "Воспитанник", "Дата рождения", *range(1, 31)],
            [1, "Иванова Мария Сергеевна", "12.03.2022", None, None, None, None, "Б"],
        ],
    )

    (receipt,) = sqlite_harness.ingest().receipts

    assert receipt.verdict is Verdict.REJECTED
    assert receipt.reason == (
        "Не удалось определить вид формы: ни на одном листе нет строки заголовков известной "
        "формы. Возьмите бланк из папки бланков (sgo forms)"
    )


def test_a_blank_with_rows_added_above_and_an_empty_column_keeps_each_mark_on_its_child(
    sqlite_harness: SiteHarness,
) -> None:
    harness = sqlite_harness
    harness.drop_setup()
    assert len(harness.ingest().accepted) == 6
    receipt = harness.submit_attendance("popova", "Ромашка", NOVEMBER)  # the untouched blank
    assert receipt.verdict is Verdict.ACCEPTED
    (blank,) = (harness.site.home / "бланки").glob("*Ромашка*")
    workbook = load_workbook(blank)
    sheet = workbook.worksheets[0]
    sheet.protection.sheet = False
    sheet.insert_rows(1, 2)  # e.g. «Утверждаю» and a date above the title
    sheet["A1"] = "Утверждаю: заведующий О. П. Смирнова"
    sheet.insert_cols(4)  # an empty column before the 1st of the month
    rows = {sheet.cell(r, 2).value: r for r in range(11, 14)}
    assert list(rows) == [
        "Иванова Мария Сергеевна",
        "Кузьмин Илья Кузьмич",
        "Никитина Любовь Никитична",
    ]
    # The 1st of the month is now in column E (5).
    sheet.cell(rows["Иванова Мария Сергеевна"], 4 + 5).value = "Б"  # the 5th
    sheet.cell(rows["Кузьмин Илья Кузьмич"], 4 + 10).value = "О"  # the 10th
    path = harness.site.user_inbox("popova") / "Ромашка исправленный.xlsx"
    workbook.save(path)
    settle(path)

    (receipt,) = harness.ingest().receipts

    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    assert (receipt.created, receipt.problems) == (2, [])
    with harness.uow() as uow:
        (group,) = [g for g in uow.groups.groups() if g.name == "Ромашка"]
        version = uow.attendance.current(group.id, NOVEMBER)
        assert version is not None and version.version == 2
        marks = uow.attendance.marks(version.id)
        names = uow.pupils.names({pupil for pupil, _ in marks})
    assert sorted((names[p][0].full, day, m.value) for (p, day), m in marks.items()) == [
        ("Иванова Мария Сергеевна", date(2026, 11, 5), "Б"),
        ("Кузьмин Илья Кузьмич", date(2026, 11, 10), "О"),
    ]
