"""The ``submit`` fixture: a group's diagnostics filled and taken in as a user would."""

from __future__ import annotations

from datetime import date

import pytest
from diagnostics_support import YEAR, Scores, Submit, fill_blank
from support import SiteHarness, settle

from sgo_model.diagnostics.blanks import prepare_diagnostics_blanks
from sgo_model.domain.diagnostics import Period
from sgo_model.intake.receipts import Receipt


@pytest.fixture
def submit(harness: SiteHarness) -> Submit:
    """Submit a group's diagnostics as ``login``: take the period's blank, fill it and take
    it in; the receipt."""
    counter = iter(range(1, 1000))

    def submit(
        login: str,
        group: str,
        period: Period,
        scores: Scores,
        *,
        on: date | None = None,
        assessed: object = None,
    ) -> Receipt:
        folder = harness.site.home / f"бланки-{next(counter)}"
        day = on or harness.today
        blanks = prepare_diagnostics_blanks(harness.uow, period, YEAR, day, out=folder)
        (blank,) = [p for p in blanks if f" {group} " in p.name]
        fill_blank(blank, scores, assessed)
        path = harness.site.user_inbox(login) / blank.name
        blank.rename(path)
        settle(path)
        (receipt,) = harness.ingest().receipts
        return receipt

    return submit
