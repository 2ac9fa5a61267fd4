"""Page set-up of the workbooks the engine writes: landscape A4, one page wide."""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

PAGE_NUMBERS = "Страница &P из &N"


def landscape_a4(
    ws: Any, *, left: float, right: float, top: float, bottom: float, numbered: bool = True
) -> None:
    """Print ``ws`` landscape on A4, fitted to one page wide (as many pages long as it takes),
    with these margins (inches) and, if ``numbered``, «Страница N из M» centred in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=left, right=right, top=top, bottom=bottom)
    if numbered:
        ws.oddFooter.center.text = PAGE_NUMBERS
