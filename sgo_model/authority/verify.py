"""Checking a report package without trusting the channel: the bag's structure, every file
re-hashed against both manifests, the payload's size, the fields of ``bag-info.txt``, the
figures' JSON against the workbook, and the report's control relations."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sgo_model.authority.bag import (
    FIGURES_FILE,
    FIGURES_SHA256,
    FINAL,
    KIND,
    PERIOD,
    PRELIMINARY,
    REQUIRED,
    STATUS,
)
from sgo_model.authority.documents.form_xlsx import read_figures
from sgo_model.authority.kinds import template_from
from sgo_model.authority.report import FIGURES_FORMAT
from sgo_model.domain.errors import DomainError
from sgo_model.domain.statistical_form import Figures, FormTemplate, Value, check_relations
from sgo_model.office.bags import check_bag


@dataclass
class Verification:
    """What checking a bag found: its fields, figures and every problem."""

    path: Path
    info: dict[str, str] = field(default_factory=dict)
    payload: dict[str, Any] = field(default_factory=dict)
    template: FormTemplate | None = None
    figures: Figures = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """Whether nothing is wrong with the bag."""
        return not self.problems

    @property
    def preliminary(self) -> bool:
        """Whether the institution sent it as preliminary."""
        return self.info.get(STATUS) == PRELIMINARY

    def refusal(self) -> str:
        """The problems as one Russian message."""
        return f"Пакет «{self.path.name}» не принят: " + "; ".join(self.problems)


def verify_bag(bag: Path) -> Verification:
    """Check a bag through; every problem is listed, in Russian."""
    result = Verification(bag)
    problems = result.problems
    info = check_bag(bag, problems)
    if info is None:
        return result
    result.info = info
    for key in REQUIRED:
        if not info.get(key):
            problems.append(f"в bag-info.txt нет поля {key}")
    if info.get(STATUS) not in (FINAL, PRELIMINARY, None):
        problems.append(f"{STATUS}: неизвестное значение «{info[STATUS]}»")
    _check_figures(bag, result)
    return result


def _check_figures(bag: Path, result: Verification) -> None:
    problems, info = result.problems, result.info
    path = bag / "data" / FIGURES_FILE
    if not path.is_file():
        problems.append(f"нет файла data/{FIGURES_FILE} с показателями")
        return
    data = path.read_bytes()
    if info.get(FIGURES_SHA256) and hashlib.sha256(data).hexdigest() != info[FIGURES_SHA256]:
        problems.append(f"{FIGURES_SHA256} в bag-info.txt не совпадает с data/{FIGURES_FILE}")
    try:
        payload = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        problems.append(f"data/{FIGURES_FILE} не читается: {error}")
        return
    if not isinstance(payload, dict) or payload.get("format") != FIGURES_FORMAT:
        problems.append(f"data/{FIGURES_FILE}: формат не {FIGURES_FORMAT}")
        return
    result.payload = payload
    for key, field_name in (("kind", KIND), ("period", PERIOD)):
        if str(payload.get(key)) != info.get(field_name):
            problems.append(
                f"{field_name} в bag-info.txt («{info.get(field_name)}») не совпадает с "
                f"data/{FIGURES_FILE} («{payload.get(key)}»)"
            )
    try:
        template = template_from(payload.get("template") or {}, FIGURES_FILE)
    except DomainError as error:
        problems.append(error.message)
        return
    result.template = template
    figures = _figures(payload.get("figures"), problems)
    result.figures = figures
    for failure in check_relations(template, figures):
        problems.append(f"не выполнено контрольное соотношение: {failure.explanation}")
    workbooks = sorted((bag / "data").glob("*.xlsx"))
    if len(workbooks) != 1:
        problems.append(f"в пакете должна быть одна книга xlsx с отчётом, а их {len(workbooks)}")
        return
    shown, missing = read_figures(workbooks[0], template)
    problems += [f"{workbooks[0].name}: {m}" for m in missing]
    for section in template.sections:
        for line in section.lines:
            if not line.printed:
                continue
            for column in section.columns:
                sent = figures.get(section.code, {}).get(line.number, {}).get(column.number)
                seen = shown.get(section.code, {}).get(line.number, {}).get(column.number)
                if column.share and not line.share_of:
                    continue
                if not _same(sent, seen):
                    problems.append(
                        f"раздел {section.code}, строка {line.number}, графа {column.number}: "
                        f"в {workbooks[0].name} «{_shown(seen)}», а в {FIGURES_FILE} "
                        f"«{_shown(sent)}»"
                    )


def _figures(data: object, problems: list[str]) -> Figures:
    figures: Figures = {}
    if not isinstance(data, dict):
        problems.append(f"data/{FIGURES_FILE}: нет показателей")
        return figures
    for section, lines in data.items():
        table: dict[str, dict[str, Value]] = {}
        for line, row in (lines or {}).items():
            table[str(line)] = {str(c): _value(v) for c, v in (row or {}).items()}
        figures[str(section)] = table
    return figures


def _value(value: object) -> Value:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    text = str(value)
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


def _same(left: Value | None, right: Value | None) -> bool:
    if left is None or right is None:
        return left is right
    if isinstance(left, str) or isinstance(right, str):
        return str(left) == str(right)
    return Decimal(left) == Decimal(right)


def _shown(value: Value | None) -> str:
    return "пусто" if value is None else str(value).replace(".", ",")
