"""Test support for «data never becomes a path or a formula»: texts that a spreadsheet would
take for a formula, a kindergarten whose groups and pupils carry them, and a check that reads
a written workbook back (openpyxl and the raw sheet XML) to prove they stayed text.
"""

from __future__ import annotations

import posixpath
import shutil
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

from openpyxl import load_workbook
from support import STAFF, SiteHarness, settle

from sgo_model.attendance.publish import prepare_blanks
from sgo_model.domain.roles import FormKind

FORMULA_LIKE: tuple[str, ...] = ("=1+2", "+7 900", "-5", "@SUM(A1)", '=HYPERLINK("http://x","y")')
"""Texts a spreadsheet would run as a formula if they were written as one."""

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def group_rows(names: tuple[str, ...]) -> list[dict[str, object]]:
    """Rows of the groups form: one group per name, all led by teacher 004 (Попова)."""
    return [
        {
            "Группа": name,
            "Возрастная категория": "средняя",
            "Направленность": "общеразвивающая",
            "Площадь, м²": 50.5,
            "Воспитатели": "004",
        }
        for name in names
    ]


def pupil_rows(names: tuple[str, ...]) -> list[dict[str, object]]:
    """Rows of the pupils form: a child in each group, its address the group's name and its
    guardian's phone starting with «+»."""
    surnames = ("Андреева", "Борисова", "Васильева", "Григорьева", "Денисова", "Егорова")
    assert len(names) <= len(surnames)
    return [
        {
            "Фамилия": surname,
            "Имя": "Анна",
            "Отчество": "Ивановна",
            "Дата рождения": "12.03.2022",
            "Группа": group,
            "Дата зачисления": "01.09.2026",
            "Адрес": group,
            "Родитель (законный представитель)": f"{surname} Ольга Петровна",
            "Телефон": "+7 900 111-22-33",
        }
        for surname, group in zip(surnames, names, strict=False)
    ]


def set_up_with_groups(harness: SiteHarness, names: tuple[str, ...] = FORMULA_LIKE) -> None:
    """Staff, groups named ``names`` and a pupil in each, all accepted."""
    harness.drop("admin", FormKind.STAFF, STAFF, age=60)
    harness.drop("clerk", FormKind.GROUPS, group_rows(names), age=50)
    harness.drop("clerk", FormKind.PUPILS, pupil_rows(names), age=40)
    receipts = harness.ingest().receipts
    assert [r.verdict.value for r in receipts] == ["accepted"] * 3, [r.problems for r in receipts]


@dataclass(frozen=True)
class FoundCell:
    """A cell of a written workbook whose value holds a looked-for text."""

    sheet: str
    ref: str
    value: object
    data_type: str
    has_formula: bool


def cells_holding(path: Path, text: str) -> list[FoundCell]:
    """Every cell of the workbook ``path`` whose value contains ``text``, with its type as
    openpyxl reads it and whether its raw XML holds a formula (``<f>``)."""
    formulas = _formula_refs(path)
    workbook = load_workbook(path)
    found = []
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and text in cell.value:
                    has_formula = cell.coordinate in formulas.get(ws.title, set())
                    found.append(
                        FoundCell(
                            ws.title, cell.coordinate, cell.value, cell.data_type, has_formula
                        )
                    )
    workbook.close()
    return found


def assert_stays_text(path: Path, text: str, *, exact: bool = True) -> list[FoundCell]:
    """Assert ``text`` is in the workbook and every cell holding it is text, not a formula.

    With ``exact`` some cell must hold exactly ``text``; in any case no formula anywhere in
    the workbook may carry it.
    """
    found = cells_holding(path, text)
    assert found, f"{text!r} is not in {path.name}"
    for cell in found:
        assert cell.data_type == "s", cell
        assert not cell.has_formula, cell
    if exact:
        assert any(cell.value == text for cell in found), found
    body = text[1:] if text.startswith("=") else text
    for sheet, formulas in _formula_texts(path).items():
        assert not [f for f in formulas if body in f], (sheet, formulas)
    return found


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the package, as ``xl/workbook.xml`` and its rels say."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_RELS}Relationship")}
    parts = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets[sheet.get(_REL_ID)]
        part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        parts[sheet.get("name", "")] = posixpath.normpath(part)
    return parts


def _formula_cells(path: Path) -> dict[str, dict[str, str]]:
    with zipfile.ZipFile(path) as archive:
        result: dict[str, dict[str, str]] = {}
        for name, part in _sheet_parts(archive).items():
            root = ElementTree.fromstring(archive.read(part))
            result[name] = {
                c.get("r", ""): formula.text or ""
                for c in root.iter(f"{_MAIN}c")
                if (formula := c.find(f"{_MAIN}f")) is not None
            }
    return result


def _formula_refs(path: Path) -> dict[str, set[str]]:
    return {sheet: set(cells) for sheet, cells in _formula_cells(path).items()}


def _formula_texts(path: Path) -> dict[str, list[str]]:
    return {sheet: list(cells.values()) for sheet, cells in _formula_cells(path).items()}


def submit_every_blank(harness: SiteHarness, month: date, login: str = "popova") -> list[Path]:
    """Prepare the month's blanks and send each back untouched (all present); the blanks."""
    blanks = prepare_blanks(harness.uow, month, out=harness.site.home / "листы")
    for number, blank in enumerate(blanks, start=1):
        settle(Path(shutil.copy(blank, harness.site.user_inbox(login) / f"лист {number}.xlsx")))
    receipts = harness.ingest().receipts
    assert [r.verdict.value for r in receipts] == ["accepted"] * len(blanks), [
        r.problems or r.reason for r in receipts
    ]
    return blanks


def published(harness: SiteHarness, kind: str) -> Path:
    """Publish what the accepted files asked for; the one document of ``kind``."""
    result = harness.publish(date(2026, 11, 20))
    assert not result.failures, result.failures
    with harness.uow(read_only=True) as uow:
        (record,) = uow.documents.list(kind)
    return Path(record.path)
