"""``sgo rebuild --from-archive``: the store built again from the archived originals and the
journal holds the same facts as the live one, table by table."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from support import JOINS_MID_NOVEMBER, STAFF, SiteHarness, run_sgo, settle

from sgo_model.domain.roles import FormKind
from sgo_model.intake.journal import ActEntry, FileEntry, entries, journal_path
from sgo_model.intake.receipts import Verdict


@pytest.fixture
def lived(sqlite_harness: SiteHarness) -> SiteHarness:
    """A site that lived a little: the set-up, acts without files, an enrolment signed, a
    month of attendance, a refused file, the same bytes sent twice."""
    harness = sqlite_harness
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    assert run_sgo(harness, "settings", "set", "place", "г. Энск")[0] == 0
    assert run_sgo(harness, "calendar", "set", "2026-12-30", "--reason", "Ремонт")[0] == 0
    assert run_sgo(harness, "users", "add", "nurse", "--role", "nurse")[0] == 0
    harness.drop("clerk", FormKind.MOVEMENT, [JOINS_MID_NOVEMBER], "Белова.xlsx", age=20)
    broken = [{**STAFF[0], "Дата приёма": "31.02.2020"}]
    harness.drop("admin", FormKind.STAFF, broken, "Сотрудники с ошибкой.xlsx", age=15)
    again = harness.drop("admin", FormKind.STAFF, STAFF[:1], "Сотрудники ещё раз.xlsx", age=10)
    settle(shutil.copy(again, again.with_name("Сотрудники копия.xlsx")), 5)
    verdicts = {r.file_name: r.verdict for r in harness.ingest().receipts}
    assert verdicts == {
        "Белова.xlsx": Verdict.ACCEPTED,
        "Сотрудники с ошибкой.xlsx": Verdict.REJECTED,
        "Сотрудники ещё раз.xlsx": Verdict.ACCEPTED,
        "Сотрудники копия.xlsx": Verdict.DUPLICATE,
    }
    assert harness.sign_order("1-д").verdict is Verdict.ACCEPTED
    harness.submit_attendance("popova", "Ромашка", date(2026, 11, 1))
    harness.publish()
    return harness


def test_the_journal_holds_every_file_and_act_in_order(lived: SiteHarness) -> None:
    journal = list(entries(lived.site))
    acts = [e.act for e in journal if isinstance(e, ActEntry)]
    files = [e for e in journal if isinstance(e, FileEntry)]
    assert acts == ["init", "settings-set", "calendar-set", "users-add"]
    assert len(files) == 12  # six set-up forms, four files, a scan, a sheet
    assert {f.name for f in files} >= {"Белова.xlsx", "Сотрудники копия.xlsx"}
    assert all(len(f.sha256) == 64 for f in files)


def test_the_rebuilt_store_holds_the_same_facts(lived: SiteHarness, tmp_path: Path) -> None:
    into = f"sqlite:///{tmp_path / 'rebuilt.db'}"
    code, output = run_sgo(lived, "rebuild", "--from-archive", "--into", into)

    assert code == 0, output
    assert "Replayed 12 files and 4 acts" in output
    assert "The rebuilt store holds the same facts as the live one." in output
    # A second rebuild into the same, no longer empty, store is refused.
    code, output = run_sgo(lived, "rebuild", "--from-archive", "--into", into)
    assert code == 2 and "is not empty" in output


def test_a_site_without_a_journal_is_told_to_restore_a_backup(
    sqlite_harness: SiteHarness,
) -> None:
    journal_path(sqlite_harness.site).unlink()

    code, output = run_sgo(sqlite_harness, "rebuild", "--from-archive")

    assert code == 2
    assert "was set up before sgo kept a journal; restore it from a backup" in output


def test_a_lost_original_or_a_cut_journal_line_is_told(lived: SiteHarness) -> None:
    (scan,) = [e for e in entries(lived.site) if isinstance(e, FileEntry) and e.login == "head"]
    archived = next(lived.site.archive.glob(f"*/{scan.sha256}*"))
    os.chmod(archived, 0o644)
    archived.unlink()
    with journal_path(lived.site).open("a", encoding="utf-8") as journal:
        journal.write('{"act": "settings-set", "argum')  # a writer killed mid-line

    code, output = run_sgo(lived, "rebuild", "--from-archive")

    assert code == 1
    assert "Original missing from the archive: head/Приказ 1-д.pdf" in output
    assert "The rebuilt store differs in:" in output and "orders" in output
