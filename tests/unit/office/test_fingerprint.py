"""The input fingerprint that decides whether a document is rendered again."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from sgo_model.domain.movement_reasons import OrderKind
from sgo_model.office.files import fingerprint


@dataclass(frozen=True)
class _Child:
    name: str
    born: date


@dataclass(frozen=True)
class _Group:
    name: str
    area: Decimal
    children: list[_Child]
    kind: OrderKind


def _group(**changes: object) -> _Group:
    values: dict[str, object] = {
        "name": "Ромашка",
        "area": Decimal("50.5"),
        "children": [_Child("Иванова Мария", date(2021, 3, 12))],
        "kind": OrderKind.ENROL,
    }
    values.update(changes)
    return _Group(**values)  # type: ignore[arg-type]


def test_equal_data_gives_the_same_fingerprint_and_any_change_another() -> None:
    base = fingerprint({"groups": [_group()]})
    assert base == fingerprint({"groups": [_group()]})
    assert len(base) == 64
    changed = [
        _group(name="Ромашки"),
        _group(area=Decimal("50.50")),
        _group(children=[_Child("Иванова Мария", date(2021, 3, 13))]),
        _group(children=[]),
        _group(kind=OrderKind.TRANSFER),
    ]
    prints = {fingerprint({"groups": [group]}) for group in changed}
    assert base not in prints
    assert len(prints) == len(changed)


_PRINT = (
    "from datetime import date; from decimal import Decimal;"
    "from sgo_model.office.files import fingerprint;"
    "print(fingerprint({'a': [('Ромашка', date(2026, 9, 1), Decimal('2.5'), 3, None, True)]}))"
)


def test_the_fingerprint_is_the_same_in_every_process() -> None:
    prints = set()
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", _PRINT],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        )
        prints.add(done.stdout.strip())
    expected = fingerprint({"a": [("Ромашка", date(2026, 9, 1), Decimal("2.5"), 3, None, True)]})
    assert prints == {expected}


@pytest.mark.parametrize(
    "data",
    [[object()], {"entries": [lambda: 1]}, [_group(children={"Иванова"})], {"a": {1, 2}}],
    ids=["an object", "a function", "a set inside a dataclass", "a set"],
)
def test_data_without_a_stable_print_is_refused(data: object) -> None:
    with pytest.raises(ValueError, match="нельзя отпечатать устойчиво"):
        fingerprint(data)


def test_text_that_looks_like_an_address_is_only_text() -> None:
    assert len(fingerprint({"entries": ["квартира ‹вход со двора at 0xA>", "<x at 0x1f>"]})) == 64
