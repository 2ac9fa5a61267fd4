"""How far a workbook's sheets reach, read from their XML in bounded memory before anything
allocates a grid for them.

A sheet that declares (or holds a cell at) the last cell of Excel, XFD1048576, makes a reader
that sizes its grid from the sheet's extent ask for hundreds of gigabytes and abort the whole
process; such a sheet is refused here with the sheet's name and its extent.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

_CHUNK = 1024 * 1024
_TAIL = 64  # a reference cut by a chunk's end is found again in the next one
_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension ref="([A-Z]{1,3})?([0-9]{1,7})?(?::([A-Z]{1,3})([0-9]{1,7}))?"'
)
_REFERENCE = re.compile(rb'\sr="([A-Z]{0,3})([0-9]{1,7})"')
_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_RELATION = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_RELATION_REVERSED = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')


@dataclass(frozen=True)
class Extent:
    """The last row and column (1-based) a sheet declares or uses."""

    rows: int
    columns: int


def column_number(letters: bytes | str) -> int:
    """``A`` → 1, ``XFD`` → 16384."""
    number = 0
    for letter in letters.decode() if isinstance(letters, bytes) else letters:
        number = number * 26 + ord(letter) - 64
    return number


def sheet_extent(archive: zipfile.ZipFile, member: str) -> Extent:
    """The extent of one worksheet part, streamed in chunks."""
    rows = columns = 0
    tail = b""
    with archive.open(member) as part:
        while chunk := part.read(_CHUNK):
            data = tail + chunk
            for match in _DIMENSION.finditer(data):
                for letters, digits in (match.group(1, 2), match.group(3, 4)):
                    if digits:
                        rows = max(rows, int(digits))
                    if letters:
                        columns = max(columns, column_number(letters))
            for match in _REFERENCE.finditer(data):
                rows = max(rows, int(match.group(2)))
                if match.group(1):
                    columns = max(columns, column_number(match.group(1)))
            tail = data[-_TAIL:]
    return Extent(rows, columns)


def sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → the sheet's name as Excel shows it (the part itself when unnamed)."""
    try:
        book = archive.read("xl/workbook.xml")
        relations = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {key: target for key, target in _RELATION.findall(relations)}
    targets |= {key: target for target, key in _RELATION_REVERSED.findall(relations)}
    names = {}
    for name, key in _SHEET.findall(book):
        target = targets.get(key, b"").decode("utf-8", "replace").lstrip("/")
        part = target if target.startswith("xl/") else f"xl/{target}"
        names[part] = name.decode("utf-8", "replace")
    return names
