"""The benchmarks' own set-up still works (they are not run by the test command)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

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
    site, uow = bench._site(tmp_path / "site", None)
    assert (site.inbox / "admin" / "accepted").is_dir()
    with uow() as unit:
        assert len(unit.groups.groups()) == 12
        assert unit.pupils.count() == 0
