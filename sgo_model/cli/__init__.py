"""The ``sgo`` command line, one module per capability (Prefect-backed commands: ``flows.cli``)."""

from __future__ import annotations

from sgo_model.cli import (
    attendance,
    authority,
    backup,
    diagnostics,
    documents,
    families,
    intake,
    municipal,
    outbox,
    rebuild,
    schedule,
    setup,
    transfers,
    year_end,
)
from sgo_model.cli.app import app

__all__ = [
    "app",
    "attendance",
    "authority",
    "backup",
    "diagnostics",
    "documents",
    "families",
    "intake",
    "main",
    "municipal",
    "outbox",
    "rebuild",
    "schedule",
    "setup",
    "transfers",
    "year_end",
]


def main() -> None:
    """Entry point of ``sgo`` without Prefect commands."""
    app()
