"""``python -m flows`` runs the ``sgo`` command line."""

from __future__ import annotations

from flows.cli import main

main()
