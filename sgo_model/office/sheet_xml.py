"""Writing worksheet cells as sheet XML straight into a workbook package openpyxl saved.

openpyxl spends some 40 µs on each cell it creates, styles and writes: most of the time of a
blank, a timesheet or the movement book. Their frame (styles, columns, merges, print set-up)
is made by openpyxl once; their cells are written here. This is the engine's one cell writer:
text is always written as text (an inline string), never as a formula, whatever it starts with.
Workbooks that stay built by openpyxl (small reports, blanks, annotated copies) set their data
cells through :func:`set_value`, which keeps the same rule.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sgo_model.office.package import Content, replace_parts
from sgo_model.office.xml_text import xml_chars, xml_text

Value = str | int | float | date | None

EXCEL_EPOCH = date(1899, 12, 30)
"""Day 0 of Excel's 1900 date system, for dates after 1900."""
_EMPTY_SHEET_DATA = re.compile(r"<sheetData\s*/>")
_SHEET_DATA_END = "</sheetData>"
_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')
_CORE_PROPERTIES = "docProps/core.xml"
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


# Most texts of a sheet are the same few marks and labels over and over.
@functools.lru_cache(maxsize=4096)
def _inline(text: str) -> str:
    return f'<is><t xml:space="preserve">{xml_text(text)}</t></is>'


def cell(ref: str, style: int, value: Value = None) -> str:
    """A ``<c>`` element: empty, text (never a formula), a date as its serial, or a number."""
    if value is None or value == "":
        return f'<c r="{ref}" s="{style}"/>'
    if isinstance(value, str):
        return f'<c r="{ref}" s="{style}" t="inlineStr">{_inline(value)}</c>'
    if isinstance(value, date):
        value = (value - EXCEL_EPOCH).days
    return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'


def set_value(target: Any, value: object) -> None:
    """Put ``value`` into the openpyxl cell ``target``; text stays text, never a formula.

    openpyxl itself turns text that starts with ``=`` into a formula and ``#N/A`` into an
    error; here such text is kept as typed (characters XML cannot hold are dropped).
    """
    if isinstance(value, str):
        target.value = xml_chars(value)
        target.data_type = "s"
    else:
        target.value = value


def row(number: int, cells: Iterable[str], height: float | None = None) -> str:
    """A ``<row>`` element holding ``cells``, with a fixed height if one is given."""
    size = f' ht="{height}" customHeight="1"' if height is not None else ""
    return f'<row r="{number}"{size}>{"".join(cells)}</row>'


def write_package(
    package: bytes,
    rows: Mapping[str, str | Iterable[str]],
    out: Path,
    *,
    used: Mapping[str, str] | None = None,
    stamped: datetime | None = None,
) -> Path:
    """Copy the workbook ``package`` to ``out`` (atomically) with ``rows`` (sheet XML, by the
    sheet's part name: a string, or ``<row>`` elements one by one, which are then encoded and
    compressed as they come, never held whole) added after each sheet's existing rows.

    ``used`` sets sheets' used ranges (``A1:AH40``); ``stamped`` rewrites the document's
    creation and change times (a cached frame was saved earlier).
    """
    replaced: dict[str, Content] = {}
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        for part, sheet_rows in rows.items():
            xml = source.read(part).decode("utf-8")
            if used and part in used:
                xml = _DIMENSION.sub(f'<dimension ref="{used[part]}"/>', xml, 1)
            replaced[part] = _with_rows(part, xml, sheet_rows)
        if stamped is not None:
            moment = stamped.strftime("%Y-%m-%dT%H:%M:%SZ")
            core = source.read(_CORE_PROPERTIES).decode("utf-8")
            replaced[_CORE_PROPERTIES] = _TIMESTAMP.sub(moment, core).encode("utf-8")
    return replace_parts(package, replaced, out)


_BATCH = 1000
"""Rows encoded together (one piece of the compressed part)."""


def _with_rows(part: str, xml: str, rows: str | Iterable[str]) -> Iterator[bytes]:
    xml = _EMPTY_SHEET_DATA.sub("<sheetData></sheetData>", xml, 1)
    if xml.count(_SHEET_DATA_END) != 1:
        raise ValueError(f"неожиданное устройство листа {part} от openpyxl")
    head, tail = xml.split(_SHEET_DATA_END)
    return _pieces(head, (rows,) if isinstance(rows, str) else rows, _SHEET_DATA_END + tail)


def _pieces(head: str, rows: Iterable[str], tail: str) -> Iterator[bytes]:
    yield head.encode("utf-8")
    batch: list[str] = []
    for element in rows:
        batch.append(element)
        if len(batch) >= _BATCH:
            yield "".join(batch).encode("utf-8")
            batch.clear()
    yield ("".join(batch) + tail).encode("utf-8")
