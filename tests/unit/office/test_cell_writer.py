"""The kernel's one cell writer writes data as text, never as a formula."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from data_safety import FORMULA_LIKE, assert_stays_text, cells_holding
from openpyxl import Workbook

from sgo_model.office import sheet_xml

TEXTS = (*FORMULA_LIKE, "#N/A", "#DIV/0!")


@pytest.mark.parametrize("text", TEXTS)
def test_set_value_keeps_text_as_text_in_an_openpyxl_workbook(tmp_path: Path, text: str) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet_xml.set_value(sheet["A1"], text)
    sheet_xml.set_value(sheet["B1"], 5)
    sheet["C1"] = "=SUM(B1:B1)"  # a formula the engine means stays a formula
    out = tmp_path / "book.xlsx"
    workbook.save(out)

    assert_stays_text(out, text)
    (total,) = cells_holding(out, "SUM(B1:B1)")
    assert total.has_formula


def test_set_value_drops_what_xml_cannot_hold(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet_xml.set_value(sheet["A1"], "Ромашка\x01\x02")
    out = tmp_path / "book.xlsx"
    workbook.save(out)
    assert_stays_text(out, "Ромашка")


@pytest.mark.parametrize("text", TEXTS)
def test_sheet_xml_cells_are_text_whatever_they_start_with(tmp_path: Path, text: str) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    skeleton = io.BytesIO()
    workbook.save(skeleton)
    rows = sheet_xml.row(1, [sheet_xml.cell("A1", 0, text), sheet_xml.cell("B1", 0, 7)])
    out = sheet_xml.write_package(
        skeleton.getvalue(), {"xl/worksheets/sheet1.xml": rows}, tmp_path / "book.xlsx"
    )
    assert_stays_text(out, text)
