"""Build the Word and Excel templates of output documents in ``templates/documents/``.

The templates are starting points: an institution edits them (letterhead, wording) in
Word or Excel. Run again only to start over from the defaults::

    .venv/bin/python scripts/make_document_templates.py [--out DIR]   # needs sgo installed
"""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from sgo_model.office.page import landscape_a4
from sgo_model.office.word_page import a4_page, page_numbers_from_the_second, plain_normal_style

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "templates" / "documents"
FONT = "Times New Roman"

ROSTER_COLUMNS = (
    ("№", 0.9),
    ("ФИО воспитанника", 4.4),
    ("Дата рождения", 2.5),
    ("Пол", 1.3),
    ("Родитель (законный представитель)", 4.2),
    ("Телефон", 3.7),
)
ROSTER_CELLS = (
    "{{ loop.index }}",
    "{{ p.full_name }}",
    "{{ p.birth_date|short_date }}",
    "{{ p.sex }}",
    "{{ p.guardian }}",
    "{{ p.phone }}",
)


def build_roster_template(path: Path) -> None:
    """Write the group rosters template (списки воспитанников по группам)."""
    document = Document()
    plain_normal_style(document, FONT, 12, language="ru-RU")
    a4_page(document.sections[0], landscape=False, top=2, bottom=2, left=2.5, right=1.5)
    properties = document.core_properties
    properties.title = "Списки воспитанников по группам"
    properties.author = "sgo"
    properties.language = "ru-RU"

    _paragraph(document, "{{ institution }}", center=True)
    _paragraph(document, "")
    _paragraph(document, "СПИСКИ ВОСПИТАННИКОВ ПО ГРУППАМ", center=True, bold=True, size=14)
    _paragraph(document, "по состоянию на {{ as_of|long_date }}", center=True)
    _paragraph(document, "")
    _paragraph(document, "{%p for g in groups %}")

    heading = _paragraph(document, "", bold=True, size=13, before=6, after=6)
    # Every group after the first starts a new page; the break sits in the heading itself
    # so that no empty paragraph is left at the top of the page.
    heading.add_run("{%r if not loop.first %}")
    heading.add_run().add_break(WD_BREAK.PAGE)
    heading.add_run("{%r endif %}")
    # A mixed-age group has no age span to add: «разновозрастная (разного возраста)» says it twice.
    heading.add_run(
        "Группа «{{ g.name }}» — {{ g.category_label }}{% if g.ages %} ({{ g.ages }}){% endif %}, "
        "{{ g.orientation }}"
    ).bold = True
    heading.paragraph_format.keep_with_next = True
    teachers = _paragraph(document, "{{ g.teachers_caption }}: {{ g.teachers_text }}", after=6)
    teachers.paragraph_format.keep_with_next = True

    table = _grid_table(document, rows=5, columns=len(ROSTER_COLUMNS))
    group_row, header, loop_start, body, loop_end = table.rows
    # The group's name heads the table on every page it runs onto, with the captions.
    _mark_header_row(group_row)
    _mark_header_row(header)
    for row in table.rows:
        _keep_row_together(row)
    for index, (title, width) in enumerate(ROSTER_COLUMNS):
        # Word reads the cells' widths, LibreOffice the grid's: set both.
        table.columns[index].width = Cm(width)
        for row in table.rows:
            row.cells[index].width = Cm(width)
        _cell_text(header.cells[index], title, bold=True, center=True)
        _shade(header.cells[index], "E7E6E6")
        _cell_text(body.cells[index], ROSTER_CELLS[index], center=index in (0, 2, 3))
    _cell_text(loop_start.cells[0], "{%tr for p in g.pupils %}")
    _cell_text(loop_end.cells[0], "{%tr endfor %}")
    merged = group_row.cells[0].merge(group_row.cells[-1])
    _cell_text(merged, "Группа «{{ g.name }}»", bold=True)

    _paragraph(
        document,
        'Всего: {{ g.pupils|length|plural("воспитанник", "воспитанника", "воспитанников") }}',
        before=6,
    )
    _paragraph(document, "{%p endfor %}")
    _paragraph(
        document,
        'Всего в учреждении: {{ total_pupils|plural("воспитанник", "воспитанника", '
        '"воспитанников") }}',
        before=12,
        bold=True,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def _grid_table(document: WordDocument, *, rows: int, columns: int) -> Table:
    """A centred table with a grid, its column widths fixed (set them afterwards)."""
    table = document.add_table(rows=rows, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    return table


def _paragraph(
    document: WordDocument,
    text: str,
    *,
    center: bool = False,
    bold: bool = False,
    size: float | None = None,
    before: float = 0,
    after: float = 0,
) -> Paragraph:
    paragraph = document.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def _cell_text(cell: _Cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.add_run(text).bold = bold
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _shade(cell: _Cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties = cell._tc.get_or_add_tcPr()
    # w:tcPr is a sequence: w:shd must precede these, or Word calls the file damaged.
    later = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
    following = next((c for c in properties if c.tag in {qn(t) for t in later}), None)
    if following is None:
        properties.append(shading)
    else:
        following.addprevious(shading)


def _mark_header_row(row: _Row) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _keep_row_together(row: _Row) -> None:
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(cant_split)


ORDER_TEXT_WIDTH = 16.5  # cm: A4 less the 3 cm left and 1.5 cm right margins
ORDER_INDENT = 1.25  # cm: the first-line indent of Russian official text
ORDER_ACQUAINTED_COLUMNS = (
    ("ФИО родителя (законного представителя)", 9.5),
    ("Подпись", 3.5),
    ("Дата", 3.5),
)
STAFF_ACQUAINTED = "ФИО, должность"
"""Who signs as acquainted with an order on the main activity: the staff it concerns."""


def build_order_template(path: Path, acquainted_caption: str | None = None) -> None:
    """Write the order template (приказ) shared by every kind of pupil order; an order on
    the main activity names the staff as acquainted (``acquainted_caption``)."""
    document = Document()
    plain_normal_style(document, FONT, 12, language="ru-RU")
    document.styles["Normal"].font.size = Pt(14)
    a4_page(document.sections[0], landscape=False, top=2, bottom=2, left=3, right=1.5)
    page_numbers_from_the_second(document.sections[0])
    properties = document.core_properties
    properties.title = "Приказ"
    properties.author = "sgo"
    properties.comments = ""
    properties.language = "ru-RU"

    # No draft mark: the head signs this paper; a draft is told by the registry and the
    # file's name («… (проект).docx»).
    # The institution's name is bold; a line break in it (\n) starts a second line.
    _paragraph(document, "{{ institution }}", center=True, bold=True)
    _paragraph(document, "{%p if address %}")
    _paragraph(document, "{{ address }}", center=True, size=12)
    _paragraph(document, "{%p endif %}")
    _bottom_border(_paragraph(document, "", size=4))

    _paragraph(document, "ПРИКАЗ", center=True, bold=True, size=14, before=18, after=12)
    dated = _paragraph(document, "{{ date|long_date }}\t№ {{ number }}")
    dated.paragraph_format.tab_stops.add_tab_stop(Cm(ORDER_TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)
    _paragraph(document, "{{ place }}", center=True, before=6)

    title = _paragraph(document, "{{ title }}", bold=True, before=18, after=12)
    title.paragraph_format.keep_with_next = True
    _body_paragraph(document, "{{ preamble }}")
    ordering = _paragraph(document, "ПРИКАЗЫВАЮ:", bold=True, before=6, after=6)
    ordering.paragraph_format.keep_with_next = True
    _paragraph(document, "{%p for item in items %}")
    _body_paragraph(document, "{{ loop.index }}. {{ item }}")
    _paragraph(document, "{%p endfor %}")
    control = _body_paragraph(
        document,
        "{{ items|length + 1 }}. Контроль за исполнением настоящего приказа оставляю за собой.",
    )
    # The signature never starts a page on its own.
    control.paragraph_format.keep_with_next = True

    signature = _paragraph(document, "{{ head_post }}\t____________\t{{ head_name }}", before=36)
    tabs = signature.paragraph_format.tab_stops
    tabs.add_tab_stop(Cm(7), WD_TAB_ALIGNMENT.LEFT)
    tabs.add_tab_stop(Cm(ORDER_TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)

    acquainted = _paragraph(document, "С приказом ознакомлены:", before=24, after=6)
    acquainted.paragraph_format.keep_with_next = True
    table = _grid_table(document, rows=4, columns=len(ORDER_ACQUAINTED_COLUMNS))
    header, loop_start, body, loop_end = table.rows
    # Elements of trPr and tcPr go in schema order (cantSplit before tblHeader, shd before
    # vAlign): Word refuses some out-of-order properties as damaged content.
    for row in table.rows:
        _keep_row_together(row)
    _mark_header_row(header)
    # Room to sign by hand, even for a blank line.
    body.height = Cm(0.9)
    body.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    columns = list(ORDER_ACQUAINTED_COLUMNS)
    if acquainted_caption:
        columns[0] = (acquainted_caption, columns[0][1])
    for index, (caption, width) in enumerate(columns):
        table.columns[index].width = Cm(width)
        for row in table.rows:
            row.cells[index].width = Cm(width)
        _shade(header.cells[index], "E7E6E6")
        _cell_text(header.cells[index], caption, bold=True, center=True)
        header.cells[index].paragraphs[0].runs[0].font.size = Pt(12)
    _cell_text(body.cells[0], "{{ person }}")
    body.cells[0].paragraphs[0].runs[0].font.size = Pt(12)
    _cell_text(loop_start.cells[0], "{%tr for person in acquainted %}")
    _cell_text(loop_end.cells[0], "{%tr endfor %}")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def _body_paragraph(document: WordDocument, text: str) -> Paragraph:
    paragraph = _paragraph(document, text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(ORDER_INDENT)
    return paragraph


# What may follow w:pBdr inside w:pPr, in schema order.
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip


def _bottom_border(paragraph: Paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "8"), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{name}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)


FILL_COLUMNS = (
    ("№", 4, "{%row for r in rows %}{{ loop.index }}", "0"),
    ("Группа", 15, "{{ r.name }}", "@"),
    ("Возрастная категория", 22, "{{ r.category_label }}", "@"),
    ("Направленность", 17, "{{ r.orientation_label }}", "@"),
    ("Площадь, м²", 9, "{{ r.area_m2 }}", "0.0"),
    ("Норматив, м² на ребёнка", 10, "{{ r.area_per_child }}", "0.0"),
    ("Вместимость по площади", 11, "{{ r.area_capacity }}", "0"),
    ("Предел по нарушениям детей", 19, "{{ r.condition_cap }}", "@"),
    ("Вместимость", 11, "{{ r.capacity }}", "0"),
    ("Списочный состав", 10, "{{ r.headcount }}", "0"),
    ("Из них детей с ОВЗ", 10, "{{ r.with_condition }}", "0"),
    ("Допустимо детей с ОВЗ", 11, "{{ r.condition_allowed }}", "0"),
    ("Свободно мест", 9, "{{ r.free }}", "0"),
    ("Заполненность, %", 14, "{{ r.fill_percent }}", "0.0"),
)
FILL_TOTALS = {
    5: "{{ total.area_m2 }}",
    7: "{{ total.area_capacity }}",
    9: "{{ total.capacity }}",
    10: "{{ total.headcount }}",
    11: "{{ total.with_condition }}",
    13: "{{ total.free }}",
    14: "{{ total.fill_percent }}",
}
# A row is over when its free places are negative or its children with ОВЗ are more than a
# combined group may have (columns M, K and L).
OVER_FORMULA = "OR($M{row}<0,AND(ISNUMBER($L{row}),$K{row}>$L{row}))"
HEADER_ROW, FIRST_DATA_ROW = 5, 6
NOTE = (
    "Вместимость по площади — по площади групповой (игровой) комнаты: не менее 2,5 м² "
    "на ребёнка до 3 лет и 2,0 м² на ребёнка от 3 до 7 лет (СП 2.4.3648-20, п. 3.1.1). "
    "Для групп компенсирующей и комбинированной направленности есть и предел по нарушениям "
    "детей (Порядок, утв. приказом Минпросвещения России от 31.07.2020 № 373, пп. 20–21, "
    "в редакции таблицы учреждения «Наполняемость по нарушениям»); вместимость группы — "
    "меньший из пределов. Отрицательное число в графе «Свободно мест» или детей с ОВЗ больше "
    "допустимого означает превышение; такие группы выделены цветом. Учтены только дети, "
    "приказы о движении которых подписаны."
)


def build_fill_template(path: Path) -> None:
    """Write the group fill report template (наполняемость групп)."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Наполняемость"
    last = len(FILL_COLUMNS)
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    plain = Font(name=FONT, size=12)
    bold = Font(name=FONT, size=12, bold=True)

    def title(row: int, text: str, font: Font, height: float) -> None:
        ws.merge_cells(start_row=row, end_row=row, start_column=1, end_column=last)
        cell = ws.cell(row=row, column=1, value=text)
        cell.font = font
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.row_dimensions[row].height = height

    title(1, "{{ institution }}", plain, 33)
    title(2, "НАПОЛНЯЕМОСТЬ ГРУПП", Font(name=FONT, size=14, bold=True), 21)
    title(3, "по состоянию на {{ as_of|long_date }}", plain, 17)

    total_row = FIRST_DATA_ROW + 1
    for column, (header, width, code, number_format) in enumerate(FILL_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
        head = ws.cell(row=HEADER_ROW, column=column, value=header)
        head.font = bold
        head.border = box
        head.fill = PatternFill("solid", fgColor="E7E6E6")
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        data = ws.cell(row=FIRST_DATA_ROW, column=column, value=code)
        data.font = plain
        data.border = box
        data.number_format = number_format
        text_column = number_format == "@"
        data.alignment = Alignment(
            horizontal="left" if text_column else "center", vertical="center", wrap_text=True
        )
        if text_column:
            data.number_format = "General"
        total = ws.cell(row=total_row, column=column, value=FILL_TOTALS.get(column))
        total.font = bold
        total.border = box
        total.number_format = number_format if not text_column else "General"
        total.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[HEADER_ROW].height = 48
    ws.row_dimensions[FIRST_DATA_ROW].height = 18
    ws.cell(row=total_row, column=1, value="Итого").alignment = Alignment(
        horizontal="left", vertical="center"
    )
    ws.merge_cells(start_row=total_row, end_row=total_row, start_column=1, end_column=4)

    data_range = f"A{FIRST_DATA_ROW}:{get_column_letter(last)}{FIRST_DATA_ROW}"
    over = PatternFill("solid", fgColor="F8CBAD", bgColor="F8CBAD")
    ws.conditional_formatting.add(
        data_range, FormulaRule(formula=[OVER_FORMULA.format(row=FIRST_DATA_ROW)], fill=over)
    )

    note_row = total_row + 2
    ws.merge_cells(start_row=note_row, end_row=note_row, start_column=1, end_column=last)
    note = ws.cell(row=note_row, column=1, value=NOTE)
    note.font = Font(name=FONT, size=12, italic=True)
    note.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[note_row].height = 66
    sign_row = note_row + 2
    ws.merge_cells(start_row=sign_row, end_row=sign_row, start_column=1, end_column=last)
    sign = ws.cell(
        row=sign_row, column=1, value="Заведующий  ____________________ / ____________________ /"
    )
    sign.font = plain

    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1).coordinate
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    landscape_a4(ws, left=0.6, right=0.4, top=0.6, bottom=0.6, numbered=False)
    ws.print_options.horizontalCentered = True
    workbook.properties.title = "Наполняемость групп"
    workbook.properties.creator = "sgo"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def main(argv: Sequence[str] | None = None) -> None:
    """Write every template into ``--out`` (by default ``templates/documents/``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the templates")
    args = parser.parse_args(argv)
    build_roster_template(args.out / "group_rosters.docx")
    build_fill_template(args.out / "group_fill.xlsx")
    build_order_template(args.out / "order.docx")
    # One template per kind of order, so that an institution may word each differently.
    for kind in ("enrol", "transfer", "withdraw", "graduate"):
        shutil.copyfile(args.out / "order.docx", args.out / f"order_{kind}.docx")
    for kind in ("schedule", "curriculum", "promote"):
        build_order_template(args.out / f"order_{kind}.docx", STAFF_ACQUAINTED)


if __name__ == "__main__":
    main()
