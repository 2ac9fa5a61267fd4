"""The annotated copy of a rejected workbook prints well: its errors sheet is landscape,
fitted to the width, wrapped, with its header on every page."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from sgo_model.bootstrap import spec_of
from sgo_model.domain.problems import Problem
from sgo_model.domain.roles import FormKind
from sgo_model.forms.annotate import ERRORS_SHEET, write_annotated_copy
from sgo_model.forms.blanks import write_blank


def test_the_errors_sheet_is_set_up_for_printing(tmp_path: Path) -> None:
    spec = spec_of(FormKind.PUPILS)
    original = write_blank(spec, tmp_path / "Воспитанники.xlsx", rows=[{"Фамилия": "Иванова"}])
    long = "Группа «Капельки» не найдена (известны: " + ", ".join(
        f"«Группа {n}»" for n in range(30)
    )
    problems = [
        Problem(long + ")", sheet=spec.sheet, cell="F5", column="Группа", value="Капельки"),
        Problem("Обязательное поле не заполнено", sheet=spec.sheet, cell="B5", column="Имя"),
    ]
    copy = write_annotated_copy(original, problems, tmp_path / "copy.xlsx")

    sheet = load_workbook(copy)[ERRORS_SHEET]
    assert [c.value for c in sheet[1]] == ["Лист", "Ячейка", "Столбец", "Значение", "Ошибка"]
    assert sheet["E2"].value == long + ")"
    assert sheet["E2"].alignment.wrap_text and sheet["E2"].alignment.vertical == "top"
    assert sheet.row_dimensions[2].height == 15 * 5  # 500 characters in a column of 90
    assert sheet.row_dimensions[3].height == 15
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.oddFooter.center.text == "Страница &P из &N"
