"""Giving memory back to the system between the steps of a pass."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import sys


def release_memory() -> None:
    """Collect garbage and hand freed heap pages back to the system (glibc's
    ``malloc_trim``): after a large file, the documents' worker processes are forked from a
    parent that no longer carries its rows."""
    gc.collect()
    if not sys.platform.startswith("linux"):
        return
    name = ctypes.util.find_library("c")
    if name is None:
        return
    with contextlib.suppress(OSError, AttributeError):  # not glibc: musl has no malloc_trim
        ctypes.CDLL(name).malloc_trim(0)
