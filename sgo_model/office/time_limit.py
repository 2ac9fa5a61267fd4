"""A time limit on a piece of work in the calling thread (any thread, not only the main one).

When the time is up, :class:`TimeLimitExceeded` is raised in the thread at its next Python
instruction (CPython's ``PyThreadState_SetAsyncExc``), so reading a hostile file ends with a
receipt instead of holding the pass. A single call into native code (a C parser) is not
interrupted; it is caught the moment it returns.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TimeLimitExceeded(Exception):
    """The work took longer than its limit."""


def _raise_in(thread_id: int, error: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(error) if error else None
    )


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` inside the block once ``seconds`` have passed."""
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def expire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                _raise_in(thread_id, TimeLimitExceeded)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["active"] = False
            if state["fired"]:
                # Fired as the block was ending: a pending exception must not surface later.
                _raise_in(thread_id, None)
        timer.cancel()
