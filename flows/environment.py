"""Quiet, self-contained Prefect defaults, set before Prefect is imported."""

from __future__ import annotations

import os

QUIET = {
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_RUNNER_POLL_FREQUENCY": "2",
}


def quiet_prefect() -> None:
    """Silence the temporary server's shutdown noise and telemetry unless the user set them."""
    for key, value in QUIET.items():
        os.environ.setdefault(key, value)
