"""Page set-up and the base style of the Word documents the engine writes and its templates."""

from __future__ import annotations

from typing import Any

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt


def a4_page(
    section: Any, *, landscape: bool, top: float, bottom: float, left: float, right: float
) -> None:
    """Lay ``section`` out on A4, landscape or portrait, with these margins (cm)."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long = Cm(21), Cm(29.7)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
    section.left_margin, section.right_margin = Cm(left), Cm(right)


def plain_normal_style(
    document: Any, font: str, size: float, *, language: str | None = None
) -> None:
    """Set the Normal style: ``font`` for every script, ``size`` points, single lines with no
    space around paragraphs, and the text's ``language`` (``ru-RU``) if given."""
    style = document.styles["Normal"]
    style.font.name = font
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    # Word takes Cyrillic from the complex-script and East Asian slots too.
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), font)
    if language is not None:
        element = OxmlElement("w:lang")
        element.set(qn("w:val"), language)
        element.set(qn("w:eastAsia"), language)
        style.element.get_or_add_rPr().append(element)
    paragraph = style.paragraph_format
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(0)
    paragraph.line_spacing = 1.0


def add_field(paragraph: Any, code: str) -> None:
    """Append a field (``PAGE``, ``NUMPAGES``) to a paragraph; Word and LibreOffice fill it in
    when the page is laid out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def repeat_header_row(row: Any) -> None:
    """Make a table's row repeat at the top of every page the table runs onto."""
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def page_numbers_from_the_second(section: Any) -> None:
    """The page number centred in the top margin, from the second page on (ГОСТ Р 7.0.97)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_field(paragraph, "PAGE")


def add_line(
    document: Any,
    text: str,
    *,
    bold: bool = False,
    centre: bool = False,
    before: float = 0,
    after: float = 0,
    size: float | None = None,
) -> Any:
    """Append a paragraph of one run: bold or not, centred or not, with the space before and
    after it (points) and its own font size if given; the paragraph."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = document.add_paragraph()
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    return paragraph
