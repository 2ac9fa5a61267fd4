"""Order templates against ГОСТ Р 7.0.97-2025: the shipped ones pass, an edited one that
breaks a rule is told which (`sgo templates check`), and page numbers start on page two."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.shared import Mm, Pt
from support import convert_to_pdf, pdf_layout
from typer.testing import CliRunner

from sgo_model.bootstrap import REPOSITORY_TEMPLATES
from sgo_model.cli import app
from sgo_model.movement.documents.template_check import check_order_template
from sgo_model.office.order_document import OrderRenderer, OrderText

runner = CliRunner()
ORDERS = sorted((REPOSITORY_TEMPLATES / "documents").glob("order*.docx"))


@pytest.mark.parametrize("template", ORDERS, ids=[p.name for p in ORDERS])
def test_the_shipped_order_templates_keep_the_rules(template: Path) -> None:
    assert check_order_template(template) == []


def _spoiled(folder: Path) -> Path:
    """The shared order template as a careless edit leaves it."""
    path = folder / "documents" / "order.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPOSITORY_TEMPLATES / "documents" / "order.docx", path)
    document = docx.Document(str(path))
    section = document.sections[0]
    section.left_margin = Mm(15)
    section.different_first_page_header_footer = False
    for paragraph in document.paragraphs:
        if "{{ number }}" in paragraph.text:
            for run in paragraph.runs:
                run.text = run.text.replace("№ {{ number }}", "")
        if paragraph.text == "{{ title }}":
            paragraph.runs[0].font.size = Pt(16)
    document.add_paragraph("ПРОЕКТ")
    document.save(str(path))
    return path


def test_an_edited_template_is_told_every_rule_it_breaks(tmp_path: Path) -> None:
    problems = check_order_template(_spoiled(tmp_path))

    assert problems == [
        "Левое поле 15 мм, а нужно не меньше 20 мм",
        "Текст «{{ title }}» набран 16 пт, а нужно от 12 до 14 пт",
        "На первой странице номер не ставится: включите «Особый колонтитул для первой страницы»",
        "Нет реквизита: регистрационный номер ({{ number }})",
        "Шаблон печатает «ПРОЕКТ»: заведующий подписывает эту бумагу; проект отличают реестр и "
        "имя файла",
    ]


def test_the_command_checks_the_sites_own_templates(tmp_path: Path) -> None:
    home = tmp_path / "site"
    home.mkdir()
    result = runner.invoke(app, ["templates", "check", "--home", str(home)])
    assert result.exit_code == 0, result.output
    assert result.output.count("OK") == len(ORDERS) + 3  # and the three report templates

    # The site's own templates (a copy the institution edits) are the ones checked.
    site_templates = home / "templates"
    shutil.copytree(REPOSITORY_TEMPLATES, site_templates)
    _spoiled(site_templates)
    result = runner.invoke(app, ["templates", "check", "--home", str(home)])
    assert result.exit_code == 1
    assert "Левое поле 15 мм" in result.output

    report = site_templates / "documents" / "authority" / "form_85k.json"
    report.write_text(report.read_text(encoding="utf-8").replace('"ages"', '"age_band"', 1))
    result = runner.invoke(app, ["templates", "check", "--home", str(home)])
    assert "признак «age_band» не известен ни одному источнику раздела" in result.output


@pytest.mark.soffice
def test_page_numbers_start_on_the_second_page(tmp_path: Path) -> None:
    items = [
        f"Зачислить воспитанника номер {n} в группу «Ромашка» с 01.09.2026." for n in range(60)
    ]
    order = OrderText(
        institution="МБДОУ «Детский сад № 5»",
        address="",
        place="г. Энск",
        date=date(2026, 9, 1),
        number="12-д",
        title="О зачислении воспитанников",
        preamble="На основании заявлений родителей (законных представителей),",
        items=items,
        head_post="Заведующий",
        head_name="О. П. Смирнова",
        acquainted=[],
    )
    out = tmp_path / "order.docx"
    OrderRenderer(REPOSITORY_TEMPLATES / "documents" / "order.docx").render(order, out)
    (pdf,) = convert_to_pdf(tmp_path, out)
    pages = pdf_layout(pdf)
    assert len([p for p in pages if p.strip()]) >= 2
    assert pages[0].strip().startswith("МБДОУ")  # no number on the first page
    assert pages[1].strip().splitlines()[0].strip() == "2"
