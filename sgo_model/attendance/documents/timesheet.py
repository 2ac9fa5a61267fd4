"""The attendance timesheet (табель учёта посещаемости детей, форма по ОКУД 0504608) of a
group for a month (the institution's summary of the month is in ``summary``).

The form is the one of Приказ Минфина России от 30.03.2015 № 52н: a codes box, the
heading lines, a row per child with a column per day of the month (only absences «Н» and
days off «В» are marked, attended days stay empty), the child's totals, per-day counts of
children absent and present, and the signatures of the head and the teacher.

Timesheets are made for every group every month, a thousand and more at a time, so the
writer is built for speed: the workbook's frame (styles, columns, merged cells, print
setup) is made by openpyxl once per shape of sheet and cached, and the cells are written
as sheet XML straight into a copy of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sgo_model.attendance.documents.timesheet_data import (
    NOT_COVERED,
    OKUD,
    TimesheetData,
    check,
    day_counts,
)
from sgo_model.attendance.documents.timesheet_frame import (
    FIRST_DAY,
    LETTERS,
    W_NAME,
    W_REASONS,
    Frame,
    Layout,
    sheet_frame,
)
from sgo_model.domain.attendance import Mark
from sgo_model.office import sheet_xml
from sgo_model.office.russian import long_date, month_year

# --- The sheet's cells ----------------------------------------------------------------------


class _Rows:
    """Sheet XML rows built from cells given as (column index, style name, value)."""

    def __init__(self, layout: Layout, styles: dict[str, int]) -> None:
        self.layout = layout
        self.styles = styles
        self.parts: list[str] = []

    def add(
        self,
        number: int,
        cells: Iterable[tuple[int, str, str | int | date | None]],
        height: float | None = None,
    ) -> None:
        letters, styles = LETTERS, self.styles
        xml = (
            sheet_xml.cell(f"{letters[column]}{number}", styles[style], value)
            for column, style, value in cells
        )
        self.parts.append(sheet_xml.row(number, xml, height))

    def xml(self) -> str:
        return "".join(self.parts)


def _boxed(first: int, last: int, style: str, value: str | int | None = None) -> list[Any]:
    """A merged range's cells: the value in the first, the style (borders) on all."""
    return [(first, style, value)] + [(index, style, None) for index in range(first + 1, last + 1)]


def render_timesheet(data: TimesheetData, out: Path) -> None:
    """Write the group's timesheet for the month as an Excel workbook ``out``.

    Landscape A4, fitted to one page wide, the table's header repeated on every page.
    Raises :class:`ValueError` when the data does not add up (a mark on a day off, totals
    that disagree with the marks).
    """
    check(data)
    layout = Layout(data.days, len(data.children), len(_heading_lines(data)))
    frame = sheet_frame(layout)
    rows = _Rows(layout, frame.styles)
    _heading(rows, data)
    _table(rows, data)
    _signatures(rows, data)
    _write(frame, rows.xml(), out)


def _heading(rows: _Rows, data: TimesheetData) -> None:
    layout = rows.layout
    code, label = layout.reasons, layout.missed
    number = data.number.strip() or "_____"
    rows.add(1, [(code, "code", "Коды")])
    rows.add(
        2,
        [
            (1, "title", f"ТАБЕЛЬ №\u00a0{number} УЧЕТА ПОСЕЩАЕМОСТИ ДЕТЕЙ"),
            (label, "code_label", "Форма по ОКУД"),
            (code, "code", OKUD),
        ],
        height=16,
    )
    rows.add(
        3,
        [
            (1, "subtitle", f"за {month_year(data.month)}"),
            (label, "code_label", "Дата"),
            (code, "code_date", data.made_on),
        ],
        height=15,
    )
    rows.add(
        4,
        [
            (1, "line", f"Учреждение: {data.institution}"),
            (label, "code_label", "по ОКПО"),
            (code, "code", data.okpo or None),
        ],
    )
    for row, (text, style) in enumerate(_heading_lines(data), start=5):
        rows.add(row, [(1, style, text)])


def _heading_lines(data: TimesheetData) -> list[tuple[str, str]]:
    lines = [(f"Структурное подразделение: {data.group_title}", "line")]
    if data.calculation:
        lines.append((f"Вид расчета: {data.calculation}", "line"))
    if data.preliminary:
        lines.append((_preliminary(data), "title"))
    lines.append(("Единица измерения: день", "line"))
    return lines


def _preliminary(data: TimesheetData) -> str:
    if data.covered_through < data.month:
        return "ПРЕДВАРИТЕЛЬНЫЙ: отметок за месяц ещё нет, дни не учтены"
    return (
        f"ПРЕДВАРИТЕЛЬНЫЙ: отметки по {data.covered_through:%d.%m.%Y}, "
        "дни после этой даты не учтены"
    )


def _table(rows: _Rows, data: TimesheetData) -> None:
    layout = rows.layout
    h = layout.header_row
    day_range = range(FIRST_DAY, layout.last_day + 1)
    rows.add(
        h,
        [
            (1, "head", "№ п/п"),
            (2, "head", "Фамилия, имя ребенка"),
            (3, "head_vertical", "Номер счета"),
            (4, "head_vertical", "Плата по ставке"),
            *_boxed(FIRST_DAY, layout.last_day, "head", "Дни посещения"),
            *_boxed(layout.missed, layout.excused, "head", "Пропущено дней"),
            (layout.paid, "head", "Дни посещения, подлежащие оплате"),
            (layout.reasons, "head", "Причины непосещения (основание)"),
        ],
        height=24,
    )
    rows.add(
        h + 1,
        [
            (1, "head", None),
            (2, "head", None),
            (3, "head_vertical", None),
            (4, "head_vertical", None),
            *((column, "head", column - FIRST_DAY + 1) for column in day_range),
            (layout.missed, "head", "всего"),
            (layout.excused, "head", "в том числе засчитываемых"),
            (layout.paid, "head", None),
            (layout.reasons, "head", None),
        ],
        height=44,
    )
    day_style = [
        ("day" if data.covers(day) else "day_pending") if working else "day_off"
        for day, working in enumerate(data.working, start=1)
    ]
    for offset, child in enumerate(data.children):
        cells: list[tuple[int, str, str | int | date | None]] = [
            (1, "number", offset + 1),
            (2, "name", child.name),
            (3, "account", child.account or None),
            (4, "money", child.rate or None),
        ]
        cells += zip(day_range, day_style, child.cells, strict=True)
        cells += [
            (layout.missed, "number", child.missed),
            (layout.excused, "number", child.missed_excused),
            (layout.paid, "number", child.payable),
            (layout.reasons, "reasons", child.reasons),
        ]
        # LibreOffice prints a wrapped row one line high unless the height is set; a unit of
        # width holds about 1.5 characters of Times New Roman 9 pt, 1.7 of 8 pt (measured).
        lines = max(_lines(child.name, W_NAME * 1.5), _lines(child.reasons, W_REASONS * 1.7))
        rows.add(layout.first_child_row + offset, cells, height=_child_height(lines))

    present, absent = day_counts(data)
    total_style = [
        "total" if working and data.covers(day) else "total_off"
        for day, working in enumerate(data.working, start=1)
    ]
    children = data.children
    for row, label, counts, totals in (
        (
            layout.absent_row,
            "Всего отсутствует детей",
            absent,
            (
                sum(child.missed for child in children),
                sum(child.missed_excused for child in children),
                None,
            ),
        ),
        (
            layout.present_row,
            "Всего присутствует детей",
            present,
            (None, None, sum(child.payable for child in children)),
        ),
    ):
        rows.add(
            row,
            [
                *_boxed(1, 4, "total_label", label),
                *zip(day_range, total_style, counts, strict=True),
                (layout.missed, "total", totals[0]),
                (layout.excused, "total", totals[1]),
                (layout.paid, "total", totals[2]),
                (layout.reasons, "total", None),
            ],
            height=13,
        )


_LEGEND = "Причины непосещения: " + "; ".join(
    f"{mark.value} — {mark.label}" for mark in Mark if mark is not Mark.PRESENT
)


def legend(data: TimesheetData) -> str:
    """The legend under the table: the reason codes, what is not charged, the hatched days."""
    excused = ", ".join(mark.value for mark in Mark if mark.excused)
    text = (
        f"{_LEGEND}. Засчитываемые пропуски (не оплачиваются): {excused}. "
        "«В» — выходной или нерабочий день, «—» — ребёнок не числится в группе."
    )
    if data.preliminary:
        text += f" «{NOT_COVERED}» — дни, за которые отметок ещё нет: они не входят в итоги."
    return text


def _signatures(rows: _Rows, data: TimesheetData) -> None:
    layout = rows.layout
    last = layout.reasons
    rows.add(layout.legend_row, [*_boxed(1, last, "legend", legend(data))], height=24)
    fee = f"Дни, подлежащие оплате: {data.fee_rule} (положение о родительской плате)."
    rows.add(layout.fee_row, [*_boxed(1, last, "legend", fee)], height=12)
    post_first, line_first, name_first = (
        layout.post_columns[0],
        layout.sign_columns[0],
        layout.name_columns[0],
    )
    for row, role, post, person in (
        (layout.head_row, "Руководитель учреждения", data.head_post, data.head),
        (layout.teacher_row, "Ответственный исполнитель", data.teacher_post, data.teacher),
    ):
        rows.add(
            row,
            [
                (1, "sign", role),
                *_boxed(post_first, layout.post_columns[1], "sign_line", post),
                *_boxed(line_first, layout.sign_columns[1], "sign_line"),
                *_boxed(name_first, layout.name_columns[1], "sign_line", person or None),
            ],
            height=18,
        )
        rows.add(
            row + 1,
            [
                (post_first, "caption", "(должность)"),
                (line_first, "caption", "(подпись)"),
                (name_first, "caption", "(расшифровка подписи)"),
            ],
            height=10,
        )
    rows.add(layout.date_row, [(1, "sign", long_date(data.made_on))], height=18)


def _lines(text: str, per_line: float) -> int:
    return max(1, -(-len(text) // max(1, int(per_line))))


def _child_height(lines: int) -> float:
    return 13.0 if lines == 1 else round(lines * 10.5 + 2, 1)


def _write(frame: Frame, rows: str, out: Path) -> None:
    # The frame is cached: the file is stamped with the time it is written.
    sheet_xml.write_package(frame.package, {frame.sheet_part: rows}, out, stamped=datetime.now(UTC))
