"""A kindergarten whose families have e-mails (see ``families_support``) and a mail server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from families_support import Mailbox, loopback_smtp, with_families
from support import SiteHarness


@pytest.fixture
def families(sqlite_harness: SiteHarness) -> SiteHarness:
    """Two children enrolled by one signed order: one guardian consented to e-mail, the other
    family did not; the documents published."""
    return with_families(sqlite_harness)


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    """A real SMTP server on the loopback and its port."""
    with loopback_smtp() as server:
        yield server
