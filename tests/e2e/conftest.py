"""One temporary Prefect server for the whole session (prefect_test_harness is never nested)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """Run flows against a throw-away Prefect server."""
    from flows.environment import quiet_prefect

    quiet_prefect()
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    """The environment of an ``sgo`` subprocess: none of this one's Prefect or sgo settings,
    a Prefect home of the test's own, a wide terminal for rich tables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "SGO_"))}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    env["COLUMNS"] = "200"
    return env
