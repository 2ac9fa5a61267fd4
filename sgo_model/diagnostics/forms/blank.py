"""Writing a group's diagnostics blank, pre-filled with its children and the indicators of its
age category, with drop-downs of the scale's scores."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sgo_model.diagnostics.forms.model import (
    BIRTH_COLUMN,
    DATE_LABEL,
    DIAGNOSTICS_FORM,
    DIAGNOSTICS_SHEET,
    DIAGNOSTICS_VERSION,
    FIRST_PUPIL_ROW,
    FIRST_SCORE_COLUMN,
    HEADER_ROW,
    META_GROUP,
    META_GROUP_ID,
    META_HEADER_ROW,
    META_PERIOD,
    META_PUPIL,
    META_YEAR,
    NAME_COLUMN,
    NAME_HEADER,
    NUMBER_COLUMN,
    REASON_HEADER,
    DiagnosticsBlank,
    date_row,
)
from sgo_model.domain.diagnostics import NOT_ASSESSED_REASONS
from sgo_model.domain.text import squeeze
from sgo_model.office.files import atomic_output
from sgo_model.office.page import landscape_a4
from sgo_model.office.workbook import META_FORM, META_SHEET, META_SHEET_KEY, META_VERSION

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_LOCKED_FILL = PatternFill("solid", fgColor="BFBFBF")
_FONT = Font(name="Arial", size=10)
_BOLD = Font(name="Arial", size=10, bold=True)
_SMALL = Font(name="Arial", size=8)
_HEAD = Alignment(horizontal="center", vertical="center", wrap_text=True)
_INDICATOR = Alignment(horizontal="center", vertical="bottom", wrap_text=True, text_rotation=90)
_UNLOCKED = Protection(locked=False)
_SCORE_WIDTH = 5.0
_REASON_WIDTH = 26.0


def _scale_note(blank: DiagnosticsBlank) -> str:
    low, high = blank.scale.low, blank.scale.high
    meaning = (
        "5 — выполняет самостоятельно и без ошибок, 4 — самостоятельно с единичными "
        "ошибками, 3 — с помощью взрослого, 2 — с помощью взрослого частично, 1 — не выполняет"
        if (low, high) == (1, 5)
        else f"{high} — наивысшая оценка, {low} — наименьшая"
    )
    return f"Оценки от {low} до {high}: {meaning}. {blank.rule}."


_REASON_NOTE = (
    "Если ребёнок не оценивался, оставьте его оценки пустыми и укажите причину в последнем "
    "столбце (" + "; ".join(NOT_ASSESSED_REASONS) + " или своими словами). Область, "
    "которую оценивает специалист, воспитатель может оставить пустой у всех детей."
)


def write_diagnostics_blank(blank: DiagnosticsBlank, out: Path) -> Path:
    """Write the blank, atomically; return its path."""
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = DIAGNOSTICS_SHEET
    columns = [(a.area, i) for a in blank.areas for i in a.indicators]
    reason_column = FIRST_SCORE_COLUMN + len(columns)
    last_row = FIRST_PUPIL_ROW + max(len(blank.children), 1) - 1
    lines = (
        ("Лист педагогической диагностики", Font(name="Arial", size=14, bold=True)),
        (blank.institution, _FONT),
        (f"Группа «{blank.group}»" + (f" ({blank.category})" if blank.category else ""), _BOLD),
        (f"{blank.period.title}, {blank.year} учебный год", _BOLD),
        (_scale_note(blank), _SMALL),
        (_REASON_NOTE, _SMALL),
    )
    for row, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(row, 1, text)
        cell.font = font
        if font is _SMALL:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=reason_column)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[row].height = 24
    _header(ws, blank, reason_column)
    _children(ws, blank, len(columns), reason_column)
    _validations(ws, blank, len(columns), reason_column, last_row)
    dated = date_row(len(blank.children))
    ws.cell(dated, NAME_COLUMN, DATE_LABEL).font = _FONT
    ws.cell(dated, NAME_COLUMN).alignment = Alignment(horizontal="right")
    stated = ws.cell(dated, BIRTH_COLUMN)
    stated.number_format = "DD.MM.YYYY"
    stated.border = _BORDER
    stated.protection = _UNLOCKED
    signature = f"Педагог ____________________ {blank.assessor}".rstrip()
    ws.cell(dated + 2, NAME_COLUMN, signature).font = _FONT
    _page(ws, blank, reason_column)
    _metadata(workbook, blank)
    with atomic_output(out) as tmp:
        workbook.save(tmp)
    return out


def _header(ws: Worksheet, blank: DiagnosticsBlank, reason: int) -> None:
    for column, caption in ((NUMBER_COLUMN, "№"), (NAME_COLUMN, NAME_HEADER)):
        _head_cell(ws, HEADER_ROW, column, caption)
        ws.merge_cells(
            start_row=HEADER_ROW, start_column=column, end_row=HEADER_ROW + 1, end_column=column
        )
    _head_cell(ws, HEADER_ROW, BIRTH_COLUMN, "Дата рождения")
    ws.merge_cells(
        start_row=HEADER_ROW,
        start_column=BIRTH_COLUMN,
        end_row=HEADER_ROW + 1,
        end_column=BIRTH_COLUMN,
    )
    column = FIRST_SCORE_COLUMN
    for area in blank.areas:
        _head_cell(ws, HEADER_ROW, column, area.area.label)
        last = column + len(area.indicators) - 1
        if last > column:
            ws.merge_cells(
                start_row=HEADER_ROW, start_column=column, end_row=HEADER_ROW, end_column=last
            )
        for offset, indicator in enumerate(area.indicators):
            cell = _head_cell(ws, HEADER_ROW + 1, column + offset, indicator)
            cell.alignment = _INDICATOR
            cell.font = _SMALL
        column = last + 1
    _head_cell(ws, HEADER_ROW, reason, REASON_HEADER)
    ws.merge_cells(
        start_row=HEADER_ROW, start_column=reason, end_row=HEADER_ROW + 1, end_column=reason
    )
    ws.row_dimensions[HEADER_ROW].height = 42
    longest = max((len(i) for a in blank.areas for i in a.indicators), default=10)
    ws.row_dimensions[HEADER_ROW + 1].height = min(max(longest * 2.4, 60), 170)


def _head_cell(ws: Worksheet, row: int, column: int, text: str) -> Cell:
    cell = ws.cell(row, column, text)
    cell.font = _BOLD
    cell.fill = _HEAD_FILL
    cell.border = _BORDER
    cell.alignment = _HEAD
    return cell


def _children(ws: Worksheet, blank: DiagnosticsBlank, scores: int, reason: int) -> None:
    for index, child in enumerate(blank.children):
        r = FIRST_PUPIL_ROW + index
        number = ws.cell(r, NUMBER_COLUMN, index + 1)
        name = ws.cell(r, NAME_COLUMN, squeeze(child.full_name))
        birth = ws.cell(r, BIRTH_COLUMN, child.birth_date)
        birth.number_format = "DD.MM.YYYY"
        for cell in (number, name, birth):
            cell.font = _FONT
            cell.border = _BORDER
        number.alignment = Alignment(horizontal="center")
        for offset in range(scores):
            cell = ws.cell(r, FIRST_SCORE_COLUMN + offset)
            cell.border = _BORDER
            cell.font = _BOLD
            cell.alignment = Alignment(horizontal="center")
            if child.reason:
                cell.fill = _LOCKED_FILL
            else:
                cell.protection = _UNLOCKED
        why = ws.cell(r, reason, child.reason or None)
        why.font = _FONT
        why.border = _BORDER
        why.protection = _UNLOCKED
        why.alignment = Alignment(shrink_to_fit=True)


def _validations(
    ws: Worksheet, blank: DiagnosticsBlank, scores: int, reason: int, last_row: int
) -> None:
    if not blank.children:
        return
    low, high = blank.scale.low, blank.scale.high
    if scores:
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(str(s) for s in range(low, high + 1)) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Оценка вне шкалы",
            error=f"Поставьте целую оценку от {low} до {high} или оставьте клетку пустой",
        )
        validation.add(
            f"{get_column_letter(FIRST_SCORE_COLUMN)}{FIRST_PUPIL_ROW}:"
            f"{get_column_letter(FIRST_SCORE_COLUMN + scores - 1)}{last_row}"
        )
        ws.add_data_validation(validation)
    # The usual reasons as a drop-down that still takes any other text.
    reasons = DataValidation(
        type="list",
        formula1='"' + ",".join(NOT_ASSESSED_REASONS) + '"',
        allow_blank=True,
        showErrorMessage=False,
    )
    letter = get_column_letter(reason)
    reasons.add(f"{letter}{FIRST_PUPIL_ROW}:{letter}{last_row}")
    ws.add_data_validation(reasons)


def _page(ws: Worksheet, blank: DiagnosticsBlank, reason: int) -> None:
    longest = max((len(squeeze(c.full_name)) for c in blank.children), default=0)
    ws.column_dimensions[get_column_letter(NUMBER_COLUMN)].width = 4
    ws.column_dimensions[get_column_letter(NAME_COLUMN)].width = min(max(longest + 2, 26), 40)
    ws.column_dimensions[get_column_letter(BIRTH_COLUMN)].width = 11
    for column in range(FIRST_SCORE_COLUMN, reason):
        ws.column_dimensions[get_column_letter(column)].width = _SCORE_WIDTH
    ws.column_dimensions[get_column_letter(reason)].width = _REASON_WIDTH
    ws.freeze_panes = f"{get_column_letter(FIRST_SCORE_COLUMN)}{FIRST_PUPIL_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 1}"
    landscape_a4(ws, left=0.4, right=0.4, top=0.5, bottom=0.5, numbered=False)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _metadata(workbook: Workbook, blank: DiagnosticsBlank) -> None:
    meta = workbook.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    entries: list[tuple[object, ...]] = [
        (META_FORM, DIAGNOSTICS_FORM),
        (META_VERSION, DIAGNOSTICS_VERSION),
        (META_SHEET_KEY, DIAGNOSTICS_SHEET),
        (META_GROUP_ID, blank.group_id),
        (META_GROUP, blank.group),
        (META_YEAR, blank.year),
        (META_PERIOD, blank.period.value),
        (META_HEADER_ROW, HEADER_ROW),
    ]
    entries += [
        (META_PUPIL, FIRST_PUPIL_ROW + index, child.pupil_id)
        for index, child in enumerate(blank.children)
    ]
    for entry in entries:
        meta.append(list(entry))
