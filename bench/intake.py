"""Benchmark of intake: a 5,000-row pupils form and 200 small forms, against openpyxl.

Prints the seconds the intake service takes (claim, hash, archive, safety checks, read,
validate, store in one transaction, receipt) and the ratio against merely loading the
same files with ``openpyxl.load_workbook`` in the same run.

    .venv/bin/python bench/intake.py [--database-url URL]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from openpyxl import load_workbook

from sgo_model.bootstrap import publishers, readers, spec_of
from sgo_model.demo.data import build_demo, generate_pupil_rows
from sgo_model.demo.stage import stage_demo
from sgo_model.domain.roles import FormKind
from sgo_model.forms.blanks import write_blank
from sgo_model.intake.pipeline import Intake, IntakeOptions, PassResult, ingest_pass
from sgo_model.intake.receipts import Verdict
from sgo_model.office.site import Site
from sgo_model.setup.service import init_site
from sgo_model.store.engine import make_engine, migrate
from sgo_model.store.uow import SqlUnitOfWork

NOW = IntakeOptions(settle_seconds=0)


def _ingest(site: Site, uow: Callable[..., SqlUnitOfWork]) -> PassResult:
    """One intake pass with every capability's readers, as ``sgo ingest`` takes it."""
    return ingest_pass(Intake(site, uow, readers(), publishers(), NOW))


def _site(root: Path, url: str | None) -> tuple[Site, Callable[[], SqlUnitOfWork]]:
    """A site with the demo kindergarten's staff, groups and limits, but no pupils."""
    site = Site(root)
    engine = make_engine(url or site.default_database_url)
    migrate(engine)
    kindergarten = build_demo()
    init_site(site, SqlUnitOfWork(engine), kindergarten.institution, kindergarten.year)
    staged = stage_demo(site)
    # Only the staff, profiles, limits and groups: the pupils are what is measured.
    for path in staged.files:
        if not path.name.startswith(("Сотрудники", "Профили", "Предельные", "Группы")):
            path.unlink()
    result = _ingest(site, partial(SqlUnitOfWork, engine))
    assert all(r.verdict is Verdict.ACCEPTED for r in result.receipts), result.receipts
    return site, partial(SqlUnitOfWork, engine)


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _openpyxl(paths: list[Path]) -> None:
    for path in paths:
        load_workbook(path).close()


def _report(title: str, files: int, rows: int, service: float, baseline: float) -> None:
    print(
        f"{title:<34} files {files:>4}  rows {rows:>6}  service {service:7.3f} s  "
        f"openpyxl.load_workbook {baseline:7.3f} s  ratio {service / baseline:5.2f}"
    )


def main() -> None:
    """Run both scenarios and print figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", help="store URL (default: SQLite in a temp folder)")
    args = parser.parse_args()
    groups = {
        row["Группа"]: row["Возрастная категория"] for row in build_demo().form("groups").rows
    }
    names = [str(name) for name in groups]
    categories = {str(k): str(v) for k, v in groups.items()}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # 1. One 5,000-row pupils form.
        site, uow = _site(root / "big", args.database_url)
        big_rows = generate_pupil_rows(5000, names, seed=1, categories=categories)
        spare = root / "spare"
        big = write_blank(spec_of(FormKind.PUPILS), spare / "Воспитанники 5000.xlsx", rows=big_rows)
        shutil.copy(big, site.user_inbox("admin") / big.name)
        result: list[PassResult] = []
        service = _timed(lambda: result.append(_ingest(site, uow)))
        (receipt,) = result[0].receipts
        assert receipt.verdict is Verdict.ACCEPTED, receipt.problems[:5]
        assert receipt.created == 5000
        baseline = _timed(lambda: _openpyxl([big]))
        _report("one pupils form of 5,000 rows", 1, 5000, service, baseline)

        # 2. 200 small forms of 10 pupils each.
        site, uow = _site(root / "small", args.database_url)
        rows = generate_pupil_rows(2000, names, seed=2, categories=categories)
        small = [
            write_blank(
                spec_of(FormKind.PUPILS),
                spare / f"small-{n:03}.xlsx",
                rows=rows[n * 10 : n * 10 + 10],
            )
            for n in range(200)
        ]
        for path in small:
            shutil.copy(path, site.user_inbox("admin") / path.name)
        result.clear()
        service = _timed(lambda: result.append(_ingest(site, uow)))
        verdicts = {r.verdict for r in result[0].receipts}
        assert verdicts == {Verdict.ACCEPTED}, [r.problems[:2] for r in result[0].receipts][:3]
        baseline = _timed(lambda: _openpyxl(small))
        _report("200 small pupils forms (10 rows)", 200, 2000, service, baseline)


if __name__ == "__main__":
    main()
