"""The benchmarks' own set-up still works (they are not run by the test command)."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_intake_benchmark_sets_up_its_site(tmp_path: Path) -> None:
    bench = _load("intake")
    settings, store = bench._site(tmp_path / "site", None)
    assert (settings.site.inbox / "admin" / "accepted").is_dir()
    with store.uow() as unit:
        assert len(unit.groups.groups()) == 12
        assert unit.pupils.count() == 0
    store.close()


def test_the_intake_benchmark_times_sgo_ingest_against_both_baselines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _load("intake").main(["--rows", "40", "--files", "2"])

    lines = capsys.readouterr().out.splitlines()
    assert [line.split("  files")[0].rstrip() for line in lines] == [
        "one pupils form of 40 rows",
        "2 small pupils forms (10 rows)",
    ]
    for line in lines:
        assert re.search(
            r"sgo ingest +[\d.]+ s  openpyxl.load_workbook +[\d.]+ s \(× *[\d.]+\)  "
            r"python-calamine +[\d.]+ s \(× *[\d.]+\)$",
            line,
        ), line


def test_the_attendance_benchmark_judges_intake_with_its_timesheets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _load("attendance").main(["--groups", "1", "--no-flow"])

    out = capsys.readouterr().out
    verdicts = [line for line in out.splitlines() if "target <" in line]
    assert len(verdicts) == 1, out
    assert verdicts[0].lstrip().startswith("service: intake + timesheets (what one waits for)")
    ingest, render, waited = (
        float(re.search(rf"^  {label} +([\d.]+) s", out, re.M)[1])  # type: ignore[index]
        for label in (
            "service: ingest_pass",
            "render_timesheets",
            re.escape("service: intake + timesheets (what one waits for)"),
        )
    )
    assert waited == pytest.approx(ingest + render, abs=0.011)


def test_the_schedule_benchmark_prints_each_method_against_first_fit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bench = _load("schedule")
    complex_week = bench.complex_plan(2)
    assert len(complex_week.groups) == 24
    assert len({t.key for t in complex_week.teachers}) == len(complex_week.teachers)
    bench.main(["--time-limit", "0.3", "--no-complex", "--instances", "1"])
    out = capsys.readouterr().out
    assert "The demo kindergarten: 12 groups, 134 activities, 2 shared halls, 3 specialists" in out
    assert re.search(r"solver: at the limit \(0\.3 det\. s\) .* valid, ", out)
    assert re.search(r"check a corrected sheet \(134 rows\) .* 0 problems", out)
    assert "1 generated instances" in out and "first fit: " in out


def test_the_monitoring_benchmark_runs_and_recounts_its_shares(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _load("monitoring").main(["--groups", "2"])
    out = capsys.readouterr().out
    assert "2 groups × 25 pupils × 2 periods = 4 sheets" in out
    assert "service: ingest_pass of the sheets" in out
    assert re.search(r"diagnostics into the store \+ institution report +\d+\.\d+ s", out)


def test_the_authority_benchmark_packages_and_consolidates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _load("authority").main(["--institutions", "3"])

    out = capsys.readouterr().out
    assert "target < 3 s: met" in out
    assert re.search(r"consolidation in all\s+\d+\.\d+ s\s+target < 30 s: met", out)


def test_the_year_close_benchmark_closes_a_kindergartens_year(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _load("year_close").main(["--groups", "2", "--institutions", "3", "--no-demo"])

    out = capsys.readouterr().out
    assert re.search(r"close_year with its orders rendered and the archive\s+\d+\.\d+ s", out)
    assert "target < 10 s: met" in out
    assert re.search(r"a municipality: 3 kindergartens, \d+ children\s+\d+\.\d+ s", out)


@pytest.mark.postgres
def test_the_chaos_benchmark_counts_every_file_after_kills(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = _load("chaos").main(["--trials", "1", "--files", "12", "--kills", "1", "--seed", "3"])

    out = capsys.readouterr().out
    assert code == 0, out
    assert re.search(r"^trial  1: 12 files, \d+ kills.*\(accepted 12, refused 0\)$", out, re.M), out
    assert "files lost 0, applied twice 0, unanswered 0" in out


@pytest.mark.postgres
def test_the_municipal_benchmark_runs_through_the_work_pool() -> None:
    # A process of its own: this one may already talk to the tests' Prefect server.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    done = subprocess.run(
        [sys.executable, str(BENCH / "municipal.py"), "--kindergartens", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    for workers in (1, 2):
        for phase in ("setup", "month"):
            assert re.search(rf"1 kindergartens, {phase} *, {workers} worker\(s\): \d+ files", out)
    assert "2 workers / 1 worker:" in out and "headline: a municipal year" in out


def test_the_notices_benchmark_writes_one_statement_per_child(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _load("notices").main(["--groups", "1"])

    out = capsys.readouterr().out
    assert re.search(r"service: plan \+ write_documents, 25 statements\s+\d+\.\d+ s", out), out
    assert "target < 5 s: met" in out
