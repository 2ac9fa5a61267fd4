"""The ``sgo`` command line, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from support import PUPILS, STAFF, SiteHarness, run_sgo
from typer.testing import CliRunner

from flows.cli import app
from sgo_model.domain.roles import FormKind
from sgo_model.forms.blanks import LISTS_SHEET

runner = CliRunner()


sgo = run_sgo


def test_init_creates_the_site_and_the_admin(tmp_path: Path, sqlite_url: str) -> None:
    home = tmp_path / "new"
    result = runner.invoke(
        app,
        [
            "init",
            "--institution",
            "Детский сад № 7",
            "--year",
            "2026/2027",
            "--admin",
            "boss",
            "--home",
            str(home),
        ],
        env={"SGO_DATABASE_URL": sqlite_url},
    )
    assert result.exit_code == 0, result.output
    assert (home / "inbox" / "boss").is_dir()
    assert (home / "inbox" / "README.txt").read_text(encoding="utf-8").startswith("Входящие")
    for folder in ("archive", "documents", "outbox"):
        assert (home / folder).is_dir()
    listed = runner.invoke(
        app, ["users", "list", "--home", str(home)], env={"SGO_DATABASE_URL": sqlite_url}
    )
    assert "boss" in listed.output and "admin" in listed.output


def test_a_wrong_year_is_a_one_line_error(tmp_path: Path, sqlite_url: str) -> None:
    result = runner.invoke(
        app,
        ["init", "--institution", "X", "--year", "2026", "--home", str(tmp_path)],
        env={"SGO_DATABASE_URL": sqlite_url},
    )
    assert result.exit_code == 1
    assert "Учебный год «2026» указан неверно" in result.output
    assert "Traceback" not in result.output


def test_commands_refuse_a_site_that_was_never_initialised(tmp_path: Path) -> None:
    result = runner.invoke(app, ["status", "--home", str(tmp_path)], env={"SGO_DATABASE_URL": ""})
    assert result.exit_code != 0
    assert "not initialised" in result.output


def test_users_add_and_list(sqlite_harness: SiteHarness) -> None:
    code, output = sgo(sqlite_harness, "users", "add", "nurse1", "--role", "медицинская сестра")
    assert code == 0, output
    assert sqlite_harness.site.user_inbox("nurse1").is_dir()
    code, output = sgo(sqlite_harness, "users", "list")
    assert "nurse1" in output and "nurse" in output
    code, output = sgo(sqlite_harness, "users", "add", "x", "--role", "boss")
    assert code == 1 and "Неизвестная роль «boss»" in output


def test_ingest_prints_a_summary_and_strict_fails_on_a_rejection(
    harness: SiteHarness,
) -> None:
    harness.drop_setup(upto=FormKind.GROUPS)
    code, output = sgo(harness, "ingest", "--settle", "0")
    assert code == 0, output
    assert output.count("accepted") == 4
    harness.drop("clerk", FormKind.PUPILS, [{**PUPILS[0], "Группа": "Нет"}])
    code, output = sgo(harness, "ingest", "--settle", "0", "--strict")
    assert code == 1
    assert "rejected" in output
    code, output = sgo(harness, "status", "--json")
    state = json.loads(output)
    assert state["employees"] == len(STAFF)
    assert state["groups"] == 2
    assert state["submissions"] == {"accepted": 4, "rejected": 1, "duplicate": 0}
    # Rosters, fill report, movement book (xlsx and pages), the data-quality workbook.
    assert state["documents"] == 5
    code, output = sgo(harness, "documents", "list", "--json")
    documents = {d["kind"]: d for d in json.loads(output)}
    assert set(documents) == {
        "group_rosters", "group_fill", "movement_book", "movement_book_pages", "data_quality",
    }  # fmt: skip
    assert documents["group_fill"]["template"] == "documents/group_fill.xlsx"
    # The fill report, read back: capacity by area (50.5 / 2.0, 6.0 / 2.0), no pupils yet.
    fill = load_workbook(documents["group_fill"]["path"]).active
    assert [list(row) for row in fill.iter_rows(min_row=6, max_row=8, values_only=True)] == [
        [1, "Ромашка", "средняя", "общеразвивающая", 50.5, 2, 25, None, 25, 0, 0, None, 25, 0],
        [2, "Солнышко", "вторая младшая", "общеразвивающая", 6, 2, 3, None, 3, 0, 0, None, 3, 0],
        ["Итого", None, None, None, 56.5, None, 28, None, 28, 0, 0, None, 28, 0],
    ]


def test_blank_forms_list_the_groups_the_store_knows(
    sqlite_harness: SiteHarness, tmp_path: Path
) -> None:
    sqlite_harness.drop_setup(upto=FormKind.GROUPS)
    sqlite_harness.ingest()
    code, output = sgo(sqlite_harness, "forms", "--out", str(tmp_path / "blanks"))
    assert code == 0, output
    pupils = load_workbook(tmp_path / "blanks" / "Бланк — Воспитанники.xlsx")
    lists = pupils[LISTS_SHEET]
    headers = [c.value for c in lists[1]]
    column = headers.index("Группа") + 1
    groups = [lists.cell(r, column).value for r in range(2, 4)]
    assert groups == ["Ромашка", "Солнышко"]


def test_calendar_override_and_month_view(sqlite_harness: SiteHarness) -> None:
    code, output = sgo(sqlite_harness, "calendar", "show", "--month", "2026-11")
    assert "20 working days" in output
    assert "День народного единства" in output
    code, output = sgo(
        sqlite_harness, "calendar", "set", "2026-11-05", "--closed", "--reason", "ремонт"
    )
    assert code == 0, output
    code, output = sgo(sqlite_harness, "calendar", "show", "--month", "2026-11")
    assert "19 working days" in output and "ремонт" in output


@pytest.mark.parametrize("command", [["--help"], ["ingest", "--help"], ["serve", "--help"]])
def test_help_is_english(command: list[str]) -> None:
    result = runner.invoke(app, command)
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_the_status_gaps_come_one_row_per_month_and_state() -> None:
    from rich.console import Console

    from sgo_model.cli.intake import GROUPS_SHOWN, gaps_table

    groups = [f"Группа {n:02d}" for n in range(GROUPS_SHOWN + 3)]
    gaps = [
        {"group": group, "month": month, "state": "missing", "due": due}
        for group in groups
        for month, due in (("2026-09", "2026-10-05"), ("2026-10", "2026-11-05"))
    ]
    gaps.append({"group": "Ромашка", "month": "2026-09", "state": "late", "due": "2026-10-05"})
    console = Console(width=400, record=True)
    console.print(gaps_table(gaps))
    lines = [line for line in console.export_text().splitlines() if "2026-" in line]

    assert len(lines) == 3
    assert "late" in lines[0] and "1: Ромашка" in lines[0]
    assert "missing" in lines[1] and "2026-10-05" in lines[1]
    assert f"{GROUPS_SHOWN + 3}: Группа 00, Группа 01" in lines[1]
    assert f"Группа {GROUPS_SHOWN - 1:02d} and 3 more" in lines[1]
    assert f"Группа {GROUPS_SHOWN:02d}," not in lines[1]
    assert "2026-10" in lines[2] and "2026-11-05" in lines[2]


def test_ingest_tells_of_files_still_settling_and_waits_for_them(
    sqlite_harness: SiteHarness,
) -> None:
    # Just saved: left for a later pass, and the user is told when it will be taken.
    sqlite_harness.drop("admin", FormKind.STAFF, STAFF, age=0)
    code, said = sgo(sqlite_harness, "ingest", "--settle", "30")
    assert code == 0, said
    assert "No files ready in the inbox." in said
    flat = " ".join(said.split())
    assert "1 file(s) changed less than 30 s ago and were left for the next pass (ready in" in flat
    assert "run again then, or use --wait." in flat

    code, said = sgo(sqlite_harness, "ingest", "--settle", "0.5", "--wait")
    assert code == 0, said
    assert "accepted" in said and "left for the next pass" not in said
