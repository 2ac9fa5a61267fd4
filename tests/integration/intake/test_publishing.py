"""Publishing: each publisher's documents render while the next plans; one failing publisher
keeps its requests and costs the others nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from support import SiteHarness

from sgo_model.bootstrap import REPOSITORY_TEMPLATES
from sgo_model.intake.publishing import DocumentJob, PublishContext, publish_pending
from sgo_model.office.files import TEMPORARY_SUFFIX, file_sha256
from sgo_model.office.templating import TemplateError


def _write(text: str) -> object:
    def render(path: Path) -> None:
        path.write_text(text, encoding="utf-8")

    return render


def _broken(path: Path) -> None:
    path.write_text("половина", encoding="utf-8")
    raise TemplateError(Path("order.docx"), "нет переменной «number»")


@dataclass(frozen=True)
class _Publisher:
    name: str
    renders: tuple[object, ...] = ()
    plan_fails: bool = False
    triggers: frozenset[str] = field(default_factory=frozenset)

    def plan(self, context: PublishContext) -> list[DocumentJob]:
        if self.plan_fails:
            raise RuntimeError("план не составлен")
        return [
            DocumentJob(
                "note",
                f"{self.name}/{n}",
                f"Заметка {n}",
                context.site.documents / self.name / f"{n}.txt",
                "documents/none",
                "t" * 64,
                f"{self.name}-{n}",
                render,  # type: ignore[arg-type]
            )
            for n, render in enumerate(self.renders)
        ]


@pytest.mark.parametrize("workers", ["forked", "one after the other"])
def test_a_failing_publisher_keeps_its_requests_and_the_others_publish(
    sqlite_harness: SiteHarness, workers: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness = sqlite_harness
    # Other tests may leave a thread behind, which would turn forking off: decide here.
    count = 2 if workers == "forked" else 1
    monkeypatch.setattr("sgo_model.intake.rendering.render_workers", lambda: count)
    publishers = (
        _Publisher("first", (_write("раз"), _write("два"))),
        _Publisher("broken", (_write("цел"), _broken)),
        _Publisher("unplanned", plan_fails=True),
        _Publisher("last", (_write("три"),)),
        _Publisher("idle", (_write("не нужен"),)),
    )
    with harness.uow() as uow:
        uow.refresh.request(["first", "broken", "unplanned", "last"])
        uow.commit()
    context = PublishContext(harness.site, harness.uow, REPOSITORY_TEMPLATES, date(2026, 12, 1))

    result = publish_pending(publishers, context)

    assert sorted(d.key for d in result.documents) == ["first/0", "first/1", "last/0"]
    assert result.failures == {
        "broken": "внутренняя ошибка (Шаблон «order.docx»: нет переменной «number»)",
        "unplanned": "внутренняя ошибка (план не составлен)",
    }
    documents = harness.site.documents
    for record in result.documents:
        assert file_sha256(Path(record.path)) == record.sha256
    assert (documents / "last" / "0.txt").read_text(encoding="utf-8") == "три"
    assert not (documents / "broken" / "0.txt").exists()  # nothing of a failed publisher
    assert not (documents / "idle").exists()  # no request, no work
    assert list(documents.rglob(f"*{TEMPORARY_SUFFIX}")) == []
    with harness.uow(read_only=True) as uow:
        assert sorted(uow.refresh.pending()) == ["broken", "unplanned"]
