"""Benchmark of reports to the authority: one institution's 85-К packaged, and 500
institutions' packages consolidated.

1. Packaging. The attendance benchmark's kindergarten with 12 groups of 25 pupils (300
   children, 2025/2026) is set up through intake with its September–December 2025 sheets (not
   timed). Then, in one process: the baseline, ``write_attendance_report`` for 2025 (the same
   child-days counted and one workbook written); ``package_report`` of 85-К for 2025 without a
   PDF (target < 3 s), and with a PDF where LibreOffice is installed (shown, not a target).
2. Consolidation. 500 invented kindergartens' 85-К packages are written into an authority's
   inbox, a folder each (not timed). Then: the baseline, the `bagit` library validating every
   bag (``Bag.validate``); ``aggregate_packages`` and ``write_summary`` (target < 30 s); the
   totals are checked against the packages' figures.

SQLite only.

    .venv/bin/python bench/authority.py [--institutions N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import bagit
from sqlalchemy import delete

from sgo_model.attendance.reports import write_attendance_report
from sgo_model.authority.aggregate import aggregate_packages, write_summary
from sgo_model.authority.kinds import ReportKind, template_data
from sgo_model.authority.service import package_report
from sgo_model.bootstrap import REPOSITORY_TEMPLATES
from sgo_model.demo.authority import neighbour_report, neighbours, send_neighbour_package
from sgo_model.office.pdf import office_program
from sgo_model.office.site import Site
from sgo_model.setup.service import set_setting
from sgo_model.store.engine import make_engine
from sgo_model.store.record_tables import report_packages
from sgo_model.store.uow import SqlUnitOfWork

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_support import attendance_bench, line, timed

PACKAGE_TARGET_S = 3.0
AGGREGATE_TARGET_S = 30.0
NOW = datetime(2026, 1, 20, 10, 0, tzinfo=UTC)


def packaging(root: Path) -> float:
    """Set up the 300-child kindergarten, then time the baseline and the packaging."""
    attendance = attendance_bench()
    home = root / "site"
    attendance.set_up(home, 12)
    autumn = [m for m in attendance.MONTHS if m.year == 2025]
    attendance.MONTHS[:] = autumn
    sheets = attendance.generate_sheets(home, root / "sheets")
    attendance.drop(Site(home), sheets, teachers=False)
    _, _, result = attendance.service_run(home, profile=False)
    attendance.check(result, sheets)
    engine = make_engine(Site(home).default_database_url)
    site = Site(home)

    def uow(*, read_only: bool = False) -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, read_only=read_only)

    with uow() as work:
        set_setting(work, "inn", "6312000100")
        work.commit()
    first, last = date(2025, 1, 1), date(2025, 12, 31)
    print(f"85-К of one kindergarten: 12 groups, 300 children, {len(sheets.paths)} sheets")
    baseline, _ = timed(lambda: write_attendance_report(site, uow, first, last))
    line("baseline: write_attendance_report for 2025", baseline)
    seconds, prepared = timed(
        lambda: package_report(
            uow, site, REPOSITORY_TEMPLATES, ReportKind.FORM_85K, "2025", pdf=False, now=NOW
        )
    )
    assert prepared.report.figures["7"]["701"]["3"] == 300, prepared.report.figures["7"]["701"]
    assert not prepared.report.preliminary, prepared.report.gaps
    verdict = "met" if seconds < PACKAGE_TARGET_S else "MISSED"
    line("package_report (xlsx, JSON, bag, trace; no PDF)", seconds,
          f"{seconds / baseline:.1f}× baseline; target < {PACKAGE_TARGET_S:.0f} s: "
          f"{verdict}")  # fmt: skip
    if office_program():
        with engine.begin() as connection:  # forget it: the same figures would be reused
            connection.execute(delete(report_packages))
        with_pdf, _ = timed(
            lambda: package_report(
                uow, site, REPOSITORY_TEMPLATES, ReportKind.FORM_85K, "2025", pdf=True,
                now=NOW.replace(minute=1), reason=None,
            )
        )  # fmt: skip
        line("package_report with the PDF (LibreOffice)", with_pdf, "(shown, not a target)")
    engine.dispose()
    return seconds


def consolidation(root: Path, count: int) -> float:
    """Write ``count`` packages, then time the library's validation and the consolidation."""
    inbox = root / "Входящие"
    template = template_data(REPOSITORY_TEMPLATES, ReportKind.FORM_85K)
    generating, _ = timed(
        lambda: [
            send_neighbour_package(
                neighbour_report(n, template, "2025", NOW.date(), 247, 1, []), inbox, NOW
            )
            for n in neighbours(count, seed=1)
        ]
    )
    print(f"Consolidation of {count} institutions' packages")
    line("writing the packages (not timed against the target)", generating)
    bags = sorted(p for p in inbox.glob("*/*") if p.is_dir())
    baseline, _ = timed(lambda: [bagit.Bag(str(bag)).validate() for bag in bags])
    line("baseline: bagit's Bag.validate of every bag", baseline)
    seconds, summary = timed(lambda: aggregate_packages(inbox, "2025", ReportKind.FORM_85K))
    writing, path = timed(lambda: write_summary(summary, root / "Своды", NOW.date()))
    total = seconds + writing
    assert len(summary.accepted) == count, [r.reason for r in summary.received if r.reason][:3]
    pupils = sum(r.verification.figures["7"]["701"]["3"] for r in summary.accepted)  # type: ignore[misc]
    assert summary.totals["7"]["701"]["3"] == pupils
    line("aggregate_packages (verify every bag, settle, add up)", seconds,
          f"{seconds / baseline:.1f}× baseline")  # fmt: skip
    line("write_summary (workbook with charts)", writing, path.name)
    verdict = "met" if total < AGGREGATE_TARGET_S else "MISSED"
    line("consolidation in all", total, f"target < {AGGREGATE_TARGET_S:.0f} s: {verdict}")
    return total


def main(argv: Sequence[str] | None = None) -> None:
    """Run both parts and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--institutions", type=int, default=500)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sgo-bench-authority-") as folder:
        root = Path(folder)
        packaging(root / "package")
        consolidation(root / "aggregate", args.institutions)


if __name__ == "__main__":
    main()
