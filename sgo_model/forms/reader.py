"""Reading a submitted workbook into located rows: detect the form, then validate each row."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, ValidationError

from sgo_model.domain.commands import Command
from sgo_model.domain.problems import Origin, Problem, RowValues, Severity
from sgo_model.domain.text import fold, squeeze
from sgo_model.forms.fields import reading_on
from sgo_model.forms.spec import FormSpec
from sgo_model.office.workbook import META_SHEET_KEY, Workbook

HEADER_SCAN_ROWS = 30
Row = Sequence[object]


@dataclass
class ParsedForm:
    """A form read from a file: its kind, the commands of valid rows, and all problems."""

    spec: FormSpec
    sheet: str
    header_row: int
    commands: list[Command] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    refused: list[Origin] = field(default_factory=list)
    """The rows refused while reading (their cells as typed), for the checks that need the
    store: a refused row's other mistakes are reported in the same receipt."""

    @property
    def errors(self) -> list[Problem]:
        """Problems that refuse the file."""
        return [p for p in self.problems if p.is_error]


class UnknownForm(Exception):
    """No known form was found in the workbook; ``str(error)`` is the Russian reason."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


def column_letter(index: int) -> str:
    """``0`` → ``A``, ``27`` → ``AB``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _declared(workbook: Workbook, specs: Sequence[FormSpec]) -> tuple[FormSpec, str | None] | None:
    kind = workbook.form
    for spec in specs:
        if spec.kind.value == kind:
            sheet = workbook.metadata.get(META_SHEET_KEY)
            return spec, sheet if isinstance(sheet, str) else None
    return None


def _header_keys(row: Row) -> dict[str, int]:
    keys: dict[str, int] = {}
    for index, value in enumerate(row):
        if isinstance(value, str) and value.strip():
            keys.setdefault(fold(value), index)
    return keys


def _find_header(
    rows: list[list[object]], specs: Sequence[FormSpec]
) -> tuple[FormSpec, int] | None:
    best: tuple[int, FormSpec, int] | None = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        keys = _header_keys(row)
        for spec in specs:
            if spec.required_keys <= keys.keys():
                score = sum(1 for c in spec.columns if c.key in keys)
                if best is None or score > best[0]:
                    best = (score, spec, index)
    return (best[1], best[2]) if best else None


def _closest_miss(
    workbook: Workbook, sheets: Sequence[str], specs: Sequence[FormSpec]
) -> UnknownForm:
    best: tuple[int, FormSpec, str, int, list[str]] | None = None
    for name in sheets:
        for index, row in enumerate(workbook.rows(name)[:HEADER_SCAN_ROWS]):
            keys = _header_keys(row)
            for spec in specs:
                found = len(spec.required_keys & keys.keys())
                missing = [c.header for c in spec.columns if c.required and c.key not in keys]
                if found >= 2 and (best is None or found > best[0]):
                    best = (found, spec, name, index, missing)
    if best is None:
        return UnknownForm(
            "Не удалось определить вид формы: ни на одном листе нет строки заголовков "
            "известной формы. Возьмите бланк из папки бланков (sgo forms)"
        )
    _, spec, sheet, index, missing = best
    listed = ", ".join(f"«{m}»" for m in missing)
    message = f"Похоже на форму «{spec.title}», но не найдены обязательные столбцы: {listed}"
    return UnknownForm(message, [Problem(message, sheet=sheet, row=index + 1)])


def read_form(workbook: Workbook, specs: Sequence[FormSpec], *, today: date) -> ParsedForm:
    """Find which of ``specs`` the workbook holds and validate its rows as of ``today`` (no
    birth date after it); every row's problems are collected, none stops the read."""
    declared = _declared(workbook, specs)
    candidates = workbook.visible_sheets
    if declared:
        specs = [declared[0]]
        if declared[1] in workbook.sheet_names:
            candidates = [declared[1]]
    for sheet in candidates:
        found = _find_header(workbook.rows(sheet), specs)
        if found:
            spec, header_index = found
            return _parse_rows(spec, sheet, workbook.take(sheet), header_index, today)
    raise _closest_miss(workbook, candidates, specs)


_TAKEN: list[object] = []
"""What a row read already is left as (its cells live on in the row's origin)."""


def _parse_rows(
    spec: FormSpec, sheet: str, rows: list[list[object]], header_index: int, today: date
) -> ParsedForm:
    header_row = header_index + 1
    form = ParsedForm(spec, sheet, header_row)
    by_key = spec.by_key
    positions: dict[str, int] = {}
    columns: dict[str, tuple[str, str]] = {}
    for key, index in _header_keys(rows[header_index]).items():
        letter = column_letter(index)
        column = by_key.get(key)
        if column is None:
            header = str(rows[header_index][index]).strip()
            form.problems.append(
                Problem(
                    f"Столбец «{header}» не относится к форме «{spec.title}» и пропущен",
                    sheet=sheet,
                    cell=f"{letter}{header_row}",
                    column=header,
                    severity=Severity.WARNING,
                )
            )
            continue
        positions[column.field] = index
        columns[column.field] = (column.header, letter)
    fields = list(positions.items())
    shared = {name: i for i, (name, _) in enumerate(fields)}
    model = spec.row_model
    context = reading_on(today)
    absent = {c.field: None for c in spec.columns if c.field not in positions}
    for number in range(header_index + 1, len(rows)):
        raw = rows[number]
        # The sheet's rows are this reader's alone (Workbook.take): each goes once read.
        rows[number] = _TAKEN
        cells = tuple(
            None if (value := raw[index] if index < len(raw) else None) == "" else value
            for _, index in fields
        )
        if all(v is None for v in cells):
            continue
        form.rows += 1
        values = dict(zip(shared, cells, strict=True))
        origin = Origin(number + 1, sheet, columns, RowValues(shared, cells))
        try:
            row = model.model_validate(values | absent if absent else values, context=context)
        except ValidationError as error:
            form.problems.extend(validation_problems(origin, error))
            form.refused.append(origin)
            continue
        form.problems.extend(_understood(row, values, origin))
        form.commands.append(spec.to_command(row, origin))
    if form.rows == 0:
        form.problems.append(
            Problem("В форме нет ни одной заполненной строки", sheet=sheet, row=header_row)
        )
    return form


def _understood(row: BaseModel, values: dict[str, object], origin: Origin) -> list[Problem]:
    """A note for each choice typed in other words than its name («по заявлению родителей»
    for «по инициативе родителей»): the receipt says how the engine understood it."""
    notes = []
    for name, value in row:
        raw = values.get(name)
        label = getattr(value, "label", None)
        if not (isinstance(value, enum.Enum) and isinstance(raw, str) and isinstance(label, str)):
            continue
        # A choice's own abbreviation («ТНР») is one of its names, not another wording.
        names = {fold(label), fold(str(value.value)), fold(str(getattr(value, "short", label)))}
        if fold(raw).strip(" .") in names:
            continue
        message = f"«{squeeze(raw)}» понято как «{label}»"
        notes.append(Problem.at(origin, name, message, Severity.WARNING))
    return notes


def validation_problems(origin: Origin, error: ValidationError) -> list[Problem]:
    """Russian, located problems from a row's validation error."""
    problems = []
    for item in error.errors(include_url=False):
        message = str(item.get("msg", "Недопустимое значение"))
        field_name = str(item["loc"][0]) if item["loc"] else None
        if field_name is None and "|" in message:
            field_name, message = message.split("|", 1)
        if item["type"] == "missing":
            message = "Обязательное поле не заполнено"
        elif item["type"] != "sgo":
            message = "Недопустимое значение"
        problems.append(Problem.at(origin, field_name, message))
    return problems
