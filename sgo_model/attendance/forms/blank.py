"""Writing the monthly attendance blank of a group, pre-filled with its pupils and days."""

import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sgo_model.attendance.forms.model import (
    ATTENDANCE_FORM,
    ATTENDANCE_SHEET,
    ATTENDANCE_VERSION,
    BIRTH_COLUMN,
    FIRST_DAY_COLUMN,
    FIRST_PUPIL_ROW,
    HEADER_ROW,
    MARK_LIST,
    MARKED_THROUGH_LABEL,
    META_GROUP,
    META_GROUP_ID,
    META_HEADER_ROW,
    META_MONTH,
    META_PUPIL,
    NAME_COLUMN,
    NUMBER_COLUMN,
    WEEKDAYS,
    AttendanceBlank,
    SheetDay,
    SheetPupil,
    month_title,
)
from sgo_model.domain.attendance import Mark
from sgo_model.domain.months import month_days, month_end
from sgo_model.domain.text import squeeze
from sgo_model.office import sheet_xml
from sgo_model.office.page import landscape_a4
from sgo_model.office.workbook import META_FORM, META_SHEET, META_SHEET_KEY, META_VERSION

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
_STATED_NOTE = (
    "Если не заполнено, лист считается заполненным по день перед днём сдачи; "
    "дни после этой даты в табель не входят"
)
_VALIDATION_ERROR = (
    f"Поставьте одну из отметок {', '.join(MARK_LIST.split(','))} или оставьте клетку пустой "
    "(был). " + "; ".join(f"{mark.value} — {label}" for mark, label in _LEGEND_LABELS.items())
)
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
    "hint": {"font": _SMALL, "alignment": Alignment(vertical="center")},
    "label": {"font": _FONT, "alignment": Alignment(horizontal="right", vertical="center")},
    "stated": {
        "font": _BOLD,
        "border": _BORDER,
        "alignment": _CENTER,
        "number_format": "DD.MM.YYYY",
        "protection": _UNLOCKED,
    },
    "closed": {"font": _BOLD, "fill": _CLOSED_FILL, "border": _BORDER, "alignment": _CENTER},
    "out": {"font": _BOLD, "fill": _OUT_FILL, "border": _BORDER, "alignment": _CENTER},
}


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
    stated_row = last_row + 2
    sheet.add_data_validation(_stated_validation(blank, f"C{stated_row}"))
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
    stated = [
        sheet_xml.cell(f"B{stated_row}", styles["label"], MARKED_THROUGH_LABEL),
        sheet_xml.cell(f"C{stated_row}", styles["stated"]),
        sheet_xml.cell(f"D{stated_row}", styles["hint"], _STATED_NOTE),
    ]
    rows.append(sheet_xml.row(stated_row, stated, 15.0))
    signature = f"Воспитатель ____________________ {blank.teacher}".rstrip()
    end = stated_row + 2
    rows.append(sheet_xml.row(end, [sheet_xml.cell(f"B{end}", styles["text"], signature)]))
    meta_rows = _metadata_rows(blank)
    sheet_part, meta_part = sheet.path.lstrip("/"), meta.path.lstrip("/")
    return sheet_xml.write_package(
        skeleton.getvalue(),
        {sheet_part: "".join(rows), meta_part: "".join(meta_rows)},
        out,
        used={
            sheet_part: f"A1:{get_column_letter(last_column)}{end}",
            meta_part: f"A1:C{len(meta_rows)}",
        },
    )


def _stated_validation(blank: AttendanceBlank, cell: str) -> DataValidation:
    first, last = blank.month, month_end(blank.month)
    validation = DataValidation(
        type="date",
        operator="between",
        formula1=f"DATE({first.year},{first.month},{first.day})",
        formula2=f"DATE({last.year},{last.month},{last.day})",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Дата вне месяца",
        error=f"Укажите день с {first:%d.%m.%Y} по {last:%d.%m.%Y}",
    )
    validation.add(cell)
    return validation


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
        yield sheet_xml.row(row, [sheet_xml.cell(f"A{row}", styles[look], text)], height)
    for row, text in enumerate(notes, start=len(lines) + 1):
        # A merged cell does not grow to its wrapped text, so its height is set from an
        # estimate: 8 pt Arial takes about 0.8 of a width unit per character.
        lines_count = max(1, -(-int(len(text) * 0.8) // int(width)))
        yield sheet_xml.row(
            row, [sheet_xml.cell(f"A{row}", styles["note"], text)], 11.5 * lines_count + 1
        )


def _header_row(days: Sequence[SheetDay], styles: dict[str, int]) -> str:
    r = HEADER_ROW
    cells = [
        sheet_xml.cell(f"A{r}", styles["head"], "№"),
        sheet_xml.cell(f"B{r}", styles["head"], "Воспитанник"),
        sheet_xml.cell(f"C{r}", styles["head"], "Дата рождения"),
    ]
    for offset, day in enumerate(days):
        look = styles["day" if day.working else "day_closed"]
        cells.append(
            sheet_xml.cell(f"{get_column_letter(FIRST_DAY_COLUMN + offset)}{r}", look, day.day.day)
        )
    return sheet_xml.row(r, cells, 15.0)


def _weekday_row(days: Sequence[SheetDay], styles: dict[str, int]) -> str:
    r = HEADER_ROW + 1
    cells = [sheet_xml.cell(f"{letter}{r}", styles["head"]) for letter in ("A", "B", "C")]
    for offset, day in enumerate(days):
        look = styles["weekday" if day.working else "weekday_closed"]
        letter = get_column_letter(FIRST_DAY_COLUMN + offset)
        cells.append(sheet_xml.cell(f"{letter}{r}", look, WEEKDAYS[day.day.weekday()]))
    return sheet_xml.row(r, cells)


def _pupil_rows(
    pupils: Sequence[SheetPupil], days: Sequence[SheetDay], styles: dict[str, int]
) -> Iterator[str]:
    letters = [get_column_letter(FIRST_DAY_COLUMN + offset) for offset in range(len(days))]
    open_, closed, out = styles["open"], styles["closed"], styles["out"]
    for index, pupil in enumerate(pupils):
        r = FIRST_PUPIL_ROW + index
        in_group = set(pupil.in_group)
        cells = [
            sheet_xml.cell(f"A{r}", styles["number"], index + 1),
            sheet_xml.cell(f"B{r}", styles["name"], squeeze(pupil.full_name)),
            sheet_xml.cell(f"C{r}", styles["birth"], pupil.birth_date),
        ]
        for letter, day in zip(letters, days, strict=True):
            style = (open_ if day.day in in_group else out) if day.working else closed
            cells.append(f'<c r="{letter}{r}" s="{style}"/>')
        yield sheet_xml.row(r, cells)


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
    landscape_a4(ws, left=0.4, right=0.4, top=0.5, bottom=0.5, numbered=False)
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
        sheet_xml.row(
            r, [sheet_xml.cell(f"{'ABC'[i]}{r}", 0, value) for i, value in enumerate(entry)]
        )
        for r, entry in enumerate(entries, start=1)
    ]
