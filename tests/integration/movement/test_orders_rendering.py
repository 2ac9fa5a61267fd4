"""Orders (приказы) rendered from the committed template by the prepared renderer.

Every document is read back with python-docx: the tests check what a person would see,
and that the fast renderer produces what plain docxtpl produces for the same order.
"""

from __future__ import annotations

import dataclasses
import re
import runpy
import subprocess
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from docxtpl import DocxTemplate
from lxml import etree
from support import convert_to_pdf

from sgo_model.office.order_document import (
    ORDER_VARIABLES,
    OrderRenderer,
    OrderText,
    render_order,
)
from sgo_model.office.templating import (
    TemplateError,
    check_docx_template,
    sandboxed_environment,
)

ORDER_TEMPLATE = Path(__file__).resolve().parents[3] / "templates" / "documents" / "order.docx"
INSTITUTION = (
    "Муниципальное бюджетное дошкольное образовательное учреждение\n«Детский сад № 12 «Ромашка»»"
)
PREAMBLE = (
    "На основании заявления родителя (законного представителя) от 20.08.2026 № 45, "
    "направления Управления образования от 15.08.2026 № 312,"
)
ITEM = (
    "Зачислить Иванову Марию Сергеевну, 12.03.2022 г.р., в группу «Ромашка» "
    "общеразвивающей направленности с 01.09.2026."
)
CONTROL = "Контроль за исполнением настоящего приказа оставляю за собой."


def _order(**changes: Any) -> OrderText:
    order = OrderText(
        institution=INSTITUTION,
        address="620000, г. Энск, ул. Ленина, д. 1",
        place="г. Энск",
        date=date(2026, 9, 1),
        number="12-д",
        title="О зачислении воспитанников",
        preamble=PREAMBLE,
        items=[ITEM],
        head_post="Заведующий",
        head_name="О. П. Смирнова",
        acquainted=["Иванова Ольга Петровна"],
        draft=False,
    )
    return dataclasses.replace(order, **changes)


def _context(order: OrderText) -> dict[str, object]:
    return {field.name: getattr(order, field.name) for field in dataclasses.fields(order)}


def _canonical(package: zipfile.ZipFile, part: str) -> bytes:
    """A part's XML in canonical form (C14N 2.0): equal for the same infoset, however written."""
    return bytes(etree.tostring(etree.fromstring(package.read(part)), method="c14n2"))


def render_docx(template: Path, context: dict[str, object], out: Path) -> None:
    """The reference: docxtpl's own render and save, in the engine's sandbox."""
    document = DocxTemplate(template)
    document.render(context, jinja_env=sandboxed_environment(), autoescape=True)
    document.save(out)


def _texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text]


def _tables(path: Path) -> list[list[list[str]]]:
    return [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in docx.Document(str(path)).tables
    ]


@pytest.fixture(scope="module")
def renderer() -> OrderRenderer:
    return OrderRenderer(ORDER_TEMPLATE)


def test_order_reads_as_an_order(tmp_path: Path, renderer: OrderRenderer) -> None:
    out = tmp_path / "order.docx"
    renderer.render(_order(), out)

    assert _texts(out) == [
        INSTITUTION,
        "620000, г. Энск, ул. Ленина, д. 1",
        "ПРИКАЗ",
        "«01» сентября 2026 г.\t№ 12-д",
        "г. Энск",
        "О зачислении воспитанников",
        PREAMBLE,
        "ПРИКАЗЫВАЮ:",
        f"1. {ITEM}",
        f"2. {CONTROL}",
        "Заведующий\t____________\tО. П. Смирнова",
        "С приказом ознакомлены:",
    ]
    assert _tables(out) == [
        [
            ["ФИО родителя (законного представителя)", "Подпись", "Дата"],
            ["Иванова Ольга Петровна", "", ""],
        ]
    ]


def test_institution_name_on_two_lines_is_one_bold_centred_paragraph(
    tmp_path: Path, renderer: OrderRenderer
) -> None:
    out = tmp_path / "order.docx"
    renderer.render(_order(), out)

    letterhead = next(p for p in docx.Document(str(out)).paragraphs if p.text == INSTITUTION)
    assert letterhead.alignment == 1  # centred
    assert all(run.bold for run in letterhead.runs if run.text)
    assert "<w:br/>" in letterhead._p.xml


def test_items_are_numbered_in_order_and_control_comes_last(
    tmp_path: Path, renderer: OrderRenderer
) -> None:
    items = [
        "Зачислить Иванову Марию Сергеевну, 12.03.2022 г.р., в группу «Ромашка».",
        "Зачислить Петрова Ивана Андреевича, 05.12.2021 г.р., в группу «Солнышко».",
        "Зачислить Кузнецову Анну Львовну, 01.01.2022 г.р., в группу «Ромашка».",
    ]
    out = tmp_path / "order.docx"
    renderer.render(_order(items=items, acquainted=["Иванова О. П.", "", "Кузнецов Л. А."]), out)

    texts = _texts(out)
    start = texts.index("ПРИКАЗЫВАЮ:") + 1
    assert texts[start : start + 4] == [
        f"1. {items[0]}",
        f"2. {items[1]}",
        f"3. {items[2]}",
        f"4. {CONTROL}",
    ]
    paragraphs = docx.Document(str(out)).paragraphs
    numbered = [p for p in paragraphs if p.text.startswith(("1. ", "2. ", "3. ", "4. "))]
    # Typed numbers, not Word's list numbering, so that every viewer shows the same.
    assert all(p._p.pPr.numPr is None for p in numbered)
    assert all(p.alignment == 3 for p in numbered)  # justified
    assert _tables(out)[0][1:] == [
        ["Иванова О. П.", "", ""],
        ["", "", ""],
        ["Кузнецов Л. А.", "", ""],
    ]


def test_a_draft_prints_as_the_paper_to_sign_and_address_is_optional(
    tmp_path: Path, renderer: OrderRenderer
) -> None:
    draft, final = tmp_path / "draft.docx", tmp_path / "final.docx"
    renderer.render(_order(draft=True, address=""), draft)
    renderer.render(_order(draft=False, address=""), final)

    # The head signs the paper: no «ПРОЕКТ» on it; the registry and file name tell a draft.
    assert _texts(draft) == _texts(final)
    assert _texts(draft)[:2] == [INSTITUTION, "ПРИКАЗ"]
    assert not any("ПРОЕКТ" in text for text in _texts(draft))


def test_values_are_escaped_as_text(tmp_path: Path, renderer: OrderRenderer) -> None:
    out = tmp_path / "order.docx"
    title = 'О переводе <воспитанников> & "прочем"'
    renderer.render(_order(title=title, head_name="Рога & Копыта"), out)

    texts = _texts(out)
    assert title in texts
    assert "Заведующий\t____________\tРога & Копыта" in texts


def test_fast_renderer_matches_plain_docxtpl(tmp_path: Path, renderer: OrderRenderer) -> None:
    for n, order in enumerate(
        [
            _order(),
            _order(draft=True, address="", items=[ITEM, ITEM + " 2"], acquainted=["", "А & Б"]),
            _order(items=[], acquainted=[], title="О <переводе>\tвоспитанников"),
        ]
    ):
        fast, plain = tmp_path / f"fast{n}.docx", tmp_path / f"plain{n}.docx"
        renderer.render(order, fast)
        render_docx(ORDER_TEMPLATE, _context(order), plain)

        assert _texts(fast) == _texts(plain)
        assert _tables(fast) == _tables(plain)
        with zipfile.ZipFile(fast) as ours, zipfile.ZipFile(plain) as theirs:
            assert _canonical(ours, "word/document.xml") == _canonical(theirs, "word/document.xml")


def test_output_is_a_sound_package_with_every_member_of_the_template(
    tmp_path: Path, renderer: OrderRenderer
) -> None:
    out = tmp_path / "Приказы" / "order.docx"
    renderer.render(_order(), out)
    renderer.render(_order(number="13-д"), out)  # replaces the file

    with zipfile.ZipFile(out) as package, zipfile.ZipFile(ORDER_TEMPLATE) as template:
        assert package.testzip() is None
        assert package.namelist() == template.namelist()
        for name in template.namelist():
            if name != "word/document.xml":
                assert package.read(name) == template.read(name)
    assert "«01» сентября 2026 г.\t№ 13-д" in _texts(out)
    assert [p.name for p in out.parent.iterdir()] == ["order.docx"]


def test_render_order_renders_one_order(tmp_path: Path) -> None:
    out = tmp_path / "order.docx"
    render_order(_order(), ORDER_TEMPLATE, out)
    assert "ПРИКАЗЫВАЮ:" in _texts(out)


def test_variables_are_the_fields_of_the_order_text() -> None:
    assert {field.name for field in dataclasses.fields(OrderText)} == ORDER_VARIABLES
    check_docx_template(ORDER_TEMPLATE, set(ORDER_VARIABLES))


def test_the_script_rebuilds_the_committed_template(tmp_path: Path) -> None:
    script = Path(__file__).resolve().parents[3] / "scripts" / "make_document_templates.py"
    runpy.run_path(str(script))["main"](["--out", str(tmp_path)])

    rebuilt, committed = tmp_path / "rebuilt.docx", tmp_path / "committed.docx"
    render_order(_order(draft=True), tmp_path / "order.docx", rebuilt)
    render_order(_order(draft=True), ORDER_TEMPLATE, committed)
    assert _texts(rebuilt) == _texts(committed)
    with zipfile.ZipFile(rebuilt) as ours, zipfile.ZipFile(committed) as theirs:
        assert _canonical(ours, "word/document.xml") == _canonical(theirs, "word/document.xml")


# --- an institution's own template ----------------------------------------------------------


def _template(path: Path, *lines: str, header: str | None = None) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    document.save(str(path))
    return path


def test_unknown_variable_is_refused_when_preparing(tmp_path: Path) -> None:
    template = _template(tmp_path / "order.docx", "{{ title }}", "{{ headmaster }}")

    with pytest.raises(TemplateError, match="неизвестные переменные «headmaster»"):
        OrderRenderer(template)


def test_undefined_value_while_rendering_is_a_template_error(tmp_path: Path) -> None:
    template = _template(tmp_path / "order.docx", "{{ title.author }}")
    renderer = OrderRenderer(template)

    with pytest.raises(TemplateError, match="author") as caught:
        renderer.render(_order(), tmp_path / "out.docx")
    assert caught.value.template == template
    assert not (tmp_path / "out.docx").exists()


def test_broken_template_code_is_refused_when_preparing(tmp_path: Path) -> None:
    template = _template(tmp_path / "order.docx", "{%p if draft %}", "ПРОЕКТ")

    with pytest.raises(TemplateError):
        OrderRenderer(template)


def test_tags_in_the_page_header_are_rendered_as_docxtpl_does(tmp_path: Path) -> None:
    template = _template(
        tmp_path / "order.docx",
        "{{ title }}",
        "{%p for item in items %}",
        "{{ loop.index }}) {{ item }}",
        "{%p endfor %}",
        header="Приказ № {{ number }} от {{ date|short_date }}",
    )
    fast, plain = tmp_path / "fast.docx", tmp_path / "plain.docx"
    order = _order(items=["первый", "второй"])
    OrderRenderer(template).render(order, fast)
    render_docx(template, _context(order), plain)

    assert _texts(fast) == ["О зачислении воспитанников", "1) первый", "2) второй"]
    header = docx.Document(str(fast)).sections[0].header.paragraphs[0].text
    assert header == "Приказ № 12-д от 01.09.2026"
    assert header == docx.Document(str(plain)).sections[0].header.paragraphs[0].text


def test_cell_loops_get_the_table_grid_docxtpl_gives_them(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("{{ title }}")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(
        table.rows[0].cells,
        ["Пункты", "{%tc for item in items %}", "{{ item }}", "{%tc endfor %}"],
        strict=True,
    ):
        cell.text = text
    template = tmp_path / "order.docx"
    document.save(str(template))
    renderer = OrderRenderer(template)

    for count in (1, 2, 3, 5):
        order = _order(items=[f"п. {n}" for n in range(1, count + 1)])
        fast, plain = tmp_path / f"fast{count}.docx", tmp_path / f"plain{count}.docx"
        renderer.render(order, fast)
        render_docx(template, _context(order), plain)

        assert _tables(fast) == [[["Пункты", *order.items]]]
        with zipfile.ZipFile(fast) as ours, zipfile.ZipFile(plain) as theirs:
            assert _canonical(ours, "word/document.xml") == _canonical(theirs, "word/document.xml")


@pytest.mark.soffice
def test_order_converts_to_pdf(tmp_path: Path, renderer: OrderRenderer) -> None:
    out = tmp_path / "order.docx"
    renderer.render(_order(draft=True, acquainted=["Иванова Ольга Петровна", ""]), out)
    (pdf,) = convert_to_pdf(tmp_path, out)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "ПРИКАЗЫВАЮ:" in text
    assert "«01» сентября 2026 г." in text
    assert text.count("\f") == 1  # one page


def _rewritten(template: Path, out: Path, change: Callable[[bytes], bytes]) -> Path:
    """A copy of ``template`` with its document part written another way."""
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = change(data)
            target.writestr(info, data)
    return out


def _quotes_as_entities(xml: bytes) -> bytes:
    # As LibreOffice writes text: quotes as entities, which only lxml's reading undoes.
    text = xml.decode("utf-8")
    head, _, body = text.partition("<w:body>")
    return (head + "<w:body>" + re.sub(r"(?<=>)([^<]*)", _entities, body)).encode("utf-8")


def _entities(match: re.Match[str]) -> str:
    return match.group(1).replace('"', "&quot;").replace("'", "&apos;")


@pytest.mark.parametrize(
    "change",
    [_quotes_as_entities, lambda xml: b"\xef\xbb\xbf" + xml],
    ids=["saved by LibreOffice (quotes as entities)", "with a byte-order mark"],
)
def test_a_template_written_another_way_renders_as_docxtpl_renders_it(
    tmp_path: Path, change: Callable[[bytes], bytes]
) -> None:
    base = _template(
        tmp_path / "base.docx",
        '{{ title }}{{ " (проект)" if draft else "" }}',
        "{%p for item in items %}",
        "{{ loop.index }}) {{ item }}",
        "{%p endfor %}",
    )
    template = _rewritten(base, tmp_path / "order.docx", change)
    order = _order(draft=True, items=["первый", "второй"])
    fast, plain = tmp_path / "fast.docx", tmp_path / "plain.docx"

    OrderRenderer(template).render(order, fast)
    render_docx(template, _context(order), plain)

    expected = ["О зачислении воспитанников (проект)", "1) первый", "2) второй"]
    assert _texts(fast) == _texts(plain) == expected
    with zipfile.ZipFile(fast) as ours, zipfile.ZipFile(plain) as theirs:
        assert ours.testzip() is None
        assert _canonical(ours, "word/document.xml") == _canonical(theirs, "word/document.xml")


@pytest.mark.parametrize("shown", [True, False])
def test_a_row_left_out_by_a_row_tag_gets_the_grid_docxtpl_gives_it(
    tmp_path: Path, shown: bool
) -> None:
    document = docx.Document()
    document.add_paragraph("{{ title }}")
    table = document.add_table(rows=3, cols=3)
    table.rows[0].cells[0].text = "{%tr if draft %}"
    for cell, text in zip(table.rows[1].cells, ["Проект", "", ""], strict=True):
        cell.text = text
    table.rows[2].cells[0].text = "{%tr endif %}"
    extra = docx.Document().add_table(rows=1, cols=2)
    table._tbl.addnext(extra._tbl)  # a narrower table after it keeps its own grid
    template = tmp_path / "order.docx"
    document.save(str(template))
    order = _order(draft=shown)
    fast, plain = tmp_path / "fast.docx", tmp_path / "plain.docx"

    OrderRenderer(template).render(order, fast)
    render_docx(template, _context(order), plain)

    with zipfile.ZipFile(fast) as ours, zipfile.ZipFile(plain) as theirs:
        assert _canonical(ours, "word/document.xml") == _canonical(theirs, "word/document.xml")
