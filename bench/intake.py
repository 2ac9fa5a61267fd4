"""Benchmark of intake: a 5,000-row pupils form and 200 small forms, against two baselines.

Times what ``sgo ingest`` does once the command has started (``ingest_and_publish``: claim,
hash, archive, safety checks, read, validate, store in one transaction, receipt, then the
documents the user waits for: rosters, fill report, movement book), and in the same run the
same files merely read by ``openpyxl.load_workbook`` (a full load) and by python-calamine.
Prints the seconds and the ratios. ``bench/ingest.py`` times the command itself, start-up
included, in a subprocess.

    .venv/bin/python bench/intake.py [--rows 5000] [--files 200] [--database-url URL]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import python_calamine
from openpyxl import load_workbook

from sgo_model.bootstrap import (
    REPOSITORY_TEMPLATES,
    Settings,
    Store,
    ingest_and_publish,
    spec_of,
)
from sgo_model.demo.data import build_demo, generate_pupil_rows
from sgo_model.demo.stage import stage_setup
from sgo_model.domain.roles import FormKind
from sgo_model.forms.blanks import write_blank
from sgo_model.intake.pipeline import IntakeOptions, PassResult
from sgo_model.intake.publishing import Published
from sgo_model.intake.receipts import Verdict
from sgo_model.office.site import Site
from sgo_model.setup.service import init_site

NOW = IntakeOptions(settle_seconds=0)
SMALL_ROWS = 10


def _ingest(settings: Settings, store: Store) -> tuple[PassResult, Published]:
    """What ``sgo ingest`` does after start-up: one pass, then the documents it changed."""
    result, published = ingest_and_publish(settings, store, NOW)
    assert published.failures == {}, published.failures
    return result, published


def _site(root: Path, url: str | None) -> tuple[Settings, Store]:
    """A site with the demo kindergarten's staff, groups and limits, but no pupils."""
    settings = Settings(root, url or Site(root).default_database_url, REPOSITORY_TEMPLATES)
    store = Store(settings.database_url)
    store.migrate()
    kindergarten = build_demo()
    init_site(settings.site, store.uow(), kindergarten.institution, kindergarten.year)
    # Only the staff, profiles, limits and groups: the pupils are what is measured.
    for path in stage_setup(settings.site, kindergarten):
        if not path.name.startswith(("Сотрудники", "Профили", "Предельные", "Группы")):
            path.unlink()
    result, _ = _ingest(settings, store)
    assert all(r.verdict is Verdict.ACCEPTED for r in result.receipts), result.receipts
    return settings, store


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _openpyxl(paths: Sequence[Path]) -> None:
    for path in paths:
        load_workbook(path).close()


def _calamine(paths: Sequence[Path]) -> None:
    for path in paths:
        python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def _report(title: str, files: int, rows: int, service: float, paths: Sequence[Path]) -> None:
    """Print the service's seconds against both baselines, measured now on the same files."""
    full_load = _timed(lambda: _openpyxl(paths))
    calamine = _timed(lambda: _calamine(paths))
    print(
        f"{title:<36} files {files:>4}  rows {rows:>6}  sgo ingest {service:7.3f} s  "
        f"openpyxl.load_workbook {full_load:7.3f} s (×{service / full_load:5.2f})  "
        f"python-calamine {calamine:7.3f} s (×{service / calamine:6.1f})"
    )


def _drop(settings: Settings, paths: Sequence[Path]) -> None:
    for path in paths:
        shutil.copy(path, settings.site.user_inbox("admin") / path.name)


def _run(settings: Settings, store: Store, created: int, files: int) -> float:
    """Time one ``sgo ingest`` pass over the dropped files and check what it did."""
    outcome: list[tuple[PassResult, Published]] = []
    seconds = _timed(lambda: outcome.append(_ingest(settings, store)))
    result, published = outcome[0]
    assert len(result.receipts) == files, len(result.receipts)
    refused = [r for r in result.receipts if r.verdict is not Verdict.ACCEPTED]
    assert not refused, [r.problems[:3] for r in refused[:3]]
    assert sum(r.created for r in result.receipts) == created
    kinds = {record.kind for record in published.documents}
    assert {"group_rosters", "group_fill", "movement_book"} <= kinds, kinds
    return seconds


def main(argv: Sequence[str] | None = None) -> None:
    """Run both scenarios and print figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=5000, help="rows of the big pupils form")
    parser.add_argument("--files", type=int, default=200, help=f"small forms of {SMALL_ROWS} rows")
    parser.add_argument("--database-url", help="store URL (default: SQLite in a temp folder)")
    args = parser.parse_args(argv)
    groups = {
        row["Группа"]: row["Возрастная категория"] for row in build_demo().form("groups").rows
    }
    names = [str(name) for name in groups]
    categories = {str(k): str(v) for k, v in groups.items()}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        spare = root / "spare"
        # 1. One big pupils form.
        settings, store = _site(root / "big", args.database_url)
        big_rows = generate_pupil_rows(args.rows, names, seed=1, categories=categories)
        big = write_blank(
            spec_of(FormKind.PUPILS), spare / f"Воспитанники {args.rows}.xlsx", rows=big_rows
        )
        _drop(settings, [big])
        service = _run(settings, store, args.rows, 1)
        store.close()
        _report(f"one pupils form of {args.rows:,} rows", 1, args.rows, service, [big])

        # 2. Many small forms.
        settings, store = _site(root / "small", args.database_url)
        rows = generate_pupil_rows(args.files * SMALL_ROWS, names, seed=2, categories=categories)
        small = [
            write_blank(
                spec_of(FormKind.PUPILS),
                spare / f"small-{n:03}.xlsx",
                rows=rows[n * SMALL_ROWS : (n + 1) * SMALL_ROWS],
            )
            for n in range(args.files)
        ]
        _drop(settings, small)
        service = _run(settings, store, len(rows), args.files)
        store.close()
        title = f"{args.files} small pupils forms ({SMALL_ROWS} rows)"
        _report(title, args.files, len(rows), service, small)


if __name__ == "__main__":
    main()
