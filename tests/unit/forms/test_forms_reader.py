"""Reading forms: by metadata or by header alone, with located, Russian problems."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from support import TODAY

from sgo_model.bootstrap import form_specs, spec_of, write_all_blanks
from sgo_model.domain.commands import RegisterEmployee, RegisterPupil
from sgo_model.domain.problems import Severity
from sgo_model.domain.roles import FormKind
from sgo_model.forms.blanks import HEADER_ROW, LISTS_SHEET, write_blank
from sgo_model.forms.lists import STATIC_LISTS
from sgo_model.forms.reader import ParsedForm, UnknownForm, column_letter, read_form
from sgo_model.office.workbook import META_SHEET
from sgo_model.office.workbook import Workbook as SubmittedWorkbook


def _hand_made(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Лист1"
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_a_hand_made_sheet_is_recognised_by_its_header_row_anywhere(tmp_path: Path) -> None:
    path = _hand_made(
        tmp_path / "my staff.xlsx",
        [
            ["Список сотрудников на 01.09.2026"],
            [],
            [
                "",
                "Табельный номер",
                "Фамилия",
                "Имя",
                "Отчество",
                "Должность",
                "Дата приема",
                "Комментарий",
            ],
            ["", 7, "Петрова", "Анна", "Ивановна", "воспитатель", "01.02.2020", "—"],
            ["", "008", "Сидорова", "Елена", None, "повар", datetime(2021, 3, 4), None],
            [],
        ],
    )
    form = _read(path)
    assert form.spec.kind is FormKind.STAFF
    assert (form.sheet, form.header_row, form.rows) == ("Лист1", 3, 2)
    (warning,) = form.problems
    assert warning.severity is Severity.WARNING
    assert warning.cell == "H3" and "«Комментарий»" in warning.message
    first, second = form.commands
    assert isinstance(first, RegisterEmployee) and isinstance(second, RegisterEmployee)
    assert first.employee.personnel_number == "7"
    assert first.employee.hired_on == date(2020, 2, 1)
    assert second.employee.hired_on == date(2021, 3, 4)
    assert second.origin.row == 5


def test_a_blank_declares_its_kind_in_a_hidden_sheet(tmp_path: Path) -> None:
    path = write_blank(spec_of(FormKind.GROUPS), tmp_path / "g.xlsx")
    workbook = load_workbook(path)
    assert workbook[META_SHEET].sheet_state == "hidden"
    assert workbook[LISTS_SHEET].sheet_state == "hidden"
    sheet = workbook["Группы"]
    assert [c.value for c in sheet[HEADER_ROW]][:4] == [
        "Группа",
        "Возрастная категория",
        "Направленность",
        "Площадь, м²",
    ]
    validations = sheet.data_validations.dataValidation
    assert any("B5" in str(v.sqref) for v in validations)
    # A list column is as long as the longest list of the blank.
    listed = [c.value for c in workbook[LISTS_SHEET]["A"]][1:]
    listed = listed[: listed.index(None)] if None in listed else listed
    assert listed == list(STATIC_LISTS["categories"])


def test_blanks_of_every_kind_are_written_and_read_back_empty(tmp_path: Path) -> None:
    paths = write_all_blanks(tmp_path)
    assert len(paths) == len(form_specs()) + 1  # and the Word application
    for path in paths[:-1]:
        form = _read(path)
        assert form.rows == 0
        assert [p.message for p in form.errors] == ["В форме нет ни одной заполненной строки"]


def test_an_unknown_workbook_gets_a_clear_reason(tmp_path: Path) -> None:
    path = _hand_made(tmp_path / "x.xlsx", [["Что-то"], [1, 2, 3]])
    with pytest.raises(UnknownForm, match="Не удалось определить вид формы"):
        _read(path)


def test_a_nearly_matching_header_names_the_missing_columns(tmp_path: Path) -> None:
    path = _hand_made(
        tmp_path / "x.xlsx",
        [
            ["Группа", "Возрастная категория", "Направленность"],
            ["Ромашка", "средняя", "общеразвивающая"],
        ],
    )
    with pytest.raises(UnknownForm, match="«Площадь, м²»") as caught:
        _read(path)
    assert "«Группы»" in str(caught.value)


def test_dates_as_text_as_excel_dates_and_as_serial_numbers(tmp_path: Path) -> None:
    base = {"Фамилия": "Иванова", "Имя": "Мария", "Отчество": "Сергеевна", "Группа": "Ромашка"}
    rows = [
        {**base, "Дата рождения": "12.03.2022", "Дата зачисления": date(2026, 9, 1)},
        {**base, "Имя": "Анна", "Дата рождения": 44632, "Дата зачисления": "2026-09-01"},
        {**base, "Имя": "Ольга", "Дата рождения": "12.13.2022", "Дата зачисления": "вчера"},
    ]
    form = _read(write_blank(spec_of(FormKind.PUPILS), tmp_path / "p.xlsx", rows=rows))
    first, second = form.commands
    assert isinstance(first, RegisterPupil) and isinstance(second, RegisterPupil)
    assert first.pupil.birth_date == date(2022, 3, 12) == second.pupil.birth_date
    assert second.enrolled_on == date(2026, 9, 1)
    messages = {p.cell: p.message for p in form.errors}
    assert messages == {
        "E7": "Даты «12.13.2022» не существует",
        "G7": "«вчера» не похоже на дату; ожидается дд.мм.гггг",
    }


def test_a_date_after_the_day_of_reading_is_refused_whatever_the_clock(tmp_path: Path) -> None:
    row = {"Табельный номер": "9", "Фамилия": "Иванова", "Имя": "Мария", "Должность": "повар"}
    rows = [{**row, "Дата приёма": "02.12.2026"}]
    path = write_blank(spec_of(FormKind.STAFF), tmp_path / "s.xlsx", rows=rows)
    workbook = SubmittedWorkbook.from_path(path)

    early = read_form(workbook, form_specs(), today=date(2026, 12, 1))
    assert {p.cell: p.message for p in early.errors} == {"F5": "Дата 02.12.2026 ещё не наступила"}
    on_the_day = read_form(workbook, form_specs(), today=date(2026, 12, 2))
    assert on_the_day.errors == [] and len(on_the_day.commands) == 1


def test_a_row_model_validated_without_the_day_is_a_programming_error() -> None:
    model = spec_of(FormKind.PUPILS).row_model
    values = {"last_name": "Иванова", "first_name": "Мария", "birth_date": "01.01.2020"}
    with pytest.raises(TypeError, match="reading_on"):
        model.model_validate(values)


def test_braces_typed_by_a_user_are_shown_as_typed(tmp_path: Path) -> None:
    rows = [{"Профиль": "X", "Направленность": "{name} направленность"}]
    form = _read(write_blank(spec_of(FormKind.PROFILES), tmp_path / "p.xlsx", rows=rows))
    (error,) = form.errors
    assert "«{name} направленность»" in error.message


def _read(path: Path) -> ParsedForm:
    """Read a workbook as intake does, against every registered form."""
    return read_form(SubmittedWorkbook.from_path(path), form_specs(), today=TODAY)
