"""What intake and publishing load: every capability's readers and publishers, and none of
the heavy libraries only some commands need (OR-Tools solves; Prefect orchestrates)."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from sgo_model.bootstrap import publishers, readers
readers(); publishers()
print(",".join(sorted(m for m in ("ortools", "prefect", "matplotlib") if m in sys.modules)))
"""


def test_intake_and_publishing_load_no_solver_and_no_prefect() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
