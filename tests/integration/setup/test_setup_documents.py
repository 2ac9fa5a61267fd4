"""Group rosters (docx) and the group fill report (xlsx), rendered from the real templates.

Every document is read back with python-docx or openpyxl: the tests check what a person
would see, not that the renderer ran.
"""

from __future__ import annotations

import re
import runpy
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docxtpl import DocxTemplate
from lxml import etree
from support import convert_to_pdf, pdf_page_size, pdf_pages

from sgo_model.office import docx_template
from sgo_model.office.docx_template import render_docx
from sgo_model.office.files import file_sha256
from sgo_model.office.templating import TemplateError, check_docx_template, sandboxed_environment
from sgo_model.office.xlsx_template import check_xlsx_template, render_xlsx
from sgo_model.setup.documents.fill_report import (
    FILL_VARIABLES,
    FillReportData,
    FillRow,
    render_fill_report,
)
from sgo_model.setup.documents.rosters import (
    ROSTER_VARIABLES,
    RosterData,
    RosterGroup,
    RosterPupil,
    render_group_rosters,
)

TEMPLATES = Path(__file__).resolve().parents[3] / "templates" / "documents"
ROSTER_TEMPLATE = TEMPLATES / "group_rosters.docx"
FILL_TEMPLATE = TEMPLATES / "group_fill.xlsx"
INSTITUTION = "МБДОУ «Детский сад № 12 «Ромашка»»"
SEPTEMBER_1 = date(2026, 9, 1)
PAGE_BREAK = '<w:br w:type="page"/>'


def _pupil(n: int) -> RosterPupil:
    return RosterPupil(
        full_name=f"Смирнова Анна Игоревна {n}",
        birth_date=date(2021, 3, n % 28 + 1),
        sex="ж",
        guardian="Смирнова Ольга Петровна",
        phone="+7 912 345-67-89",
    )


def _roster_data() -> RosterData:
    return RosterData(
        institution=INSTITUTION,
        as_of=SEPTEMBER_1,
        groups=[
            RosterGroup(
                name="Ромашка",
                category_label="средняя",
                ages="4–5 лет",
                orientation="общеразвивающей направленности",
                teachers=["Иванова М. С.", "Петрова А. А."],
                pupils=[_pupil(n) for n in range(1, 24)],
            ),
            RosterGroup(
                name="Солнышко",
                category_label="старшая",
                ages="5–6 лет",
                orientation="компенсирующей направленности",
                teachers=["Сидорова Е. В."],
                pupils=[
                    RosterPupil(
                        "Кузнецов Иван Андреевич",
                        date(2020, 12, 5),
                        "м",
                        "Кузнецов Андрей Львович",
                        "8 (343) 222-33-44",
                    )
                ],
            ),
            RosterGroup(
                name="Звёздочка",
                category_label="подготовительная к школе",
                ages="6–7 лет",
                orientation="комбинированной направленности",
                teachers=[],
                pupils=[],
            ),
        ],
    )


def _fill_data() -> FillReportData:
    return FillReportData(
        institution=INSTITUTION,
        as_of=SEPTEMBER_1,
        rows=[
            FillRow("Ромашка", "средняя", "общеразвивающая", Decimal("50.4"), 2.0, 25, 25, 23),
            FillRow("Солнышко", "первая младшая", "общеразвивающая", 40.0, 2.5, 16, 16, 18),
            FillRow(
                "Звёздочка",
                "подготовительная к школе",
                "компенсирующая",
                48,
                2.0,
                24,
                10,
                10,
                "10 (ТНР, от 3 лет)",
                10,
            ),
            # Room for one more child, but one child with ОВЗ too many for a combined group.
            FillRow(
                "Радуга",
                "средняя",
                "комбинированная",
                40,
                2.0,
                20,
                15,
                14,
                "15 (ТНР, от 3 лет)",
                5,
                4,
            ),
        ],
    )


def _texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _word_template(path: Path, *lines: str) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _excel_template(path: Path, cells: dict[str, object]) -> Path:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "Лист 1"
    for coordinate, value in cells.items():
        ws[coordinate] = value
    workbook.save(path)
    return path


# --- group rosters ------------------------------------------------------------------------


def test_roster_heads_the_document_with_institution_title_and_date(tmp_path: Path) -> None:
    out = tmp_path / "rosters.docx"
    render_group_rosters(_roster_data(), ROSTER_TEMPLATE, out)

    texts = [t for t in _texts(out) if t]
    assert texts[:3] == [
        INSTITUTION,
        "СПИСКИ ВОСПИТАННИКОВ ПО ГРУППАМ",
        "по состоянию на «01» сентября 2026 г.",
    ]


def test_roster_lists_each_group_with_heading_teachers_and_total(tmp_path: Path) -> None:
    out = tmp_path / "rosters.docx"
    render_group_rosters(_roster_data(), ROSTER_TEMPLATE, out)

    texts = [t for t in _texts(out) if t][3:]
    assert texts == [
        "Группа «Ромашка» — средняя (4–5 лет), общеразвивающей направленности",
        "Воспитатели: Иванова М. С., Петрова А. А.",
        "Всего: 23 воспитанника",
        "Группа «Солнышко» — старшая (5–6 лет), компенсирующей направленности",
        "Воспитатель: Сидорова Е. В.",
        "Всего: 1 воспитанник",
        "Группа «Звёздочка» — подготовительная к школе (6–7 лет), комбинированной направленности",
        "Воспитатели: не назначены",
        "Всего: 0 воспитанников",
        "Всего в учреждении: 24 воспитанника",
    ]


def test_roster_tables_have_a_row_per_pupil(tmp_path: Path) -> None:
    out = tmp_path / "rosters.docx"
    render_group_rosters(_roster_data(), ROSTER_TEMPLATE, out)

    tables = docx.Document(str(out)).tables
    assert len(tables) == 3
    # The group's name heads its table (repeated on every page the table runs onto).
    assert {cell.text for cell in tables[0].rows[0].cells} == {"Группа «Ромашка»"}
    header = [cell.text for cell in tables[0].rows[1].cells]
    assert header == [
        "№",
        "ФИО воспитанника",
        "Дата рождения",
        "Пол",
        "Родитель (законный представитель)",
        "Телефон",
    ]
    assert [len(table.rows) for table in tables] == [25, 3, 2]
    assert [cell.text for cell in tables[0].rows[24].cells] == [
        "23",
        "Смирнова Анна Игоревна 23",
        "24.03.2021",
        "ж",
        "Смирнова Ольга Петровна",
        "+7 912 345-67-89",
    ]
    assert [cell.text for cell in tables[1].rows[2].cells] == [
        "1",
        "Кузнецов Иван Андреевич",
        "05.12.2020",
        "м",
        "Кузнецов Андрей Львович",
        "8 (343) 222-33-44",
    ]


def test_a_mixed_age_group_is_not_named_twice(tmp_path: Path) -> None:
    mixed = RosterGroup("Радуга", "разновозрастная", "", "общеразвивающей направленности", [], [])
    data = RosterData(institution=INSTITUTION, as_of=SEPTEMBER_1, groups=[mixed])
    out = tmp_path / "rosters.docx"
    render_group_rosters(data, ROSTER_TEMPLATE, out)

    assert "Группа «Радуга» — разновозрастная, общеразвивающей направленности" in _texts(out)


def test_roster_starts_every_group_but_the_first_on_a_new_page(tmp_path: Path) -> None:
    out = tmp_path / "rosters.docx"
    render_group_rosters(_roster_data(), ROSTER_TEMPLATE, out)

    body = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert body.count(PAGE_BREAK) == 2
    assert body.index("СПИСКИ ВОСПИТАННИКОВ") < body.index(PAGE_BREAK) < body.index("Солнышко")


def test_roster_escapes_characters_special_to_xml(tmp_path: Path) -> None:
    data = _roster_data()
    odd = RosterData(institution="ООО «Рога & копыта» <филиал>", as_of=data.as_of, groups=[])
    out = tmp_path / "rosters.docx"
    render_group_rosters(odd, ROSTER_TEMPLATE, out)

    assert _texts(out)[0] == "ООО «Рога & копыта» <филиал>"


def test_a_failed_render_leaves_the_previous_file_and_no_litter(tmp_path: Path) -> None:
    template = _word_template(tmp_path / "t.docx", "{{ institution.missing }}")
    out = tmp_path / "out" / "result.docx"
    out.parent.mkdir()
    out.write_bytes(b"previous")

    with pytest.raises(TemplateError, match="нет поля «missing»"):
        render_docx(template, {"institution": "Детский сад"}, out)

    assert out.read_bytes() == b"previous"
    assert list(out.parent.iterdir()) == [out]


# --- fill report --------------------------------------------------------------------------

HEADER = [
    "№",
    "Группа",
    "Возрастная категория",
    "Направленность",
    "Площадь, м²",
    "Норматив, м² на ребёнка",
    "Вместимость по площади",
    "Предел по нарушениям детей",
    "Вместимость",
    "Списочный состав",
    "Из них детей с ОВЗ",
    "Допустимо детей с ОВЗ",
    "Свободно мест",
    "Заполненность, %",
]


def test_fill_report_has_a_row_per_group_and_totals(tmp_path: Path) -> None:
    out = tmp_path / "fill.xlsx"
    render_fill_report(_fill_data(), FILL_TEMPLATE, out)

    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == INSTITUTION
    assert rows[1][0] == "НАПОЛНЯЕМОСТЬ ГРУПП"
    assert rows[2][0] == "по состоянию на «01» сентября 2026 г."
    assert list(rows[4]) == HEADER
    general = (1, "Ромашка", "средняя", "общеразвивающая", 50.4, 2, 25, None, 25, 23, 0, None)
    assert rows[5] == (*general, 2, 92)
    assert rows[6][6:] == (16, None, 16, 18, 0, None, -2, 112.5)
    # A compensating group for ТНР over three holds 10, whatever its room would take.
    assert rows[7] == (
        3,
        "Звёздочка",
        "подготовительная к школе",
        "компенсирующая",
        48,
        2,
        24,
        "10 (ТНР, от 3 лет)",
        10,
        10,
        10,
        None,
        0,
        100,
    )
    assert rows[8][6:] == (20, "15 (ТНР, от 3 лет)", 15, 14, 5, 4, 1, 93.3)
    # Ромашка's 2 places and Радуга's 1 are free; Солнышко's 2 children over capacity do not
    # take them away.
    total = ("Итого", None, None, None, 178.4, None, 85, None, 66, 65, 15, None, 3, 98.5)
    assert rows[9] == total
    assert "A10:D10" in {str(r) for r in ws.merged_cells.ranges}


def test_fill_report_keeps_numbers_as_numbers_with_formats(tmp_path: Path) -> None:
    out = tmp_path / "fill.xlsx"
    render_fill_report(_fill_data(), FILL_TEMPLATE, out)

    ws = openpyxl.load_workbook(out).active
    assert ws["G7"].data_type == "n"
    assert ws["I8"].data_type == "n"
    assert ws["E7"].number_format == "0.0"
    assert ws["N8"].number_format == "0.0"
    assert ws["B8"].font.name == "Times New Roman"
    assert ws["N8"].border.bottom.style == "thin"
    assert ws["H8"].alignment.wrap_text
    assert ws.row_dimensions[8].height == ws.row_dimensions[6].height


def test_fill_report_highlights_over_capacity_groups(tmp_path: Path) -> None:
    out = tmp_path / "fill.xlsx"
    render_fill_report(_fill_data(), FILL_TEMPLATE, out)

    ws = openpyxl.load_workbook(out).active
    rules = [(str(cf.sqref), rule.formula) for cf in ws.conditional_formatting for rule in cf.rules]
    assert rules == [("A6:N9", ["OR($M6<0,AND(ISNUMBER($L6),$K6>$L6))"])]
    assert ws["M7"].value < 0  # Солнышко: over the room's capacity
    assert ws["M9"].value > 0 and ws["K9"].value > ws["L9"].value  # Радуга: too many with ОВЗ


def test_fill_report_prints_landscape_on_one_page_wide_with_header_repeated(
    tmp_path: Path,
) -> None:
    out = tmp_path / "fill.xlsx"
    render_fill_report(_fill_data(), FILL_TEMPLATE, out)

    ws = openpyxl.load_workbook(out).active
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == "$5:$5"
    assert ws.freeze_panes == "A6"


def test_fill_report_without_groups_keeps_an_empty_row_and_zero_totals(tmp_path: Path) -> None:
    out = tmp_path / "fill.xlsx"
    render_fill_report(FillReportData(INSTITUTION, SEPTEMBER_1, []), FILL_TEMPLATE, out)

    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[5] == (None,) * 14
    assert rows[6] == ("Итого", None, None, None, 0, None, 0, None, 0, 0, 0, None, 0, None)


# --- the Excel template language ----------------------------------------------------------


def test_repeated_row_grows_sums_and_moves_rows_below(tmp_path: Path) -> None:
    template = tmp_path / "t.xlsx"
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "Дети"
    ws["A1"] = "Ребёнок"
    ws["A2"] = "{%row for name, age in kids %}{{ name }}"
    ws["B2"] = "{{ age }}"
    ws["C2"] = "=B2*2"
    ws["A3"] = "Итого"
    ws["B3"] = "=SUM(B2:B2)"
    ws["A4"] = "{{ note }}"
    ws.merge_cells("A4:C4")
    other = workbook.create_sheet("Свод")
    other["A1"] = "='Дети'!B3"
    ws.print_area = "A1:C4"
    workbook.save(template)
    out = tmp_path / "out.xlsx"

    render_xlsx(
        template,
        {"kids": [("Аня", 4), ("Боря {{ x }}", 5), ("=1+1", 6)], "note": "Подпись"},
        out,
    )

    result = openpyxl.load_workbook(out)
    ws = result["Дети"]
    assert [ws.cell(r, 1).value for r in range(1, 7)] == [
        "Ребёнок",
        "Аня",
        "Боря {{ x }}",
        "=1+1",
        "Итого",
        "Подпись",
    ]
    assert ws["A4"].data_type == "s"
    assert [ws.cell(r, 2).value for r in range(2, 6)] == [4, 5, 6, "=SUM(B2:B4)"]
    assert [ws.cell(r, 3).value for r in range(2, 5)] == ["=B2*2", "=B3*2", "=B4*2"]
    assert {str(r) for r in ws.merged_cells.ranges} == {"A6:C6"}
    assert result["Свод"]["A1"].value == "='Дети'!B5"
    assert ws.print_area == "'Дети'!$A$1:$C$6"


def test_single_expression_cells_keep_dates_and_numbers(tmp_path: Path) -> None:
    template = _excel_template(
        tmp_path / "t.xlsx", {"A1": "{{ day }}", "A2": "{{ n + 1 }}", "A3": "{{ day|short_date }}"}
    )
    out = tmp_path / "out.xlsx"
    render_xlsx(template, {"day": SEPTEMBER_1, "n": 41}, out)

    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value.date() == SEPTEMBER_1
    assert ws["A1"].number_format == "DD.MM.YYYY"
    assert ws["A2"].value == 42
    assert ws["A3"].value == "01.09.2026"


# --- checks on templates ------------------------------------------------------------------


def test_the_committed_templates_use_only_the_documented_variables() -> None:
    check_docx_template(ROSTER_TEMPLATE, ROSTER_VARIABLES)
    check_xlsx_template(FILL_TEMPLATE, FILL_VARIABLES)


def test_the_script_rebuilds_templates_that_render(tmp_path: Path) -> None:
    script = Path(__file__).resolve().parents[3] / "scripts" / "make_document_templates.py"
    runpy.run_path(str(script))["main"](["--out", str(tmp_path)])

    render_group_rosters(_roster_data(), tmp_path / "group_rosters.docx", tmp_path / "r.docx")
    render_fill_report(_fill_data(), tmp_path / "group_fill.xlsx", tmp_path / "f.xlsx")
    assert _texts(tmp_path / "r.docx") == _texts(_render_roster(tmp_path))


def _render_roster(tmp_path: Path) -> Path:
    out = tmp_path / "committed.docx"
    render_group_rosters(_roster_data(), ROSTER_TEMPLATE, out)
    return out


def test_undefined_variable_in_a_word_template_is_refused(tmp_path: Path) -> None:
    template = _word_template(tmp_path / "letter.docx", "{{ institution }}", "{{ headmaster }}")

    with pytest.raises(TemplateError) as caught:
        check_docx_template(template, {"institution"})
    message = str(caught.value)
    assert message.startswith("Шаблон «letter.docx»: неизвестные переменные «headmaster»")

    with pytest.raises(TemplateError, match="«headmaster»"):
        render_docx(template, {"institution": "Детский сад"}, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_undefined_variable_in_an_excel_template_is_refused(tmp_path: Path) -> None:
    template = _excel_template(
        tmp_path / "report.xlsx",
        {"A1": "{{ institution }}", "A2": "{%row for r in rows %}{{ r.name }}", "B2": "{{ x }}"},
    )

    with pytest.raises(TemplateError, match=re.escape("«report.xlsx»: неизвестные переменные «x»")):
        check_xlsx_template(template, {"institution", "rows"})


def test_a_syntax_error_names_the_sheet_and_cell(tmp_path: Path) -> None:
    template = _excel_template(tmp_path / "report.xlsx", {"C7": "{{ institution "})

    with pytest.raises(TemplateError, match="лист «Лист 1», ячейка C7"):
        check_xlsx_template(template, {"institution"})


def test_a_template_may_not_reach_outside_the_sandbox(tmp_path: Path) -> None:
    escape = "{{ institution.__class__.__mro__ }}"
    word = _word_template(tmp_path / "t.docx", escape)
    excel = _excel_template(tmp_path / "t.xlsx", {"A1": escape, "A2": f"Итог: {escape}"})

    with pytest.raises(TemplateError, match="недопустимая операция"):
        render_docx(word, {"institution": "Детский сад"}, tmp_path / "out.docx")
    with pytest.raises(TemplateError, match="недопустимая операция"):
        render_xlsx(excel, {"institution": "Детский сад"}, tmp_path / "out.xlsx")


def test_an_unknown_filter_is_named_in_the_message(tmp_path: Path) -> None:
    template = _word_template(tmp_path / "t.docx", "{{ as_of|long_data }}")

    with pytest.raises(TemplateError, match="неизвестный фильтр «long_data»"):
        check_docx_template(template, {"as_of"})


def test_a_word_template_with_a_linked_picture_is_refused(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("{{ institution }}")
    document.part.relate_to("http://example.com/logo.png", RELATIONSHIP_TYPE.IMAGE, True)
    template = tmp_path / "linked.docx"
    document.save(str(template))

    with pytest.raises(
        TemplateError, match=re.escape("внешний ресурс http://example.com/logo.png")
    ):
        check_docx_template(template, {"institution"})


def test_a_hyperlink_in_a_letterhead_is_allowed(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("{{ institution }}")
    document.part.relate_to("https://ds12.example.ru", RELATIONSHIP_TYPE.HYPERLINK, True)
    template = tmp_path / "letterhead.docx"
    document.save(str(template))

    check_docx_template(template, {"institution"})


def test_an_excel_template_linked_to_another_workbook_is_refused(tmp_path: Path) -> None:
    plain = _excel_template(tmp_path / "plain.xlsx", {"A1": "{{ institution }}"})
    template = tmp_path / "linked.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(template, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/externalLinks/externalLink1.xml", "<externalLink/>")

    with pytest.raises(TemplateError, match="связи с другими книгами"):
        check_xlsx_template(template, {"institution"})


def test_file_sha256_fingerprints_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    assert file_sha256(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


# --- what a person sees -------------------------------------------------------------------


@pytest.mark.soffice
def test_both_documents_convert_to_pdf(tmp_path: Path) -> None:
    rosters, fill = tmp_path / "rosters.docx", tmp_path / "fill.xlsx"
    render_group_rosters(_roster_data(), ROSTER_TEMPLATE, rosters)
    render_fill_report(_fill_data(), FILL_TEMPLATE, fill)
    roster_pdf, fill_pdf = convert_to_pdf(tmp_path, rosters, fill)

    width, height, paper = pdf_page_size(roster_pdf)
    assert (paper, width < height) == ("A4", True)  # portrait
    pages = pdf_pages(roster_pdf)
    assert pages[0].startswith(
        f"{INSTITUTION} СПИСКИ ВОСПИТАННИКОВ ПО ГРУППАМ по состоянию на «01» сентября 2026 г. "
        "Группа «Ромашка» — средняя (4–5 лет), общеразвивающей направленности "
        "Воспитатели: Иванова М. С., Петрова А. А."
    )
    # Every group starts a page of its own; a long one runs on, the group's name and the
    # table's header repeated.
    assert pages[1].startswith("Группа «Ромашка» Родитель Дата № ФИО воспитанника Пол")
    headed = [page.split(" — ")[0] for page in pages[2:]]
    assert headed == ["Группа «Солнышко»", "Группа «Звёздочка»"]
    assert all("№ ФИО воспитанника Пол" in page for page in pages)
    solnyshko = next(i for i, page in enumerate(pages) if page.startswith("Группа «Солнышко»"))
    assert pages[solnyshko - 1].endswith("Игоревна 23 Петровна Всего: 23 воспитанника")
    assert pages[solnyshko].startswith(
        "Группа «Солнышко» — старшая (5–6 лет), компенсирующей направленности "
        "Воспитатель: Сидорова Е. В."
    )
    assert pages[solnyshko].endswith("Всего: 1 воспитанник")
    assert pages[-1] == (
        "Группа «Звёздочка» — подготовительная к школе (6–7 лет), комбинированной "
        "направленности Воспитатели: не назначены Группа «Звёздочка» Родитель Дата № ФИО "
        "воспитанника Пол "
        "(законный Телефон рождения представитель) Всего: 0 воспитанников "
        "Всего в учреждении: 24 воспитанника"
    )

    width, height, paper = pdf_page_size(fill_pdf)
    assert (paper, width > height) == ("A4", True)  # landscape
    (page,) = pdf_pages(fill_pdf)
    # The decimal separator follows LibreOffice's locale.
    body = page[page.index("1 Ромашка") :]
    figures = re.sub(r"(\d),(\d)", r"\1.\2", body.split(" Вместимость по площади —")[0])
    assert figures == (
        "1 Ромашка средняя общеразвивающая 50.4 2.0 25 25 23 0 2 92.0 "
        "2 Солнышко первая младшая общеразвивающая 40.0 2.5 16 16 18 0 -2 112.5 "
        "3 Звёздочка подготовительная к школе компенсирующая 48.0 2.0 24 10 (ТНР, от 3 лет) "
        "10 10 10 0 100.0 "
        "4 Радуга средняя комбинированная 40.0 2.0 20 15 (ТНР, от 3 лет) 15 14 5 4 1 93.3 "
        "Итого 178.4 85 66 65 15 3 98.5"
    )
    assert page.startswith(f"{INSTITUTION} НАПОЛНЯЕМОСТЬ ГРУПП по состоянию на «01» сентября")
    assert page.endswith("Заведующий ____________________ / ____________________ /")


def test_a_large_roster_streamed_in_pieces_is_what_docxtpl_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small pieces: the body is cut, finished and checked in many places.
    monkeypatch.setattr(docx_template, "_PIECE", 3000)
    big = RosterGroup(
        "Ромашка",
        "средняя группа",
        "4–5 лет",
        "общеразвивающей направленности",
        ["Иванова М. С."],
        [_pupil(n) for n in range(1, 301)],
    )
    data = RosterData(INSTITUTION, SEPTEMBER_1, [big, *_roster_data().groups])
    ours, plain = tmp_path / "ours.docx", tmp_path / "plain.docx"
    render_group_rosters(data, ROSTER_TEMPLATE, ours)
    reference = DocxTemplate(ROSTER_TEMPLATE)
    reference.render(
        {
            "institution": data.institution,
            "as_of": data.as_of,
            "groups": data.groups,
            "total_pupils": sum(len(g.pupils) for g in data.groups),
        },
        jinja_env=sandboxed_environment(),
        autoescape=True,
    )
    reference.save(plain)

    def canonical(path: Path) -> bytes:
        with zipfile.ZipFile(path) as package:
            xml = etree.fromstring(package.read("word/document.xml"))
        return bytes(etree.tostring(xml, method="c14n2"))

    assert canonical(ours) == canonical(plain)
    assert len(docx.Document(str(ours)).tables[0].rows) == 302


def test_markup_broken_late_in_a_streamed_body_is_refused_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(docx_template, "_PIECE", 100)
    lines = [f"Строка {n}" for n in range(50)]
    template = _word_template(tmp_path / "t.docx", *lines, "{{ institution | safe }}")
    out = tmp_path / "out.docx"

    with pytest.raises(TemplateError, match="разметка документа повреждена"):
        render_docx(template, {"institution": "</w:t>"}, out)
    assert list(tmp_path.iterdir()) == [template]
