"""Texts that look like formulas stay text in the blanks and in the annotated copy of a
rejected workbook: the engine's own listing of errors and the user's own cells alike."""

from __future__ import annotations

from pathlib import Path

from data_safety import FORMULA_LIKE, assert_stays_text, set_up_with_groups
from openpyxl import load_workbook
from support import SiteHarness

from sgo_model.bootstrap import spec_of, write_all_blanks
from sgo_model.domain.roles import FormKind
from sgo_model.forms.annotate import ERRORS_SHEET
from sgo_model.forms.blanks import LISTS_SHEET, write_blank
from sgo_model.intake.receipts import Verdict
from sgo_model.setup.lists import form_lists

EQUALS, PHONE, MINUS, AT, LINK = FORMULA_LIKE
# Every cell that is wrong holds a text like a formula, and so does a right one (Адрес).
BAD_PUPIL = {
    "Фамилия": PHONE,
    "Имя": MINUS,
    "Пол": EQUALS,
    "Дата рождения": AT,
    "Группа": MINUS,
    "Дата зачисления": LINK,
    "Адрес": LINK,
    "Телефон": PHONE,
}


def with_clerk(harness: SiteHarness) -> SiteHarness:
    harness.drop_setup(upto=FormKind.STAFF)
    assert [r.verdict for r in harness.ingest().receipts] == [Verdict.ACCEPTED]
    return harness


def test_the_annotated_copy_keeps_the_users_texts_and_lists_them_as_text(
    sqlite_harness: SiteHarness,
) -> None:
    harness = with_clerk(sqlite_harness)
    harness.drop("clerk", FormKind.PUPILS, [BAD_PUPIL], "Воспитанники.xlsx")
    (receipt,) = harness.ingest().receipts
    assert receipt.verdict is Verdict.REJECTED
    assert {p.cell for p in receipt.errors} >= {"A5", "B5", "D5", "E5", "G5"}
    (copy,) = harness.site.user_inbox("clerk").glob("rejected/*.ошибки.xlsx")

    listing = load_workbook(copy)[ERRORS_SHEET]
    values = {row[1]: row[3] for row in listing.iter_rows(min_row=2, values_only=True)}
    assert values["D5"] == EQUALS and values["E5"] == AT and values["B5"] == MINUS
    assert values["G5"] == LINK and values["A5"] == PHONE
    for text in FORMULA_LIKE:
        found = assert_stays_text(copy, text)
        sheets = {c.sheet for c in found if c.value == text}
        # The user's own cell, copied back, and the listing's «Значение» both hold it.
        assert sheets == {"Воспитанники", ERRORS_SHEET}, (text, found)


def test_a_users_own_formula_like_texts_survive_the_copy_as_text(
    sqlite_harness: SiteHarness,
) -> None:
    # openpyxl reads a text cell as text and writes it back as text: checked, not assumed.
    harness = with_clerk(sqlite_harness)
    rows = [{**BAD_PUPIL, "Адрес": text} for text in FORMULA_LIKE]
    harness.drop("clerk", FormKind.PUPILS, rows, "Воспитанники.xlsx")
    (receipt,) = harness.ingest().receipts
    assert receipt.verdict is Verdict.REJECTED
    (copy,) = harness.site.user_inbox("clerk").glob("rejected/*.ошибки.xlsx")
    for row, text in enumerate(FORMULA_LIKE, start=5):
        found = assert_stays_text(copy, text)
        assert ("Воспитанники", f"H{row}", text) in {(c.sheet, c.ref, c.value) for c in found}


def test_blanks_list_group_names_like_formulas_as_text(
    sqlite_harness: SiteHarness, tmp_path: Path
) -> None:
    set_up_with_groups(sqlite_harness, FORMULA_LIKE)
    paths = write_all_blanks(tmp_path / "бланки", form_lists(sqlite_harness.uow(read_only=True)))
    (pupils,) = [p for p in paths if p.name == "Бланк — Воспитанники.xlsx"]
    for name in FORMULA_LIKE:
        (found,) = assert_stays_text(pupils, name)
        assert found.sheet == LISTS_SHEET


def test_a_blank_prefilled_with_formula_like_texts_holds_them_as_text(tmp_path: Path) -> None:
    rows = [{"Группа": name, "Возрастная категория": "средняя"} for name in FORMULA_LIKE]
    blank = write_blank(spec_of(FormKind.GROUPS), tmp_path / "Группы.xlsx", rows=rows)
    for name in FORMULA_LIKE:
        (found,) = assert_stays_text(blank, name)
        assert (found.sheet, found.ref[0]) == ("Группы", "A")
