"""Filling diagnostics blanks as a teacher or a specialist would."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from openpyxl import load_workbook

from sgo_model.diagnostics.forms.model import (
    DATE_LABEL,
    FIRST_PUPIL_ROW,
    FIRST_SCORE_COLUMN,
    HEADER_ROW,
    REASON_HEADER,
)
from sgo_model.domain.calendar import AcademicYear
from sgo_model.intake.receipts import Receipt

YEAR = AcademicYear(2026)

Scores = Mapping[str, object]
"""Per child (by the start of the name): a score for every indicator, a list of scores by
indicator, a dict ``area label → score`` (or → a list by the area's indicators), or
``"причина: …"`` for a child not assessed."""

Submit = Callable[..., Receipt]


def fill_blank(blank: Path, scores: Scores, assessed: object = None) -> Path:
    """Fill a blank in place: each child's row as ``scores`` says."""
    workbook = load_workbook(blank)
    ws = workbook.worksheets[0]
    area_of: dict[int, str] = {}
    current = ""
    reason_column = 0
    for column in range(FIRST_SCORE_COLUMN, ws.max_column + 1):
        head = ws.cell(HEADER_ROW, column).value
        if head == REASON_HEADER:
            reason_column = column
            break
        current = str(head) if head else current
        area_of[column] = current
    rows = {
        str(ws.cell(r, 2).value): r
        for r in range(FIRST_PUPIL_ROW, ws.max_row + 1)
        if isinstance(ws.cell(r, 1).value, int)
    }
    for name, value in scores.items():
        (row,) = [r for full, r in rows.items() if full.startswith(name)]
        if isinstance(value, str) and value.startswith("причина: "):
            ws.cell(row, reason_column).value = value.removeprefix("причина: ")
            continue
        within: dict[str, int] = {}
        for index, column in enumerate(area_of):
            area = area_of[column]
            position = within[area] = within.get(area, -1) + 1
            score: object
            if isinstance(value, dict):
                score = value.get(area)
                if isinstance(score, list):
                    score = score[position] if position < len(score) else None
            elif isinstance(value, list):
                score = value[index] if index < len(value) else None
            else:
                score = value
            ws.cell(row, column).value = score
    if assessed is not None:
        (label,) = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == DATE_LABEL]
        ws.cell(label, 3).value = assessed
    workbook.save(blank)
    return blank
