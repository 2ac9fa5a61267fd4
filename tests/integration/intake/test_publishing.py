"""Publishing: each publisher's documents render while the next plans; one failing publisher
keeps its requests and costs the others nothing."""

from __future__ import annotations

import os
import time
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
    interrupts: bool = False
    triggers: frozenset[str] = field(default_factory=frozenset)

    def plan(self, context: PublishContext) -> list[DocumentJob]:
        if self.plan_fails:
            raise RuntimeError("план не составлен")
        if self.interrupts:
            time.sleep(0.3)  # the publishers before render meanwhile
            raise KeyboardInterrupt
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
    monkeypatch.setattr("sgo_model.intake.rendering.may_fork", lambda: True)
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


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sgo_model.intake.rendering.render_workers", lambda: 2)
    monkeypatch.setattr("sgo_model.intake.rendering.may_fork", lambda: True)


def _children() -> set[int]:
    """This process's children, zombies included (Linux)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid():
                found.add(int(entry.name))
    return found


def _requested(harness: SiteHarness, *names: str) -> PublishContext:
    with harness.uow() as uow:
        uow.refresh.request(names)
        uow.commit()
    return PublishContext(harness.site, harness.uow, REPOSITORY_TEMPLATES, date(2026, 12, 1))


def test_a_publisher_whose_file_cannot_be_replaced_fails_alone(
    sqlite_harness: SiteHarness, forked: None
) -> None:
    harness = sqlite_harness
    context = _requested(harness, "blocked", "good")
    (harness.site.documents / "blocked" / "0.txt").mkdir(parents=True)  # in the file's way

    result = publish_pending(
        (_Publisher("blocked", (_write("нет"),)), _Publisher("good", (_write("да"),))), context
    )

    assert [d.key for d in result.documents] == ["good/0"]
    assert list(result.failures) == ["blocked"]
    assert "ошибка записи файла" in result.failures["blocked"]
    with harness.uow(read_only=True) as uow:
        assert sorted(uow.refresh.pending()) == ["blocked"]
        assert uow.documents.get("note", "good/0") is not None
    assert list(harness.site.documents.rglob(f"*{TEMPORARY_SUFFIX}")) == []


def test_an_interrupted_round_leaves_no_temporary_file_no_child_and_no_descriptor(
    sqlite_harness: SiteHarness, forked: None
) -> None:
    harness = sqlite_harness
    context = _requested(harness, "first", "second")
    descriptors, children = len(os.listdir("/proc/self/fd")), _children()
    publishers = (
        _Publisher("first", tuple(_write(f"документ {n}") for n in range(4))),
        _Publisher("second", interrupts=True),
    )

    with pytest.raises(KeyboardInterrupt):
        publish_pending(publishers, context)

    assert list(harness.site.documents.rglob(f"*{TEMPORARY_SUFFIX}")) == []
    assert len(os.listdir("/proc/self/fd")) == descriptors
    assert _children() == children  # every child reaped, none left running
    with harness.uow(read_only=True) as uow:
        assert sorted(uow.refresh.pending()) == ["first", "second"]
