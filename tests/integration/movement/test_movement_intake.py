"""Movement of pupils through intake: the rules, orders' numbers, signing, applications."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import update
from support import TODAY, SiteHarness, settle

from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.movement import MovementKind, group_on
from sgo_model.domain.movement_reasons import OrderKind
from sgo_model.domain.people import PersonName
from sgo_model.domain.roles import FormKind
from sgo_model.intake.receipts import Verdict
from sgo_model.movement.forms.application import write_application_blank
from sgo_model.movement.service import RecordedEvent, draft_orders
from sgo_model.store.tables import academic_years

ENROL = {
    "Вид": "зачисление",
    "Фамилия": "Орлова",
    "Имя": "Алёна",
    "Отчество": "Игоревна",
    "Дата рождения": date(2022, 5, 5),
    "Дата": date(2027, 1, 11),
    "В группу": "Ромашка",
    "Основание": "заявление родителя от 20.12.2026 № 41",
    "Пол": "ж",
    "Родитель (законный представитель)": "Орлова Ирина Петровна",
    "Телефон": "+7 900 5",
}
TRANSFER = {
    "Вид": "перевод",
    "Фамилия": "Кузьмин",
    "Имя": "Илья",
    "Отчество": "Кузьмич",
    "Дата рождения": "05.07.2021",
    "Дата": date(2027, 1, 11),
    "Из группы": "Ромашка",
    "В группу": "Солнышко",
    "Обоснование": "решение ППк от 10.01.2027",
}
WITHDRAW = {
    "Вид": "отчисление",
    "Фамилия": "Иванова",
    "Имя": "Мария",
    "Отчество": "Сергеевна",
    "Дата рождения": date(2022, 3, 12),
    "Дата": date(2027, 1, 11),
    "Причина выбытия": "перевод в другую ДОО",
    "Куда выбыл": "МБДОУ «Детский сад № 12»",
}


@pytest.fixture
def kindergarten(harness: SiteHarness) -> SiteHarness:
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    return harness


def movement(harness: SiteHarness, rows: list[dict[str, object]], name: str = "движение.xlsx"):
    harness.drop("clerk", FormKind.MOVEMENT, rows, name)
    (receipt,) = harness.ingest().receipts
    return receipt


def test_enrolment_transfer_and_withdrawal_are_recorded_with_numbered_orders(
    kindergarten: SiteHarness,
) -> None:
    receipt = movement(kindergarten, [ENROL, TRANSFER, WITHDRAW])
    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    # The receipt names the orders the file drafted and says what comes next.
    assert receipt.reason == (
        "Подготовлены проекты приказов: № 1-д от 01.12.2026 «О зачислении воспитанника»; "
        "№ 2-д от 01.12.2026 «О переводе воспитанника»; № 3-д от 01.12.2026 «Об отчислении "
        "воспитанника». Распечатайте (sgo documents print НОМЕР) и передайте на подпись "
        "заведующему; подписанный скан положите в папку заведующего под именем "
        "«Приказ НОМЕР.pdf»."
    )
    with kindergarten.uow() as uow:
        orders = uow.orders.all()
        assert [(o.number, o.kind) for o in orders] == [
            ("1-д", OrderKind.ENROL.code),
            ("2-д", OrderKind.TRANSFER.code),
            ("3-д", OrderKind.WITHDRAW.code),
        ]
        assert {o.status for o in orders} == {"draft"}
        assert orders[0].title == "О зачислении воспитанника"
        # Drafted today for events still to come (11.01.2027): the order precedes them.
        assert [o.order_date for o in orders] == [TODAY] * 3
        (pupil,) = uow.movement.find_pupils(
            PersonName("Кузьмин", "Илья", "Кузьмич"), date(2021, 7, 5)
        )
        history = uow.movement.history(pupil.id)
        groups = {g.name: g.id for g in uow.groups.groups()}
        assert group_on(history, date(2027, 1, 10)) == groups["Ромашка"]
        assert group_on(history, date(2027, 1, 11)) == groups["Солнышко"]
        assert [e.kind for e in history] == [MovementKind.ENROL, MovementKind.TRANSFER]


def test_several_children_on_one_date_share_one_order(kindergarten: SiteHarness) -> None:
    second = {**ENROL, "Имя": "Анна", "Дата рождения": date(2022, 6, 6)}
    receipt = movement(kindergarten, [ENROL, second])
    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    with kindergarten.uow() as uow:
        (order,) = uow.orders.all()
        assert order.title == "О зачислении воспитанников"
        assert len(uow.movement.order_lines(order.id)) == 2


def test_refuses_enrolling_a_pupil_who_is_already_enrolled(kindergarten: SiteHarness) -> None:
    row = {**WITHDRAW, "Вид": "зачисление", "В группу": "Ромашка", "Пол": "ж"}
    receipt = movement(kindergarten, [row])
    (error,) = receipt.errors
    assert "уже зачислен" in error.message and "повторное зачисление невозможно" in error.message


def test_refuses_transfer_or_withdrawal_of_a_pupil_not_enrolled_on_that_date(
    kindergarten: SiteHarness,
) -> None:
    assert movement(kindergarten, [WITHDRAW]).verdict is Verdict.ACCEPTED
    later = {**WITHDRAW, "Вид": "перевод", "Дата": date(2027, 1, 20), "В группу": "Солнышко"}
    receipt = movement(kindergarten, [later], "перевод.xlsx")
    (error,) = receipt.errors
    assert error.column == "Дата"
    assert "На 20.01.2027 воспитанник не числится ни в одной группе" in error.message


def test_history_cannot_be_rewritten_before_its_latest_event(kindergarten: SiteHarness) -> None:
    early = {**WITHDRAW, "Дата": date(2026, 8, 1)}  # Иванова is enrolled from 01.09.2026
    (error,) = movement(kindergarten, [early]).errors
    assert "более поздняя запись движения (зачисление с 01.09.2026)" in error.message


def test_a_missing_pupil_is_reported_with_those_found_instead(kindergarten: SiteHarness) -> None:
    wrong = {**WITHDRAW, "Дата рождения": date(2022, 3, 13)}
    receipt = movement(kindergarten, [wrong])
    (error,) = receipt.errors
    assert "Воспитанник Иванова Мария Сергеевна, 13.03.2022 г.р., не найден" in error.message
    assert "Похожие: Иванова Мария Сергеевна, 12.03.2022 г.р." in error.message


def test_the_stated_group_must_be_the_pupils_group(kindergarten: SiteHarness) -> None:
    receipt = movement(kindergarten, [{**WITHDRAW, "Из группы": "Солнышко"}])
    (error,) = receipt.errors
    assert error.column == "Из группы"
    assert "числится в группе «Ромашка», а не «Солнышко»" in error.message


def test_refuses_a_transfer_into_a_group_of_the_wrong_age_unless_a_reason_is_given(
    kindergarten: SiteHarness,
) -> None:
    without_reason = {**TRANSFER, "Обоснование": None}
    receipt = movement(kindergarten, [without_reason])
    (error,) = receipt.errors
    assert error.column == "В группу"
    assert "не соответствует группе «Солнышко» (вторая младшая, для детей 3–4 лет)" in error.message
    receipt = movement(kindergarten, [TRANSFER], "с обоснованием.xlsx")
    assert receipt.verdict is Verdict.ACCEPTED


def test_refuses_enrolment_over_capacity_unless_a_reason_is_given(
    kindergarten: SiteHarness,
) -> None:
    # «Солнышко» has 6 m²: 3 places, 2 taken.
    rows = [
        {**ENROL, "Имя": name, "Дата рождения": date(2023, 3, day), "В группу": "Солнышко"}
        for name, day in (("Вера", 1), ("Нина", 2))
    ]
    receipt = movement(kindergarten, rows)
    (error,) = receipt.errors
    assert error.cell == "H6"
    assert "Группа «Солнышко» заполнена: 3 ребёнка при вместимости по площади 3" in error.message
    rows[1]["Обоснование"] = "приказ Управления образования № 17"
    receipt = movement(kindergarten, rows, "второй раз.xlsx")
    assert receipt.verdict is Verdict.ACCEPTED


def test_refuses_events_in_a_closed_year(kindergarten: SiteHarness) -> None:
    with kindergarten.uow() as uow:
        uow.institution.open_year(AcademicYear(2025))
        uow.connection.execute(
            update(academic_years)
            .where(academic_years.c.label == "2025/2026")
            .values(status="closed")
        )
        uow.institution.open_year(AcademicYear(2026))
        uow.commit()
    receipt = movement(kindergarten, [{**ENROL, "Дата": date(2026, 5, 15)}])
    (error,) = receipt.errors
    assert "2025/2026 учебный год закрыт" in error.message


def test_back_dated_events_are_allowed_but_flagged(kindergarten: SiteHarness) -> None:
    receipt = movement(kindergarten, [{**ENROL, "Дата": date(2026, 10, 1)}])
    assert receipt.verdict is Verdict.ACCEPTED
    (warning,) = receipt.warnings
    assert "Запись задним числом" in warning.message
    with kindergarten.uow() as uow:
        (order,) = uow.orders.all()
    assert order.order_date == date(2026, 10, 1)


def test_a_refused_file_takes_no_order_number(kindergarten: SiteHarness) -> None:
    bad = movement(kindergarten, [ENROL, {**WITHDRAW, "Дата рождения": date(2020, 1, 1)}])
    assert bad.verdict is Verdict.REJECTED
    good = movement(kindergarten, [ENROL], "исправленный.xlsx")
    assert good.verdict is Verdict.ACCEPTED
    with kindergarten.uow() as uow:
        assert [o.number for o in uow.orders.all()] == ["1-д"]


def test_concurrent_issuers_never_share_a_number_and_leave_no_gap(
    kindergarten: SiteHarness,
) -> None:
    per_thread, threads = 15, 4
    errors: list[BaseException] = []

    def issue() -> None:
        try:
            for _ in range(per_thread):
                with kindergarten.uow() as uow:
                    draft_orders(
                        uow,
                        [RecordedEvent(-1, OrderKind.ENROL, date(2027, 2, 1), None)],
                        None,
                        date(2027, 2, 1),
                    )
                    uow.commit()
        except BaseException as error:  # reported below
            errors.append(error)

    workers = [threading.Thread(target=issue) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    with kindergarten.uow() as uow:
        numbers = sorted(int(o.number.split("-")[0]) for o in uow.orders.all())
    assert numbers == list(range(1, per_thread * threads + 1))


def test_the_head_signs_an_order_by_dropping_its_scan(kindergarten: SiteHarness) -> None:
    movement(kindergarten, [ENROL])
    scan = kindergarten.site.user_inbox("head") / "Приказ 1-д.pdf"
    scan.write_bytes(b"%PDF-1.4\n% signed scan\n")
    settle(scan)
    (receipt,) = kindergarten.ingest().receipts
    assert receipt.verdict is Verdict.ACCEPTED
    assert receipt.reason == (
        "Приказ № 1-д от 01.12.2026 «О зачислении воспитанника» подписан; скан приложен к приказу."
    )
    with kindergarten.uow() as uow:
        (order,) = uow.orders.all()
    assert order.status == "signed"
    assert order.scan_path and Path(order.scan_path).read_bytes().startswith(b"%PDF")


def test_only_the_head_signs_and_only_known_orders(kindergarten: SiteHarness) -> None:
    movement(kindergarten, [ENROL])
    for login, name in (
        ("clerk", "Приказ 1-д.pdf"),
        ("head", "Приказ 7-д.pdf"),
        ("head", "скан.pdf"),
    ):
        path = kindergarten.site.user_inbox(login) / name
        path.write_bytes(b"%PDF-1.4\n" + name.encode())
        settle(path)
    reasons = {r.file_name + r.login: r.reason or "" for r in kindergarten.ingest().receipts}
    assert "только от заведующего" in reasons["Приказ 1-д.pdfclerk"]
    assert "Приказ № 7-д не найден" in reasons["Приказ 7-д.pdfhead"]
    assert "нет номера приказа" in reasons["скан.pdfhead"]
    fake = kindergarten.site.user_inbox("head") / "Приказ 1-д.pdf"
    fake.write_bytes(b"not a pdf")
    settle(fake)
    (receipt,) = kindergarten.ingest().receipts
    assert "не соответствует расширению .pdf" in (receipt.reason or "")


def test_a_parents_application_in_word_is_accepted(
    kindergarten: SiteHarness, tmp_path: Path
) -> None:
    blank = write_application_blank(tmp_path / "Заявление.docx")
    document = Document(str(blank))
    values = {
        k: (v.strftime("%d.%m.%Y") if isinstance(v, date) else str(v)) for k, v in ENROL.items()
    }
    values |= {"E-mail родителя": "orlova.i@mail.ru", "Согласие на уведомления по e-mail": "да"}
    for row in document.tables[0].rows:
        if row.cells[0].text in values:
            row.cells[1].text = values[row.cells[0].text]
    path = kindergarten.site.user_inbox("clerk") / "Заявление Орловой.docx"
    document.save(str(path))
    settle(path)
    (receipt,) = kindergarten.ingest().receipts
    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    assert receipt.form == "Заявление родителя"
    with kindergarten.uow() as uow:
        (order,) = uow.orders.all()
        (line,) = uow.movement.order_lines(order.id)
        (guardian,) = uow.pupils.guardians_of([line.pupil_id])[line.pupil_id]
    assert order.kind == OrderKind.ENROL.code
    # The parent's own e-mail and consent, as the application gives them.
    assert (guardian.email, guardian.notice_consent) == ("orlova.i@mail.ru", True)


def _book_notes(harness: SiteHarness) -> dict[str, tuple[object, object, bool]]:
    """Refresh the documents; per child of the orders: the note of the movement book (xlsx),
    that of the current year's pages (docx), and whether the book's row is in italics."""
    harness.publish()
    with harness.uow() as uow:
        book = uow.documents.get("movement_book", "current")
        pages = uow.documents.get("movement_book_pages", "current")
    assert book is not None and pages is not None
    sheet = load_workbook(book.path).active
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=4) if row[0].value}
    (table,) = Document(pages.path).tables
    # The pages are typeset: «не\u00a0подписан» is read with a plain space.
    printed = {r.cells[1].text: r.cells[10].text.replace("\u00a0", " ") for r in table.rows[1:]}
    return {
        name: (rows[name][10].value, printed[name], bool(rows[name][1].font.i))
        for name in ("Орлова Алёна Игоревна", "Иванова Мария Сергеевна")
    }


def test_the_movement_book_marks_orders_until_they_are_signed(kindergarten: SiteHarness) -> None:
    # Орлова is enrolled by order 1-д, Иванова withdrawn by 2-д: neither is signed yet.
    assert movement(kindergarten, [ENROL, WITHDRAW]).verdict is Verdict.ACCEPTED
    assert _book_notes(kindergarten) == {
        "Орлова Алёна Игоревна": ("приказ не подписан", "приказ не подписан", True),
        "Иванова Мария Сергеевна": (
            "начальное заполнение; приказ не подписан",
            "начальное заполнение; приказ не подписан",
            True,
        ),
    }

    scan = kindergarten.site.user_inbox("head") / "Приказ 1-д.pdf"
    scan.write_bytes(b"%PDF-1.4\n% signed scan\n")
    settle(scan)
    (receipt,) = kindergarten.ingest().receipts
    assert receipt.verdict is Verdict.ACCEPTED, receipt.reason

    assert _book_notes(kindergarten) == {
        "Орлова Алёна Игоревна": (None, "", False),
        "Иванова Мария Сергеевна": (
            "начальное заполнение; приказ не подписан",
            "начальное заполнение; приказ не подписан",
            True,
        ),
    }


def test_a_reason_written_as_the_law_puts_it_is_understood_and_echoed(
    kindergarten: SiteHarness,
) -> None:
    wordy = {
        **WITHDRAW,
        "Вид": "Отчислить",
        "Причина выбытия": "перевод в другую организацию, осуществляющую образовательную "
        "деятельность по образовательным программам дошкольного образования",
    }
    receipt = movement(kindergarten, [wordy])

    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    assert [(w.column, w.message) for w in receipt.warnings] == [
        ("Вид", "«Отчислить» понято как «отчисление»"),
        (
            "Причина выбытия",
            "«перевод в другую организацию, осуществляющую образовательную деятельность по "
            "образовательным программам дошкольного образования» понято как «перевод в другую ДОО»",
        ),
    ]
    with kindergarten.uow() as uow:
        (event,) = [e for e in uow.movement.book_events() if e.kind is MovementKind.WITHDRAW]
    assert event.reason == "transfer_to_another"


def test_a_reason_of_no_known_meaning_is_refused_with_the_choices(
    kindergarten: SiteHarness,
) -> None:
    receipt = movement(kindergarten, [{**WITHDRAW, "Причина выбытия": "переезд"}])

    assert receipt.verdict is Verdict.REJECTED
    (error,) = receipt.errors
    assert (error.column, error.value) == ("Причина выбытия", "переезд")
    assert error.message == (
        "Неизвестная причина отчисления «переезд». Допустимо: «выпуск в школу», «по инициативе "
        "родителей», «перевод в другую ДОО», «по обстоятельствам, не зависящим от воли сторон»"
    )
