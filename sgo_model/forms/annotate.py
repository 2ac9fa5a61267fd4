"""The annotated copy of a rejected workbook: every bad cell highlighted and commented."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill

from sgo_model.domain.problems import Problem
from sgo_model.office.files import atomic_output
from sgo_model.office.page import landscape_a4
from sgo_model.office.sheet_xml import set_value

ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")
ERRORS_SHEET = "Ошибки"
_WIDTHS = (18, 9, 26, 24, 90)
COPY_SUFFIX = ".ошибки.xlsx"
"""What the annotated copy's name puts after the stem of the rejected file's name."""


def write_annotated_copy(original: Path, problems: Sequence[Problem], out: Path) -> Path:
    """Copy the workbook with bad cells filled and commented, plus a sheet listing all problems."""
    workbook = load_workbook(original)
    notes: dict[tuple[str, str], list[str]] = {}
    for problem in problems:
        if problem.sheet and problem.sheet in workbook.sheetnames:
            ref = problem.cell or (f"A{problem.row}" if problem.row else None)
            if ref:
                notes.setdefault((problem.sheet, ref), []).append(problem.message)
                fill = ERROR_FILL if problem.is_error else WARNING_FILL
                workbook[problem.sheet][ref].fill = fill
    for (sheet, ref), messages in notes.items():
        comment = Comment("\n".join(messages), "СГО")
        comment.width, comment.height = 320, 40 + 30 * len(messages)
        workbook[sheet][ref].comment = comment
    if ERRORS_SHEET in workbook.sheetnames:
        del workbook[ERRORS_SHEET]
    listing = workbook.create_sheet(ERRORS_SHEET, 0)
    for column, title in enumerate(("Лист", "Ячейка", "Столбец", "Значение", "Ошибка"), 1):
        listing.cell(1, column, title).font = Font(bold=True)
    wrapped = Alignment(vertical="top", wrap_text=True)
    for row, problem in enumerate(problems, start=2):
        value = "" if problem.value is None else str(problem.value)
        texts = (problem.sheet or "", problem.cell or "", problem.column or "", value)
        # What the user typed, and messages quoting it, are data: never a live formula.
        for column, text in enumerate((*texts, problem.message), start=1):
            cell = listing.cell(row, column)
            set_value(cell, text)
            cell.alignment = wrapped
        # A wrapped row is printed one line high unless its height is set: about 1.1
        # characters of Calibri 11 fit in a unit of width.
        lines = max(
            -(-len(text) // int(width * 1.1))
            for text, width in zip((*texts, problem.message), _WIDTHS, strict=True)
        )
        listing.row_dimensions[row].height = 15 * max(1, lines)
    for letter, width in zip("ABCDE", _WIDTHS, strict=True):
        listing.column_dimensions[letter].width = width
    listing.print_title_rows = "1:1"
    listing.freeze_panes = "A2"
    landscape_a4(listing, left=0.4, right=0.4, top=0.5, bottom=0.6)
    workbook.active = 0
    with atomic_output(out) as tmp:
        workbook.save(tmp)
    return out
