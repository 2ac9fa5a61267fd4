"""``sgo demo``: a fictional kindergarten set up through the real intake flow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from flows.cli import app

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_demo_sets_up_a_whole_kindergarten_and_shows_one_rejected_file(tmp_path: Path) -> None:
    home = tmp_path / "demo"
    runner = CliRunner()
    env = {"SGO_DATABASE_URL": "", "SGO_HOME": ""}
    result = runner.invoke(app, ["demo", "--home", str(home)], env=env)
    assert result.exit_code == 0, result.output
    assert "accepted: 6, rejected: 1" in result.output
    assert "Traceback" not in result.output

    status = runner.invoke(app, ["status", "--json", "--home", str(home)], env=env)
    state = json.loads(status.output)
    assert state["pupils"] == 250
    assert state["groups"] == 12
    assert state["employees"] == 40
    assert state["submissions"]["rejected"] == 1

    (rejected,) = home.glob("inbox/*/rejected/*.квитанция.txt")
    text = rejected.read_text(encoding="utf-8")
    assert "ОТКЛОНЁН" in text
    for expected in ("не существует", "не найдена", "латинские буквы", "не согласуется"):
        assert expected in text
    assert list(home.glob("inbox/*/rejected/*.ошибки.xlsx"))

    (roster,) = home.glob("documents/*/Списки групп.docx")
    document = Document(str(roster))
    pupils = sum(len(table.rows) - 1 for table in document.tables)
    assert pupils == 250
    assert (home / "documents" / "2026-2027" / "Наполняемость групп.xlsx").exists()
