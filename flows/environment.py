"""Quiet, self-contained Prefect defaults, set before Prefect is imported."""

from __future__ import annotations

import os

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
