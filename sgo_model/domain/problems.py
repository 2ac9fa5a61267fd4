"""Problems found in a submitted file, located to its sheet, cell and column."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field


class Severity(enum.Enum):
    """An error refuses the whole file; a warning is reported and the file is applied."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class CellRef:
    """Where a value came from: sheet, cell address (``B5``), column header and the raw value."""

    sheet: str
    ref: str
    column: str
    value: object = None


class RowValues(Mapping[str, object]):
    """A row's raw cell values by field. Every row of a file shares one ``index`` (field →
    position) and keeps only its cells: a dict per row would cost more than the row."""

    __slots__ = ("_cells", "_index")

    def __init__(self, index: Mapping[str, int], cells: tuple[object, ...]) -> None:
        self._index = index
        self._cells = cells

    def __getitem__(self, key: str) -> object:
        return self._cells[self._index[key]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __repr__(self) -> str:
        return repr(dict(self))


@dataclass(frozen=True, slots=True)
class Origin:
    """The row of a submitted file a command came from.

    ``columns`` maps a field to its column header and letter (shared by all rows of a file);
    ``values`` holds the row's raw cell values by field.
    """

    row: int
    sheet: str = ""
    columns: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    values: Mapping[str, object] = field(default_factory=dict)

    def cell(self, name: str) -> CellRef | None:
        """The cell of a field, if the row had that column."""
        column = self.columns.get(name)
        if column is None:
            return None
        header, letter = column
        return CellRef(self.sheet, f"{letter}{self.row}", header, self.values.get(name))


@dataclass(frozen=True)
class Problem:
    """One error or warning, with everything the user needs to find and fix it."""

    message: str
    sheet: str | None = None
    cell: str | None = None
    column: str | None = None
    value: object = None
    row: int | None = None
    severity: Severity = Severity.ERROR

    @classmethod
    def at(
        cls,
        origin: Origin,
        field_name: str | None,
        message: str,
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        """A problem at a field of a row (or at the row when the field is unknown)."""
        where = origin.cell(field_name) if field_name else None
        if where is None:
            return cls(message, sheet=origin.sheet or None, row=origin.row, severity=severity)
        return cls(
            message,
            sheet=where.sheet,
            cell=where.ref,
            column=where.column,
            value=where.value,
            row=origin.row,
            severity=severity,
        )

    @property
    def is_error(self) -> bool:
        """Whether the problem refuses the file."""
        return self.severity is Severity.ERROR
