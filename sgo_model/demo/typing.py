"""Values typed into a workbook's empty cells, as a person types them in Excel.

The demo types marks and scores into a year of attendance and diagnostics sheets; reopening
each in openpyxl took most of the demo's time, so the values go straight into the first
sheet's XML, each cell keeping its style (a date's cell its date format).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

FIRST_SHEET = "xl/worksheets/sheet1.xml"
_EMPTY = re.compile(r'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?)(?: t="n")?\s*(?:/>|></c>)')
_EXCEL_EPOCH = date(1899, 12, 30)


def _cell(ref: str, style: str, value: str | int | date) -> str:
    if isinstance(value, date):
        return f'<c r="{ref}"{style}><v>{(value - _EXCEL_EPOCH).days}</v></c>'
    if isinstance(value, int):
        return f'<c r="{ref}"{style}><v>{value}</v></c>'
    return f'<c r="{ref}"{style} t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def type_values(path: Path, values: Mapping[str, str | int | date]) -> None:
    """Put ``values`` (cell reference → text, number or date) into the empty cells of the first
    sheet; a cell that is not an empty cell of the sheet is an error."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    typed: set[str] = set()

    def fill(match: re.Match[str]) -> str:
        ref, style = match.group(1), match.group(2)
        if ref not in values:
            return match.group(0)
        typed.add(ref)
        return _cell(ref, style, values[ref])

    out = []
    for info, data in parts:
        if info.filename == FIRST_SHEET:
            data = _EMPTY.sub(fill, data.decode("utf-8")).encode("utf-8")
        out.append((info, data))
    missing = sorted(set(values) - typed)
    if missing:
        raise ValueError(f"{path.name}: no empty cells {', '.join(missing[:5])}")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in out:
            archive.writestr(info, data)
