"""What the benchmarks share: the attendance benchmark's kindergarten, a timer, a result line.

A benchmark imports it after putting its own folder first on ``sys.path`` (they run as
scripts, ``python bench/NAME.py``, and the tests load them from their files).
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TypeVar

T = TypeVar("T")


def attendance_bench() -> ModuleType:
    """The attendance benchmark, whose kindergarten others reuse."""
    path = Path(__file__).with_name("attendance.py")
    spec = importlib.util.spec_from_file_location("bench_attendance", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def timed(work: Callable[[], T]) -> tuple[float, T]:
    """Seconds ``work`` took and its result."""
    started = time.perf_counter()
    value = work()
    return time.perf_counter() - started, value


def line(label: str, seconds: float, note: str = "") -> None:
    """A figure as the benchmarks print it."""
    print(f"  {label:<58} {seconds:7.2f} s  {note}".rstrip())
