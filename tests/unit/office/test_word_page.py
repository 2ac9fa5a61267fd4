"""The page set-up and base style of Word documents."""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Length, Pt

from sgo_model.office.word_page import a4_page, plain_normal_style


def _cm(*lengths: Length) -> tuple[float, ...]:
    # Word stores twips: a centimetre comes back a little off.
    return tuple(round(length.cm, 2) for length in lengths)


def test_a4_page_turns_the_sheet_for_landscape_and_sets_the_margins() -> None:
    section = Document().sections[0]

    a4_page(section, landscape=True, top=1.5, bottom=1.5, left=2, right=1)

    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert _cm(section.page_width, section.page_height) == (29.7, 21)
    assert _cm(section.left_margin, section.right_margin) == (2, 1)
    a4_page(section, landscape=False, top=2, bottom=2, left=3, right=1.5)
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert _cm(section.page_width, section.page_height) == (21, 29.7)
    assert _cm(section.top_margin, section.bottom_margin) == (2, 2)


def test_plain_normal_style_uses_one_font_for_every_script_and_the_language() -> None:
    document = Document()

    plain_normal_style(document, "Times New Roman", 12, language="ru-RU")

    style = document.styles["Normal"]
    assert style.font.size == Pt(12)
    fonts = style.element.rPr.rFonts
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "cs", "eastAsia")} == {
        "Times New Roman"
    }
    assert style.element.rPr.find(qn("w:lang")).get(qn("w:val")) == "ru-RU"
    assert style.paragraph_format.space_after == Pt(0)
    assert style.paragraph_format.line_spacing == 1.0
