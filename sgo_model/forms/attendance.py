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
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from html import escape
from pathlib import Path

import python_calamine as calamine
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from sgo_model.domain.attendance import Mark
from sgo_model.domain.errors import DomainError
from sgo_model.domain.problems import Problem, Severity
from sgo_model.domain.text import fold, squeeze
from sgo_model.forms.metadata import META_FORM, META_SHEET, META_SHEET_KEY, META_VERSION
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

_MONTHS = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
_MONTHS_PREPOSITIONAL = (
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
)
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
_SHADING_NOTE = (
    "Серым — нерабочие дни; голубой штриховкой — дни, когда ребёнок не числится в группе. "
    "В эти клетки отметку поставить нельзя."
)
_VALIDATION_ERROR = (
    f"Поставьте одну из отметок {', '.join(MARK_LIST.split(','))} или оставьте клетку пустой "
    "(был). " + "; ".join(f"{mark.value} — {label}" for mark, label in _LEGEND_LABELS.items())
)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
_EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system, for dates after 1900
_UNSAFE_IN_FILE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]')

# Styles are registered once per workbook as named styles, so that each cell only takes a
# copy of a small index array instead of hashing font/fill/border objects cell by cell.
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center")
_LOCKED = Protection(locked=True)
_UNLOCKED = Protection(locked=False)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_CLOSED_FILL = PatternFill("solid", fgColor="BFBFBF")
_OUT_FILL = PatternFill("lightUp", fgColor="8EA9C1", bgColor="DCE6F1")
_FONT = Font(name="Arial", size=10)
_BOLD = Font(name="Arial", size=10, bold=True)
_SMALL = Font(name="Arial", size=8)

_STYLE_HEAD = "sgo-att-head"
_STYLE_DAY_HEAD = "sgo-att-day-head"
_STYLE_DAY_HEAD_CLOSED = "sgo-att-day-head-closed"
_STYLE_NUMBER = "sgo-att-number"
_STYLE_NAME = "sgo-att-name"
_STYLE_BIRTH = "sgo-att-birth"
_STYLE_OPEN = "sgo-att-open"
_STYLE_CLOSED = "sgo-att-closed"
_STYLE_OUT = "sgo-att-out"


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
    styles = _register_styles(workbook)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = ATTENDANCE_SHEET
    last_column = FIRST_DAY_COLUMN + len(days) - 1
    last_row = FIRST_PUPIL_ROW + max(len(blank.pupils), 1) - 1
    _write_title(sheet, blank)
    _write_header(sheet, days)
    _write_footer(sheet, blank, days, last_row + 2)
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
    _set_up_page(sheet, blank, last_column)
    _write_metadata(workbook, blank)
    skeleton = io.BytesIO()
    workbook.save(skeleton)
    # openpyxl spends some 40 µs on each cell it creates, styles and writes, which made the
    # pupil rows most of a blank's time; they are written as sheet XML into its skeleton.
    rows = "".join(_pupil_rows(blank.pupils, days, styles))
    return _save(skeleton.getvalue(), sheet.path.lstrip("/"), rows, out)


def _checked_days(blank: AttendanceBlank) -> list[SheetDay]:
    days = sorted(blank.days, key=lambda d: d.day)
    if [d.day for d in days] != month_days(blank.month):
        raise ValueError(
            f"В бланке посещаемости должны быть все дни месяца {blank.month:%Y-%m} по одному разу"
        )
    return days


def _register_styles(workbook: Workbook) -> dict[str, int]:
    """Register the sheet's named styles; return the cell style index of each by name."""
    wrap_center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    styles = [
        NamedStyle(
            _STYLE_HEAD,
            font=_BOLD,
            fill=_HEADER_FILL,
            border=_BORDER,
            alignment=wrap_center,
            protection=_LOCKED,
        ),
        NamedStyle(
            _STYLE_DAY_HEAD,
            font=_BOLD,
            fill=_HEADER_FILL,
            border=_BORDER,
            alignment=_CENTER,
            protection=_LOCKED,
            number_format="00",
        ),
        NamedStyle(
            _STYLE_DAY_HEAD_CLOSED,
            font=_BOLD,
            fill=_CLOSED_FILL,
            border=_BORDER,
            alignment=_CENTER,
            protection=_LOCKED,
            number_format="00",
        ),
        NamedStyle(
            _STYLE_NUMBER, font=_FONT, border=_BORDER, alignment=_CENTER, protection=_LOCKED
        ),
        NamedStyle(
            _STYLE_NAME,
            font=_FONT,
            border=_BORDER,
            alignment=Alignment(vertical="center", shrink_to_fit=True),
            protection=_LOCKED,
        ),
        NamedStyle(
            _STYLE_BIRTH,
            font=_FONT,
            border=_BORDER,
            alignment=_CENTER,
            protection=_LOCKED,
            number_format="DD.MM.YYYY",
        ),
        NamedStyle(
            _STYLE_OPEN, font=_BOLD, border=_BORDER, alignment=_CENTER, protection=_UNLOCKED
        ),
        NamedStyle(
            _STYLE_CLOSED,
            font=_BOLD,
            fill=_CLOSED_FILL,
            border=_BORDER,
            alignment=_CENTER,
            protection=_LOCKED,
        ),
        NamedStyle(
            _STYLE_OUT,
            font=_BOLD,
            fill=_OUT_FILL,
            border=_BORDER,
            alignment=_CENTER,
            protection=_LOCKED,
        ),
    ]
    ids: dict[str, int] = {}
    probe = Cell(workbook.active)
    for style in styles:
        workbook.add_named_style(style)
        probe.style = style.name
        ids[style.name] = probe.style_id
    return ids


def _write_title(ws: Worksheet, blank: AttendanceBlank) -> None:
    lines = (
        ("Лист посещаемости", Font(name="Arial", size=14, bold=True)),
        (blank.institution, _FONT),
        (f"Группа «{blank.group}»", _BOLD),
        (f"Месяц: {month_title(blank.month)}", _BOLD),
        (_LEGEND, _SMALL),
        (_SHADING_NOTE, _SMALL),
    )
    for row, (text, font) in enumerate(lines, start=1):
        ws.cell(row, 1, text).font = font


def _write_header(ws: Worksheet, days: Sequence[SheetDay]) -> None:
    titles = ((NUMBER_COLUMN, "№"), (NAME_COLUMN, "Воспитанник"), (BIRTH_COLUMN, "Дата рождения"))
    for column, text in titles:
        ws.cell(HEADER_ROW, column, text).style = _STYLE_HEAD
        ws.cell(HEADER_ROW + 1, column).style = _STYLE_HEAD
        # Adding the range itself skips openpyxl's re-bordering of merged cells, which costs
        # more than the rest of the header; both cells already carry the header style.
        ws.merged_cells.add(
            CellRange(min_col=column, min_row=HEADER_ROW, max_col=column, max_row=HEADER_ROW + 1)
        )
    for offset, day in enumerate(days):
        column = FIRST_DAY_COLUMN + offset
        style = _STYLE_DAY_HEAD if day.working else _STYLE_DAY_HEAD_CLOSED
        number = ws.cell(HEADER_ROW, column, day.day.day)
        number.style = style
        ws.cell(HEADER_ROW + 1, column, _WEEKDAYS[day.day.weekday()]).style = style
        if not day.working:
            comment = Comment(day.why_closed or "нерабочий день", "sgo")
            comment.width, comment.height = 160, 40
            number.comment = comment


def _pupil_rows(
    pupils: Sequence[SheetPupil], days: Sequence[SheetDay], styles: dict[str, int]
) -> Iterator[str]:
    """``<row>`` elements of the pupils, from the first pupil row on."""
    letters = [get_column_letter(FIRST_DAY_COLUMN + offset) for offset in range(len(days))]
    number, name, birth = (get_column_letter(c) for c in (NUMBER_COLUMN, NAME_COLUMN, BIRTH_COLUMN))
    open_, closed, out = (styles[n] for n in (_STYLE_OPEN, _STYLE_CLOSED, _STYLE_OUT))
    for index, pupil in enumerate(pupils):
        r = FIRST_PUPIL_ROW + index
        in_group = set(pupil.in_group)
        text = escape(_NOT_XML.sub("", squeeze(pupil.full_name)), quote=False)
        cells = [
            f'<c r="{number}{r}" s="{styles[_STYLE_NUMBER]}"><v>{index + 1}</v></c>',
            f'<c r="{name}{r}" s="{styles[_STYLE_NAME]}" t="inlineStr"><is><t>{text}</t></is></c>',
            f'<c r="{birth}{r}" s="{styles[_STYLE_BIRTH]}">'
            f"<v>{(pupil.birth_date - _EXCEL_EPOCH).days}</v></c>",
        ]
        for letter, day in zip(letters, days, strict=True):
            style = (open_ if day.day in in_group else out) if day.working else closed
            cells.append(f'<c r="{letter}{r}" s="{style}"/>')
        yield f'<row r="{r}">{"".join(cells)}</row>'


def _write_footer(
    ws: Worksheet, blank: AttendanceBlank, days: Sequence[SheetDay], row: int
) -> None:
    reasons: dict[str, list[str]] = {}
    for day in days:
        if not day.working:
            reasons.setdefault(day.why_closed or "нерабочий день", []).append(str(day.day.day))
    if reasons:
        listed = "; ".join(f"{', '.join(numbers)} — {why}" for why, numbers in reasons.items())
        ws.cell(row, NAME_COLUMN, f"Нерабочие дни: {listed}").font = _SMALL
    teacher = f"Воспитатель ____________________ {blank.teacher}".rstrip()
    ws.cell(row + 2, NAME_COLUMN, teacher).font = _FONT


def _set_up_page(ws: Worksheet, blank: AttendanceBlank, last_column: int) -> None:
    longest = max((len(p.full_name) for p in blank.pupils), default=0)
    ws.column_dimensions[get_column_letter(NUMBER_COLUMN)].width = 4
    ws.column_dimensions[get_column_letter(NAME_COLUMN)].width = min(max(longest + 2, 28), 44)
    ws.column_dimensions[get_column_letter(BIRTH_COLUMN)].width = 11
    for column in range(FIRST_DAY_COLUMN, last_column + 1):
        ws.column_dimensions[get_column_letter(column)].width = 3.7
    ws.row_dimensions[HEADER_ROW].height = 18
    ws.freeze_panes = ws.cell(FIRST_PUPIL_ROW, FIRST_DAY_COLUMN)
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


def _write_metadata(workbook: Workbook, blank: AttendanceBlank) -> None:
    meta = workbook.create_sheet(META_SHEET)
    meta.append([META_FORM, ATTENDANCE_FORM])
    meta.append([META_VERSION, ATTENDANCE_VERSION])
    meta.append([META_SHEET_KEY, ATTENDANCE_SHEET])
    meta.append([META_GROUP_ID, blank.group_id])
    meta.append([META_GROUP, blank.group])
    meta.append([META_MONTH, blank.month.replace(day=1).isoformat()])
    meta.append([META_HEADER_ROW, HEADER_ROW])
    for index, pupil in enumerate(blank.pupils):
        meta.append([META_PUPIL, FIRST_PUPIL_ROW + index, pupil.pupil_id])
    meta.sheet_state = "hidden"


def _save(package: bytes, sheet: str, rows: str, out: Path) -> Path:
    """Write ``package`` to ``out`` atomically, ``rows`` put into ``sheet`` after the header."""
    marker = f'<row r="{HEADER_ROW + 1}"'
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        with (
            zipfile.ZipFile(io.BytesIO(package)) as source,
            zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target,
        ):
            for info in source.infolist():
                data = source.read(info)
                if info.filename == sheet and rows:
                    xml = data.decode("utf-8")
                    if xml.count(marker) != 1:
                        raise ValueError(f"неожиданное устройство листа {sheet} от openpyxl")
                    at = xml.index("</row>", xml.index(marker)) + len("</row>")
                    data = (xml[:at] + rows + xml[at:]).encode("utf-8")
                target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; people on the share must read it
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
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
_GROUP_LINE = re.compile(r"группа\s+[«\"](.+?)[»\"]\s*$", re.IGNORECASE)
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
    header_row = header_index + 1
    birth_index = next(
        (
            i
            for i, v in enumerate(header)
            if i != name_index and isinstance(v, str) and fold(v) in _BIRTH_HEADERS
        ),
        None,
    )
    skip = {name_index, birth_index}
    days, foreign, unnamed = _day_columns(result, header, header_row, name_index, skip)
    first = header_index + 1
    if first < len(rows) and _is_weekday_row(rows[first], name_index, days):
        first += 1
    last_listed = max(pupils, default=0)
    for index in range(first, len(rows)):
        raw_row = rows[index]
        excel_row = index + 1
        if all(_blank(v) for v in raw_row):
            if excel_row > last_listed:
                break
            continue
        name = _cell(raw_row, name_index)
        pupil_id = pupils.get(excel_row)
        if _blank(name) and pupil_id is None:
            _report_nameless(result, raw_row, excel_row, days, name_index)
            continue
        marks: list[MarkCell] = []
        for column in days:
            raw = _cell(raw_row, column.index)
            if _blank(raw):
                continue
            ref = f"{column.letter}{excel_row}"
            try:
                mark = Mark.parse(_text(raw))
            except DomainError as error:
                result.problems.append(_problem(result, str(error), ref, column.header, raw))
                continue
            if mark is not Mark.PRESENT:
                assert column.day is not None
                marks.append(MarkCell(column.day, mark, ref, raw))
        for column in foreign:
            raw = _cell(raw_row, column.index)
            if not _blank(raw):
                message = (
                    f"Отметка в столбце «{column.header}»: такого дня нет в месяце листа "
                    f"({month_title(result.month)})"
                )
                ref = f"{column.letter}{excel_row}"
                result.problems.append(_problem(result, message, ref, column.header, raw))
        for index_ in unnamed:
            raw = _cell(raw_row, index_)
            if not _blank(raw):
                message = "Отметка в столбце без числа месяца в заголовке"
                ref = f"{column_letter(index_)}{excel_row}"
                result.problems.append(_problem(result, message, ref, None, raw))
        result.rows.append(
            SheetRow(
                row=excel_row,
                pupil_id=pupil_id,
                full_name="" if _blank(name) else squeeze(_text(name)),
                birth_date=_as_date(_cell(raw_row, birth_index)),
                marks=tuple(marks),
            )
        )


def _day_columns(
    result: AttendanceSheet,
    header: list[object],
    header_row: int,
    name_index: int,
    skip: set[int | None],
) -> tuple[list[_DayColumn], list[_DayColumn], list[int]]:
    """The day columns of the header, those of days outside the month, and unnamed columns."""
    days: list[_DayColumn] = []
    foreign: list[_DayColumn] = []
    unnamed: list[int] = []
    for index in range(name_index + 1, len(header)):
        if index in skip:
            continue
        value = header[index]
        letter = column_letter(index)
        if _blank(value):
            unnamed.append(index)
            continue
        parsed = _header_day(value, result.month)
        if parsed is None:
            text = _text(value).strip()
            last = month_days(result.month)[-1].day
            result.problems.append(
                Problem(
                    f"Заголовок столбца «{text}» не распознан: ожидается число месяца "
                    f"(01–{last:02d})",
                    sheet=result.sheet,
                    cell=f"{letter}{header_row}",
                    column=text,
                    value=value,
                    row=header_row,
                )
            )
            continue
        text, day = parsed
        column = _DayColumn(index, letter, text, day)
        if day is None:
            foreign.append(column)
        elif day in result.day_columns:
            result.problems.append(
                Problem(
                    f"День «{text}» в заголовке повторяется (он уже есть в столбце "
                    f"{result.day_columns[day]}); отметки в этом столбце не принимаются",
                    sheet=result.sheet,
                    cell=f"{letter}{header_row}",
                    column=text,
                    value=value,
                    row=header_row,
                )
            )
        else:
            result.day_columns[day] = letter
            days.append(column)
    missing = [d for d in month_days(result.month) if d not in result.day_columns]
    if days and missing:
        listed = ", ".join(f"{d.day:02d}" for d in missing)
        result.problems.append(
            Problem(
                f"В заголовке нет столбцов дней: {listed}; отметки за эти дни не прочитаны",
                sheet=result.sheet,
                row=header_row,
                severity=Severity.WARNING,
            )
        )
    elif not days:
        result.problems.append(
            Problem(
                "В строке заголовков нет ни одного числа месяца",
                sheet=result.sheet,
                row=header_row,
            )
        )
    return days, foreign, unnamed


def _header_day(value: object, month: date) -> tuple[str, date | None] | None:
    """The header text of a day column and its day (``None`` if not in the month)."""
    last = month_days(month)[-1].day
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
    result: AttendanceSheet,
    row: list[object],
    excel_row: int,
    days: Sequence[_DayColumn],
    name_index: int,
) -> None:
    for column in days:
        raw = _cell(row, column.index)
        if not _blank(raw):
            message = "Отметка в строке без воспитанника: впишите отметки в строку ребёнка"
            ref = f"{column.letter}{excel_row}"
            result.problems.append(_problem(result, message, ref, column.header, raw))
            return


def _problem(
    sheet: AttendanceSheet, message: str, ref: str, column: str | None, raw: object
) -> Problem:
    row = int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return Problem(message, sheet=sheet.sheet, cell=ref, column=column, value=raw, row=row)


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
