"""Excel templates: cells with Jinja code, and one repeated row per sheet.

The rules, for whoever edits a template in Excel:

* A text cell that contains ``{{ … }}`` (or ``{% … %}``) is rendered against the data,
  with the same sandbox and filters as Word templates (``long_date``, ``short_date``, …).
  Other cells, formulas included, are left as they are.
* A cell that holds exactly one ``{{ expression }}`` gets the value itself: a number stays
  a number and a date a date (shown as ДД.ММ.ГГГГ unless the cell has a date format), so
  Excel can sum them. Text that starts with ``=`` stays text, never a formula.
* One row per sheet may repeat. Its first filled cell starts with a marker, e.g.
  ``{%row for g in rows %}{{ loop.index }}``: the row is repeated for each item, with the
  item named ``g`` and ``loop.index`` (1, 2, …), ``loop.first``, ``loop.last``,
  ``loop.length``. Copies keep the row's formatting, height and merged cells; the rows
  below move down, and formulas that sum over the repeated row grow to cover every copy.
  With no items the row stays, empty, so such formulas remain valid.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

import jinja2
from jinja2 import nodes
from jinja2.environment import TemplateExpression
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.formula.translate import Translator
from openpyxl.styles.numbers import is_date_format

from sgo_model.office import sheet_xml
from sgo_model.office.files import atomic_output
from sgo_model.office.ooxml import package_problems
from sgo_model.office.templating import (
    RENDER_ERRORS,
    TemplateError,
    describe_error,
    sandboxed_environment,
    template_problems,
)
from sgo_model.office.xlsx_rows import make_room_below

_MARKER_START = re.compile(r"^\s*\{%-?\s*row\b")
_MARKER = re.compile(
    r"^\s*\{%-?\s*row\s+for\s+(?P<targets>.+?)\s+in\s+(?P<items>.+?)\s*-?%\}", re.S
)
_TARGETS = re.compile(r"^[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*$")
_ONE_EXPRESSION = re.compile(r"^\s*\{\{(?P<expr>.*?)\}\}\s*$", re.S)
_NATIVE = (bool, int, float, Decimal, datetime, date, time)


def check_xlsx_template(path: Path, known: set[str]) -> None:
    """Refuse an Excel template that uses names outside ``known`` or is not self-contained.

    Raises :class:`TemplateError` naming the sheet and cell of a syntax error, or listing
    every unknown name, external link or macro found.
    """
    _check_workbook(_open_template(path), path, known)


def _open_template(path: Path) -> Any:
    if path.suffix.lower() != ".xlsx":
        raise TemplateError(path, "ожидается книга Excel в формате .xlsx")
    problems = package_problems(path)
    if problems:
        raise TemplateError(path, "; ".join(problems))
    return _load(path)


def _check_workbook(workbook: Any, path: Path, known: set[str]) -> None:
    env = sandboxed_environment()
    trees: list[nodes.Template] = []
    for ws in workbook.worksheets:
        loop = _find_row_loop(ws, path)
        inside: list[str] = []
        outside: list[str] = []
        for cell, text in _code_cells(ws, loop):
            _parse(env, text, path, ws, cell.coordinate)
            (inside if loop and cell.row == loop.row else outside).append(text)
        if loop:
            header = f"{{% for {', '.join(loop.targets)} in {loop.items} %}}"
            _parse(env, header + "{% endfor %}", path, ws, loop.coordinate)
            outside.append(header + "".join(inside) + "{% endfor %}")
        trees.append(env.parse("".join(outside)))
    problems = template_problems(env, trees, known)
    if problems:
        raise TemplateError(path, "; ".join(problems))


def render_xlsx(template: Path, context: Mapping[str, object], out: Path) -> None:
    """Check ``template`` against ``context``, render every sheet and write ``out`` atomically."""
    workbook = _open_template(template)
    _check_workbook(workbook, template, set(context))
    env = sandboxed_environment()
    for ws in workbook.worksheets:
        _render_sheet(ws, env, context, template)
    with atomic_output(out) as tmp:
        workbook.save(tmp)


@dataclass(frozen=True)
class _RowLoop:
    """The repeated row of a sheet: where it is and what it iterates over."""

    row: int
    coordinate: str
    targets: tuple[str, ...]
    items: str
    rest: str


@dataclass(frozen=True)
class LoopInfo:
    """``loop`` inside a repeated row, like Jinja's own loop variable."""

    index0: int
    length: int

    @property
    def index(self) -> int:
        """The item's number, from 1."""
        return self.index0 + 1

    @property
    def revindex(self) -> int:
        """Items left including this one."""
        return self.length - self.index0

    @property
    def first(self) -> bool:
        """Whether this is the first item."""
        return self.index0 == 0

    @property
    def last(self) -> bool:
        """Whether this is the last item."""
        return self.index0 == self.length - 1


class _CellCode:
    """The compiled code of one cell; a lone ``{{ expression }}`` keeps its value's type."""

    def __init__(self, env: jinja2.Environment, text: str) -> None:
        self.expression: TemplateExpression | None = None
        self.template: jinja2.Template | None = None
        match = _ONE_EXPRESSION.match(text)
        if match and not any(tag in match["expr"] for tag in ("{{", "}}", "{%", "{#")):
            self.expression = env.compile_expression(match["expr"], undefined_to_none=False)
        else:
            self.template = env.from_string(text)

    def render(self, context: Mapping[str, object]) -> object:
        """The cell's new value."""
        if self.template is not None:
            return self.template.render(context)
        assert self.expression is not None
        value = self.expression(**context)
        if isinstance(value, jinja2.Undefined):
            str(value)  # StrictUndefined raises here, naming what is missing
        return value


def _load(path: Path) -> Any:
    try:
        return load_workbook(path, keep_links=False)
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TemplateError(path, f"файл не читается как книга Excel ({exc})") from exc


def _where(ws: Any, coordinate: str) -> str:
    return f"лист «{ws.title}», ячейка {coordinate}"


def _parse(env: jinja2.Environment, text: str, path: Path, ws: Any, coordinate: str) -> None:
    try:
        env.parse(text)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(path, f"{_where(ws, coordinate)}: {describe_error(exc)}") from exc


def _has_code(value: object) -> bool:
    return isinstance(value, str) and any(tag in value for tag in ("{{", "{%", "{#"))


def _code_cells(ws: Any, loop: _RowLoop | None) -> list[tuple[Any, str]]:
    """Every cell with template code and its code (for the marker cell, what follows it)."""
    found: list[tuple[Any, str]] = []
    for cells in ws.iter_rows():
        for cell in cells:
            if loop and cell.coordinate == loop.coordinate:
                found.append((cell, loop.rest))
            elif _has_code(cell.value):
                found.append((cell, cell.value))
    return found


def _find_row_loop(ws: Any, path: Path) -> _RowLoop | None:
    found: _RowLoop | None = None
    for cells in ws.iter_rows():
        first = next((c for c in cells if c.value is not None), None)
        for cell in cells:
            if not (isinstance(cell.value, str) and _MARKER_START.match(cell.value)):
                continue
            where = _where(ws, cell.coordinate)
            if first is None or cell.coordinate != first.coordinate:
                raise TemplateError(
                    path, f"{where}: метка «{{%row …%}}» должна стоять в первой заполненной ячейке"
                )
            if found is not None:
                raise TemplateError(
                    path,
                    f"{where}: на листе может повторяться только одна строка, "
                    f"а метка «{{%row …%}}» уже есть в ячейке {found.coordinate}",
                )
            match = _MARKER.match(cell.value)
            if match is None or not _TARGETS.match(match["targets"]):
                raise TemplateError(
                    path,
                    f"{where}: метка повторяемой строки записана неверно; "
                    "образец: {%row for g in rows %}{{ loop.index }}",
                )
            targets = tuple(name.strip() for name in match["targets"].split(","))
            rest = cell.value[match.end() :]
            found = _RowLoop(cell.row, cell.coordinate, targets, match["items"], rest)
    if found is not None:
        for merge in ws.merged_cells.ranges:
            if merge.min_row <= found.row <= merge.max_row and merge.min_row != merge.max_row:
                raise TemplateError(
                    path,
                    f"лист «{ws.title}»: повторяемая строка {found.row} не может входить "
                    f"в объединение строк {merge.coord}",
                )
    return found


def _render_sheet(
    ws: Any, env: jinja2.Environment, context: Mapping[str, object], path: Path
) -> None:
    loop = _find_row_loop(ws, path)
    repeated = range(0)
    if loop is not None:
        items = _loop_items(ws, env, loop, context, path)
        make_room_below(ws, loop.row, len(items) - 1)
        _repeat_row(ws, env, loop, items, context, path)
        repeated = range(loop.row, loop.row + max(len(items), 1))
    for cells in ws.iter_rows():
        for cell in cells:
            # Rows made from items are rendered already; rendering them again would run
            # whatever braces the data contains as template code.
            if cell.row not in repeated and _has_code(cell.value):
                try:
                    value = _CellCode(env, cell.value).render(context)
                except RENDER_ERRORS as exc:
                    raise TemplateError(
                        path, f"{_where(ws, cell.coordinate)}: {describe_error(exc)}"
                    ) from exc
                _put(cell, value)


def _loop_items(
    ws: Any, env: jinja2.Environment, loop: _RowLoop, context: Mapping[str, object], path: Path
) -> list[object]:
    try:
        value: Any = env.compile_expression(loop.items, undefined_to_none=False)(**context)
        if isinstance(value, jinja2.Undefined):
            str(value)  # StrictUndefined raises here, naming what is missing
        return list(value)
    except RENDER_ERRORS as exc:
        raise TemplateError(path, f"{_where(ws, loop.coordinate)}: {describe_error(exc)}") from exc


def _bind(loop: _RowLoop, item: object, index0: int, length: int) -> dict[str, object]:
    names: dict[str, object] = {"loop": LoopInfo(index0, length)}
    if len(loop.targets) == 1:
        names[loop.targets[0]] = item
        return names
    values = tuple(item) if isinstance(item, Sequence) else ()
    if len(values) != len(loop.targets):
        raise ValueError(f"элемент {item!r} не раскладывается на {', '.join(loop.targets)}")
    names.update(zip(loop.targets, values, strict=True))
    return names


def _repeat_row(
    ws: Any,
    env: jinja2.Environment,
    loop: _RowLoop,
    items: Sequence[object],
    context: Mapping[str, object],
    path: Path,
) -> None:
    sources = [c for c in ws[loop.row] if not isinstance(c, MergedCell)]
    code: dict[int, _CellCode] = {}
    for cell, text in _code_cells(ws, loop):
        if cell.row == loop.row:
            code[cell.column] = _CellCode(env, text)
    height = ws.row_dimensions[loop.row].height
    merges = [m for m in ws.merged_cells.ranges if m.min_row == m.max_row == loop.row]
    for index0, item in enumerate(items):
        row = loop.row + index0
        if index0:
            ws.row_dimensions[row].height = height
        for source in sources:
            target = ws.cell(row=row, column=source.column)
            if index0:
                _copy_style(source, target)
            if source.column in code:
                try:
                    value = code[source.column].render(
                        {**context, **_bind(loop, item, index0, len(items))}
                    )
                except RENDER_ERRORS as exc:
                    where = _where(ws, target.coordinate)
                    raise TemplateError(path, f"{where}: {describe_error(exc)}") from exc
                _put(target, value)
            elif index0 and source.data_type == "f" and isinstance(source.value, str):
                target.value = Translator(source.value, source.coordinate).translate_formula(
                    target.coordinate
                )
            elif index0:
                target.value = source.value
        if index0:
            for merge in merges:
                ws.merge_cells(
                    start_row=row, end_row=row, start_column=merge.min_col, end_column=merge.max_col
                )
    if not items:
        for column in code:
            ws.cell(row=loop.row, column=column).value = None


def _copy_style(source: Any, target: Any) -> None:
    # The cell's style is a row of indices into the workbook's shared style tables; copying
    # it shares the source's font, fill, border… instead of cloning and re-indexing each.
    target._style = copy(source._style)


def _put(cell: Any, value: object) -> None:
    if value is not None and not isinstance(value, _NATIVE):
        value = str(value)
    if isinstance(value, str):
        # Data stays text, whatever it starts with («=», «#N/A»…).
        sheet_xml.set_value(cell, value or None)
        return
    if isinstance(value, date | time) and not is_date_format(cell.number_format):
        cell.number_format = "DD.MM.YYYY HH:MM" if isinstance(value, datetime) else "DD.MM.YYYY"
        if isinstance(value, time):
            cell.number_format = "HH:MM"
    cell.value = value
