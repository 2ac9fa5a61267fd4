"""A pupil's days in a group, from the history of movement, against a day-by-day count."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sgo_model.domain.movement import (
    MovementKind,
    PastEvent,
    days_in_group,
    group_on,
    in_group_between,
    stays_in_group,
)

_MONTHS = [
    (date(2026, 9, 1), date(2026, 9, 30)),
    (date(2026, 10, 1), date(2026, 10, 31)),
    (date(2026, 10, 5), date(2026, 10, 5)),
    (date(2026, 11, 1), date(2026, 11, 30)),
]
_PLACING = [kind for kind in MovementKind if kind.places_in_group]
_LEAVING = [kind for kind in MovementKind if not kind.places_in_group]


def _history(rng: random.Random) -> list[PastEvent]:
    day = date(2026, 8, 20) + timedelta(days=rng.randrange(30))
    events = []
    for _ in range(rng.randrange(6)):
        if rng.random() < 0.25:
            events.append(PastEvent(rng.choice(_LEAVING), day, None))
        else:
            events.append(PastEvent(rng.choice(_PLACING), day, rng.choice([1, 2, 3])))
        day += timedelta(days=rng.choice([0, 0, 1, 5, 17, 40]))
    return events


def test_days_in_group_agree_with_the_group_of_every_day() -> None:
    rng = random.Random(2026)
    first, last = date(2026, 9, 1), date(2026, 11, 30)
    for _ in range(3000):
        history = _history(rng)
        for group in (1, 2, 3):
            expected = [
                first + timedelta(days=n)
                for n in range((last - first).days + 1)
                if group_on(history, first + timedelta(days=n)) == group
            ]
            assert days_in_group(history, group, first, last) == expected, history
            for month_first, month_last in _MONTHS:
                inside = [d for d in expected if month_first <= d <= month_last]
                assert in_group_between(history, group, month_first, month_last) == bool(inside)


def test_a_stay_ends_on_the_first_day_elsewhere_and_an_open_stay_has_no_end() -> None:
    enrol, transfer = MovementKind.ENROL, MovementKind.TRANSFER
    withdraw = _LEAVING[0]
    history = [
        PastEvent(enrol, date(2026, 9, 1), 1),
        PastEvent(transfer, date(2026, 10, 5), 2),
        PastEvent(transfer, date(2026, 10, 5), 1),  # corrected the same day: back in group 1
        PastEvent(withdraw, date(2026, 12, 1), None),
        PastEvent(enrol, date(2027, 2, 1), 1),
    ]
    assert stays_in_group(history, 1) == [
        (date(2026, 9, 1), date(2026, 10, 5)),
        (date(2026, 10, 5), date(2026, 12, 1)),
        (date(2027, 2, 1), None),
    ]
    assert stays_in_group(history, 2) == []
