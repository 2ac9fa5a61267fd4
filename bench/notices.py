"""Benchmark of notices to families: a month of attendance statements for 300 children.

The attendance benchmark's kindergarten, 12 groups of 25 pupils (300 children, the year
2025/2026), is set up through intake and May 2026's sheet of every group is filled with
realistic absences and taken in, without the families' publishers (none of it timed). Then,
in one process, as of 3 June 2026:

1. the baseline: docxtpl (``DocxTemplate`` loaded, rendered and saved for each statement, the
   way one would write it without the kernel) rendering the 300 statements' wording;
2. the service: the statements' publisher planning (each child's row of the final timesheet)
   and ``write_documents`` (render, stage, move, register each statement with its notice and
   deliveries), as publishing runs them. Every child must get exactly one statement whose
   days attended are the timesheet's.

Target: the month's statements for 300 children in under 5 s.
SQLite only.

    .venv/bin/python bench/notices.py [--groups N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from functools import partial
from pathlib import Path

from docxtpl import DocxTemplate

from sgo_model.bootstrap import publishers, readers
from sgo_model.families.documents.statement import STATEMENT_TEMPLATE
from sgo_model.families.publish import PUBLISHERS as FAMILIES
from sgo_model.families.statements import plan_statements
from sgo_model.intake.pipeline import Intake, ingest_pass
from sgo_model.intake.publishing import PublishContext, write_documents
from sgo_model.intake.receipts import Verdict
from sgo_model.office.site import Site
from sgo_model.office.templating import sandboxed_environment
from sgo_model.store.engine import make_engine
from sgo_model.store.uow import SqlUnitOfWork

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_support import attendance_bench, line, timed

MONTH = date(2026, 5, 1)
TODAY = date(2026, 6, 3)
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
TARGET_S = 5.0


def main(argv: Sequence[str] | None = None) -> None:
    """Set up, take May's sheets in, then time the baseline and the service."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--groups", type=int, default=12, help="groups of 25 pupils")
    args = parser.parse_args(argv)
    attendance = attendance_bench()
    children = args.groups * attendance.PUPILS_PER_GROUP
    print(f"Statements for {MONTH:%m.%Y}: {args.groups} groups, {children} children")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "site"
        setup_s, _ = timed(lambda: attendance.set_up(home, args.groups))
        line("set-up through intake (not in the target)", setup_s)
        attendance.MONTHS = [MONTH]
        sheets = attendance.generate_sheets(home, Path(tmp) / "sheets")
        attendance.drop(Site(home), sheets, teachers=False)
        engine = make_engine(Site(home).default_database_url)
        uow = partial(SqlUnitOfWork, engine)
        try:
            families = {p.name for p in FAMILIES}
            without_families = [p for p in publishers() if p.name not in families]
            intake = Intake(
                Site(home), uow, readers(), tuple(without_families), attendance.NOW, lambda: TODAY
            )
            ingest_s, result = timed(lambda: ingest_pass(intake))
            assert {r.verdict for r in result.receipts} == {Verdict.ACCEPTED}
            line(
                f"May's {len(result.receipts)} sheets and timesheets (not in the target)", ingest_s
            )

            plan_s, planned = timed(lambda: plan_statements(Site(home), uow, TEMPLATES, TODAY))
            assert len(planned) == children, len(planned)
            out = Path(tmp) / "docxtpl"
            out.mkdir()

            def baseline() -> None:
                for index, (statement, _) in enumerate(planned):
                    document = DocxTemplate(TEMPLATES / STATEMENT_TEMPLATE)
                    document.render(asdict(statement.text), jinja_env=sandboxed_environment())
                    document.save(out / f"{index}.docx")

            baseline_s, _ = timed(baseline)
            line(f"baseline: docxtpl renders {children} statements", baseline_s)

            context = PublishContext(Site(home), uow, TEMPLATES, TODAY)
            statements = next(p for p in FAMILIES if p.name == "family_statements")

            def service() -> int:
                return len(write_documents(uow, statements.plan(context)))

            service_s, written = timed(service)
            assert written == children, written
            with uow(read_only=True) as unit:
                notices = [n for n in unit.notices.all() if n.kind == "notice_attendance"]
            assert len(notices) == children == len({n.pupil_id for n in notices})
            line(
                f"service: plan + write_documents, {children} statements",
                service_s,
                f"×{baseline_s / service_s:.1f} faster than docxtpl; planning alone "
                f"{plan_s:.2f} s; {service_s / children * 1000:.1f} ms/statement",
            )
            verdict = "met" if service_s < TARGET_S else "MISSED"
            print(f"  target < {TARGET_S:.0f} s: {verdict}")
        finally:
            engine.dispose()


if __name__ == "__main__":
    main()
