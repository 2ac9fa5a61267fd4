"""Benchmark of quality monitoring: a year's diagnostics of 100 groups into the store, and the
institution's monitoring report.

The attendance benchmark's kindergarten (100 groups of 25 pupils, a teacher each, the year
2025/2026) is set up through intake (not timed). Every group's start-of-year and end-of-year
blank is written by ``write_diagnostics_blank`` and filled with a score for each of its 17
indicators (a child's level in an area drawn once, grown by the end of the year): 200 sheets,
generated once (timed, outside the target). Then, in one process:

1. the baseline: ``openpyxl.load_workbook`` merely loading the 200 files;
2. the service: the sheets dropped into their teachers' inboxes and one ``ingest_pass``; every
   receipt must be ACCEPTED and every score stored;
3. the institution's report: ``write_monitoring_report`` (the workbook of 101 sheets with
   native charts, the analytic note with 101 chart images, the route lists into the teachers'
   folders); its shares are checked against the scores recounted here.

Target: diagnostics into the store and the institution's report in under 10 s.
SQLite only.

    .venv/bin/python bench/monitoring.py [--groups N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path

from openpyxl import load_workbook

from sgo_model.diagnostics.blanks import diagnostics_blank
from sgo_model.diagnostics.forms.blank import write_diagnostics_blank
from sgo_model.diagnostics.forms.model import (
    FIRST_PUPIL_ROW,
    FIRST_SCORE_COLUMN,
    diagnostics_blank_name,
)
from sgo_model.diagnostics.report import write_monitoring_report
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.diagnostics import Level, Period
from sgo_model.intake.receipts import Verdict
from sgo_model.office.site import Site
from sgo_model.store.engine import make_engine
from sgo_model.store.uow import SqlUnitOfWork

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_support import attendance_bench, line, timed

YEAR = AcademicYear(2025)
ASSESSED = {Period.START: date(2025, 9, 24), Period.END: date(2026, 5, 14)}
TARGET_S = 10.0


def generate_sheets(home: Path, seed: int = 1) -> tuple[list[Path], dict[tuple[str, str], int]]:
    """Every group's filled sheets of both periods in its teacher's inbox; and, recounted
    here, how many children are «сформирован» in speech per period (every indicator of an
    area gets the child's level there, so the mean is that score)."""
    rng = random.Random(seed)
    engine = make_engine(Site(home).default_database_url)
    site = Site(home)
    paths: list[Path] = []
    formed: dict[tuple[str, str], int] = {}
    try:
        uow = SqlUnitOfWork(engine)
        with uow:
            groups = uow.groups.groups()
            teacher = {
                name: u.login for u in uow.staff.users() for name in uow.staff.led_groups(u.login)
            }
            blanks = [
                (period, diagnostics_blank(uow, g, period, YEAR, ASSESSED[period]))
                for g in groups
                for period in Period
            ]
        level: dict[tuple[int, int], int] = {}
        for period, blank in blanks:
            path = site.user_inbox(teacher[blank.group]) / diagnostics_blank_name(blank)
            write_diagnostics_blank(blank, path)
            workbook = load_workbook(path)
            ws = workbook.worksheets[0]
            column = FIRST_SCORE_COLUMN
            for area_index, area in enumerate(blank.areas):
                for index, child in enumerate(blank.children):
                    base = level.setdefault((child.pupil_id, area_index), rng.randint(1, 4))
                    score = min(5, base + (period is Period.END))
                    for offset in range(len(area.indicators)):
                        ws.cell(FIRST_PUPIL_ROW + index, column + offset, score)
                    if area.area.value == "speech" and score >= 4:
                        key = (blank.group, period.value)
                        formed[key] = formed.get(key, 0) + 1
                column += len(area.indicators)
            workbook.save(path)
            paths.append(path)
    finally:
        engine.dispose()
    return paths, formed


def openpyxl_load(paths: Sequence[Path]) -> None:
    """Merely load each workbook with openpyxl."""
    for path in paths:
        load_workbook(path).close()


def main(argv: Sequence[str] | None = None) -> None:
    """Set up, generate, then time the baseline, the intake of the sheets and the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--groups", type=int, default=100, help="groups of 25 pupils")
    args = parser.parse_args(argv)
    attendance = attendance_bench()
    files = args.groups * len(Period)
    print(
        f"Diagnostics of {YEAR.label}: {args.groups} groups × {attendance.PUPILS_PER_GROUP} "
        f"pupils × {len(Period)} periods = {files} sheets"
    )
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "site"
        setup_s, _ = timed(lambda: attendance.set_up(home, args.groups))
        line("set-up through intake (not in the target)", setup_s)
        generate_s, (paths, formed) = timed(lambda: generate_sheets(home))
        line(f"generate {files} filled sheets (not in the target)", generate_s)
        baseline_s, _ = timed(lambda: openpyxl_load(paths))
        line(f"openpyxl.load_workbook of the {files} files", baseline_s)

        engine = make_engine(Site(home).default_database_url)
        uow = partial(SqlUnitOfWork, engine)
        try:
            ingest_s, result = timed(lambda: attendance._ingest(Site(home), uow))
            refused = [r for r in result.receipts if r.verdict is not Verdict.ACCEPTED]
            assert not refused, (refused[0].file_name, refused[0].problems[:3])
            assert len(result.receipts) == files
            line(
                "service: ingest_pass of the sheets",
                ingest_s,
                f"×{ingest_s / baseline_s:.2f} of openpyxl, {ingest_s / files * 1000:.0f} ms/sheet",
            )
            report_s, report = timed(
                lambda: write_monitoring_report(uow, Site(home), YEAR, made_on=date(2026, 5, 20))
            )
            for group in report.monitoring.groups:
                shares = group.shares()
                for period in Period:
                    counted = shares[period][next(iter(shares[period]))][Level.FORMED].total
                    assert counted == attendance.PUPILS_PER_GROUP
                    speech = next(a for a in shares[period] if a.value == "speech")
                    got = shares[period][speech][Level.FORMED].count
                    assert got == formed.get((group.group.name, period.value), 0)
            line(
                f"report: workbook, note, {len(report.routes)} route lists",
                report_s,
                f"×{report_s / baseline_s:.2f} of openpyxl",
            )
        finally:
            engine.dispose()
    total = ingest_s + report_s
    verdict = "met" if total < TARGET_S else "NOT met"
    print()
    line(
        "diagnostics into the store + institution report",
        total,
        f"target < {TARGET_S:.0f} s: {verdict}",
    )


if __name__ == "__main__":
    main()
