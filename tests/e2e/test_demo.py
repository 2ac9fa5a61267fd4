"""``sgo demo``: a fictional kindergarten set up through the real intake flow."""

from __future__ import annotations

import json
from datetime import date
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
    assert "rejected: 2" in result.output  # the pupils form and one attendance sheet
    assert "Traceback" not in result.output

    status = runner.invoke(app, ["status", "--json", "--home", str(home)], env=env)
    state = json.loads(status.output)
    assert state["pupils"] == 250 + 16 + 1  # set-up, autumn enrolments, one application
    assert state["groups"] == 12
    assert state["employees"] == 40
    assert state["submissions"]["rejected"] == 2

    (rejected,) = home.glob("inbox/*/rejected/*Воспитанники*.квитанция.txt")
    text = rejected.read_text(encoding="utf-8")
    assert "ОТКЛОНЁН" in text
    for expected in ("не существует", "не найдена", "латинские буквы", "не согласуется"):
        assert expected in text
    assert list(home.glob("inbox/*/rejected/*.ошибки.xlsx"))

    (roster,) = home.glob("documents/*/Списки групп.docx")
    document = Document(str(roster))
    pupils = sum(len(table.rows) - 1 for table in document.tables)
    # In groups today: 250 + 16 enrolled in the autumn - 4 withdrawn; the application's
    # child joins on 01.12.2026.
    if date.today() < date(2026, 12, 1):
        assert pupils == 262
    assert (home / "documents" / "2026-2027" / "Наполняемость групп.xlsx").exists()
    listed = runner.invoke(
        app, ["documents", "list", "--kind", "order", "--json", "--home", str(home)], env=env
    )
    orders = json.loads(listed.output)
    assert len(orders) == 21
    assert sum(o["status"] == "signed" for o in orders) == 19
    assert all(Path(o["path"]).exists() for o in orders)
    assert (
        home / "documents" / "Книга движения" / "Книга учёта движения воспитанников.xlsx"
    ).exists()

    (sheet,) = home.glob("inbox/*/rejected/*Посещаемость*.квитанция.txt")
    assert "учреждение не работает" in sheet.read_text(encoding="utf-8")
    timesheets = list(home.glob("documents/2026-2027/Табели/*/Табель *.xlsx"))
    assert len(timesheets) == 12 * len({p.parent for p in timesheets})
