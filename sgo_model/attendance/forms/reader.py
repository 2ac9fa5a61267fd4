"""Reading a submitted attendance sheet: every mark located to its cell.

The reader only parses and locates: it does not judge the calendar or enrolment, which the
caller does with the store.
"""

import re
from calendar import monthrange
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sgo_model.attendance.forms.model import (
    ATTENDANCE_FORM,
    MARKED_THROUGH_LABEL,
    META_GROUP,
    META_GROUP_ID,
    META_HEADER_ROW,
    META_MONTH,
    META_PUPIL,
    WEEKDAYS,
    AttendanceSheet,
    MarkCell,
    SheetRow,
    month_title,
)
from sgo_model.domain.attendance import Mark
from sgo_model.domain.calendar import MONTHS
from sgo_model.domain.errors import DomainError
from sgo_model.domain.months import month_days
from sgo_model.domain.problems import Problem, Severity
from sgo_model.domain.text import fold, squeeze
from sgo_model.forms.cell_values import as_date, as_int, cell_at, cell_text, is_blank
from sgo_model.forms.reader import column_letter
from sgo_model.office.safety import UnacceptableFile
from sgo_model.office.workbook import META_SHEET_KEY, Workbook

# --- The reader -------------------------------------------------------------------------------

HEADER_SCAN_ROWS = 30
_NAME_HEADERS = frozenset(
    {"воспитанник", "фио", "фио воспитанника", "фио ребенка", "ребенок", "фамилия, имя, отчество"}
)
_BIRTH_HEADERS = frozenset({"дата рождения", "д. р.", "д.р."})
_DAY_TEXT = re.compile(r"(\d{1,2})(?:\.(\d{1,2})(?:\.(\d{4}|\d{2}))?)?\.?")
_DATE_TEXT = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_MONTH_LINE = re.compile(r"месяц\s*:?\s*([а-я]+)\s+(\d{4})")
_GROUP_LINE = re.compile(r"групп[аы]\s+[«\"](.+?)[»\"]", re.IGNORECASE)
_MARKED_THROUGH = fold(MARKED_THROUGH_LABEL).split(" (")[0]


@dataclass
class _Meta:
    values: dict[str, object] = field(default_factory=dict)
    pupils: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _DayColumn:
    index: int
    letter: str
    header: str
    day: date | None  # None: a day that is not in the sheet's month


def is_attendance_workbook(workbook: Workbook) -> bool:
    """Whether the workbook's hidden metadata names it an attendance sheet (no data read)."""
    return workbook.form == ATTENDANCE_FORM


def read_attendance_sheet(workbook: Workbook) -> AttendanceSheet:
    """Read the marks of an attendance sheet, each located to its cell, with located problems.

    Raises :class:`UnacceptableFile` when the workbook does not open or its month is unknown.
    """
    meta = _metadata(workbook)
    sheet, rows = _sheet_rows(workbook, meta)
    month = _sheet_month(meta, rows)
    group_id = as_int(meta.values.get(META_GROUP_ID))
    group = meta.values.get(META_GROUP)
    result = AttendanceSheet(
        group_id=group_id,
        group=squeeze(str(group)) if group not in (None, "") else _group_from_title(rows),
        month=month,
        sheet=sheet,
    )
    hint = as_int(meta.values.get(META_HEADER_ROW))
    header = _find_header(rows, hint)
    if header is None:
        result.problems.append(
            Problem(
                "На листе не найдена строка заголовков «№», «Воспитанник», «Дата рождения» "
                "и числа месяца. Возьмите бланк листа посещаемости заново",
                sheet=sheet,
            )
        )
        return result
    header_index, name_index = header
    result.name_column = column_letter(name_index)
    pupils = meta.pupils
    if hint is not None and header_index + 1 != hint:
        # Rows were added or removed above the table: its pupil rows moved with the header.
        shift = header_index + 1 - hint
        pupils = {row + shift: pupil for row, pupil in pupils.items()}
    _parse_table(result, rows, header_index, name_index, pupils)
    _read_marked_through(result, rows, header_index)
    return result


def _read_marked_through(result: AttendanceSheet, rows: list[list[object]], header: int) -> None:
    """The date in the cell right of the label «Отметки внесены по», below the table (or in
    the label's own text); a sheet without the label (a hand-made one) states none."""
    for index in range(header + 1, len(rows)):
        for column, value in enumerate(rows[index]):
            if not (isinstance(value, str) and fold(value).startswith(_MARKED_THROUGH)):
                continue
            found = _DATE_TEXT.search(value)
            if found:
                raw: object = found.group(0)
                cell = f"{column_letter(column)}{index + 1}"
            else:  # the cell right of the label
                raw = cell_at(rows[index], column + 1)
                if is_blank(raw):
                    return
                cell = f"{column_letter(column + 1)}{index + 1}"
            _set_marked_through(result, raw, cell, index + 1)
            return


def _set_marked_through(result: AttendanceSheet, raw: object, cell: str, row: int) -> None:
    stated = as_date(raw)

    def refuse(message: str) -> None:
        label = MARKED_THROUGH_LABEL.rstrip(":")
        result.problems.append(
            Problem(message, sheet=result.sheet, cell=cell, column=label, value=raw, row=row)
        )

    if stated is None:
        refuse(f"Дата «{cell_text(raw)}» не распознана: укажите её как 15.10.2026")
    elif (stated.year, stated.month) != (result.month.year, result.month.month):
        refuse(
            f"Отметки внесены по {stated:%d.%m.%Y}, а лист за {month_title(result.month)}: "
            "укажите день этого месяца"
        )
    else:
        result.marked_through, result.marked_through_cell = stated, cell


def _metadata(workbook: Workbook) -> _Meta:
    meta = _Meta(values=dict(workbook.metadata))
    for row in workbook.metadata_rows:
        if len(row) >= 3 and isinstance(row[0], str) and row[0].strip() == META_PUPIL:
            excel_row, pupil_id = as_int(row[1]), as_int(row[2])
            if excel_row is not None and pupil_id is not None:
                meta.pupils[excel_row] = pupil_id
    return meta


def _sheet_rows(workbook: Workbook, meta: _Meta) -> tuple[str, list[list[object]]]:
    declared = meta.values.get(META_SHEET_KEY)
    if isinstance(declared, str) and declared in workbook.sheet_names:
        return declared, workbook.rows(declared)
    visible = workbook.visible_sheets
    for name in visible:
        rows = workbook.rows(name)
        if _find_header(rows, None) is not None:
            return name, rows
    if not visible:
        raise UnacceptableFile("В книге нет ни одного видимого листа")
    return visible[0], workbook.rows(visible[0])


def _sheet_month(meta: _Meta, rows: list[list[object]]) -> date:
    declared = meta.values.get(META_MONTH)
    if isinstance(declared, datetime):
        return declared.date().replace(day=1)
    if isinstance(declared, date):
        return declared.replace(day=1)
    if isinstance(declared, str):
        try:
            return date.fromisoformat(declared).replace(day=1)
        except ValueError:
            pass
    for row in rows[:HEADER_SCAN_ROWS]:
        for value in row:
            if not isinstance(value, str):
                continue
            found = _MONTH_LINE.search(fold(value))
            if found and found.group(1) in MONTHS:
                return date(int(found.group(2)), MONTHS.index(found.group(1)) + 1, 1)
    raise UnacceptableFile(
        "Не удалось определить месяц листа посещаемости: нет строки «Месяц: октябрь 2026 г.». "
        "Возьмите бланк листа посещаемости заново"
    )


def _group_from_title(rows: list[list[object]]) -> str:
    for row in rows[:HEADER_SCAN_ROWS]:
        for value in row:
            if isinstance(value, str):
                found = _GROUP_LINE.search(squeeze(value))
                if found:
                    return found.group(1)
    return ""


def _find_header(rows: list[list[object]], hint: int | None) -> tuple[int, int] | None:
    order = list(range(min(len(rows), HEADER_SCAN_ROWS)))
    if hint is not None and 0 < hint <= len(rows):
        order.insert(0, hint - 1)
    for index in order:
        for column, value in enumerate(rows[index]):
            if isinstance(value, str) and fold(value) in _NAME_HEADERS:
                return index, column
    return None


def _parse_table(
    result: AttendanceSheet,
    rows: list[list[object]],
    header_index: int,
    name_index: int,
    pupils: dict[int, int],
) -> None:
    header = rows[header_index]
    birth_index = next(
        (
            i
            for i, v in enumerate(header)
            if i != name_index and isinstance(v, str) and fold(v) in _BIRTH_HEADERS
        ),
        None,
    )
    days, refused = _day_columns(result, header, header_index + 1, name_index, birth_index)
    first = header_index + 1
    if first < len(rows) and _is_weekday_row(rows[first], name_index, days):
        first += 1
    last_listed = max(pupils, default=0)
    gap = False
    for index in range(first, len(rows)):
        values = rows[index]
        row = index + 1
        if all(is_blank(v) for v in values):
            if row > last_listed:
                break
            gap = True
            continue
        name = cell_at(values, name_index)
        if isinstance(name, str) and fold(name).startswith(_MARKED_THROUGH):
            break  # the line under the table, moved up into it when a pupil row was deleted
        pupil_id = pupils.get(row)
        if gap and pupil_id is None and all(is_blank(cell_at(values, d.index)) for d in days):
            # Past a blank line, a row the blank did not list and with no marks is what lies
            # under the table (the signature), moved up into it when a pupil row was deleted.
            break
        if is_blank(name) and pupil_id is None:
            _report_nameless(result, values, row, days)
            continue
        marks: list[MarkCell] = []
        for column in days:
            raw = cell_at(values, column.index)
            if is_blank(raw):
                continue
            try:
                mark = Mark.parse(cell_text(raw))
            except DomainError as error:
                result.problems.append(_problem(result, str(error), column, row, raw))
                continue
            if mark is not Mark.PRESENT:
                assert column.day is not None
                marks.append(MarkCell(column.day, mark, f"{column.letter}{row}", raw))
        for column, message in refused:
            raw = cell_at(values, column.index)
            if not is_blank(raw):
                result.problems.append(_problem(result, message, column, row, raw))
        result.rows.append(
            SheetRow(
                row=row,
                pupil_id=pupil_id,
                full_name="" if is_blank(name) else squeeze(cell_text(name)),
                birth_date=as_date(cell_at(values, birth_index)),
                marks=tuple(marks),
            )
        )


def _day_columns(
    result: AttendanceSheet,
    header: list[object],
    header_row: int,
    name_index: int,
    birth_index: int | None,
) -> tuple[list[_DayColumn], list[tuple[_DayColumn, str]]]:
    """The day columns right of the names, and the columns where a mark is refused (why)."""
    days: list[_DayColumn] = []
    refused: list[tuple[_DayColumn, str]] = []
    last = monthrange(result.month.year, result.month.month)[1]
    for index in range(name_index + 1, len(header)):
        if index == birth_index:
            continue
        value = header[index]
        letter = column_letter(index)
        if is_blank(value):
            column = _DayColumn(index, letter, "", None)
            refused.append((column, "Отметка в столбце без числа месяца в заголовке"))
            continue
        parsed = _header_day(value, result.month)
        if parsed is None:
            text = cell_text(value).strip()
            message = f"Заголовок столбца «{text}» не распознан: ожидается число месяца (01–{last})"
            result.problems.append(
                _problem(result, message, _DayColumn(index, letter, text, None), header_row, value)
            )
            continue
        text, day = parsed
        column = _DayColumn(index, letter, text, day)
        if day is None:
            message = (
                f"Отметка в столбце «{text}»: такого дня нет в месяце листа "
                f"({month_title(result.month)})"
            )
            refused.append((column, message))
        elif day in result.day_columns:
            message = (
                f"День «{text}» в заголовке повторяется (он уже есть в столбце "
                f"{result.day_columns[day]}); отметки в этом столбце не принимаются"
            )
            result.problems.append(_problem(result, message, column, header_row, value))
        else:
            result.day_columns[day] = letter
            days.append(column)
    missing = [d for d in month_days(result.month) if d not in result.day_columns]
    if not days:
        result.problems.append(
            Problem(
                "В строке заголовков нет ни одного числа месяца", sheet=result.sheet, row=header_row
            )
        )
    elif missing:
        listed = ", ".join(f"{d.day:02d}" for d in missing)
        result.problems.append(
            Problem(
                f"В заголовке нет столбцов дней: {listed}; отметки за эти дни не прочитаны",
                sheet=result.sheet,
                row=header_row,
                severity=Severity.WARNING,
            )
        )
    return days, refused


def _header_day(value: object, month: date) -> tuple[str, date | None] | None:
    """The header text of a day column and its day (``None`` if not in the month)."""
    last = monthrange(month.year, month.month)[1]
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        same = (value.year, value.month) == (month.year, month.month)
        return f"{value:%d.%m}", value if same else None
    number: int | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = int(value) if float(value).is_integer() else None
        if number is None or not 1 <= number <= 31:
            return None
        return f"{number:02d}", month.replace(day=number) if number <= last else None
    if not isinstance(value, str):
        return None
    text = squeeze(value)
    found = _DAY_TEXT.fullmatch(text)
    if found is None:
        return None
    number = int(found.group(1))
    if not 1 <= number <= 31:
        return None
    in_month = number <= last
    if found.group(2) is not None:
        in_month = in_month and int(found.group(2)) == month.month
    if found.group(3) is not None:
        year = int(found.group(3))
        in_month = in_month and (year if year >= 100 else 2000 + year) == month.year
    return text, month.replace(day=number) if in_month else None


def _is_weekday_row(row: list[object], name_index: int, days: Iterable[_DayColumn]) -> bool:
    if not is_blank(cell_at(row, name_index)):
        return False
    return any(
        isinstance(v, str) and fold(v) in WEEKDAYS for v in (cell_at(row, d.index) for d in days)
    )


def _report_nameless(
    result: AttendanceSheet, values: list[object], row: int, days: Sequence[_DayColumn]
) -> None:
    for column in days:
        raw = cell_at(values, column.index)
        if not is_blank(raw):
            message = "Отметка в строке без воспитанника: впишите отметки в строку ребёнка"
            result.problems.append(_problem(result, message, column, row, raw))
            return


def _problem(
    sheet: AttendanceSheet, message: str, column: _DayColumn, row: int, raw: object
) -> Problem:
    return Problem(
        message,
        sheet=sheet.sheet,
        cell=f"{column.letter}{row}",
        column=column.header or None,
        value=raw,
        row=row,
    )
