"""A submitted workbook opened once (python-calamine, from bytes) with its hidden metadata.

Our blanks carry a hidden sheet ``_sgo`` naming their form kind, version and data sheet
(attendance sheets add the group, month and pupils' rows). It is parsed here, in one place,
the first time anyone asks.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import cast

import python_calamine as calamine

from sgo_model.office.safety import UnacceptableFile

META_SHEET = "_sgo"
META_FORM = "form"
META_VERSION = "version"
META_SHEET_KEY = "sheet"

Rows = list[list[object]]
_ERRORS = (calamine.CalamineError, calamine.XmlError, calamine.ZipError)


class Workbook:
    """The sheets of an xlsx file, read lazily; closes with :meth:`close`."""

    def __init__(self, data: bytes) -> None:
        try:
            self._book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        except calamine.PasswordError:
            raise UnacceptableFile(
                "Книга защищена паролем; снимите пароль и отправьте снова"
            ) from None
        except (*_ERRORS, OSError, ValueError) as error:
            raise UnacceptableFile(f"Книга Excel повреждена и не читается ({error})") from None
        self._rows: dict[str, Rows] = {}

    @classmethod
    def from_path(cls, path: Path) -> Workbook:
        """Open a workbook file (a missing or unreadable one raises ``UnacceptableFile``)."""
        try:
            data = path.read_bytes()
        except OSError as error:
            raise UnacceptableFile(f"Файл не читается ({error.strerror})") from None
        return cls(data)

    @property
    def sheet_names(self) -> list[str]:
        """Every sheet, hidden ones included."""
        return list(self._book.sheet_names)

    @property
    def visible_sheets(self) -> list[str]:
        """Sheets a person sees (not hidden, not our metadata)."""
        return [
            m.name
            for m in self._book.sheets_metadata
            if m.name != META_SHEET and m.visible == calamine.SheetVisibleEnum.Visible
        ]

    def rows(self, name: str) -> Rows:
        """A sheet's cells as Python values, blank cells included; read once per sheet."""
        if name not in self._rows:
            try:
                values = self._book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            except _ERRORS as error:
                raise UnacceptableFile(f"Лист «{name}» повреждён и не читается ({error})") from None
            # calamine gives a fresh list per row: kept as they are, never copied (a 60,000-row
            # sheet's cells are tens of megabytes).
            self._rows[name] = cast(Rows, values)
        return self._rows[name]

    def take(self, name: str) -> Rows:
        """A sheet's rows for a reader to consume (and free) as it goes: the workbook keeps
        them no more."""
        rows = self.rows(name)
        del self._rows[name]
        return rows

    @cached_property
    def metadata_rows(self) -> Rows:
        """The rows of the hidden metadata sheet (empty for a workbook not made by us)."""
        if META_SHEET not in self._book.sheet_names:
            return []
        try:
            return self.rows(META_SHEET)
        except UnacceptableFile:
            return []

    @cached_property
    def metadata(self) -> Mapping[str, object]:
        """``key → value`` of the metadata sheet (the first value of each key)."""
        values: dict[str, object] = {}
        for row in self.metadata_rows:
            if len(row) >= 2 and isinstance(row[0], str) and row[0].strip():
                value = row[1]
                values.setdefault(
                    row[0].strip(), value.strip() if isinstance(value, str) else value
                )
        return values

    @property
    def form(self) -> str | None:
        """The form kind the metadata declares, if any."""
        value = self.metadata.get(META_FORM)
        return value if isinstance(value, str) and value else None

    def close(self) -> None:
        """Release the workbook and the cells read from it."""
        self._book.close()
        self._rows.clear()
