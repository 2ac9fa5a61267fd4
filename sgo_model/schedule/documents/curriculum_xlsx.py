"""The curriculum (учебный план) as a workbook: each group's kinds of NOD with weekly counts
and minutes, its totals against the limits, and whether it fits a week."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from sgo_model.office.page import landscape_a4
from sgo_model.office.xlsx_styles import BOX, GREY_FILL
from sgo_model.schedule.documents.timetable import FONT, Stamp

__all__ = ["CurriculumGroup", "CurriculumLine", "write_curriculum_xlsx"]

CURRICULUM_TITLE = "Учебный план: непосредственно образовательная деятельность"
_HEADERS = (
    "Группа",
    "Вид НОД",
    "Образовательная область",
    "Педагог",
    "Длительность занятия, мин",
    "Занятий в неделю",
    "Минут в неделю",
)
_WIDTHS = (20, 34, 34, 26, 14, 12, 12)
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_PROBLEM_FILL = PatternFill("solid", fgColor="F8CBAD")


@dataclass(frozen=True)
class CurriculumLine:
    """One kind of NOD of a group."""

    kind: str
    area: str
    teacher: str
    minutes: int
    weekly_count: int

    @property
    def weekly_minutes(self) -> int:
        """Its minutes a week."""
        return self.minutes * self.weekly_count


@dataclass(frozen=True)
class CurriculumGroup:
    """A group's part of the plan, its limits in words, and what does not fit (if anything)."""

    heading: str
    lines: Sequence[CurriculumLine]
    limits: str
    problems: Sequence[str] = ()


def write_curriculum_xlsx(stamp: Stamp, groups: Sequence[CurriculumGroup], out: Path) -> None:
    """Write the curriculum into ``out``."""
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = "Учебный план"
    ws.cell(1, 1, f"{CURRICULUM_TITLE} на {stamp.year} учебный год").font = Font(
        name=FONT, size=14, bold=True
    )
    ws.cell(2, 1, stamp.institution).font = Font(name=FONT, size=11)
    mark = ws.cell(1, len(_HEADERS), " ".join(stamp.lines))
    mark.font = Font(name=FONT, size=11, bold=True, color=None if stamp.approval else "C00000")
    mark.alignment = Alignment(horizontal="right")
    for index, caption in enumerate(_HEADERS, start=1):
        cell = ws.cell(4, index, caption)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.fill = GREY_FILL
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = _WIDTHS[index - 1]
    ws.row_dimensions[4].height = 45
    row = 5
    body = Font(name=FONT, size=10)
    bold = Font(name=FONT, size=10, bold=True)
    for group in groups:
        for line in group.lines:
            values = (
                group.heading,
                line.kind,
                line.area,
                line.teacher,
                line.minutes,
                line.weekly_count,
                line.weekly_minutes,
            )
            for column, value in enumerate(values, start=1):
                cell = ws.cell(row, column, value)
                cell.font = body
                cell.border = BOX
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
        total = (
            f"Итого по группе «{group.heading}»",
            group.limits,
            "",
            "",
            "",
            sum(line.weekly_count for line in group.lines),
            sum(line.weekly_minutes for line in group.lines),
        )
        fill = _PROBLEM_FILL if group.problems else _TOTAL_FILL
        for column, value in enumerate(total, start=1):
            cell = ws.cell(row, column, value)
            cell.font = bold
            cell.fill = fill
            cell.border = BOX
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        ws.row_dimensions[row].height = 30
        row += 1
        for problem in group.problems:
            cell = ws.cell(row, 1, problem)
            cell.font = Font(name=FONT, size=10, color="C00000")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(_HEADERS))
            ws.row_dimensions[row].height = 30
            row += 1
    ws.freeze_panes = "A5"
    ws.print_title_rows = "4:4"
    landscape_a4(ws, left=0.4, right=0.4, top=0.5, bottom=0.6)
    workbook.save(str(out))
