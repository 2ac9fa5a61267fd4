"""Fixtures shared by the movement tests."""

from __future__ import annotations

import pytest
from support import JOINS_MID_NOVEMBER, SiteHarness

from sgo_model.domain.roles import FormKind
from sgo_model.intake.receipts import Verdict


@pytest.fixture
def pending(harness: SiteHarness) -> SiteHarness:
    """Ромашка with three children, and Белова enrolled from 16 November by order 1-д, a
    draft not yet signed; the documents published."""
    harness.drop_setup()
    harness.drop("clerk", FormKind.MOVEMENT, [JOINS_MID_NOVEMBER], "Белова.xlsx", age=20)
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    harness.publish()
    return harness
