"""Reading a submitted diagnostics sheet: every score located to its cell.

The reader parses and locates only; the scale, the group's children and the submitter's
rights are judged by the service with the store.
"""

from __future__ import annotations

from sgo_model.diagnostics.forms.model import (
    DATE_LABEL,
    DIAGNOSTICS_FORM,
    META_GROUP,
    META_GROUP_ID,
    META_HEADER_ROW,
    META_PERIOD,
    META_PUPIL,
    META_YEAR,
    NAME_HEADER,
    REASON_HEADER,
    BlankCell,
    ChildRow,
    DiagnosticsSheet,
    ScoreCell,
    SheetArea,
)
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.diagnostics import Period
from sgo_model.domain.errors import DomainError
from sgo_model.domain.problems import Problem
from sgo_model.domain.text import fold, squeeze
from sgo_model.forms.cell_values import as_date, as_int, cell_at, cell_text, is_blank
from sgo_model.forms.reader import column_letter
from sgo_model.office.safety import UnacceptableFile
from sgo_model.office.workbook import META_SHEET_KEY, Workbook

_SCAN_ROWS = 30
_NAME = fold(NAME_HEADER)
_REASON = fold(REASON_HEADER).split(":")[0]
_BIRTH = fold("Дата рождения")
_DATE = fold(DATE_LABEL).rstrip(":")


def is_diagnostics_workbook(workbook: Workbook) -> bool:
    """Whether the workbook's hidden metadata names it a diagnostics sheet."""
    return workbook.form == DIAGNOSTICS_FORM


def read_diagnostics_sheet(workbook: Workbook) -> DiagnosticsSheet:
    """Read a diagnostics sheet, each score located to its cell, with located problems.

    Raises :class:`UnacceptableFile` when the blank's group, year or period cannot be read.
    """
    meta = workbook.metadata
    period_code, year = meta.get(META_PERIOD), meta.get(META_YEAR)
    if not isinstance(period_code, str) or not isinstance(year, str):
        raise UnacceptableFile(
            "В листе диагностики не указаны учебный год и этап; возьмите бланк заново: "
            "sgo forms diagnostics"
        )
    try:
        period = Period.parse(period_code)
    except DomainError as error:
        raise UnacceptableFile(error.message) from None
    declared = meta.get(META_SHEET_KEY)
    names = workbook.visible_sheets
    sheet_name = declared if isinstance(declared, str) and declared in names else names[0]
    rows = workbook.rows(sheet_name)
    group = meta.get(META_GROUP)
    result = DiagnosticsSheet(
        group_id=as_int(meta.get(META_GROUP_ID)),
        group=squeeze(str(group)) if group else "",
        year=year,
        period=period,
        sheet=sheet_name,
    )
    hint = as_int(meta.get(META_HEADER_ROW))
    header = _find_header(rows, hint)
    if header is None:
        result.problems.append(
            Problem(
                f"На листе не найдена строка заголовков «№», «{NAME_HEADER}» и областей. "
                "Возьмите бланк диагностики заново",
                sheet=sheet_name,
            )
        )
        return result
    index, name_index = header
    result.name_column = column_letter(name_index)
    pupils = _pupil_rows(workbook)
    if hint is not None and index + 1 != hint:
        shift = index + 1 - hint  # rows added or removed above the table
        pupils = {row + shift: pupil for row, pupil in pupils.items()}
    columns, reason_index, birth_index = _columns(result, rows, index, name_index)
    _read_rows(result, rows, index + 2, name_index, birth_index, reason_index, columns, pupils)
    return result


def _pupil_rows(workbook: Workbook) -> dict[int, int]:
    pupils = {}
    for row in workbook.metadata_rows:
        if len(row) >= 3 and row[0] == META_PUPIL:
            excel_row, pupil = as_int(row[1]), as_int(row[2])
            if excel_row is not None and pupil is not None:
                pupils[excel_row] = pupil
    return pupils


def _find_header(rows: list[list[object]], hint: int | None) -> tuple[int, int] | None:
    order = list(range(min(len(rows), _SCAN_ROWS)))
    if hint is not None and 0 < hint <= len(rows):
        order.insert(0, hint - 1)
    for index in order:
        for column, value in enumerate(rows[index]):
            if isinstance(value, str) and fold(value) == _NAME:
                return index, column
    return None


_Column = tuple[int, EducationalArea, int, str]  # index, area, position, indicator


def _columns(
    result: DiagnosticsSheet, rows: list[list[object]], index: int, name_index: int
) -> tuple[list[_Column], int | None, int | None]:
    """The score columns (area and indicator by the two header rows), the reason column and
    the birth-date column."""
    areas_row = rows[index]
    indicators_row = rows[index + 1] if index + 1 < len(rows) else []
    columns: list[_Column] = []
    reason_index = birth_index = None
    current: EducationalArea | None = None
    seen: dict[EducationalArea, list[str]] = {}
    for column in range(name_index + 1, len(areas_row)):
        head = cell_text(areas_row[column]).strip()
        indicator = cell_text(cell_at(indicators_row, column)).strip()
        letter = column_letter(column)
        if head:
            key = fold(head)
            if key.startswith(_REASON):
                reason_index = column
                break
            if key == _BIRTH:
                birth_index = column
                current = None
                continue
            cell = f"{letter}{index + 1}"
            try:
                current = EducationalArea.parse(head)
                if current in seen:
                    raise DomainError(f"Область «{current.label}» повторяется в заголовке")
            except DomainError as error:
                result.problems.append(
                    Problem(
                        error.message,
                        sheet=result.sheet,
                        cell=cell,
                        column=head,
                        value=head,
                        row=index + 1,
                    )
                )
                current = None
                continue
            result.area_cells[current] = cell
            seen[current] = []
        if current is None or not indicator:
            continue
        seen[current].append(indicator)
        columns.append((column, current, len(seen[current]), indicator))
    result.areas = [SheetArea(area, tuple(names)) for area, names in seen.items() if names]
    return columns, reason_index, birth_index


def _read_rows(
    result: DiagnosticsSheet,
    rows: list[list[object]],
    first: int,
    name_index: int,
    birth_index: int | None,
    reason_index: int | None,
    columns: list[_Column],
    pupils: dict[int, int],
) -> None:
    last_listed = max(pupils, default=0)
    for index in range(first, len(rows)):
        values = rows[index]
        row = index + 1
        name = cell_text(cell_at(values, name_index)).strip()
        if fold(name).startswith(_DATE):
            _read_date(result, values, name_index, row)
            break
        if all(is_blank(v) for v in values):
            continue
        pupil_id = pupils.get(row)
        if pupil_id is None and row > last_listed and fold(name).startswith("педагог"):
            break  # the signature line, moved up when the date line was deleted
        scores: list[ScoreCell] = []
        blanks: list[BlankCell] = []
        for column, area, position, indicator in columns:
            raw = cell_at(values, column)
            if isinstance(raw, float) and raw.is_integer():
                raw = int(raw)  # a whole number as typed, not as Excel keeps it
            cell = f"{column_letter(column)}{row}"
            if is_blank(raw):
                blanks.append(BlankCell(area, indicator, cell))
                continue
            score = _score(raw)
            if score is None:
                result.problems.append(
                    Problem(
                        f"Оценка «{cell_text(raw)}» не целое число: поставьте балл шкалы",
                        sheet=result.sheet,
                        cell=cell,
                        column=indicator,
                        value=raw,
                        row=row,
                    )
                )
                continue
            scores.append(ScoreCell(area, position, indicator, score, cell, raw))
        if not name and pupil_id is None:
            if scores:
                result.problems.append(
                    Problem(
                        "Оценки в строке без воспитанника: впишите их в строку ребёнка",
                        sheet=result.sheet,
                        cell=scores[0].cell,
                        column=scores[0].indicator,
                        value=scores[0].raw,
                        row=row,
                    )
                )
            continue
        reason = cell_text(cell_at(values, reason_index)) if reason_index is not None else ""
        result.rows.append(
            ChildRow(
                row=row,
                pupil_id=pupil_id,
                full_name=squeeze(name),
                birth_date=as_date(cell_at(values, birth_index)),
                scores=tuple(scores),
                blanks=tuple(blanks),
                reason=squeeze(reason),
                reason_cell=f"{column_letter(reason_index)}{row}"
                if reason_index is not None
                else "",
            )
        )


def _read_date(result: DiagnosticsSheet, values: list[object], label: int, row: int) -> None:
    column = next((i for i in range(label + 1, len(values)) if not is_blank(values[i])), None)
    if column is None:
        return
    raw = values[column]
    stated = as_date(raw)
    if stated is None:
        result.problems.append(
            Problem(
                f"Дата проведения «{cell_text(raw)}» не распознана: укажите её как 25.09.2026",
                sheet=result.sheet,
                cell=f"{column_letter(column)}{row}",
                column=DATE_LABEL.rstrip(":"),
                value=raw,
                row=row,
            )
        )
    else:
        result.assessed_on = stated


def _score(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip()
    return int(text) if text.lstrip("-").isdigit() else None
