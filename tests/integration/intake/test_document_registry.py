"""The document registry: a staged document is nobody's until it is registered."""

from __future__ import annotations

from support import SiteHarness

from sgo_model.store.documents import RenderedDocument


def _rendered(sha: str) -> RenderedDocument:
    return RenderedDocument(
        "group_fill",
        "current",
        "Наполняемость групп",
        "/site/documents/Наполняемость групп.xlsx",
        "documents/group_fill.xlsx",
        "t" * 64,
        sha,
        "c" * 64,
    )


def test_a_staged_document_is_not_found_listed_or_counted_until_registered(
    harness: SiteHarness,
) -> None:
    with harness.uow() as uow:
        uow.documents.stage(_rendered("a" * 64))
        uow.commit()
    with harness.uow(read_only=True) as uow:
        assert uow.documents.get("group_fill", "current") is None
        assert [d.kind for d in uow.documents.list()] == []
        assert uow.documents.count() == 0
        assert [(r.version, sha) for r, sha in uow.documents.staged()] == [(0, "a" * 64)]

    with harness.uow() as uow:
        first = uow.documents.register(_rendered("a" * 64))
        uow.documents.stage(_rendered("b" * 64))
        uow.commit()
    with harness.uow(read_only=True) as uow:
        found = uow.documents.get("group_fill", "current")
        assert found is not None
        assert (first.version, found.version, found.sha256) == (1, 1, "a" * 64)
        assert uow.documents.count() == 1
