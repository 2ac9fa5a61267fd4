"""Blank intake forms (бланки), generated from the form specs so spec and blank never drift."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from sgo_model.domain.roles import FormKind
from sgo_model.forms.lists import STATIC_LISTS
from sgo_model.forms.spec import FormSpec
from sgo_model.office.files import atomic_output
from sgo_model.office.names import inside
from sgo_model.office.sheet_xml import set_value
from sgo_model.office.workbook import META_FORM, META_SHEET, META_SHEET_KEY, META_VERSION

LISTS_SHEET = "_списки"
HEADER_ROW = 4
BLANK_ROWS = 1000
_DATE_FIELDS_HINT = "дд.мм.гггг"
_THIN = Side(style="thin", color="999999")


def blank_file_name(spec: FormSpec) -> str:
    """The file name of a blank: «Бланк — Сотрудники.xlsx»."""
    return f"Бланк — {spec.title}.xlsx"


def write_blank(
    spec: FormSpec,
    out: Path,
    lists: Mapping[str, Sequence[str]] = STATIC_LISTS,
    rows: Sequence[Mapping[str, object]] = (),
) -> Path:
    """Write the blank of a form, optionally pre-filled with rows keyed by header text."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = spec.sheet
    sheet["A1"] = f"Форма «{spec.title}»"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = spec.instructions
    sheet["A2"].alignment = Alignment(wrap_text=False)
    sheet["A3"] = "Обязательные столбцы выделены жирным. Даты — дд.мм.гггг."
    sheet["A3"].font = Font(italic=True, color="666666")
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(spec.columns, start=1):
        cell = sheet.cell(HEADER_ROW, index, column.header)
        cell.font = Font(bold=column.required)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = Border(top=_THIN, bottom=_THIN, left=_THIN, right=_THIN)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        fmt = column.number_format or ("DD.MM.YYYY" if column.hint == _DATE_FIELDS_HINT else None)
        if fmt:
            for row in range(HEADER_ROW + 1, HEADER_ROW + 1 + max(BLANK_ROWS, len(rows))):
                sheet.cell(row, index).number_format = fmt
    sheet.row_dimensions[HEADER_ROW].height = 32
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    for offset, values in enumerate(rows, start=1):
        for index, column in enumerate(spec.columns, start=1):
            value = values.get(column.header)
            if value is not None:
                set_value(sheet.cell(HEADER_ROW + offset, index), value)
    _add_lists(workbook, spec, lists, HEADER_ROW + max(BLANK_ROWS, len(rows)))
    meta = workbook.create_sheet(META_SHEET)
    meta.append([META_FORM, spec.kind.value])
    meta.append([META_VERSION, spec.version])
    meta.append([META_SHEET_KEY, spec.sheet])
    meta.sheet_state = "hidden"
    with atomic_output(out) as tmp:
        workbook.save(tmp)
    return out


def _add_lists(
    workbook: Workbook, spec: FormSpec, lists: Mapping[str, Sequence[str]], last_row: int
) -> None:
    used = [c for c in spec.columns if c.choices and lists.get(c.choices)]
    if not used:
        return
    source = workbook.create_sheet(LISTS_SHEET)
    source.sheet_state = "hidden"
    sheet = workbook[spec.sheet]
    for list_index, column in enumerate(used, start=1):
        assert column.choices is not None
        values = lists[column.choices]
        source.cell(1, list_index, column.header)
        for row, value in enumerate(values, start=2):
            set_value(source.cell(row, list_index), value)
        letter = get_column_letter(list_index)
        reference = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
        validation = DataValidation(
            type="list",
            formula1=reference,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Недопустимое значение",
            error=f"Выберите значение из списка «{column.header}»",
        )
        target = get_column_letter(spec.columns.index(column) + 1)
        validation.add(f"{target}{HEADER_ROW + 1}:{target}{last_row}")
        sheet.add_data_validation(validation)


def write_blanks(
    out_dir: Path,
    specs: Sequence[FormSpec],
    lists: Mapping[str, Sequence[str]] | None = None,
    rows: Mapping[FormKind, Sequence[Mapping[str, object]]] | None = None,
) -> list[Path]:
    """Write the blank of every form of ``specs`` into a folder (those in ``rows``
    pre-filled, e.g. a table of settings with its current values)."""
    return [
        write_blank(
            spec,
            inside(out_dir, blank_file_name(spec)),
            lists or STATIC_LISTS,
            (rows or {}).get(spec.kind, ()),
        )
        for spec in specs
    ]
