"""The head's signature under documents: the setting, else the head's own account."""

from __future__ import annotations

from support import STAFF, SiteHarness

from sgo_model.domain.roles import FormKind
from sgo_model.setup.signatory import head_signature


def test_head_signature_is_empty_before_anyone_is_known(sqlite_harness: SiteHarness) -> None:
    with sqlite_harness.uow(read_only=True) as uow:
        assert head_signature(uow) == ""


def test_head_signature_is_the_employee_behind_the_heads_account(
    sqlite_harness: SiteHarness,
) -> None:
    sqlite_harness.drop("admin", FormKind.STAFF, STAFF)
    sqlite_harness.ingest()

    with sqlite_harness.uow(read_only=True) as uow:
        assert head_signature(uow) == "О. П. Смирнова"


def test_the_head_name_setting_wins_over_the_account(sqlite_harness: SiteHarness) -> None:
    sqlite_harness.drop("admin", FormKind.STAFF, STAFF)
    sqlite_harness.ingest()
    with sqlite_harness.uow() as uow:
        uow.settings.set("head_name", "И. И. Заместителева")
        uow.commit()

    with sqlite_harness.uow(read_only=True) as uow:
        assert head_signature(uow) == "И. И. Заместителева"
