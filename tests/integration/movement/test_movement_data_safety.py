"""Texts that look like formulas stay text in the movement book."""

from __future__ import annotations

from datetime import date

from data_safety import FORMULA_LIKE, assert_stays_text, published, set_up_with_groups
from support import SiteHarness

from sgo_model.domain.roles import FormKind
from sgo_model.intake.receipts import Verdict
from sgo_model.movement.publish import BOOK_XLSX
from sgo_model.setup.service import init_site

EQUALS, PHONE, MINUS, AT, LINK = FORMULA_LIKE
ARRIVAL = {
    "Вид": "зачисление",
    "Фамилия": "Орлова",
    "Имя": "Алёна",
    "Отчество": "Игоревна",
    "Дата рождения": date(2022, 5, 5),
    "Дата": date(2026, 11, 16),
    "В группу": AT,
    "Откуда прибыл": EQUALS,
    "Адрес": MINUS,
    "Пол": "ж",
    "Родитель (законный представитель)": "Орлова Ирина Петровна",
    "Телефон": PHONE,
}
DEPARTURE = {
    "Вид": "отчисление",
    "Фамилия": "Андреева",
    "Имя": "Анна",
    "Отчество": "Ивановна",
    "Дата рождения": "12.03.2022",
    "Дата": date(2026, 11, 16),
    "Причина выбытия": "перевод в другую ДОО",
    "Куда выбыл": LINK,
}


def test_texts_like_formulas_stay_text_in_the_movement_book(sqlite_harness: SiteHarness) -> None:
    harness = sqlite_harness
    set_up_with_groups(harness, FORMULA_LIKE)
    harness.drop("clerk", FormKind.MOVEMENT, [ARRIVAL, DEPARTURE], "движение.xlsx")
    (receipt,) = harness.ingest().receipts
    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    path = published(harness, BOOK_XLSX)

    for text in FORMULA_LIKE:
        found = assert_stays_text(path, text)
        # Every group name is a group column's cell of its own.
        assert any(c.ref[0] == "H" and c.value == text for c in found), found
    arrived = {c.ref: c.value for c in assert_stays_text(path, EQUALS)}
    assert EQUALS in [value for ref, value in arrived.items() if ref[0] == "G"]
    departed = [c for c in assert_stays_text(path, LINK, exact=False) if c.ref[0] == "J"]
    assert [c.value for c in departed] == [f"{LINK} / перевод в другую ДОО"]
    address = [c for c in assert_stays_text(path, MINUS) if c.ref[0] == "D"]
    assert MINUS in [c.value for c in address]


def test_the_institution_name_stays_text_in_the_book_header(sqlite_harness: SiteHarness) -> None:
    # The header's cells are openpyxl write-only cells in book_xlsx, not the one cell writer.
    harness = sqlite_harness
    init_site(harness.site, harness.uow(), LINK, "2026/2027")
    set_up_with_groups(harness, ("Ромашка",))
    (found,) = assert_stays_text(published(harness, BOOK_XLSX), LINK)
    assert found.ref == "A2"
