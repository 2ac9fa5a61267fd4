"""The look the engine's Excel documents share: the typeface, thin black boxes, grey heads."""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, NamedStyle, PatternFill, Side

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
GREY_FILL = PatternFill("solid", fgColor="E7E6E6")


def register_styles(workbook: Workbook, prefix: str, styles: Iterable[NamedStyle]) -> None:
    """Add named styles to a workbook under ``prefix`` (so two documents' styles never clash)."""
    for style in styles:
        style.name = prefix + style.name
        workbook.add_named_style(style)
