"""The movement book (книга учёта движения воспитанников) as Excel and as Word pages.

Both files are read back with openpyxl / python-docx and checked for what is printed and
how the pages are set up.
"""

from __future__ import annotations

import re
import subprocess
import time
import zipfile
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm
from support import convert_to_pdf

from sgo_model.movement.documents.book import (
    BOOK_COLUMNS,
    BOOK_TITLE,
    UNSIGNED_NOTE,
    BookEntry,
    book_row,
    entries_in_period,
)
from sgo_model.movement.documents.book_docx import write_book_docx
from sgo_model.movement.documents.book_xlsx import write_book_xlsx

INSTITUTION = "МБДОУ «Детский сад № 12 «Ромашка»»"
COLUMNS = [
    "№ п/п",
    "ФИО ребёнка",
    "Дата рождения",
    "Домашний адрес",
    "ФИО родителей (законных представителей), телефон",
    "Дата зачисления, № и дата приказа",
    "Откуда прибыл",
    "Группа",
    "Дата отчисления, № и дата приказа",
    "Куда выбыл / причина",
    "Примечание",
]
YEAR_2026 = (date(2026, 9, 1), date(2027, 8, 31))


def _entries() -> list[BookEntry]:
    return [
        BookEntry(
            number=1,
            pupil="Смирнова Анна Игоревна",
            birth_date=date(2019, 3, 12),
            address="г. Энск, ул. Ленина, д. 1, кв. 5",
            guardians="Смирнова Ольга Петровна, +7 912 345-67-89\nСмирнов Игорь Львович",
            enrolled_on=date(2022, 9, 1),
            enrol_order="№ 40-д от 25.08.2022",
            arrived_from="из семьи",
            group="Ромашка",
            withdrawn_on=date(2026, 8, 31),
            withdraw_order="№ 77-д от 31.08.2026",
            destination="МАОУ СОШ № 5 / в связи с получением образования",
            note="",
            unsigned=False,
        ),
        BookEntry(
            number=2,
            pupil="Иванова Мария Сергеевна",
            birth_date=date(2022, 3, 12),
            address="г. Энск, ул. Мира, д. 3",
            guardians="Иванова Ольга Петровна, +7 912 000-11-22",
            enrolled_on=date(2026, 9, 1),
            enrol_order="№ 12-д от 01.09.2026",
            arrived_from="из семьи",
            group="Ромашка",
            withdrawn_on=None,
            withdraw_order="",
            destination="",
            note="",
            unsigned=False,
        ),
        BookEntry(
            number=3,
            pupil="Кузнецов Иван Андреевич",
            birth_date=date(2021, 12, 5),
            address="г. Энск, ул. Мира, д. 7 & 9",
            guardians="Кузнецов Андрей Львович",
            enrolled_on=date(2026, 9, 14),
            enrol_order="№ 15-д от 14.09.2026",
            arrived_from="МБДОУ № 7 <перевод>",
            group="Солнышко",
            withdrawn_on=None,
            withdraw_order="",
            destination="",
            note="по переводу",
            unsigned=True,
        ),
    ]


def _many(count: int) -> list[BookEntry]:
    base = _entries()[0]
    return [
        BookEntry(
            number=n,
            pupil=f"{base.pupil} {n}",
            birth_date=base.birth_date,
            address=base.address,
            guardians=base.guardians,
            enrolled_on=date(2020, 9, 1) + timedelta(days=n),
            enrol_order=f"№ {n}-д от 01.09.2020",
            arrived_from=base.arrived_from,
            group=base.group,
            withdrawn_on=None,
            withdraw_order="",
            destination="",
            note="",
            unsigned=n % 7 == 0,
        )
        for n in range(1, count + 1)
    ]


# --- rows -------------------------------------------------------------------------------------


def test_columns_are_the_book_columns() -> None:
    assert list(BOOK_COLUMNS) == COLUMNS


def test_row_combines_dates_with_orders_and_marks_unsigned_entries() -> None:
    first, second, third = (book_row(entry) for entry in _entries())
    assert first == (
        "1",
        "Смирнова Анна Игоревна",
        "12.03.2019",
        "г. Энск, ул. Ленина, д. 1, кв. 5",
        "Смирнова Ольга Петровна, +7 912 345-67-89\nСмирнов Игорь Львович",
        "01.09.2022, приказ № 40-д от 25.08.2022",
        "из семьи",
        "Ромашка",
        "31.08.2026, приказ № 77-д от 31.08.2026",
        "МАОУ СОШ № 5 / в связи с получением образования",
        "",
    )
    assert second[8:] == ("", "", "")
    assert third[10] == f"по переводу; {UNSIGNED_NOTE}"


def test_an_order_reference_already_saying_prikaz_is_not_doubled() -> None:
    entry = _entries()[1]
    row = book_row(replace(entry, enrol_order="приказ № 12-д от 01.09.2026"))
    assert row[5] == "01.09.2026, приказ № 12-д от 01.09.2026"


def test_period_keeps_entries_enrolled_or_withdrawn_in_it() -> None:
    entries = _entries()
    assert [e.number for e in entries_in_period(entries, YEAR_2026)] == [2, 3]
    last_year = (date(2025, 9, 1), date(2026, 8, 31))
    assert [e.number for e in entries_in_period(entries, last_year)] == [1]
    with pytest.raises(ValueError, match="позже"):
        entries_in_period(entries, (date(2027, 1, 1), date(2026, 1, 1)))


# --- Excel ------------------------------------------------------------------------------------


def test_workbook_has_title_header_and_values(tmp_path: Path) -> None:
    out = tmp_path / "book.xlsx"
    write_book_xlsx(INSTITUTION, _entries(), out)

    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == BOOK_TITLE
    assert ws["A2"].value == INSTITUTION
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:K1", "A2:K2"}
    assert [c.value for c in ws[3]] == COLUMNS
    assert all(c.font.bold for c in ws[3])
    assert ws.max_row == 6

    first = [c.value for c in ws[4]]
    assert first == [
        1,
        "Смирнова Анна Игоревна",
        datetime(2019, 3, 12),
        "г. Энск, ул. Ленина, д. 1, кв. 5",
        "Смирнова Ольга Петровна, +7 912 345-67-89\nСмирнов Игорь Львович",
        "01.09.2022, приказ № 40-д от 25.08.2022",
        "из семьи",
        "Ромашка",
        "31.08.2026, приказ № 77-д от 31.08.2026",
        "МАОУ СОШ № 5 / в связи с получением образования",
        None,
    ]
    assert ws["C4"].number_format == "DD.MM.YYYY"
    assert ws["C4"].is_date
    assert ws["D6"].value == "г. Энск, ул. Мира, д. 7 & 9"
    assert ws["G6"].value == "МБДОУ № 7 <перевод>"
    assert all(c.alignment.wrap_text for c in ws[4])
    assert all(c.border.left.style == "thin" for c in ws[5])
    # Heights are set from the wrapped lines (neither Excel nor LibreOffice fits them).
    assert all(ws.row_dimensions[r].customHeight for r in (3, 4, 5, 6))
    assert ws.row_dimensions[4].height >= 3 * 13  # two lines of guardians, three of orders


def test_unsigned_rows_are_grey_italic_with_a_note(tmp_path: Path) -> None:
    out = tmp_path / "book.xlsx"
    write_book_xlsx(INSTITUTION, _entries(), out)

    ws = openpyxl.load_workbook(out).active
    assert ws["K6"].value == f"по переводу; {UNSIGNED_NOTE}"
    assert all(c.font.italic for c in ws[6])
    assert all(c.font.color is not None and c.font.color.rgb == "007F7F7F" for c in ws[6])
    assert not any(c.font.italic for c in ws[5])


def test_workbook_is_set_up_for_printing(tmp_path: Path) -> None:
    out = tmp_path / "book.xlsx"
    write_book_xlsx(INSTITUTION, _entries(), out)

    ws = openpyxl.load_workbook(out).active
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$3:$3"
    assert ws.auto_filter.ref == "A3:K6"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    widths = [ws.column_dimensions[c].width for c in "ABCDEFGHIJK"]
    assert all(4 <= w <= 30 for w in widths)
    assert widths[1] > widths[0]


def test_workbook_of_an_empty_book_has_the_header_only(tmp_path: Path) -> None:
    out = tmp_path / "book.xlsx"
    write_book_xlsx(INSTITUTION, [], out)

    ws = openpyxl.load_workbook(out).active
    assert ws.max_row == 3
    assert [c.value for c in ws[3]] == COLUMNS


def test_ten_thousand_entries_are_written_in_seconds(tmp_path: Path) -> None:
    out = tmp_path / "book.xlsx"
    started = time.perf_counter()
    write_book_xlsx(INSTITUTION, _many(10_000), out)
    elapsed = time.perf_counter() - started

    # Measured about 0.5 s; the bound leaves room for a busy machine.
    assert elapsed < 10
    workbook = openpyxl.load_workbook(out, read_only=True)
    try:
        rows = workbook.active.iter_rows(min_row=10_003, max_row=10_003, values_only=True)
        assert next(rows)[:2] == (10_000, "Смирнова Анна Игоревна 10000")
    finally:
        workbook.close()
    with zipfile.ZipFile(out) as package:
        assert package.testzip() is None


# --- Word ---------------------------------------------------------------------------------------


NBSP = "\u00a0"


def _table_texts(path: Path, *, plain: bool = True) -> list[list[str]]:
    """The table's cells; ``plain``: with the typesetting's non-breaking spaces as spaces."""
    (table,) = docx.Document(str(path)).tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    return [[c.replace(NBSP, " ") for c in row] for row in rows] if plain else rows


def test_pages_of_a_period_list_its_entries(tmp_path: Path) -> None:
    out = tmp_path / "book.docx"
    write_book_docx(INSTITUTION, _entries(), YEAR_2026, out)

    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts == [BOOK_TITLE, INSTITUTION, "за период с 01.09.2026 по 31.08.2027"]
    rows = _table_texts(out)
    assert rows[0] == COLUMNS
    assert rows[1] == [
        "2",
        "Иванова Мария Сергеевна",
        "12.03.2022",
        "г. Энск, ул. Мира, д. 3",
        "Иванова Ольга Петровна, +7 912 000-11-22",
        "01.09.2026, приказ № 12-д от 01.09.2026",
        "из семьи",
        "Ромашка",
        "",
        "",
        "",
    ]
    assert rows[2][3] == "г. Энск, ул. Мира, д. 7 & 9"
    assert rows[2][6] == "МБДОУ № 7 <перевод>"
    assert rows[2][10] == f"по переводу; {UNSIGNED_NOTE}"
    assert len(rows) == 3
    # Typeset: no line break inside an address's parts or a phone number.
    typeset = _table_texts(out, plain=False)[1]
    assert typeset[3] == f"г.{NBSP}Энск, ул.{NBSP}Мира, д.{NBSP}3"
    # Its hyphens are Word's non-breaking ones (python-docx reads them as «-»).
    assert typeset[4].endswith(f"+7{NBSP}912{NBSP}000-11-22")
    (table,) = docx.Document(str(out)).tables
    cell = table.rows[1].cells[4]._tc
    assert len(cell.findall(f".//{qn('w:noBreakHyphen')}")) == 2


def test_pages_are_numbered_in_a_footer_the_margin_keeps(tmp_path: Path) -> None:
    out = tmp_path / "book.docx"
    write_book_docx(INSTITUTION, _entries(), None, out)

    section = docx.Document(str(out)).sections[0]
    (footer,) = [p for p in section.footer.paragraphs if p.text]
    assert footer.text == "Страница  из "  # and the two fields, filled in when printed:
    codes = [f.get(qn("w:instr")) for f in footer._p.findall(f".//{qn('w:fldSimple')}")]
    assert codes == ["PAGE", "NUMPAGES"]
    assert section.footer_distance.cm < section.bottom_margin.cm - 0.8  # room for its line


def test_pages_are_landscape_a4_with_a_repeating_header(tmp_path: Path) -> None:
    out = tmp_path / "book.docx"
    write_book_docx(INSTITUTION, _entries(), None, out)

    document = docx.Document(str(out))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (29.7, 21.0)
    usable = section.page_width - section.left_margin - section.right_margin
    (table,) = document.tables
    assert sum(c.width for c in table.columns) <= usable + Cm(0.01)
    header = table.rows[0]._tr
    assert header.trPr.xpath("./w:tblHeader")
    # At 9 pt, «№» takes a four-digit running number; the name column a long patronymic.
    assert round(table.columns[0].width.cm, 1) >= 1.1
    assert round(table.columns[1].width.cm, 1) >= 3.1
    assert len(table.rows) == 4  # no period: the whole book


def test_unsigned_rows_are_grey_italic_in_word(tmp_path: Path) -> None:
    out = tmp_path / "book.docx"
    write_book_docx(INSTITUTION, _entries(), None, out)

    rows = docx.Document(str(out)).tables[0].rows
    unsigned = [run for cell in rows[3].cells for p in cell.paragraphs for run in p.runs]
    assert unsigned and all(run.italic for run in unsigned)
    assert all(str(run.font.color.rgb) == "7F7F7F" for run in unsigned)
    signed = [run for cell in rows[2].cells for p in cell.paragraphs for run in p.runs]
    assert not any(run.italic for run in signed)


def test_two_line_guardians_keep_their_line_break(tmp_path: Path) -> None:
    out = tmp_path / "book.docx"
    write_book_docx(INSTITUTION, _entries(), None, out)
    assert _table_texts(out)[1][4] == (
        "Смирнова Ольга Петровна, +7 912 345-67-89\nСмирнов Игорь Львович"
    )


def test_a_period_without_entries_says_so(tmp_path: Path) -> None:
    out = tmp_path / "book.docx"
    write_book_docx(INSTITUTION, _entries(), (date(2030, 9, 1), date(2031, 8, 31)), out)

    assert _table_texts(out) == [COLUMNS]
    texts = [p.text for p in docx.Document(str(out)).paragraphs if p.text]
    assert texts[-1] == "За период записей нет."


def test_two_thousand_rows_are_written_in_seconds(tmp_path: Path) -> None:
    out = tmp_path / "book.docx"
    started = time.perf_counter()
    write_book_docx(INSTITUTION, _many(2000), None, out)
    elapsed = time.perf_counter() - started

    # Measured about 0.4 s (the target is 3 s); the bound leaves room for a busy machine.
    assert elapsed < 10
    rows = docx.Document(str(out)).tables[0].rows
    assert len(rows) == 2001
    assert rows[2000].cells[1].text == "Смирнова Анна Игоревна 2000"


# --- LibreOffice --------------------------------------------------------------------------------


@pytest.mark.soffice
def test_book_converts_to_landscape_pdf_with_the_header_on_every_page(tmp_path: Path) -> None:
    entries = _many(60)
    xlsx, word = tmp_path / "book.xlsx", tmp_path / "pages.docx"
    write_book_xlsx(INSTITUTION, entries, xlsx)
    write_book_docx(INSTITUTION, entries, None, word)
    convert_to_pdf(tmp_path, xlsx, word)

    for name in ("book.pdf", "pages.pdf"):
        pdf = tmp_path / "pdf" / name
        assert pdf.read_bytes().startswith(b"%PDF")
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        pages = [page for page in text.split("\f") if page.strip()]
        assert len(pages) >= 2, name
        assert all("Группа" in page and "п/п" in page for page in pages), name
        # A name may wrap inside its cell; the last entry's line ends «Игоревна 60».
        assert "Игоревна 60" in " ".join(pages[-1].split()), name
        info = subprocess.run(
            ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True
        ).stdout
        size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)", info)
        assert size is not None, info
        assert float(size[1]) > float(size[2]), info  # landscape
        # Every page of the Word pages ends with its number, whole, above the bottom edge.
        if name == "pages.pdf":
            total = len(pages)
            for number, page in enumerate(pages, start=1):
                assert page.rstrip().splitlines()[-1].strip() == f"Страница {number} из {total}"
