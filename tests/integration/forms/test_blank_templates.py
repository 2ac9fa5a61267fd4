"""The committed blanks in templates/forms are what the form specs generate."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from support import TODAY

from sgo_model.bootstrap import REPOSITORY_TEMPLATES, form_specs
from sgo_model.forms.blanks import HEADER_ROW, blank_file_name
from sgo_model.forms.reader import read_form
from sgo_model.movement.forms.application import APPLICATION_BLANK
from sgo_model.movement.forms.application import SPEC as APPLICATION
from sgo_model.office.workbook import META_SHEET, Workbook


def test_every_form_kind_has_a_committed_blank_matching_its_spec() -> None:
    folder = REPOSITORY_TEMPLATES / "forms"
    assert sorted(p.name for p in folder.glob("*.xlsx")) == sorted(
        blank_file_name(spec) for spec in form_specs()
    )
    application = read_application_labels(folder / APPLICATION_BLANK)
    assert application == [c.header for c in APPLICATION.columns]
    for spec in form_specs():
        path = folder / blank_file_name(spec)
        workbook = load_workbook(path)
        meta = {row[0]: row[1] for row in workbook[META_SHEET].iter_rows(values_only=True)}
        assert meta == {"form": spec.kind.value, "version": spec.version, "sheet": spec.sheet}
        headers = [c.value for c in workbook[spec.sheet][HEADER_ROW] if c.value]
        assert headers == [c.header for c in spec.columns], (
            f"{path.name} drifted from its spec: regenerate with `sgo forms --out templates/forms`"
        )
        assert read_form(Workbook.from_path(path), form_specs(), today=TODAY).spec is spec


def read_application_labels(path: Path) -> list[str]:
    return [row.cells[0].text for row in Document(str(path)).tables[0].rows]
