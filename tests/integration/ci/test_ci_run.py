"""``.ci/run`` and the test fixtures fail under CI when PostgreSQL or LibreOffice is missing.

The script runs against stub programs (``apt-get``, ``pg_isready``, ``make``…) on a PATH of
its own, so nothing is installed or started.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import support

SCRIPT = Path(__file__).resolve().parents[3] / ".ci" / "run"
REAL = ("bash", "dirname", "grep", "head", "seq")


def _stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def _run(tmp_path: Path, *, ci: bool, stubs: dict[str, str]) -> subprocess.CompletedProcess[str]:
    repo, bin_ = tmp_path / "repo", tmp_path / "bin"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy(SCRIPT, repo / ".ci" / "run")
    bin_.mkdir()
    for name in REAL:
        found = shutil.which(name)
        assert found is not None, name
        (bin_ / name).symlink_to(found)
    _stub(bin_, "sleep", "exit 0")
    _stub(bin_, "ls", "echo 15")  # the one cluster under /etc/postgresql
    _stub(bin_, "make", 'echo "make $* with $SGO_TEST_DATABASE_URL"')
    for name, body in stubs.items():
        _stub(bin_, name, body)
    env = {"PATH": str(bin_), "HOME": str(tmp_path)}
    if ci:
        env["CI"] = "true"
    bash = str(bin_ / "bash")
    return subprocess.run(
        [bash, str(repo / ".ci" / "run")], env=env, capture_output=True, text=True, timeout=60
    )


FONTS = {"fc-list": 'echo "/usr/share/fonts/LiberationSerif-Regular.ttf: Liberation Serif"'}
# Like fc-list: everything without a pattern, nothing for a family that is not there.
NO_LIBERATION = '[ $# -eq 0 ] && echo "DejaVu Serif: DejaVu Serif"; exit 0'
TOOLS = {**{name: "exit 0" for name in support.DOCUMENT_TOOLS}, **FONTS}
POSTGRES_UP = {"pg_isready": "exit 0"}


def test_under_ci_a_failed_libreoffice_install_stops_the_run(tmp_path: Path) -> None:
    done = _run(tmp_path, ci=True, stubs={"apt-get": "exit 100", **POSTGRES_UP})

    assert done.returncode == 1
    assert done.stderr.strip() == "error: LibreOffice and poppler-utils could not be installed"
    assert "make" not in done.stdout


def test_by_hand_a_failed_install_is_a_warning_and_the_tests_run(tmp_path: Path) -> None:
    done = _run(tmp_path, ci=False, stubs={"apt-get": "exit 100", **POSTGRES_UP})

    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0] == (
        "warning: LibreOffice and poppler-utils could not be installed; "
        "the PDF checks will be skipped"
    )
    assert done.stdout.strip() == (
        "make test with postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )


@pytest.mark.parametrize(
    ("started", "error"),
    [
        ("exit 1", "error: PostgreSQL could not be started"),
        ("exit 0", "error: PostgreSQL does not answer on 127.0.0.1:5432"),
    ],
)
def test_under_ci_a_postgresql_that_is_not_up_stops_the_run(
    tmp_path: Path, started: str, error: str
) -> None:
    stubs = {**TOOLS, "pg_isready": "exit 2", "pg_ctlcluster": started}
    done = _run(tmp_path, ci=True, stubs=stubs)

    assert done.returncode == 1
    assert done.stderr.strip() == error
    assert "make" not in done.stdout


def test_with_everything_in_place_the_tests_run(tmp_path: Path) -> None:
    done = _run(tmp_path, ci=True, stubs={**TOOLS, **POSTGRES_UP})

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.strip() == (
        "make test with postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )


@pytest.mark.parametrize(
    ("ci", "required", "outcome"),
    [
        (False, False, pytest.skip.Exception),
        (False, True, pytest.fail.Exception),
        (True, False, pytest.fail.Exception),
        (True, True, pytest.fail.Exception),
    ],
)
def test_a_check_that_cannot_run_is_skipped_only_outside_ci_and_when_not_required(
    monkeypatch: pytest.MonkeyPatch, ci: bool, required: bool, outcome: type[BaseException]
) -> None:
    monkeypatch.setattr(support, "CI", ci)
    with pytest.raises(outcome) as stopped:
        support.unavailable("PostgreSQL is not reachable", required=required)
    assert str(stopped.value).startswith("PostgreSQL is not reachable")
    assert ("CI=true" in str(stopped.value)) is ci


def test_a_missing_program_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(support, "CI", False)
    monkeypatch.setenv("PATH", "")
    with pytest.raises(pytest.skip.Exception, match="not installed: soffice, pdftotext"):
        support.require_tools("soffice", "pdftotext")


def test_under_ci_missing_liberation_fonts_stop_the_run(tmp_path: Path) -> None:
    tools = {name: "exit 0" for name in support.DOCUMENT_TOOLS}
    done = _run(
        tmp_path,
        ci=True,
        stubs={**tools, "fc-list": NO_LIBERATION, "apt-get": "exit 0", **POSTGRES_UP},
    )

    assert done.returncode == 1
    assert done.stderr.strip() == "error: the Liberation fonts are not installed"
    assert "make" not in done.stdout


def test_a_long_font_list_still_finds_the_liberation_fonts(tmp_path: Path) -> None:
    # A reader that stops at the first match would kill fc-list with SIGPIPE, which pipefail
    # used to report as missing fonts.
    long_list = (
        'echo "/usr/share/fonts/LiberationSerif-Regular.ttf: Liberation Serif"; '
        'seq 1 200000 | while read -r n; do echo "/usr/share/fonts/f$n.ttf: Font $n"; done'
    )
    done = _run(tmp_path, ci=True, stubs={**TOOLS, "fc-list": long_list, **POSTGRES_UP})

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("make test")
