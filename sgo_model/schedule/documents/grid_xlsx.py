"""The institution's grid as a workbook: groups down, days across, frozen headers, landscape
A4 print set-up; and a flat list of every activity to filter and sort."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from sgo_model.domain.schedule import WEEKDAYS
from sgo_model.office.page import landscape_a4
from sgo_model.office.xlsx_styles import BOX, GREY_FILL
from sgo_model.schedule.documents.timetable import FONT, TITLE, Stamp, Timetable

__all__ = ["ListedActivity", "write_grid_xlsx"]

_LIST_HEADERS = ("Группа", "День недели", "Начало", "Окончание", "Вид НОД", "Педагог", "Помещение")
_LIST_WIDTHS = (18, 14, 9, 10, 34, 26, 20)
_DAY_WIDTH = 36


@dataclass(frozen=True)
class ListedActivity:
    """One row of the flat list."""

    group: str
    day: str
    start: str
    end: str
    kind: str
    teacher: str
    room: str


def _day_text(timetable: Timetable, day: int) -> str:
    lines = []
    for found in timetable.days[day]:
        line = f"{found.time} {found.what}"
        lines.append(f"{line} ({found.detail})" if found.detail else line)
    return "\n".join(lines)


def write_grid_xlsx(
    stamp: Stamp,
    groups: Sequence[Timetable],
    activities: Sequence[ListedActivity],
    out: Path,
) -> None:
    """Write the grid of ``groups`` and the list of ``activities`` into ``out``."""
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = "Сетка"
    columns = 1 + len(WEEKDAYS)
    ws.cell(1, 1, f"{TITLE} на {stamp.year} учебный год").font = Font(name=FONT, size=14, bold=True)
    ws.cell(2, 1, stamp.institution).font = Font(name=FONT, size=11)
    mark = ws.cell(1, columns, " ".join(stamp.lines))
    mark.font = Font(name=FONT, size=11, bold=True, color=None if stamp.approval else "C00000")
    mark.alignment = Alignment(horizontal="right")
    for index, caption in enumerate(("Группа", *(d.capitalize() for d in WEEKDAYS)), start=1):
        cell = ws.cell(4, index, caption)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.fill = GREY_FILL
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center")
    body = Font(name=FONT, size=10)
    for row, timetable in enumerate(groups, start=5):
        texts = [f"{timetable.heading}\n{timetable.subheading}"] + [
            _day_text(timetable, day) for day in range(len(WEEKDAYS))
        ]
        for column, text in enumerate(texts, start=1):
            cell = ws.cell(row, column, text)
            cell.font = Font(name=FONT, size=10, bold=True) if column == 1 else body
            cell.border = BOX
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        lines = max(_wrapped_lines(text, _DAY_WIDTH) for text in texts)
        ws.row_dimensions[row].height = max(30, 13 * lines)
    ws.column_dimensions["A"].width = 22
    for column in range(2, columns + 1):
        ws.column_dimensions[ws.cell(4, column).column_letter].width = _DAY_WIDTH
    ws.freeze_panes = "B5"
    ws.print_title_rows = "4:4"
    landscape_a4(ws, left=0.4, right=0.4, top=0.5, bottom=0.6)
    _list_sheet(workbook, activities)
    workbook.save(str(out))


def _wrapped_lines(text: str, width: int) -> int:
    """How many lines a cell ``width`` characters wide shows ``text`` in (10 pt text fits
    about a tenth more characters than the width counts)."""
    fits = int(width * 1.1)
    return sum(max(1, -(-len(line) // fits)) for line in text.split("\n"))


def _list_sheet(workbook: Workbook, activities: Sequence[ListedActivity]) -> None:
    ws = workbook.create_sheet("Список")
    for index, caption in enumerate(_LIST_HEADERS, start=1):
        cell = ws.cell(1, index, caption)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.fill = GREY_FILL
        cell.border = BOX
        ws.column_dimensions[cell.column_letter].width = _LIST_WIDTHS[index - 1]
    for row, a in enumerate(activities, start=2):
        values = (a.group, a.day, a.start, a.end, a.kind, a.teacher, a.room)
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row, column, value)
            cell.font = Font(name=FONT, size=10)
            cell.border = BOX
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:G{max(1, len(activities) + 1)}"
    ws.print_title_rows = "1:1"
    landscape_a4(ws, left=0.4, right=0.4, top=0.5, bottom=0.6)
