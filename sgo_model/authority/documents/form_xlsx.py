"""A report form as a workbook laid out like the official blank: the title sheet (header
block, who submits and when, the codes box), a sheet per section with the lines and the
numbered columns, and the sheet of control relations.

The layout is the template's: the sheet «Раздел N» has the column numbers in one row («1»,
«2», «3» …) and each line's number in column B, which is how a package's checker finds every
figure again (:func:`read_figures`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from sgo_model.domain.periods import period_words
from sgo_model.domain.statistical_form import Failure, Figures, FormTemplate, Section, Value
from sgo_model.office.files import atomic_output
from sgo_model.office.page import landscape_a4
from sgo_model.office.russian import long_date

TITLE_SHEET = "Титул"
CONTROL_SHEET = "Контроль"
SECTION_SHEET = "Раздел {code}"
NUMBER_COLUMN = 2
"""Column B holds the line numbers."""

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=12)
_WARN = Font(bold=True, color="C00000")


@dataclass(frozen=True)
class FormContent:
    """What the workbook prints."""

    template: FormTemplate
    period: str
    institution: str
    address: str
    codes: Mapping[str, str]
    """Label → code for the codes box: «Код формы по ОКУД» → «…»."""
    figures: Figures
    failures: Sequence[Failure]
    gaps: Sequence[str]
    made_on: Any


def sheet_name(section: Section) -> str:
    """The sheet of a section: «Раздел 2.3»."""
    return SECTION_SHEET.format(code=section.code)


def _units(section: Section) -> bool:
    return not section.unit and any(line.unit for line in section.lines)


def write_form_xlsx(content: FormContent, out: Path) -> Path:
    """Write the form's workbook."""
    workbook = Workbook()
    _title(workbook.active, content)
    for section in content.template.sections:
        write_section(workbook.create_sheet(sheet_name(section)), section, content.figures)
    _control(workbook.create_sheet(CONTROL_SHEET), content)
    with atomic_output(out) as tmp:
        workbook.save(tmp)
    return out


def _title(ws: Any, content: FormContent) -> None:
    ws.title = TITLE_SHEET
    template, header = content.template, content.template.header
    for letter, width in zip("ABCD", (46, 30, 30, 24), strict=True):
        ws.column_dimensions[letter].width = width
    row = 1

    def line(text: str, font: Font | None = None, height: float | None = None) -> None:
        nonlocal row
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        cell = ws.cell(row, 1, text)
        cell.alignment = _CENTRE
        if font:
            cell.font = font
        if height:
            ws.row_dimensions[row].height = height
        row += 1

    if "confidential" in header:
        line("ФЕДЕРАЛЬНОЕ СТАТИСТИЧЕСКОЕ НАБЛЮДЕНИЕ", _TITLE)
        line(header["confidential"], _BOLD)
    if "warning" in header:
        line(header["warning"], Font(size=9), 40)
    row += 1
    line(template.title.upper(), _TITLE, 48)
    line(f"за {period_words(content.period)}", _TITLE)
    if header.get("reporting"):
        line(f"({header['reporting']})", Font(italic=True))
    if content.gaps:
        line(f"ПРЕДВАРИТЕЛЬНЫЕ ДАННЫЕ на {content.made_on:%d.%m.%Y}", _WARN)
    row += 1
    boxed = [
        ("Представляют", "Сроки представления", f"Форма № {template.form_number}"),
        (
            header.get("submitters", "—"),
            header.get("deadline", "—"),
            f"{template.edition}\n{header.get('periodicity', '')}".strip(),
        ),
    ]
    for values in boxed:
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row, column, value)
            cell.border, cell.alignment = _BOX, _CENTRE if values is boxed[0] else _WRAP
        ws.row_dimensions[row].height = 15 if values is boxed[0] else 90
        row += 1
    row += 1
    for label, value in (
        ("Наименование отчитывающейся организации", content.institution),
        ("Почтовый адрес", content.address or "—"),
    ):
        heading = ws.cell(row, 1, label)
        heading.font, heading.alignment = _BOLD, _WRAP
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        ws.cell(row, 2, value).alignment = _WRAP
        ws.row_dimensions[row].height = 30
        row += 1
    row += 1
    for column, label in enumerate(content.codes, start=1):
        cell = ws.cell(row, column, label)
        cell.border, cell.alignment, cell.font = _BOX, _CENTRE, Font(size=9)
        value = ws.cell(row + 1, column, content.codes[label] or "")
        value.border, value.alignment = _BOX, _CENTRE
    ws.row_dimensions[row].height = 30
    row += 3
    notes = [*template.manual]
    if content.gaps:
        notes.insert(0, "Данные предварительные: " + "; ".join(content.gaps) + ".")
    for note in notes:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        cell = ws.cell(row, 1, note)
        cell.alignment, cell.font = _WRAP, Font(size=9)
        ws.row_dimensions[row].height = 13 * (1 + len(note) // 150)
        row += 1
    row += 1
    ws.cell(row, 1, "Руководитель организации").font = _BOLD
    ws.cell(row, 2, "____________________ (Ф. И. О.)")
    ws.cell(row, 3, "____________________ (подпись)")
    ws.cell(row, 4, long_date(content.made_on))
    landscape_a4(ws, left=0.6, right=0.4, top=0.6, bottom=0.6)


def write_section(ws: Any, section: Section, figures: Figures) -> None:
    """A section's sheet: its title, unit, the numbered columns and a row per printed line."""
    units = _units(section)
    headers = ["Наименование показателей", "№ строки"]
    numbers = ["1", "2"]
    if units:
        headers.append("Единица измерения")
        numbers.append("")
    headers += [c.label for c in section.columns]
    numbers += [c.number for c in section.columns]
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    title = ws.cell(1, 1, f"Раздел {section.code}. {section.title}")
    title.font, title.alignment = _TITLE, _WRAP
    ws.row_dimensions[1].height = 32
    if section.okei:
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers))
        unit = ws.cell(2, 1, f"Единица измерения: {section.unit} (код по ОКЕИ — {section.okei})")
        unit.alignment = Alignment(horizontal="right")
    for column, (label, number) in enumerate(zip(headers, numbers, strict=True), start=1):
        head = ws.cell(3, column, label)
        head.border, head.alignment, head.font = _BOX, _CENTRE, _BOLD
        numbered = ws.cell(4, column, number)
        numbered.border, numbered.alignment = _BOX, _CENTRE
    ws.row_dimensions[3].height = 45
    ws.column_dimensions["A"].width = 62
    ws.column_dimensions["B"].width = 9
    first = 3
    if units:
        ws.column_dimensions["C"].width = 14
        first = 4
    for offset in range(len(section.columns)):
        ws.column_dimensions[get_column_letter(first + offset)].width = 15
    row = 5
    table = figures.get(section.code, {})
    for line in section.lines:
        if not line.printed:
            continue
        label = ws.cell(row, 1, line.label)
        label.alignment = Alignment(
            horizontal="left", vertical="top", wrap_text=True, indent=2 * line.level
        )
        ws.cell(row, NUMBER_COLUMN, line.number).alignment = _CENTRE
        if units:
            ws.cell(row, 3, line.unit).alignment = _CENTRE
        for offset, shown in enumerate(section.columns):
            value = table.get(line.number, {}).get(shown.number)
            if shown.share and not line.share_of:
                value = None
            cell = ws.cell(row, first + offset, _cell(value))
            cell.alignment = Alignment(horizontal="right", vertical="top")
            if isinstance(value, Decimal):
                cell.number_format = "0." + "0" * max(1, -int(value.as_tuple().exponent))
        for index in range(1, len(headers) + 1):
            ws.cell(row, index).border = _BOX
        ws.row_dimensions[row].height = 15 * (1 + len(line.label) // 70)
        row += 1
    if section.note:
        ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=len(headers))
        note = ws.cell(row + 1, 1, section.note)
        note.alignment, note.font = _WRAP, Font(size=9, italic=True)
        ws.row_dimensions[row + 1].height = 30
    ws.print_title_rows = "3:4"
    ws.freeze_panes = "C5"
    landscape_a4(ws, left=0.6, right=0.4, top=0.6, bottom=0.6)


def _cell(value: Value | None) -> int | float | str | None:
    if isinstance(value, Decimal):
        return float(value)
    return value


def _control(ws: Any, content: FormContent) -> None:
    ws.column_dimensions["A"].width = 10
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["C"].width = 70
    for column, label in enumerate(("Раздел", "Контрольное соотношение", "Результат"), start=1):
        cell = ws.cell(1, column, label)
        cell.font, cell.border, cell.alignment = _BOLD, _BOX, _CENTRE
    failed: dict[tuple[str, str], list[str]] = {}
    for failure in content.failures:
        failed.setdefault((failure.section, failure.relation), []).append(failure.explanation)
    row = 2
    for section in content.template.sections:
        for relation in section.relations:
            broken = failed.get((section.code, relation.text), [])
            values = (section.code, relation.text, "\n".join(broken) if broken else "выполнено")
            for column, value in enumerate(values, start=1):
                cell = ws.cell(row, column, value)
                cell.border, cell.alignment = _BOX, _WRAP
            if broken:
                ws.cell(row, 3).font = _WARN
            ws.row_dimensions[row].height = 15 * max(1, len(broken))
            row += 1
    landscape_a4(ws, left=0.6, right=0.4, top=0.6, bottom=0.6)


def read_figures(path: Path, template: FormTemplate) -> tuple[Figures, list[str]]:
    """The figures a form's workbook shows, found by sheet, line and column number, and what
    could not be found (a missing sheet, line or column)."""
    from python_calamine import CalamineWorkbook

    figures: Figures = {}
    missing: list[str] = []
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    except Exception as error:  # a damaged or foreign file: whatever the reader raises
        return figures, [f"книга не открывается ({error})"]
    for section in template.sections:
        name = sheet_name(section)
        if name not in sheets:
            missing.append(f"нет листа «{name}»")
            continue
        rows = sheets[name]
        numbering = next((r for r in rows if len(r) > 1 and _text(r[0]) == "1"), None)
        if numbering is None:
            missing.append(f"на листе «{name}» нет строки с номерами граф")
            continue
        columns = {_text(v): i for i, v in enumerate(numbering) if _text(v)}
        lines = {_text(r[NUMBER_COLUMN - 1]): r for r in rows if len(r) >= NUMBER_COLUMN}
        table: dict[str, dict[str, Value]] = {}
        figures[section.code] = table
        for line in section.lines:
            if not line.printed:
                continue
            found = lines.get(line.number)
            if found is None:
                missing.append(f"на листе «{name}» нет строки {line.number}")
                continue
            row: dict[str, Value] = {}
            for column in section.columns:
                index = columns.get(column.number)
                if index is None:
                    missing.append(f"на листе «{name}» нет графы {column.number}")
                    continue
                value = found[index] if index < len(found) else ""
                if value != "" and value is not None:
                    row[column.number] = _value(value)
            table[line.number] = row
    return figures, missing


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if value is not None else ""


def _value(value: object) -> Value:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else Decimal(str(value))
    return str(value)
