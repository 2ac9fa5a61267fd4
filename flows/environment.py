"""Quiet, self-contained Prefect defaults, set before Prefect is imported."""

from __future__ import annotations

import os
from pathlib import Path

QUIET = {
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_RUNNER_POLL_FREQUENCY": "2",
}


def quiet_prefect(*, keep_run_logs: bool = False) -> None:
    """Silence the temporary server's shutdown noise and telemetry unless the user set them.

    A one-shot command (``sgo demo``) also hides the runs' INFO lines from the terminal;
    ``sgo serve`` keeps them (``keep_run_logs``), since they are what the Prefect UI shows.
    """
    for key, value in QUIET.items():
        os.environ.setdefault(key, value)
    if not keep_run_logs:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def artifact_key(base: str, home: Path) -> str:
    """An artifact's key: on a municipality's shared server each kindergarten's own
    («intake-receipts-015»), so the UI's latest «intake-receipts» is never another's."""
    from sgo_model.office.municipality import Municipality

    if Municipality.of_site(home) is None:
        return base
    return f"{base}-{home.name.replace('_', '-')}"
