"""The Word application form (заявление родителя): one pupil's movement in a labelled table.

The parent's application is a .docx whose table pairs a label (the same texts as the movement
form's headers) with a value. It is recognised by its labels, so an institution may reword
the letter around the table freely.
"""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from pydantic import ValidationError

from sgo_model.domain.problems import Origin
from sgo_model.domain.roles import FormKind
from sgo_model.domain.text import fold
from sgo_model.forms.fields import reading_on
from sgo_model.forms.reader import ParsedForm, UnknownForm, validation_problems
from sgo_model.forms.spec import FormSpec
from sgo_model.movement.forms import movement
from sgo_model.office.files import atomic_output

SPEC: FormSpec = dataclasses.replace(
    movement.SPEC,
    kind=FormKind.APPLICATION,
    sheet="Заявление",
    # The personal account is opened by the accounts office and the condition is copied from
    # the ПМПК's conclusion by the clerk: neither is written by the parent.
    columns=tuple(c for c in movement.SPEC.columns if c.field not in ("account", "condition")),
    instructions=(
        "Заявление родителя (законного представителя) о зачислении, переводе или отчислении."
    ),
)
VALUE_COLUMN = "B"
APPLICATION_BLANK = "Бланк — Заявление родителя.docx"


def read_application(data: bytes, today: date) -> ParsedForm:
    """Read the labelled table of an application as of ``today``; every problem is located by
    its label."""
    document = Document(io.BytesIO(data))
    by_key = SPEC.by_key
    for number, table in enumerate(document.tables, start=1):
        labels: dict[str, tuple[int, str, str]] = {}
        for index, row in enumerate(table.rows, start=1):
            cells = row.cells
            if len(cells) < 2:
                continue
            key = fold(cells[0].text.rstrip(":* "))
            if key in by_key:
                labels[by_key[key].field] = (index, cells[0].text.strip(), cells[-1].text.strip())
        found = {by_key[k].key for k in by_key if by_key[k].field in labels}
        if SPEC.required_keys <= found:
            return _parse(labels, f"Заявление (таблица {number})", today)
    raise UnknownForm(
        "Не удалось найти в документе таблицу заявления: нужны строки «Вид», «Фамилия», "
        "«Имя», «Дата рождения», «Дата». Возьмите бланк заявления (sgo forms)"
    )


def _parse(labels: dict[str, tuple[int, str, str]], sheet: str, today: date) -> ParsedForm:
    form = ParsedForm(SPEC, sheet, header_row=1, rows=1)
    values: dict[str, object] = {c.field: None for c in SPEC.columns}
    columns: dict[str, tuple[str, str]] = {}
    rows: dict[str, int] = {}
    for name, (row, label, value) in labels.items():
        values[name] = value or None
        columns[name] = (label, VALUE_COLUMN)
        rows[name] = row
    origin = Origin(0, sheet, columns, values)
    try:
        validated = SPEC.row_model.model_validate(values, context=reading_on(today))
    except ValidationError as error:
        # Each field sits on its own table row: put every problem on its row.
        for problem in validation_problems(origin, error):
            line = rows.get(_field_of(problem.column), 0)
            form.problems.append(
                dataclasses.replace(
                    problem, cell=f"{VALUE_COLUMN}{line}" if line else None, row=line or None
                )
            )
        return form
    form.commands.append(SPEC.to_command(validated, origin))
    return form


def _field_of(header: str | None) -> str:
    for column in SPEC.columns:
        if column.header == header:
            return column.field
    return ""


def write_application_blank(out: Path) -> Path:
    """The blank application: a short letter around the labelled table."""
    document = Document()
    section = document.sections[0]
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    for text in ("Заведующему", "__________________________________", "от ______________________"):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    title = document.add_paragraph("ЗАЯВЛЕНИЕ")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.runs[0].bold = True
    document.add_paragraph(
        "Прошу зачислить (перевести, отчислить) моего ребёнка. Сведения — в таблице; "
        "в строке «Вид» укажите: зачисление, перевод или отчисление."
    )
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for column in SPEC.columns:
        cells = table.add_row().cells
        cells[0].text = column.header
        if column.hint:
            cells[1].text = ""
        cells[0].width, cells[1].width = Cm(6), Cm(10.5)
    document.add_paragraph("")
    document.add_paragraph("Дата ____________        Подпись ____________ / ________________")
    with atomic_output(out) as tmp:
        document.save(str(tmp))
    return out
