"""The layout rules of ГОСТ Р 7.0.97-2025 a Word document can be checked against.

As commonly cited from the 2016 edition and kept by the 2025 one: A4; margins of at least
20 mm left, 10 mm right, 20 mm top and bottom; text in 12–14 pt (tables may be smaller, down to
10 pt here); page numbers from the second page, centred in the top margin. The typeface is
free. Each rule broken is one Russian sentence naming what to fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length
from docx.text.paragraph import Paragraph

A4_MM = (210, 297)
MARGINS_MM = {"левое": 20, "правое": 10, "верхнее": 20, "нижнее": 20}
TEXT_PT = (12, 14)
TABLE_MIN_PT = 10


def check_layout(path: Path) -> list[str]:
    """What in the document at ``path`` breaks the layout rules (empty: nothing)."""
    document = Document(str(path))
    return [*_page(document), *_text_sizes(document), *_page_numbers(document)]


def _mm(length: Length | None) -> float:
    return 0.0 if length is None else length.mm


def _page(document: WordDocument) -> Iterator[str]:
    section = document.sections[0]
    size = (round(_mm(section.page_width)), round(_mm(section.page_height)))
    if size not in (A4_MM, A4_MM[::-1]):
        yield f"Формат листа {size[0]}×{size[1]} мм, а нужен A4 (210×297 мм)"
    margins = {
        "левое": section.left_margin,
        "правое": section.right_margin,
        "верхнее": section.top_margin,
        "нижнее": section.bottom_margin,
    }
    for name, length in margins.items():
        if _mm(length) + 0.05 < MARGINS_MM[name]:
            least = MARGINS_MM[name]
            yield f"{name.capitalize()} поле {_mm(length):.0f} мм, а нужно не меньше {least} мм"


def _size(paragraph: Paragraph, default: float) -> list[float]:
    """The sizes (pt) the paragraph's text is set in."""
    style = paragraph.style
    base = default
    while style is not None:
        if style.font.size is not None:
            base = style.font.size.pt
            break
        style = style.base_style
    return [
        run.font.size.pt if run.font.size else base for run in paragraph.runs if run.text.strip()
    ]


def _text_sizes(document: WordDocument) -> Iterator[str]:
    normal = document.styles["Normal"].font.size
    default = normal.pt if normal is not None else 11.0
    high = TEXT_PT[1]
    cells = (p for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs)
    for where, low, paragraphs in (
        ("Текст", TEXT_PT[0], document.paragraphs),
        ("Текст таблицы", TABLE_MIN_PT, cells),
    ):
        for paragraph in paragraphs:
            wrong = [size for size in _size(paragraph, default) if not low <= size <= high]
            if wrong:
                shown = paragraph.text.strip()[:40]
                yield f"{where} «{shown}» набран {wrong[0]:g} пт, а нужно от {low} до {high} пт"


def _has_page_field(paragraphs: list[Paragraph]) -> bool:
    for paragraph in paragraphs:
        element = paragraph._p
        simple = element.findall(f".//{qn('w:fldSimple')}")
        codes = element.findall(f".//{qn('w:instrText')}")
        if any("PAGE" in (f.get(qn("w:instr")) or "").split() for f in simple):
            return True
        if any("PAGE" in (c.text or "").split() for c in codes):
            return True
    return False


def _page_numbers(document: WordDocument) -> Iterator[str]:
    section = document.sections[0]
    header = section.header
    numbered = [p for p in header.paragraphs if _has_page_field([p])]
    if header.is_linked_to_previous or not numbered:
        yield "Нет номеров страниц в верхнем колонтитуле: их ставят со второй страницы"
        return
    if any(p.alignment is not WD_ALIGN_PARAGRAPH.CENTER for p in numbered):
        yield "Номер страницы должен стоять по центру верхнего поля"
    if not section.different_first_page_header_footer or _has_page_field(
        section.first_page_header.paragraphs
    ):
        yield (
            "На первой странице номер не ставится: включите «Особый колонтитул для первой страницы»"
        )
