"""``sgo backup`` copies the store while it is in use and ``sgo restore`` puts the copy back:
afterwards every table holds exactly what it held at the backup (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select
from support import JOINS_MID_NOVEMBER, SiteHarness, run_sgo

from sgo_model.domain.roles import FormKind
from sgo_model.intake.receipts import Verdict
from sgo_model.store.tables import metadata


def _digest(harness: SiteHarness) -> str:
    """Every row of every table, in a stable order."""
    digest = hashlib.sha256()
    with harness.engine.connect() as connection:
        for table in metadata.sorted_tables:
            rows = connection.execute(select(table)).all()
            digest.update(table.name.encode())
            for row in sorted(rows, key=repr):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_a_backup_restored_gives_back_every_row(harness: SiteHarness, tmp_path: Path) -> None:
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    at_backup = _digest(harness)
    target = tmp_path / "копия" / "sgo.backup"
    code, output = run_sgo(harness, "backup", "--to", str(target))
    assert code == 0, output
    assert target.is_file() and "Backed up the store to" in output

    harness.drop("clerk", FormKind.MOVEMENT, [JOINS_MID_NOVEMBER], "Движение.xlsx", age=5)
    assert harness.ingest().receipts[0].verdict is Verdict.ACCEPTED
    assert _digest(harness) != at_backup

    code, output = run_sgo(harness, "restore", str(target))
    assert code == 1 and "--yes" in output  # asks first, changes nothing
    harness.engine.dispose()
    code, output = run_sgo(harness, "restore", str(target), "--yes")
    assert code == 0, output
    assert "Restored the store" in output and "sgo migrate" not in output
    harness.engine.dispose()
    assert _digest(harness) == at_backup

    code, output = run_sgo(harness, "restore", str(tmp_path / "нет такого"), "--yes")
    assert code == 1 and "no backup file" in output
    garbage = tmp_path / "не копия.db"
    garbage.write_bytes(b"\x00" * 4096 + "просто текст".encode())
    code, output = run_sgo(harness, "restore", str(garbage), "--yes")
    assert code == 1 and "Restore failed" in output
    harness.engine.dispose()
    assert _digest(harness) == at_backup  # a failed restore leaves the store as it was


def test_the_default_backup_goes_under_the_site(sqlite_harness: SiteHarness) -> None:
    code, output = run_sgo(sqlite_harness, "backup")
    assert code == 0, output
    (written,) = (sqlite_harness.site.home / "backups").glob("sgo *.db")
    assert written.stat().st_size > 0
