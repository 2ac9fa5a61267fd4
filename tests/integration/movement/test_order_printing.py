"""A clean copy for signature: the paper says no «ПРОЕКТ»; the registry and the file name keep
the draft status; `sgo documents print` writes the docx and, with LibreOffice, the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from support import SiteHarness, pdf_layout
from typer.testing import CliRunner

from sgo_model.cli import app
from sgo_model.intake.receipts import Verdict

runner = CliRunner()
TITLE = "Приказ № 1-д от 16.11.2026 О зачислении воспитанника"


def _order_document(harness: SiteHarness) -> tuple[str, Path]:
    with harness.uow() as uow:
        (record,) = uow.documents.list("order")
    return record.status, Path(record.path)


def _texts(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.text.strip()]


def _print(harness: SiteHarness, out: Path, *more: str) -> str:
    env = {"SGO_DATABASE_URL": harness.url, "SGO_HOME": ""}
    command = ["documents", "print", *more, "--out", str(out), "--home", str(harness.site.home)]
    result = runner.invoke(app, command, env=env)
    return f"{result.exit_code}\n{result.output}"


def test_a_draft_is_named_so_but_prints_clean_and_the_signed_copy_drops_the_name(
    pending: SiteHarness, tmp_path: Path
) -> None:
    status, path = _order_document(pending)
    assert status == "draft"
    assert path.name == f"{TITLE} (проект).docx"
    assert _texts(path)[1] == "ПРИКАЗ"
    assert not any("ПРОЕКТ" in text for text in _texts(path))

    assert pending.sign_order("1-д").verdict is Verdict.ACCEPTED
    pending.publish()
    status, signed = _order_document(pending)
    assert (status, signed.name) == ("registered", f"{TITLE}.docx")  # signed, numbered
    assert not path.exists()  # the draft's file made way for the signed copy
    assert sorted(p.name for p in signed.parent.iterdir()) == [signed.name]


def test_print_writes_the_order_to_sign(
    pending: SiteHarness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sgo_model.office.pdf.office_program", lambda: None)
    said = _print(pending, tmp_path / "печать", "1-д")

    assert said.splitlines()[:2] == [
        "0",
        "Приказ № 1-д от 16.11.2026 «О зачислении воспитанника» (draft: not signed yet)",
    ]
    copy = tmp_path / "печать" / f"{TITLE}.docx"
    assert f"Word: {copy}" in said.replace("\n", "")
    assert "LibreOffice is not installed: no PDF made." in said
    _, registered = _order_document(pending)
    assert copy.read_bytes() == registered.read_bytes()


def test_print_of_an_unknown_order_says_so(pending: SiteHarness, tmp_path: Path) -> None:
    said = _print(pending, tmp_path / "печать", "7-д")

    assert said.splitlines()[0] == "1"
    assert "Приказ № 7-д не найден" in said
    assert not (tmp_path / "печать").exists()


def test_print_refuses_a_registered_file_changed_since(
    pending: SiteHarness, tmp_path: Path
) -> None:
    _, registered = _order_document(pending)
    registered.write_bytes(registered.read_bytes() + b"\0")

    said = _print(pending, tmp_path / "печать", "1-д")
    assert said.splitlines()[0] == "1"
    assert "изменён или удалён после регистрации" in said


@pytest.mark.soffice
def test_print_makes_a_pdf_without_a_draft_mark(pending: SiteHarness, tmp_path: Path) -> None:
    said = _print(pending, tmp_path / "печать", "1-д")

    pdf = tmp_path / "печать" / f"{TITLE}.pdf"
    assert f"PDF: {pdf}" in said.replace("\n", "")
    text = "\f".join(pdf_layout(pdf))
    assert "ПРИКАЗЫВАЮ:" in text and "ПРОЕКТ" not in text
