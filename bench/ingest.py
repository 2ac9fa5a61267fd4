"""What the user waits for: the whole ``sgo ingest`` of a 5,000-row pupils form into a
200-group site (a subprocess: start-up, intake, the rosters, fill report and movement book it
regenerates), against reading the same file with python-calamine and with openpyxl in this
process; the peak memory of that ``sgo ingest``; and the start-up of ``sgo --help`` and
``sgo status``. ``--rows 60000`` gives the memory figure of a 60,000-row sheet (target: under
300 MiB).

    .venv/bin/python bench/ingest.py [--rows N]
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import python_calamine
from openpyxl import load_workbook

from sgo_model.bootstrap import REPOSITORY_TEMPLATES, Settings, Store, ingest_and_publish, spec_of
from sgo_model.demo.data import build_demo, generate_pupil_rows
from sgo_model.domain.roles import FormKind
from sgo_model.forms.blanks import write_blank
from sgo_model.intake.pipeline import IntakeOptions
from sgo_model.office.site import Site
from sgo_model.setup.service import init_site

SGO = str(Path(sys.executable).with_name("sgo"))
ROOT = Path(__file__).resolve().parents[1]
SET_UP = ("staff", "profiles", "load_limits", "groups")


MEMORY_TARGET_MIB = 300


def _site(root: Path, pupils: int) -> tuple[Site, Path, str]:
    """A 200-group site set up through intake (staff, profiles, limits, groups; no pupils)."""
    site = Site(root)
    store = Store(site.default_database_url)
    store.migrate()
    kindergarten = build_demo(groups=200, employees=408, pupils=400)
    init_site(site, store.uow(), kindergarten.institution, kindergarten.year)
    settings = Settings(root, store.url, REPOSITORY_TEMPLATES)
    for form in kindergarten.forms:
        if form.kind in SET_UP:
            path = site.user_inbox(form.login) / form.file_name
            write_blank(spec_of(FormKind(form.kind)), path, rows=form.rows)
            old = time.time() - 60
            os.utime(path, (old, old))
            ingest_and_publish(settings, store, IntakeOptions(settle_seconds=0))
    store.close()
    groups = {
        str(r["Группа"]): str(r["Возрастная категория"]) for r in kindergarten.form("groups").rows
    }
    rows = generate_pupil_rows(pupils, list(groups), seed=1, categories=groups)
    big = write_blank(spec_of(FormKind.PUPILS), root / f"Воспитанники {pupils}.xlsx", rows=rows)
    return site, big, kindergarten.form("pupils").login


# A small process starts the ingest and reports its peak: a child forked straight from this
# one (which holds the generated form) would count this process's memory as its own.
_PEAK_OF = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "sys.stderr.write(done.stderr[-2000:])\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(done.returncode)\n"
)


def _timed_with_peak(command: list[str]) -> tuple[float, float]:
    """Seconds ``command`` took and its peak memory in MiB (its own or a child's)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_OF, *command], capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-2000:]
    return seconds, int(done.stdout.split()[-1]) / 1024


def _timed(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-2000:]
    return seconds


def main(argv: list[str] | None = None) -> None:
    """Print the figures and the ratios against the baselines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=5000, help="rows of the pupils form")
    rows = parser.parse_args(argv).rows
    # As `make bench` does: an installed engine starts from compiled modules.
    for package in ("sgo_model", "flows"):
        compileall.compile_dir(ROOT / package, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        site, big, clerk = _site(Path(tmp), rows)
        target = site.user_inbox(clerk) / big.name
        shutil.copy(big, target)
        old = time.time() - 60
        os.utime(target, (old, old))
        ingest, peak = _timed_with_peak([SGO, "ingest", "--settle", "0", "--home", str(site.home)])
        receipt = next(site.user_inbox(clerk).glob(f"accepted/*Воспитанники {rows}*.квитанция.txt"))
        assert f"добавлено записей: {rows}" in receipt.read_text(encoding="utf-8")
        started = time.perf_counter()
        book = python_calamine.CalamineWorkbook.from_path(str(big))
        book.get_sheet_by_index(0).to_python()
        calamine = time.perf_counter() - started
        started = time.perf_counter()
        load_workbook(big).close()
        openpyxl = time.perf_counter() - started
        help_seconds = min(_timed([SGO, "--help"]) for _ in range(3))
        status = min(_timed([SGO, "status", "--home", str(site.home)]) for _ in range(3))
    print(f"sgo ingest, {rows:,} pupils into 200 groups, with documents: {ingest:6.2f} s")
    verdict = "met" if peak < MEMORY_TARGET_MIB else "MISSED"
    print(f"  its peak memory: {peak:6.0f} MiB  target < {MEMORY_TARGET_MIB} MiB: {verdict}")
    print(f"  python-calamine read of it: {calamine:6.2f} s  ratio {ingest / calamine:5.1f}")
    print(f"  openpyxl.load_workbook of it: {openpyxl:6.2f} s  ratio {ingest / openpyxl:5.1f}")
    print(f"sgo --help: {help_seconds:5.2f} s   sgo status: {status:5.2f} s")


if __name__ == "__main__":
    main()
