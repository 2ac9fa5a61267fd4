"""The monthly attendance sheet (лист посещаемости) of a group: the blank and its reader.

The blank has a row per pupil and a column per day of the month. Only the cells of working
days on which the pupil belongs to the group are unlocked; the sheet is protected (without a
password) so that days off and days out of the group cannot be marked. A blank cell means the
child was there; absences are marked with the letters of :class:`Mark`.

The reader only parses and locates: it does not judge the calendar or enrolment, which the
caller does with the store.
"""

from __future__ import annotations

import calendar
import io
import re
import zipfile
from calendar import monthrange
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from html import escape
from pathlib import Path

import python_calamine as calamine
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from sgo_model.domain.attendance import Mark
from sgo_model.domain.calendar import MONTHS
from sgo_model.domain.errors import DomainError
from sgo_model.domain.problems import Problem, Severity
from sgo_model.domain.text import fold, squeeze
from sgo_model.forms.metadata import META_FORM, META_SHEET, META_SHEET_KEY, META_VERSION
from sgo_model.forms.output import shared_output
from sgo_model.forms.reader import _open, _rows, column_letter
from sgo_model.forms.safety import UnacceptableFile

ATTENDANCE_FORM = "attendance"
ATTENDANCE_VERSION = 1
ATTENDANCE_SHEET = "Посещаемость"
META_GROUP_ID = "group_id"
META_GROUP = "group"
META_MONTH = "month"
META_HEADER_ROW = "header_row"
META_PUPIL = "pupil"

HEADER_ROW = 7
"""The row of the column headers (day numbers); the weekday abbreviations are in the next."""
FIRST_PUPIL_ROW = HEADER_ROW + 2
NUMBER_COLUMN, NAME_COLUMN, BIRTH_COLUMN = 1, 2, 3
FIRST_DAY_COLUMN = 4
MARK_LIST = ",".join(m.value for m in Mark if m.value)

_MONTHS = MONTHS
_WEEKDAYS = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")
_LEGEND_LABELS = {
    Mark.ILLNESS: "болезнь",
    Mark.PARENTS_LEAVE: "отпуск родителей",
    Mark.QUARANTINE: "карантин",
    Mark.SANATORIUM: "санаторий",
    Mark.EXCUSED: "другая уважительная причина",
    Mark.ABSENT: "без уважительной причины",
}
_LEGEND = "Отметки: пусто — был; " + "; ".join(
    f"{mark.value} — {label}" for mark, label in _LEGEND_LABELS.items()
)
_OUT_NOTE = (
    "Голубой штриховкой — дни, когда ребёнок не числится в группе. "
    "В серые и голубые клетки отметку не поставить."
)
_VALIDATION_ERROR = (
    f"Поставьте одну из отметок {', '.join(MARK_LIST.split(','))} или оставьте клетку пустой "
    "(был). " + "; ".join(f"{mark.value} — {label}" for mark, label in _LEGEND_LABELS.items())
)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
_EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system, for dates after 1900
_UNSAFE_IN_FILE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]')

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center")
_UNLOCKED = Protection(locked=False)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_CLOSED_FILL = PatternFill("solid", fgColor="BFBFBF")
_OUT_FILL = PatternFill("lightUp", fgColor="8EA9C1", bgColor="DCE6F1")
_FONT = Font(name="Arial", size=10)
_BOLD = Font(name="Arial", size=10, bold=True)
_SMALL = Font(name="Arial", size=8)
_WIDTHS = {NUMBER_COLUMN: 4.0, BIRTH_COLUMN: 11.0}
_DAY_WIDTH = 3.7
_NAME_WIDTH = (28, 44)

# Cell looks by name; cells take their style index, and the default protection is «locked».
_LOOKS: dict[str, dict[str, object]] = {
    "title": {"font": Font(name="Arial", size=14, bold=True)},
    "text": {"font": _FONT},
    "bold": {"font": _BOLD},
    "note": {"font": _SMALL, "alignment": Alignment(vertical="top", wrap_text=True)},
    "head": {
        "font": _BOLD,
        "fill": _HEADER_FILL,
        "border": _BORDER,
        "alignment": Alignment(horizontal="center", vertical="center", wrap_text=True),
    },
    "day": {
        "font": _BOLD,
        "fill": _HEADER_FILL,
        "border": _BORDER,
        "alignment": _CENTER,
        "number_format": "00",
    },
    "day_closed": {
        "font": _BOLD,
        "fill": _CLOSED_FILL,
        "border": _BORDER,
        "alignment": _CENTER,
        "number_format": "00",
    },
    "weekday": {"font": _SMALL, "fill": _HEADER_FILL, "border": _BORDER, "alignment": _CENTER},
    "weekday_closed": {
        "font": _SMALL,
        "fill": _CLOSED_FILL,
        "border": _BORDER,
        "alignment": _CENTER,
    },
    "number": {"font": _FONT, "border": _BORDER, "alignment": _CENTER},
    "name": {
        "font": _FONT,
        "border": _BORDER,
        "alignment": Alignment(vertical="center", shrink_to_fit=True),
    },
    "birth": {
        "font": _FONT,
        "border": _BORDER,
        "alignment": _CENTER,
        "number_format": "DD.MM.YYYY",
    },
    "open": {"font": _BOLD, "border": _BORDER, "alignment": _CENTER, "protection": _UNLOCKED},
    "closed": {"font": _BOLD, "fill": _CLOSED_FILL, "border": _BORDER, "alignment": _CENTER},
    "out": {"font": _BOLD, "fill": _OUT_FILL, "border": _BORDER, "alignment": _CENTER},
}


@dataclass(frozen=True)
class SheetPupil:
    """A row of the blank: a child and the days of the month it belongs to the group."""

    pupil_id: int
    full_name: str
    birth_date: date
    in_group: tuple[date, ...]


@dataclass(frozen=True)
class SheetDay:
    """A day column of the blank; ``why_closed`` explains a non-working day."""

    day: date
    working: bool
    why_closed: str | None = None


@dataclass(frozen=True)
class AttendanceBlank:
    """Everything a group's monthly attendance blank shows; ``days`` is every day of the month."""

    institution: str
    group: str
    group_id: int
    month: date
    days: tuple[SheetDay, ...]
    pupils: tuple[SheetPupil, ...]
    teacher: str = ""


@dataclass(frozen=True)
class MarkCell:
    """A non-blank mark read from the sheet, with its cell and the raw cell value."""

    day: date
    mark: Mark
    cell: str
    raw: object


@dataclass(frozen=True)
class SheetRow:
    """A pupil row of a read sheet; ``marks`` holds only the non-blank (absence) cells."""

    row: int
    pupil_id: int | None
    full_name: str
    birth_date: date | None
    marks: tuple[MarkCell, ...]


@dataclass
class AttendanceSheet:
    """A read attendance sheet: its rows with marks and the located problems of the file."""

    group_id: int | None
    group: str
    month: date
    sheet: str
    rows: list[SheetRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    day_columns: dict[date, str] = field(default_factory=dict)
    name_column: str = ""

    @property
    def errors(self) -> list[Problem]:
        """Problems that refuse the file."""
        return [p for p in self.problems if p.is_error]


def month_title(month: date) -> str:
    """The month as the sheet names it: ``октябрь 2026 г.``."""
    return f"{_MONTHS[month.month - 1]} {month.year} г."


def attendance_blank_name(blank: AttendanceBlank) -> str:
    """The file name of a blank: «Посещаемость Ромашка 2026-10.xlsx»."""
    group = squeeze(_UNSAFE_IN_FILE_NAME.sub("-", blank.group)) or str(blank.group_id)
    return f"Посещаемость {group} {blank.month:%Y-%m}.xlsx"


def month_days(month: date) -> list[date]:
    """Every day of the month of ``month``."""
    first = month.replace(day=1)
    count = calendar.monthrange(first.year, first.month)[1]
    return [first + timedelta(days=offset) for offset in range(count)]


# --- The blank --------------------------------------------------------------------------------


def write_attendance_blank(blank: AttendanceBlank, out: Path) -> Path:
    """Write the attendance blank of a group for a month, atomically, readable by all."""
    days = _checked_days(blank)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = ATTENDANCE_SHEET
    styles = _register_styles(sheet)
    last_column = FIRST_DAY_COLUMN + len(days) - 1
    last_row = FIRST_PUPIL_ROW + max(len(blank.pupils), 1) - 1
    notes = (_LEGEND, _closed_note(days))
    for row in (HEADER_ROW - 2, HEADER_ROW - 1):
        sheet.merged_cells.add(CellRange(min_col=1, min_row=row, max_col=last_column, max_row=row))
    for column in (NUMBER_COLUMN, NAME_COLUMN, BIRTH_COLUMN):
        sheet.merged_cells.add(
            CellRange(min_col=column, min_row=HEADER_ROW, max_col=column, max_row=HEADER_ROW + 1)
        )
    if blank.pupils:
        validation = DataValidation(
            type="list",
            formula1=f'"{MARK_LIST}"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Недопустимая отметка",
            error=_VALIDATION_ERROR,
        )
        validation.add(
            f"{get_column_letter(FIRST_DAY_COLUMN)}{FIRST_PUPIL_ROW}:"
            f"{get_column_letter(last_column)}{last_row}"
        )
        sheet.add_data_validation(validation)
    width = _set_up_page(sheet, blank, last_column)
    meta = workbook.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    skeleton = io.BytesIO()
    workbook.save(skeleton)
    # openpyxl spends some 40 µs on each cell it creates, styles and writes, most of a blank's
    # time; the sheets' cells are written here as XML into the skeleton it saved.
    rows = [
        *_title_rows(blank, notes, styles, width),
        _header_row(days, styles),
        _weekday_row(days, styles),
        *_pupil_rows(blank.pupils, days, styles),
    ]
    signature = f"Воспитатель ____________________ {blank.teacher}".rstrip()
    end = last_row + 2
    rows.append(_row(end, [_cell_xml(f"B{end}", styles["text"], signature)]))
    meta_rows = _metadata_rows(blank)
    data = {
        sheet.path.lstrip("/"): ("".join(rows), f"A1:{get_column_letter(last_column)}{end}"),
        meta.path.lstrip("/"): ("".join(meta_rows), f"A1:C{len(meta_rows)}"),
    }
    return _save(skeleton.getvalue(), data, out)


def _checked_days(blank: AttendanceBlank) -> list[SheetDay]:
    days = sorted(blank.days, key=lambda d: d.day)
    if [d.day for d in days] != month_days(blank.month):
        raise ValueError(
            f"В бланке посещаемости должны быть все дни месяца {blank.month:%Y-%m} по одному разу"
        )
    return days


def _register_styles(ws: Worksheet) -> dict[str, int]:
    """Add each look to the workbook once; return the cell style index of each by name."""
    ids: dict[str, int] = {}
    for name, look in _LOOKS.items():
        probe = Cell(ws)
        for attribute, value in look.items():
            setattr(probe, attribute, value)
        ids[name] = probe.style_id
    return ids


def _closed_note(days: Sequence[SheetDay]) -> str:
    reasons: dict[str, list[str]] = {}
    for day in days:
        if not day.working:
            reasons.setdefault(day.why_closed or "нерабочий день", []).append(str(day.day.day))
    listed = "; ".join(f"{', '.join(numbers)} — {why}" for why, numbers in reasons.items())
    closed = f"Серым — нерабочие дни: {listed}" if listed else "Нерабочих дней в месяце нет"
    return f"{closed}. {_OUT_NOTE}"


def _title_rows(
    blank: AttendanceBlank, notes: Sequence[str], styles: dict[str, int], width: float
) -> Iterator[str]:
    lines = (
        ("Лист посещаемости", "title"),
        (blank.institution, "text"),
        (f"Группа «{blank.group}»", "bold"),
        (f"Месяц: {month_title(blank.month)}", "bold"),
    )
    for row, (text, look) in enumerate(lines, start=1):
        height = 20.0 if look == "title" else None
        yield _row(row, [_cell_xml(f"A{row}", styles[look], text)], height)
    for row, text in enumerate(notes, start=len(lines) + 1):
        # A merged cell does not grow to its wrapped text, so its height is set from an
        # estimate: 8 pt Arial takes about 0.8 of a width unit per character.
        lines_count = max(1, -(-int(len(text) * 0.8) // int(width)))
        yield _row(row, [_cell_xml(f"A{row}", styles["note"], text)], 11.5 * lines_count + 1)


def _header_row(days: Sequence[SheetDay], styles: dict[str, int]) -> str:
    r = HEADER_ROW
    cells = [
        _cell_xml(f"A{r}", styles["head"], "№"),
        _cell_xml(f"B{r}", styles["head"], "Воспитанник"),
        _cell_xml(f"C{r}", styles["head"], "Дата рождения"),
    ]
    for offset, day in enumerate(days):
        look = styles["day" if day.working else "day_closed"]
        cells.append(
            _cell_xml(f"{get_column_letter(FIRST_DAY_COLUMN + offset)}{r}", look, day.day.day)
        )
    return _row(r, cells, 15.0)


def _weekday_row(days: Sequence[SheetDay], styles: dict[str, int]) -> str:
    r = HEADER_ROW + 1
    cells = [_cell_xml(f"{letter}{r}", styles["head"]) for letter in ("A", "B", "C")]
    for offset, day in enumerate(days):
        look = styles["weekday" if day.working else "weekday_closed"]
        letter = get_column_letter(FIRST_DAY_COLUMN + offset)
        cells.append(_cell_xml(f"{letter}{r}", look, _WEEKDAYS[day.day.weekday()]))
    return _row(r, cells)


def _pupil_rows(
    pupils: Sequence[SheetPupil], days: Sequence[SheetDay], styles: dict[str, int]
) -> Iterator[str]:
    letters = [get_column_letter(FIRST_DAY_COLUMN + offset) for offset in range(len(days))]
    open_, closed, out = styles["open"], styles["closed"], styles["out"]
    for index, pupil in enumerate(pupils):
        r = FIRST_PUPIL_ROW + index
        in_group = set(pupil.in_group)
        cells = [
            _cell_xml(f"A{r}", styles["number"], index + 1),
            _cell_xml(f"B{r}", styles["name"], squeeze(pupil.full_name)),
            _cell_xml(f"C{r}", styles["birth"], pupil.birth_date),
        ]
        for letter, day in zip(letters, days, strict=True):
            style = (open_ if day.day in in_group else out) if day.working else closed
            cells.append(f'<c r="{letter}{r}" s="{style}"/>')
        yield _row(r, cells)


def _row(r: int, cells: Sequence[str], height: float | None = None) -> str:
    size = f' ht="{height}" customHeight="1"' if height is not None else ""
    return f'<row r="{r}"{size}>{"".join(cells)}</row>'


def _cell_xml(ref: str, style: int, value: str | int | date | None = None) -> str:
    if value is None:
        return f'<c r="{ref}" s="{style}"/>'
    if isinstance(value, str):
        text = escape(_NOT_XML.sub("", value), quote=False)
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t>{text}</t></is></c>'
    if isinstance(value, date):
        value = (value - _EXCEL_EPOCH).days
    return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'


def _set_up_page(ws: Worksheet, blank: AttendanceBlank, last_column: int) -> float:
    """Set widths, panes, printing and protection; return the table's width in units."""
    longest = max((len(squeeze(p.full_name)) for p in blank.pupils), default=0)
    widths = dict(_WIDTHS)
    widths[NAME_COLUMN] = float(min(max(longest + 2, _NAME_WIDTH[0]), _NAME_WIDTH[1]))
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = width
    # One <col> element spans all the day columns.
    days = ws.column_dimensions[get_column_letter(FIRST_DAY_COLUMN)]
    days.min, days.max, days.width = FIRST_DAY_COLUMN, last_column, _DAY_WIDTH
    ws.freeze_panes = f"{get_column_letter(FIRST_DAY_COLUMN)}{FIRST_PUPIL_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    # Resizing rows and columns stays allowed; everything else follows the locked cells.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    return sum(widths.values()) + _DAY_WIDTH * (last_column - FIRST_DAY_COLUMN + 1)


def _metadata_rows(blank: AttendanceBlank) -> list[str]:
    entries: list[tuple[str | int, ...]] = [
        (META_FORM, ATTENDANCE_FORM),
        (META_VERSION, ATTENDANCE_VERSION),
        (META_SHEET_KEY, ATTENDANCE_SHEET),
        (META_GROUP_ID, blank.group_id),
        (META_GROUP, blank.group),
        (META_MONTH, blank.month.replace(day=1).isoformat()),
        (META_HEADER_ROW, HEADER_ROW),
    ]
    entries += [
        (META_PUPIL, FIRST_PUPIL_ROW + index, pupil.pupil_id)
        for index, pupil in enumerate(blank.pupils)
    ]
    return [
        _row(r, [_cell_xml(f"{'ABC'[i]}{r}", 0, value) for i, value in enumerate(entry)])
        for r, entry in enumerate(entries, start=1)
    ]


_SHEET_DATA = re.compile(r"<sheetData\s*/>|<sheetData>\s*</sheetData>")
_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')


def _save(package: bytes, data: Mapping[str, tuple[str, str]], out: Path) -> Path:
    """Write ``package`` to ``out`` atomically, with sheets' rows and used ranges put in."""
    with (
        shared_output(out) as tmp,
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename in data:
                rows, used = data[info.filename]
                xml = content.decode("utf-8")
                empty = _SHEET_DATA.search(xml)
                if empty is None:
                    raise ValueError(f"неожиданное устройство листа {info.filename}")
                xml = f"{xml[: empty.start()]}<sheetData>{rows}</sheetData>{xml[empty.end() :]}"
                content = _DIMENSION.sub(f'<dimension ref="{used}"/>', xml, 1).encode("utf-8")
            target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return out


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
_CALAMINE_ERRORS = (calamine.CalamineError, OSError, ValueError, UnacceptableFile)


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


def is_attendance_workbook(path: Path) -> bool:
    """Whether the workbook's hidden metadata names it an attendance sheet (cheap: no data read)."""
    try:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
    except _CALAMINE_ERRORS:
        return False
    try:
        if META_SHEET not in workbook.sheet_names:
            return False
        return _metadata(workbook).values.get(META_FORM) == ATTENDANCE_FORM
    except _CALAMINE_ERRORS:
        return False
    finally:
        workbook.close()


def read_attendance_sheet(path: Path) -> AttendanceSheet:
    """Read the marks of an attendance sheet, each located to its cell, with located problems.

    Raises :class:`UnacceptableFile` when the workbook does not open or its month is unknown.
    """
    workbook = _open(path)
    try:
        meta = _metadata(workbook) if META_SHEET in workbook.sheet_names else _Meta()
        sheet, rows = _sheet_rows(workbook, meta)
    finally:
        workbook.close()
    month = _sheet_month(meta, rows)
    group_id = _as_int(meta.values.get(META_GROUP_ID))
    group = meta.values.get(META_GROUP)
    result = AttendanceSheet(
        group_id=group_id,
        group=squeeze(str(group)) if group not in (None, "") else _group_from_title(rows),
        month=month,
        sheet=sheet,
    )
    hint = _as_int(meta.values.get(META_HEADER_ROW))
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
    _parse_table(result, rows, header_index, name_index, meta.pupils)
    return result


def _metadata(workbook: calamine.CalamineWorkbook) -> _Meta:
    meta = _Meta()
    for row in _rows(workbook, META_SHEET):
        if len(row) < 2 or not isinstance(row[0], str):
            continue
        key = row[0].strip()
        if key == META_PUPIL:
            excel_row = _as_int(row[1])
            pupil_id = _as_int(row[2]) if len(row) > 2 else None
            if excel_row is not None and pupil_id is not None:
                meta.pupils[excel_row] = pupil_id
        else:
            value = row[1]
            meta.values.setdefault(key, value.strip() if isinstance(value, str) else value)
    return meta


def _sheet_rows(workbook: calamine.CalamineWorkbook, meta: _Meta) -> tuple[str, list[list[object]]]:
    declared = meta.values.get(META_SHEET_KEY)
    if isinstance(declared, str) and declared in workbook.sheet_names:
        return declared, _rows(workbook, declared)
    visible = [
        m.name
        for m in workbook.sheets_metadata
        if m.name != META_SHEET and m.visible == calamine.SheetVisibleEnum.Visible
    ]
    for name in visible:
        rows = _rows(workbook, name)
        if _find_header(rows, None) is not None:
            return name, rows
    if not visible:
        raise UnacceptableFile("В книге нет ни одного видимого листа")
    return visible[0], _rows(workbook, visible[0])


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
            if found and found.group(1) in _MONTHS:
                return date(int(found.group(2)), _MONTHS.index(found.group(1)) + 1, 1)
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
    for index in range(first, len(rows)):
        values = rows[index]
        row = index + 1
        if all(_blank(v) for v in values):
            if row > last_listed:
                break
            continue
        name = _cell(values, name_index)
        pupil_id = pupils.get(row)
        if _blank(name) and pupil_id is None:
            _report_nameless(result, values, row, days)
            continue
        marks: list[MarkCell] = []
        for column in days:
            raw = _cell(values, column.index)
            if _blank(raw):
                continue
            try:
                mark = Mark.parse(_text(raw))
            except DomainError as error:
                result.problems.append(_problem(result, str(error), column, row, raw))
                continue
            if mark is not Mark.PRESENT:
                assert column.day is not None
                marks.append(MarkCell(column.day, mark, f"{column.letter}{row}", raw))
        for column, message in refused:
            raw = _cell(values, column.index)
            if not _blank(raw):
                result.problems.append(_problem(result, message, column, row, raw))
        result.rows.append(
            SheetRow(
                row=row,
                pupil_id=pupil_id,
                full_name="" if _blank(name) else squeeze(_text(name)),
                birth_date=_as_date(_cell(values, birth_index)),
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
        if _blank(value):
            column = _DayColumn(index, letter, "", None)
            refused.append((column, "Отметка в столбце без числа месяца в заголовке"))
            continue
        parsed = _header_day(value, result.month)
        if parsed is None:
            text = _text(value).strip()
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
    if not _blank(_cell(row, name_index)):
        return False
    return any(
        isinstance(v, str) and fold(v) in _WEEKDAYS for v in (_cell(row, d.index) for d in days)
    )


def _report_nameless(
    result: AttendanceSheet, values: list[object], row: int, days: Sequence[_DayColumn]
) -> None:
    for column in days:
        raw = _cell(values, column.index)
        if not _blank(raw):
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


def _cell(row: list[object], index: int | None) -> object:
    if index is None or index >= len(row):
        return None
    return row[index]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        found = _DATE_TEXT.fullmatch(value.strip())
        if found:
            day, month, year = (int(g) for g in found.groups())
            try:
                return date(year, month, day)
            except ValueError:
                return None
    return None
