"""The trace of a report (расшифровка показателей), for the institution only: who stands
behind each figure — the children, groups, timesheets and employees counted. It names
children, so it never goes into a package."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from sgo_model.domain.periods import period_words
from sgo_model.domain.statistical_form import Figures, FormTemplate, Trace
from sgo_model.office.files import atomic_output

HEADERS = ("Раздел", "Строка", "Графа", "Показатель", "Значение", "Учтены")
_WIDTHS = (8, 8, 8, 60, 10, 70)


def write_trace_xlsx(
    template: FormTemplate, period: str, figures: Figures, trace: Trace, out: Path
) -> Path:
    """Write a row per figure and subject counted in it (figures of zero are left out)."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("Расшифровка")
    for index, width in enumerate(_WIDTHS):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.freeze_panes = "A3"
    heading = f"Расшифровка показателей: {template.form_number} за {period_words(period)}"
    ws.append(
        [f"{heading} ({template.edition}). Только для учреждения: содержит персональные данные, "
         "в пакет не входит."]
    )  # fmt: skip
    ws.append(list(HEADERS))
    for section in template.sections:
        columns = {c.number: c for c in section.columns}
        for line in section.lines:
            for number in columns:
                subjects = trace.get((section.code, line.number, number), [])
                if not subjects:
                    continue
                label = f"{line.label} — {columns[number].label}"
                first = True
                for subject in subjects:
                    ws.append(
                        [section.code, line.number, number, label if first else "",
                         _value(figures, section.code, line.number, number) if first else None,
                         subject]
                    )  # fmt: skip
                    first = False
    with atomic_output(out) as tmp:
        workbook.save(tmp)
    return out


def _value(figures: Figures, section: str, line: str, column: str) -> int | float | str | None:
    value = figures.get(section, {}).get(line, {}).get(column)
    return value if value is None or isinstance(value, int | str) else float(value)
