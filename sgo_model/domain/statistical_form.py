"""A statistical report form (статистическая форма) as its template lays it out.

The template (an editable JSON file naming the edition it implements) gives the sections,
their lines and columns with the official numbering, what each cell counts, and the form's
control relations (контрольные соотношения). The figures are counted from facts: records a
capability gathers from the store («a pupil of 4 years in a group of general orientation»),
each naming who stands behind it, so that every figure can be traced.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sgo_model.domain.errors import DomainError

Number = int | Decimal
Value = int | Decimal | str
"""A figure: a count, a decimal (a share, an average) or «да»/«нет»."""

YES, NO = "да", "нет"
_KINDS = ("sum", "ratio", "share", "presence")
_RELATION = re.compile(r"^\s*(\S+)\s*(=|>=|<=)\s*(\S+(?:\s*\+\s*\S+)*)\s*$")
_OPERATORS = {"=": "=", ">=": "≥", "<=": "≤"}
_BROKEN = {"=": "≠", ">=": "<", "<=": ">"}


@dataclass(frozen=True)
class Fact:
    """One thing the form counts: its source («pupils»), attributes, measures to sum, and
    who stands behind it (``subject``, for the institution's trace only)."""

    source: str
    attributes: Mapping[str, object] = field(default_factory=dict)
    measures: Mapping[str, Number] = field(default_factory=dict)
    subject: str = ""


@dataclass(frozen=True)
class Column:
    """A column (графа) of a section: its number, heading and which facts it keeps.

    A column's condition applies to the facts that carry its attributes: «3 years and older»
    narrows child-days, not the number of working days on the same line.
    """

    number: str
    label: str
    where: Mapping[str, object] = field(default_factory=dict)
    share: bool = False
    """A percent column: a line's share of the line it names in ``share_of``."""


@dataclass(frozen=True)
class Line:
    """A line (строка) of a section and how its cells are counted.

    ``sum`` adds ``measure`` (``count``: one per fact) over the facts of ``source`` that
    meet ``where``; ``ratio`` divides the first line of ``of`` by the second; ``presence``
    is «да» when the line it names is above zero.
    """

    number: str
    label: str
    source: str = ""
    where: Mapping[str, object] = field(default_factory=dict)
    measure: str = "count"
    kind: str = "sum"
    of: tuple[str, ...] = ()
    share_of: str = ""
    digits: int = 1
    level: int = 0
    printed: bool = True
    unit: str = ""
    """The line's own unit where the section has none (self-assessment: «человек/%»)."""


@dataclass(frozen=True)
class Relation:
    """A control relation: ``left`` compared with the sum of ``right``, for lines (in each of
    ``columns``) or for columns (in each of ``lines``)."""

    left: str
    operator: str
    right: tuple[str, ...]
    across: str = "lines"
    columns: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The rule as people read it: «строка 401 = строки 402 + 413»."""
        one, many = ("строка", "строк") if self.across == "lines" else ("графа", "граф")
        parts = " + ".join(self.right)
        return f"{one} {self.left} {_OPERATORS[self.operator]} {many} {parts}"


@dataclass(frozen=True)
class Section:
    """A section (раздел) of the form: a table of lines by columns in one unit."""

    code: str
    title: str
    unit: str
    okei: str
    columns: tuple[Column, ...]
    lines: tuple[Line, ...]
    relations: tuple[Relation, ...] = ()
    note: str = ""

    def line(self, number: str) -> Line:
        """The line of that number."""
        for line in self.lines:
            if line.number == number:
                return line
        raise KeyError(number)

    @property
    def numeric_columns(self) -> tuple[Column, ...]:
        """Columns that are counted (all but the share columns)."""
        return tuple(c for c in self.columns if not c.share)


@dataclass(frozen=True)
class FormTemplate:
    """A report form of one edition: its title block and sections."""

    kind: str
    title: str
    form_number: str
    edition: str
    header: Mapping[str, str]
    sections: tuple[Section, ...]
    manual: tuple[str, ...] = ()
    """What the form asks for that the store does not hold (printed as a footnote)."""

    def section(self, code: str) -> Section:
        """The section of that code."""
        for section in self.sections:
            if section.code == code:
                return section
        raise KeyError(code)


Figures = dict[str, dict[str, dict[str, Value]]]
"""Section → line → column → figure."""

Trace = dict[tuple[str, str, str], list[str]]
"""(section, line, column) → the subjects behind the figure."""


@dataclass(frozen=True)
class Failure:
    """A control relation that does not hold, explained."""

    section: str
    relation: str
    explanation: str


def _matches(fact: Fact, where: Mapping[str, object], *, lenient: bool) -> bool:
    for key, wanted in where.items():
        if key not in fact.attributes:
            if lenient:
                continue
            return False
        value = fact.attributes[key]
        if isinstance(wanted, list):
            if value not in wanted:
                return False
        elif isinstance(wanted, dict):
            if not isinstance(value, int) or isinstance(value, bool):
                return False
            if "from" in wanted and value < wanted["from"]:
                return False
            if "to" in wanted and value > wanted["to"]:
                return False
        elif value != wanted:
            return False
    return True


def _round(value: Decimal, digits: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def compute(template: FormTemplate, facts: Iterable[Fact]) -> tuple[Figures, Trace]:
    """Every figure of the form, and the subjects behind each counted one."""
    by_source: dict[str, list[Fact]] = {}
    for fact in facts:
        by_source.setdefault(fact.source, []).append(fact)
    figures: Figures = {}
    trace: Trace = {}
    for section in template.sections:
        table: dict[str, dict[str, Value]] = {}
        figures[section.code] = table
        for line in section.lines:
            if line.kind != "sum":
                continue
            row: dict[str, Value] = {}
            for column in section.numeric_columns:
                total: Number = 0
                subjects: list[str] = []
                for fact in by_source.get(line.source, ()):
                    if _matches(fact, line.where, lenient=False) and _matches(
                        fact, column.where, lenient=True
                    ):
                        total += (
                            1 if line.measure == "count" else fact.measures.get(line.measure, 0)
                        )
                        if fact.subject:
                            subjects.append(fact.subject)
                row[column.number] = total
                trace[(section.code, line.number, column.number)] = subjects
            table[line.number] = row
        for line in section.lines:
            if line.kind == "ratio":
                table[line.number] = {
                    c.number: _ratio(table, line, c.number) for c in section.numeric_columns
                }
            elif line.kind == "presence":
                table[line.number] = {
                    c.number: YES if _number(table[line.of[0]][c.number]) > 0 else NO
                    for c in section.numeric_columns
                }
        for line in section.lines:
            for column in section.columns:
                if column.share and line.share_of:
                    base = section.numeric_columns[0].number
                    part, whole = table[line.number][base], table[line.share_of][base]
                    table[line.number][column.number] = (
                        _round(Decimal(100) * _number(part) / _number(whole), line.digits)
                        if _number(whole)
                        else Decimal(0)
                    )
    return figures, trace


def _number(value: Value) -> Number:
    if isinstance(value, str):
        return 1 if value == YES else 0
    return value


def _ratio(table: Mapping[str, Mapping[str, Value]], line: Line, column: str) -> Decimal:
    numerator, denominator = (_number(table[name][column]) for name in line.of)
    if not denominator:
        return Decimal(0)
    return _round(Decimal(numerator) / Decimal(denominator), line.digits)


def check_relations(template: FormTemplate, figures: Figures) -> list[Failure]:
    """The control relations that fail, each with the figures that break it."""
    failures = []
    for section in template.sections:
        table = figures.get(section.code, {})
        for relation in section.relations:
            for line, column, left, parts in _instances(section, relation, table):
                total = sum(parts.values())
                if _holds(relation.operator, left, total):
                    continue
                where = f"графа {column}" if relation.across == "lines" else f"строка {line}"
                shown = " + ".join(f"{_show(v)} ({k})" for k, v in parts.items())
                if len(parts) > 1:
                    shown += f" = {_show(total)}"
                failures.append(
                    Failure(
                        section.code,
                        relation.text,
                        f"Раздел {section.code}, {where}: {relation.text} не выполнено — "
                        f"{_show(left)} {_BROKEN[relation.operator]} {shown}",
                    )
                )
    return failures


def _instances(
    section: Section, relation: Relation, table: Mapping[str, Mapping[str, Value]]
) -> Iterable[tuple[str, str, Number, dict[str, Number]]]:
    if relation.across == "lines":
        columns = relation.columns or tuple(c.number for c in section.numeric_columns)
        for column in columns:
            left = _number(table.get(relation.left, {}).get(column, 0))
            parts = {n: _number(table.get(n, {}).get(column, 0)) for n in relation.right}
            yield relation.left, column, left, parts
    else:
        lines = relation.lines or tuple(line.number for line in section.lines if line.kind == "sum")
        for line in lines:
            row = table.get(line, {})
            left = _number(row.get(relation.left, 0))
            parts = {n: _number(row.get(n, 0)) for n in relation.right}
            yield line, relation.left, left, parts


def _holds(operator: str, left: Number, right: Number) -> bool:
    if operator == "=":
        return left == right
    if operator == ">=":
        return left >= right
    return left <= right


def _show(value: Number) -> str:
    return str(value).replace(".", ",")


# Reading a template -------------------------------------------------------------------------


def parse_template(data: Mapping[str, Any], name: str) -> FormTemplate:
    """A template from its JSON, refused with the place of the first mistake."""
    try:
        sections = tuple(_section(s) for s in data["sections"])
        template = FormTemplate(
            kind=str(data["kind"]),
            title=str(data["title"]),
            form_number=str(data["form_number"]),
            edition=str(data["edition"]),
            header={str(k): str(v) for k, v in data.get("header", {}).items()},
            sections=sections,
            manual=tuple(str(m) for m in data.get("manual", ())),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise DomainError(f"Шаблон отчёта «{name}» составлен неверно: {error}") from error
    return template


def _section(data: Mapping[str, Any]) -> Section:
    code = str(data["code"])
    columns = tuple(
        Column(str(c["number"]), str(c["label"]), dict(c.get("where", {})), bool(c.get("share")))
        for c in data["columns"]
    )
    lines = tuple(
        Line(
            number=str(item["number"]),
            label=str(item["label"]),
            source=str(item.get("source", "")),
            where=dict(item.get("where", {})),
            measure=str(item.get("measure", "count")),
            kind=str(item.get("kind", "sum")),
            of=tuple(str(x) for x in item.get("of", ())),
            share_of=str(item.get("share_of", "")),
            digits=int(item.get("digits", 1)),
            level=int(item.get("level", 0)),
            printed=bool(item.get("printed", True)),
            unit=str(item.get("unit", "")),
        )
        for item in data["lines"]
    )
    relations = []
    for item in data.get("relations", ()):
        rule = item["rule"] if isinstance(item, dict) else item
        across = item.get("across", "lines") if isinstance(item, dict) else "lines"
        found = _RELATION.match(rule)
        if not found:
            raise ValueError(f"раздел {code}: соотношение «{rule}» не разобрано")
        relations.append(
            Relation(
                found[1],
                found[2],
                tuple(p.strip() for p in found[3].split("+")),
                across,
                tuple(str(c) for c in item.get("columns", ())) if isinstance(item, dict) else (),
                tuple(str(n) for n in item.get("lines", ())) if isinstance(item, dict) else (),
            )
        )
    return Section(
        code,
        str(data["title"]),
        str(data.get("unit", "")),
        str(data.get("okei", "")),
        columns,
        lines,
        tuple(relations),
        str(data.get("note", "")),
    )


def check_template(
    template: FormTemplate, vocabulary: Mapping[str, Sequence[str]], name: str
) -> None:
    """Refuse a template that names a source, attribute, line or column nobody knows."""
    problems = []
    for section in template.sections:
        lines = {line.number for line in section.lines}
        columns = {c.number for c in section.columns}
        known_here: set[str] = set()
        for line in section.lines:
            where = f"раздел {section.code}, строка {line.number}"
            if line.kind not in _KINDS:
                problems.append(f"{where}: неизвестный вид «{line.kind}»")
            if line.kind == "sum":
                if line.source not in vocabulary:
                    problems.append(f"{where}: неизвестный источник «{line.source}»")
                    continue
                known_here |= set(vocabulary[line.source])
                for key in line.where:
                    if key not in vocabulary[line.source]:
                        problems.append(f"{where}: у источника нет признака «{key}»")
            for named in (*line.of, *([line.share_of] if line.share_of else [])):
                if named not in lines:
                    problems.append(f"{where}: ссылка на несуществующую строку {named}")
        for column in section.columns:
            for key in column.where:
                if key not in known_here:
                    problems.append(
                        f"раздел {section.code}, графа {column.number}: признак «{key}» "
                        "не известен ни одному источнику раздела"
                    )
        for relation in section.relations:
            by_lines = relation.across == "lines"
            known, other = (lines, columns) if by_lines else (columns, lines)
            extra = relation.columns if by_lines else relation.lines
            missing = [n for n in (relation.left, *relation.right) if n not in known]
            missing += [n for n in extra if n not in other]
            if missing:
                problems.append(
                    f"раздел {section.code}: соотношение «{relation.text}» ссылается на "
                    f"несуществующие номера {', '.join(missing)}"
                )
    if problems:
        raise DomainError(f"Шаблон отчёта «{name}» составлен неверно: " + "; ".join(problems))
