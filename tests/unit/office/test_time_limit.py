"""The time limit on reading one file."""

from __future__ import annotations

import threading
import time

import pytest

from sgo_model.office.time_limit import TimeLimitExceeded, time_limit


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_work_past_its_limit_is_stopped_in_any_thread() -> None:
    outcome: list[str] = []

    def work() -> None:
        try:
            with time_limit(0.2):
                _spin(30)
            outcome.append("finished")
        except TimeLimitExceeded:
            outcome.append("stopped")

    began = time.monotonic()
    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert outcome == ["stopped"]
    assert time.monotonic() - began < 5


def test_work_within_its_limit_is_left_alone_and_nothing_surfaces_later() -> None:
    with time_limit(0.3):
        _spin(0.05)
    _spin(0.5)  # the timer was cancelled: no exception arrives after the block


def test_the_limit_raises_in_the_calling_thread() -> None:
    with pytest.raises(TimeLimitExceeded), time_limit(0.1):
        _spin(30)
