"""Texts that look like formulas stay text in the fill report of the groups."""

from __future__ import annotations

from data_safety import FORMULA_LIKE, assert_stays_text, published, set_up_with_groups
from support import SiteHarness

from sgo_model.setup.publish import FILL
from sgo_model.setup.service import init_site


def test_group_names_like_formulas_stay_text_in_the_fill_report(
    sqlite_harness: SiteHarness,
) -> None:
    set_up_with_groups(sqlite_harness, FORMULA_LIKE)
    path = published(sqlite_harness, FILL)
    for name in FORMULA_LIKE:
        (found,) = assert_stays_text(path, name)
        assert found.ref[0] == "B", found


def test_the_institution_name_stays_text_in_the_fill_report(sqlite_harness: SiteHarness) -> None:
    harness = sqlite_harness
    name = FORMULA_LIKE[-1]
    init_site(harness.site, harness.uow(), name, "2026/2027")
    set_up_with_groups(harness, ("Ромашка",))
    assert assert_stays_text(published(harness, FILL), name, exact=False)
