"""The frame of a timesheet 0504608: where things are on a sheet of a given shape, its
styles, column widths, merged cells and print set-up, made by openpyxl once per shape and
cached (the cells are written into a copy of it by ``timesheet``)."""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter

from sgo_model.attendance.documents.timesheet_data import TIMESHEET_TITLE
from sgo_model.office.page import landscape_a4
from sgo_model.office.xlsx_styles import BOX, CENTRE, FONT, GREY_FILL, THIN, register_styles

SHEET_NAME = "Табель"
# Excel widths in characters of the default font. The day columns are what makes the
# sheet wide; at these widths the fit-to-width scale on landscape A4 stays about 90 %.
_W_NUMBER, W_NAME, _W_ACCOUNT, _W_RATE, _W_DAY = 3.6, 22.0, 8.0, 5.0, 2.45
_W_MISSED, _W_EXCUSED, _W_PAID, W_REASONS = 6.0, 8.0, 8.0, 14.0
FIRST_DAY = 5  # column E
PENDING_FILL = PatternFill("lightUp", fgColor="A6A6A6", bgColor="FFFFFF")
"""Days after the last one the teacher's sheet covers: hatched (LibreOffice prints it grey)."""


@dataclass(frozen=True)
class Layout:
    """Where things are on a timesheet of ``days`` days and ``children`` rows."""

    days: int
    children: int
    lines: int
    """Heading lines under the institution's: group, [calculation], [preliminary], unit."""

    def column(self, index: int) -> str:
        return LETTERS[index]

    @property
    def last_day(self) -> int:
        return FIRST_DAY + self.days - 1

    @property
    def missed(self) -> int:
        return self.last_day + 1

    @property
    def excused(self) -> int:
        return self.last_day + 2

    @property
    def paid(self) -> int:
        return self.last_day + 3

    @property
    def reasons(self) -> int:
        return self.last_day + 4

    # Rows: 1 «Коды», 2 title, 3 month, 4 institution, the heading lines (group,
    # [calculation], [preliminary], unit), a gap, two rows of the table's header, the
    # children, the two rows of day totals, the legend and the fee rule, a gap and the
    # signatures.
    @property
    def unit_row(self) -> int:
        return 4 + self.lines

    @property
    def header_row(self) -> int:
        return self.unit_row + 2

    @property
    def first_child_row(self) -> int:
        return self.header_row + 2

    @property
    def absent_row(self) -> int:
        return self.first_child_row + self.children

    @property
    def present_row(self) -> int:
        return self.absent_row + 1

    @property
    def legend_row(self) -> int:
        return self.present_row + 1

    @property
    def fee_row(self) -> int:
        return self.present_row + 2

    @property
    def head_row(self) -> int:
        return self.present_row + 4

    @property
    def teacher_row(self) -> int:
        return self.head_row + 2

    @property
    def date_row(self) -> int:
        return self.teacher_row + 2

    # The post, the signature line and the name under them lie over the day columns.
    @property
    def post_columns(self) -> tuple[int, int]:
        return FIRST_DAY, FIRST_DAY + 7

    @property
    def sign_columns(self) -> tuple[int, int]:
        return FIRST_DAY + 9, FIRST_DAY + 15

    @property
    def name_columns(self) -> tuple[int, int]:
        return FIRST_DAY + 17, FIRST_DAY + 26

    def merges(self) -> Iterator[str]:
        c = self.column
        text_end = c(self.last_day)
        for row in range(2, self.unit_row + 1):
            yield f"A{row}:{text_end}{row}"
        for row in range(2, 5):
            yield f"{c(self.missed)}{row}:{c(self.paid)}{row}"
        h, h2 = self.header_row, self.header_row + 1
        for index in (1, 2, 3, 4, self.paid, self.reasons):
            yield f"{c(index)}{h}:{c(index)}{h2}"
        yield f"{c(FIRST_DAY)}{h}:{text_end}{h}"
        yield f"{c(self.missed)}{h}:{c(self.excused)}{h}"
        for row in (self.absent_row, self.present_row):
            yield f"A{row}:D{row}"
        for row in (self.legend_row, self.fee_row):
            yield f"A{row}:{c(self.reasons)}{row}"
        for row in (self.head_row, self.teacher_row):
            for r in (row, row + 1):
                for first, last in (self.post_columns, self.sign_columns, self.name_columns):
                    yield f"{c(first)}{r}:{c(last)}{r}"
            yield f"A{row}:D{row}"
        yield f"A{self.date_row}:D{self.date_row}"


LETTERS: dict[int, str] = {index: get_column_letter(index) for index in range(1, 64)}


@dataclass(frozen=True)
class Frame:
    """A saved workbook without cells, the name of its sheet's part and its style ids."""

    package: bytes
    sheet_part: str
    styles: dict[str, int]


_STYLE_NAMES = (
    "title",
    "subtitle",
    "line",
    "code_label",
    "code",
    "code_date",
    "head",
    "head_vertical",
    "number",
    "name",
    "day",
    "day_off",
    "day_pending",
    "money",
    "account",
    "legend",
    "reasons",
    "total_label",
    "total",
    "total_off",
    "sign",
    "sign_line",
    "sign_name",
    "caption",
)


@functools.lru_cache(maxsize=32)
def sheet_frame(layout: Layout) -> Frame:
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(SHEET_NAME)
    register_styles(workbook, "ts_", _timesheet_styles())
    widths = {1: _W_NUMBER, 2: W_NAME, 3: _W_ACCOUNT, 4: _W_RATE}
    widths |= dict.fromkeys(range(FIRST_DAY, layout.last_day + 1), _W_DAY)
    widths |= {
        layout.missed: _W_MISSED,
        layout.excused: _W_EXCUSED,
        layout.paid: _W_PAID,
        layout.reasons: W_REASONS,
    }
    for index, width in widths.items():
        ws.column_dimensions[layout.column(index)].width = width
    for merge in layout.merges():
        ws.merged_cells.add(merge)
    header = layout.header_row
    ws.print_title_rows = f"{header}:{header + 1}"
    landscape_a4(ws, left=0.3, right=0.3, top=0.4, bottom=0.4)
    workbook.properties.title = TIMESHEET_TITLE
    workbook.properties.creator = "sgo"
    styles = {name: _style_id(ws, f"ts_{name}") for name in _STYLE_NAMES}
    saved = io.BytesIO()
    workbook.save(saved)
    return Frame(saved.getvalue(), ws.path.lstrip("/"), styles)


def _style_id(ws: Any, name: str) -> int:
    cell = WriteOnlyCell(ws, value=None)
    cell.style = name
    return int(cell.style_id)


def _timesheet_styles() -> list[NamedStyle]:
    def font(size: float, **more: Any) -> Font:
        return Font(name=FONT, size=size, **more)

    left = Alignment(horizontal="left", vertical="center")
    return [
        NamedStyle("title", font=font(11, bold=True), alignment=Alignment(horizontal="center")),
        NamedStyle("subtitle", font=font(10), alignment=Alignment(horizontal="center")),
        NamedStyle("line", font=font(9), alignment=left),
        NamedStyle(
            "code_label", font=font(8), alignment=Alignment(horizontal="right", vertical="center")
        ),
        NamedStyle("code", font=font(9), border=BOX, alignment=CENTRE),
        NamedStyle(
            "code_date", font=font(9), border=BOX, alignment=CENTRE, number_format="DD.MM.YYYY"
        ),
        NamedStyle("head", font=font(8), border=BOX, alignment=CENTRE),
        NamedStyle(
            "head_vertical",
            font=font(8),
            border=BOX,
            alignment=Alignment(
                horizontal="center", vertical="center", wrap_text=True, text_rotation=90
            ),
        ),
        NamedStyle("number", font=font(9), border=BOX, alignment=CENTRE),
        NamedStyle(
            "name",
            font=font(9),
            border=BOX,
            alignment=Alignment(horizontal="left", vertical="center", wrap_text=True),
        ),
        NamedStyle("day", font=font(8), border=BOX, alignment=CENTRE),
        NamedStyle("day_off", font=font(8), border=BOX, alignment=CENTRE, fill=GREY_FILL),
        NamedStyle("day_pending", font=font(8), border=BOX, alignment=CENTRE, fill=PENDING_FILL),
        NamedStyle("money", font=font(7), border=BOX, alignment=CENTRE),
        NamedStyle(
            "account",
            font=font(7),
            border=BOX,
            alignment=Alignment(horizontal="center", vertical="center", shrink_to_fit=True),
        ),
        NamedStyle(
            "legend",
            font=font(8),
            alignment=Alignment(horizontal="left", vertical="top", wrap_text=True),
        ),
        NamedStyle(
            "reasons",
            font=font(8),
            border=BOX,
            alignment=Alignment(horizontal="left", vertical="center", wrap_text=True),
        ),
        NamedStyle(
            "total_label",
            font=font(9, bold=True),
            border=BOX,
            alignment=Alignment(horizontal="left", vertical="center"),
        ),
        NamedStyle("total", font=font(8, bold=True), border=BOX, alignment=CENTRE),
        NamedStyle(
            "total_off", font=font(8, bold=True), border=BOX, alignment=CENTRE, fill=GREY_FILL
        ),
        NamedStyle("sign", font=font(9), alignment=Alignment(horizontal="left", vertical="bottom")),
        NamedStyle(
            "sign_line",
            font=font(9),
            border=Border(bottom=THIN),
            alignment=Alignment(horizontal="center", vertical="bottom"),
        ),
        NamedStyle(
            "sign_name", font=font(9), alignment=Alignment(horizontal="center", vertical="bottom")
        ),
        NamedStyle(
            "caption", font=font(7), alignment=Alignment(horizontal="center", vertical="top")
        ),
    ]
