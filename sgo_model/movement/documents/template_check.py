"""Checking an order template (the shipped one or an institution's edit) against ГОСТ Р
7.0.97-2025: the layout rules and the requisites an order must carry."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from sgo_model.office.gost import check_layout

REQUISITES = (
    ("{{ institution", "наименование организации ({{ institution }})"),
    ("ПРИКАЗ", "вид документа «ПРИКАЗ»"),
    ("{{ date", "дата документа ({{ date|long_date }})"),
    ("{{ number", "регистрационный номер ({{ number }})"),
    ("{{ title", "заголовок к тексту ({{ title }})"),
    ("{{ head_name", "подпись: расшифровка ({{ head_name }})"),
    ("{{ head_post", "подпись: должность ({{ head_post }})"),
)
"""What an order's template must print, and how the message names it."""


def check_order_template(path: Path) -> list[str]:
    """What in the order template at ``path`` breaks ГОСТ Р 7.0.97-2025 (empty: nothing)."""
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    joined = "\n".join(" ".join(t.split()) for t in texts)
    problems = check_layout(path)
    problems += [f"Нет реквизита: {name}" for mark, name in REQUISITES if mark not in joined]
    if "ПРОЕКТ" in joined:
        problems.append(
            "Шаблон печатает «ПРОЕКТ»: заведующий подписывает эту бумагу; проект отличают "
            "реестр и имя файла"
        )
    return problems
