"""The Prefect flow «Уведомления семьям»: due notices go to the loopback SMTP server once,
and the artifact says what went."""

from __future__ import annotations

import pytest
from families_support import configure_smtp, loopback_smtp, with_families
from support import SiteHarness, latest_artifact

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_the_flow_sends_the_due_notices_once(sqlite_harness: SiteHarness) -> None:
    from flows.notices import notices_flow

    harness = with_families(sqlite_harness)
    where = {"home": str(harness.site.home), "database_url": harness.url}
    waiting = notices_flow(**where)
    assert waiting["waiting"] == 1
    assert "Почтовый сервер не настроен" in latest_artifact("notices")

    with loopback_smtp() as (box, port):
        configure_smtp(harness, port)
        first = notices_flow(**where)
        again = notices_flow(**where)

    assert (first["messages"], first["sent"], again["messages"]) == (1, 1, 0)
    assert [m["To"].addresses[0].addr_spec for m in box.messages] == ["belova@example.ru"]
    assert "Уведомления: отправлено 0 писем (0 уведомлений)" in latest_artifact("notices")
