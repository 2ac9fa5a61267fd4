"""Making room below a row of a worksheet, keeping references right, as Excel does.

openpyxl's ``insert_rows`` moves cells only. Here rows are inserted *after* a row that is
about to be repeated, and everything that points at the sheet follows: formulas on every
sheet, merged cells, row heights, conditional formatting, data validation and the print
area. A range that ends on the repeated row grows over the new rows (so ``SUM(H6:H6)``
under a one-row template becomes ``SUM(H6:H9)``); what lies below moves down.

Not adjusted: workbook-level defined names, charts and pictures anchored below the row.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formula.tokenizer import Token, Tokenizer, TokenizerError
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange

_PART = re.compile(r"^(?P<col>\$?[A-Za-z]{1,3})?(?P<dollar>\$?)(?P<row>\d+)?$")


def make_room_below(ws: Any, row: int, count: int) -> None:
    """Insert ``count`` empty rows directly below ``row`` of worksheet ``ws``."""
    if count <= 0:
        return
    last_row, last_col = ws.max_row, ws.max_column
    if last_row > row:
        _move_cells_down(ws, row, count, last_row, last_col)
    shift = _Shift(ws.title, row, count)
    for sheet in ws.parent.worksheets:
        for cells in sheet.iter_rows():
            for cell in cells:
                if cell.data_type == "f" and isinstance(cell.value, str):
                    # A formula on the repeated row itself is copied down later, relative
                    # references and all; it must not grow ranges that end on its own row.
                    grow = not (sheet is ws and cell.row == row)
                    cell.value = shift.formula(cell.value, sheet.title, grow=grow)
                if cell.hyperlink is not None:
                    cell.hyperlink.ref = cell.coordinate
    _shift_conditional_formatting(ws, shift)
    for validation in ws.data_validations.dataValidation:
        validation.sqref = MultiCellRange(shift.sqref(str(validation.sqref)))
    if ws.print_area:
        ws.print_area = shift.formula(f"={ws.print_area}", ws.title, grow=True)[1:]


def _move_cells_down(ws: Any, row: int, count: int, last_row: int, last_col: int) -> None:
    merged = [m for m in ws.merged_cells.ranges if m.min_row > row]
    for merge in merged:
        ws.merged_cells.remove(merge)
    ws.move_range(
        CellRange(min_col=1, min_row=row + 1, max_col=last_col, max_row=last_row), rows=count
    )
    for merge in merged:
        merge.shift(row_shift=count)
        ws.merged_cells.add(merge)
    dimensions = {i: ws.row_dimensions[i] for i in list(ws.row_dimensions) if i > row}
    for index in dimensions:
        del ws.row_dimensions[index]
    for index, dimension in sorted(dimensions.items()):
        dimension.index = index + count
        ws.row_dimensions[index + count] = dimension


def _shift_conditional_formatting(ws: Any, shift: _Shift) -> None:
    shifted = ConditionalFormattingList()
    for formatting in ws.conditional_formatting:
        cells = shift.sqref(str(formatting.sqref))
        for rule in formatting.rules:
            rule.formula = [shift.formula(f"={f}", ws.title, grow=True)[1:] for f in rule.formula]
            shifted.add(cells, rule)
    ws.conditional_formatting = shifted


class _Shift:
    """Rewrites references to rows below ``row`` of sheet ``target`` by ``count`` rows."""

    def __init__(self, target: str, row: int, count: int) -> None:
        self.target = target
        self.row = row
        self.count = count

    def formula(self, formula: str, own_sheet: str, *, grow: bool) -> str:
        """The formula with its references to the target sheet moved."""
        try:
            tokens = Tokenizer(formula)
        except TokenizerError:
            return formula
        changed = False
        for token in tokens.items:
            if token.type == Token.OPERAND and token.subtype == Token.RANGE:
                moved = self.reference(token.value, own_sheet, grow=grow)
                changed = changed or moved != token.value
                token.value = moved
        return str(tokens.render()) if changed else formula

    def sqref(self, ranges: str) -> str:
        """A space-separated list of ranges on the target sheet, moved and grown."""
        return " ".join(self.reference(r, self.target, grow=True) for r in ranges.split())

    def reference(self, ref: str, own_sheet: str, *, grow: bool) -> str:
        """One reference (``A1``, ``$A$1:B5``, ``'Лист 1'!A:A``, ``5:7``), moved if it must."""
        parts = ref.split(":")
        if len(parts) > 2:
            return ref
        sheet = own_sheet
        split: list[tuple[str, str]] = []
        for part in parts:
            prefix, bang, cell = part.rpartition("!")
            if bang:
                sheet = _unquote(prefix)
            split.append((prefix + bang, cell))
        if sheet != self.target:
            return ref
        moved: list[str] = []
        for position, (prefix, cell) in enumerate(split):
            match = _PART.match(cell)
            if not cell or match is None:
                return ref
            if match["row"] is None:
                moved.append(prefix + cell)
                continue
            number = int(match["row"])
            is_end = position == 1
            if number > self.row or (grow and is_end and number == self.row):
                number += self.count
            moved.append(f"{prefix}{match['col'] or ''}{match['dollar']}{number}")
        return ":".join(moved)


def _unquote(sheet: str) -> str:
    if len(sheet) >= 2 and sheet[0] == sheet[-1] == "'":
        return sheet[1:-1].replace("''", "'")
    return sheet
