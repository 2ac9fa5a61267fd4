"""Benchmark of closing a school year: a 300-pupil kindergarten with its year of documents.

The attendance benchmark's kindergarten with 12 groups of 25 pupils (300 children, one teacher
per group, 2025/2026) is set up through intake, with every group's sheet of every month,
September to August (144 sheets), and their timesheets rendered (not timed). Then, in one
process:

1. the baseline: the dry run (the gate over the year, the plan from the store, its docx);
2. the closing as ``sgo year close`` does it, with ``--override`` (the benchmark has no
   diagnostics): the gate, the graduates' and the promotion orders (drafted and rendered), the
   lock, the next year with its production calendar, the groups moved on, the archive bag of
   the year's documents and their registry entries; checked: every preparatory child of school
   age withdrawn, every other group one category up, the year closed;
3. a municipality: the same kindergarten's store and documents copied for ``--institutions``
   kindergartens (one store each, as sgo runs today; copying is not timed), every one closed
   in turn;
4. the headline: ``sgo demo`` end to end, the demo kindergarten's whole year 2025/2026 (set-up,
   movement, attendance, diagnostics, schedule, every document, the closing through the flow)
   and this autumn, with the local Prefect server it starts.

Targets: the closing < 10 s; 100 kindergartens of 300 children < 2 min; the demo < 60 s.
SQLite only.

    .venv/bin/python bench/year_close.py [--groups N] [--institutions N] [--no-demo]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sgo_model.bootstrap import REPOSITORY_TEMPLATES, publishers
from sgo_model.domain.calendar import AcademicYear
from sgo_model.intake.publishing import PublishContext, publish_pending
from sgo_model.office.site import Site
from sgo_model.store.engine import make_engine
from sgo_model.store.uow import SqlUnitOfWork
from sgo_model.year_end.closing import archive_path, close_year
from sgo_model.year_end.report import dry_run

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_support import attendance_bench, line, timed

TARGET_S = 10.0
MUNICIPAL_TARGET_S = 120.0
DEMO_TARGET_S = 60.0
YEAR = AcademicYear(2025)
CLOSING_DAY = date(2026, 8, 31)


def main(argv: Sequence[str] | None = None) -> None:
    """Set up the kindergarten's year, then time the dry run and the closing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--groups", type=int, default=12, help="groups of 25 pupils")
    parser.add_argument(
        "--institutions", type=int, default=100, help="kindergartens of the municipal figure"
    )
    parser.add_argument(
        "--demo", action=argparse.BooleanOptionalAction, default=True,
        help="time `sgo demo` end to end",
    )  # fmt: skip
    args = parser.parse_args(argv)
    attendance = attendance_bench()
    with tempfile.TemporaryDirectory(prefix="sgo-bench-year-") as folder:
        home = Path(folder) / "site"
        attendance.set_up(home, args.groups)
        sheets = attendance.generate_sheets(home, Path(folder) / "sheets")
        attendance.drop(Site(home), sheets, teachers=False)
        _, _, result = attendance.service_run(home, profile=False)
        attendance.check(result, sheets)
        engine = make_engine(Site(home).default_database_url)
        site = Site(home)

        def uow(*, read_only: bool = False) -> SqlUnitOfWork:
            return SqlUnitOfWork(engine, read_only=read_only)

        def publish() -> None:
            publish_pending(publishers(), PublishContext(site, uow, REPOSITORY_TEMPLATES,
                                                         CLOSING_DAY))  # fmt: skip

        publish()
        with uow(read_only=True) as work:
            documents = len(work.documents.list())
            pupils = work.pupils.count(CLOSING_DAY)
        engine.dispose()
        others = [Path(folder) / f"site-{n:03d}" for n in range(1, args.institutions)]
        for other in others:
            shutil.copytree(home, other)
        engine = make_engine(site.default_database_url)
        print(
            f"Closing {YEAR.label}: {args.groups} groups, {pupils} children, "
            f"{len(sheets.paths)} sheets, {documents} documents"
        )
        baseline, planned = timed(lambda: dry_run(uow, site, YEAR.label, "admin", CLOSING_DAY))
        line("baseline: the dry run (gate, plan, its document)", baseline,
              f"{len(planned.gaps)} gaps (no diagnostics)")  # fmt: skip

        def close() -> object:
            reason = "бенчмарк: диагностика не проводилась"
            done = close_year(
                uow, site, YEAR, "admin", CLOSING_DAY, override=reason, publish=publish
            )
            publish()
            return done

        seconds, _ = timed(close)
        with uow(read_only=True) as work:
            status = {y.label: y.status for y in work.years.years()}
            left = work.pupils.count(date(2026, 9, 1))
        assert status[YEAR.label] == "closed", status
        assert pupils - left == len(planned.plan.graduates), (pupils, left)
        assert archive_path(site, YEAR).is_dir()
        verdict = "met" if seconds < TARGET_S else "MISSED"
        ratio = f"{seconds / baseline:.1f}× baseline"
        line("close_year with its orders rendered and the archive", seconds,
              f"{ratio}; target < {TARGET_S:.0f} s: {verdict}")  # fmt: skip
        engine.dispose()
        rest, closed = timed(lambda: [_close_copy(other) for other in others])
        assert all(closed), "every kindergarten's year closes"
        municipal = seconds + rest
        verdict = "met" if municipal < MUNICIPAL_TARGET_S else "MISSED"
        line(f"a municipality: {args.institutions} kindergartens, {args.institutions * pupils} "
             "children", municipal,
             f"{municipal / baseline:.1f}× baseline; target < {MUNICIPAL_TARGET_S:.0f} s: "
             f"{verdict}")  # fmt: skip
    if args.demo:
        demo, _ = timed(_demo)
        verdict = "met" if demo < DEMO_TARGET_S else "MISSED"
        ratio = f"{demo / baseline:.1f}× baseline"
        line("sgo demo: the whole year 2025/2026, its closing, this autumn", demo,
             f"{ratio}; target < {DEMO_TARGET_S:.0f} s: {verdict}")  # fmt: skip


def _close_copy(home: Path) -> bool:
    """Close the year of a copied kindergarten as ``sgo year close --override`` does."""
    site = Site(home)
    engine = make_engine(site.default_database_url)

    def uow(*, read_only: bool = False) -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, read_only=read_only)

    def publish() -> None:
        publish_pending(publishers(), PublishContext(site, uow, REPOSITORY_TEMPLATES,
                                                     CLOSING_DAY))  # fmt: skip

    close_year(uow, site, YEAR, "admin", CLOSING_DAY, override="бенчмарк", publish=publish)
    publish()
    with uow(read_only=True) as work:
        closed = {y.label: y.status for y in work.years.years()}[YEAR.label] == "closed"
    engine.dispose()
    return closed


def _demo() -> None:
    """``sgo demo`` in this process, on a fresh folder, as of 1 December 2026."""
    from typer.testing import CliRunner

    from flows.cli import app

    with tempfile.TemporaryDirectory(prefix="sgo-bench-demo-") as folder:
        result = CliRunner().invoke(
            app, ["demo", "--home", str(Path(folder) / "demo"), "--today", "2026-12-01"],
            env={"SGO_DATABASE_URL": "", "SGO_HOME": ""},
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output


if __name__ == "__main__":
    main()
