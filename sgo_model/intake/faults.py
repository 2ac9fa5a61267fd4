"""Deterministic fault injection: kill this process at a named step of intake or publishing.

``SGO_FAULT_AT=<step>[:<n>]`` makes the process die (``os._exit``, no clean-up, as after
``kill -9``) the ``n``-th time (default: the first) it reaches ``checkpoint(step)``. Tests use
it to prove that every step boundary is crash-safe; unset, a checkpoint costs a dict lookup.
"""

from __future__ import annotations

import os

FAULT_VARIABLE = "SGO_FAULT_AT"
KILLED_EXIT_CODE = 137

STEPS = (
    "claimed",
    "archived",
    "read",
    "applied",
    "annotated",
    "answered",
    "filed",
    "documents-staged",
    "document-moved",
    "documents-moved",
    "documents-registered",
)
"""Every checkpoint, in the order a file passes them."""

_reached: dict[str, int] = {}


def checkpoint(step: str) -> None:
    """Die here if ``SGO_FAULT_AT`` names this step (and this is its ``n``-th time)."""
    wanted = os.environ.get(FAULT_VARIABLE)
    if not wanted:
        return
    name, _, count = wanted.partition(":")
    if name != step:
        return
    _reached[step] = _reached.get(step, 0) + 1
    if _reached[step] == int(count or 1):
        os._exit(KILLED_EXIT_CODE)
