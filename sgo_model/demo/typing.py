"""Text typed into a workbook's empty cells, as a person types it in Excel.

The demo types marks into a year of attendance sheets; reopening each in openpyxl took most of
the demo's time, so the text goes straight into the first sheet's XML, each cell keeping its
style.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from xml.sax.saxutils import escape

FIRST_SHEET = "xl/worksheets/sheet1.xml"
_EMPTY = re.compile(r'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?)\s*(?:/>|></c>)')


def type_text(path: Path, values: Mapping[str, str]) -> None:
    """Put ``values`` (cell reference → text) into the empty cells of the first sheet; a cell
    that is not an empty cell of the sheet is an error."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    typed: set[str] = set()

    def fill(match: re.Match[str]) -> str:
        ref, style = match.group(1), match.group(2)
        if ref not in values:
            return match.group(0)
        typed.add(ref)
        return f'<c r="{ref}"{style} t="inlineStr"><is><t>{escape(values[ref])}</t></is></c>'

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
