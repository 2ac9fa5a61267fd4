"""Publishing: regenerating the documents an accepted file changed, so that none is lost.

Each capability registers publishers. A publisher names the kinds of submission that change
its documents; when a file of such a kind is applied, a refresh request for the publisher is
written in the same transaction. Publishing runs every publisher with requests and deletes
the requests it served, so a pass killed while publishing leaves them for the next pass.

A document is written in three recorded steps: rendered under a temporary name, staged in
the registry with its new hash, moved over its file, then registered. Whatever stops the
writer, the file holds either its registered bytes or the staged ones, and the next start
settles which (:func:`settle_interrupted`).
"""

from __future__ import annotations

import errno
import logging
import os
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Protocol

from sgo_model.intake.faults import checkpoint
from sgo_model.intake.rendering import already_started, start_rendering
from sgo_model.office.files import file_sha256, sweep_temporaries, temporary_path
from sgo_model.office.site import Site
from sgo_model.store.documents import DocumentRecord, RenderedDocument
from sgo_model.store.uow import SqlUnitOfWork

log = logging.getLogger(__name__)

UnitOfWorkFactory = Callable[..., SqlUnitOfWork]


@dataclass(frozen=True)
class PublishContext:
    """What a publisher needs: the site, the store, the templates and today's date."""

    site: Site
    uow: UnitOfWorkFactory
    templates: Path
    today: date


class Publisher(Protocol):
    """Regenerates one family of documents."""

    @property
    def name(self) -> str:
        """A stable name (refresh requests are stored under it)."""

    @property
    def triggers(self) -> frozenset[str]:
        """The submission kinds whose application changes this publisher's documents."""

    def plan(self, context: PublishContext) -> list[DocumentJob]:
        """The documents whose inputs changed, ready to render (nothing is written yet)."""


@dataclass(frozen=True)
class DocumentJob:
    """A document to (re)generate: its registry entry and how to render it into a path."""

    kind: str
    key: str
    title: str
    path: Path
    template: str
    template_sha256: str
    context_sha256: str
    render: Callable[[Path], None]
    status: str = "final"
    registered: Callable[[SqlUnitOfWork, DocumentRecord], None] | None = None
    """Called in the registering transaction (e.g. to link an order to its document)."""


def is_current(previous: DocumentRecord | None, context_sha256: str, template_sha256: str) -> bool:
    """Whether the registered ``previous`` is what rendering this data with this template
    would give again (and its file is still there): then it is not rendered anew."""
    return (
        previous is not None
        and previous.context_sha256 == context_sha256
        and previous.template_sha256 == template_sha256
        and Path(previous.path).exists()
    )


@dataclass
class Published:
    """What a round of publishing did: documents registered, publishers that failed."""

    documents: list[DocumentRecord] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)


def write_documents(
    uow: UnitOfWorkFactory, jobs: Sequence[DocumentJob], workers: int | None = None
) -> list[DocumentRecord]:
    """Render, stage, move into place and register ``jobs``; nothing half-done survives.

    The first render error is raised, and then nothing is written.
    """
    written = _start(jobs, workers)()
    try:
        for outcome in written:
            if isinstance(outcome, Exception):
                raise outcome
        return _install(uow, [w for w in written if not isinstance(w, Exception)])
    finally:
        _discard(written)


_Written = tuple[DocumentJob, Path, RenderedDocument]


def _start(
    jobs: Sequence[DocumentJob], workers: int | None
) -> Callable[[], list[_Written | Exception]]:
    """Start rendering ``jobs``, each under a temporary name next to its file; the function
    returned waits for them and gives each one's rendering, or the error it raised."""
    tasks = []
    for job in jobs:
        job.path.parent.mkdir(parents=True, exist_ok=True)
        tasks.append((job.render, temporary_path(job.path)))
    rendering = start_rendering(tasks, workers)
    # The renderers hold the documents' data (a 60,000-child roster's): the children have
    # their own copy, and what is left here is registering the files.
    jobs = [replace(job, render=already_started) for job in jobs]
    temporaries = [tmp for _, tmp in tasks]
    del tasks
    rendering.forget_renderers()

    def finish() -> list[_Written | Exception]:
        results: list[_Written | Exception] = []
        for job, tmp, outcome in zip(jobs, temporaries, rendering.wait(), strict=True):
            if isinstance(outcome, Exception):
                results.append(outcome)
                continue
            document = RenderedDocument(
                job.kind,
                job.key,
                job.title,
                str(job.path),
                job.template,
                job.template_sha256,
                outcome,
                job.context_sha256,
                job.status,
            )
            results.append((job, tmp, document))
        return results

    return finish


def _install(uow: UnitOfWorkFactory, written: Sequence[_Written]) -> list[DocumentRecord]:
    """Stage the rendered documents, move them over their files, register them."""
    if not written:
        return []
    with uow() as unit:
        for _, _, document in written:
            unit.documents.stage(document)
        unit.commit()
    checkpoint("documents-staged")
    for job, tmp, _ in written:
        os.replace(tmp, job.path)
        checkpoint("document-moved")
    checkpoint("documents-moved")
    superseded: list[Path] = []
    with uow() as unit:
        records = []
        for job, _, document in written:
            previous = unit.documents.get(document.kind, document.key)
            record = unit.documents.register(document)
            if job.registered is not None:
                job.registered(unit, record)
            records.append(record)
            if previous and previous.status == "draft" and Path(previous.path) != job.path:
                superseded.append(Path(previous.path))
        unit.commit()
    checkpoint("documents-registered")
    # A draft's file («… (проект).docx») goes once its signed copy is registered in its place.
    for path in superseded:
        path.unlink(missing_ok=True)
    return records


def _discard(written: Sequence[_Written | Exception]) -> None:
    for outcome in written:
        if not isinstance(outcome, Exception):
            outcome[1].unlink(missing_ok=True)


def settle_interrupted(site: Site, uow: UnitOfWorkFactory) -> int:
    """Finish what a killed writer left: settle staged documents, remove its temporary files."""
    with uow() as unit:
        staged = unit.documents.staged()
        for record, pending in staged:
            path = Path(record.path)
            replaced = path.exists() and file_sha256(path) == pending
            unit.documents.settle(record, pending, replaced=replaced)
        if staged:
            unit.commit()
    for folder in (site.documents, site.inbox):
        sweep_temporaries(folder)
    return len(staged)


def publish_pending(
    publishers: Sequence[Publisher], context: PublishContext, *, everything: bool = False
) -> Published:
    """Run every publisher with refresh requests (or all, with ``everything``).

    Each publisher's documents start rendering (in child processes where the machine
    allows) as soon as it has planned them, while the next plans its own; then each
    publisher's documents are installed in turn. A publisher that fails keeps its requests
    and is named in the result; the others go on.
    """
    result = Published()
    with context.uow(read_only=True) as unit:
        pending = unit.refresh.pending()
    started: list[tuple[Publisher, Callable[[], list[_Written | Exception]]]] = []
    finished = 0
    try:
        for publisher in publishers:
            if publisher.name not in pending and not everything:
                continue
            try:
                started.append((publisher, _start(publisher.plan(context), None)))
            except Exception as error:
                result.failures[publisher.name] = _failure(publisher, error)
        for publisher, finish in started:
            mine = finish()
            finished += 1
            try:
                problem = next((w for w in mine if isinstance(w, Exception)), None)
                if problem is not None:
                    raise problem
                documents = _install(context.uow, [w for w in mine if not isinstance(w, Exception)])
            except Exception as error:
                result.failures[publisher.name] = _failure(publisher, error)
                continue
            finally:
                _discard(mine)
            result.documents.extend(documents)
            newest = pending.get(publisher.name)
            if newest is not None:
                with context.uow() as unit:
                    unit.refresh.done(publisher.name, newest)
                    unit.commit()
    finally:
        # Interrupted: the children still rendering finish, and what they wrote goes.
        for _, finish in started[finished:]:
            _discard(finish())
    return result


def _failure(publisher: Publisher, error: Exception) -> str:
    if isinstance(error, OSError):
        log.error("publisher %s failed: %s", publisher.name, error)
        return _describe(error)
    log.error(
        "publisher %s failed:\n%s",
        publisher.name,
        "".join(traceback.format_exception(error)),
    )
    return f"внутренняя ошибка ({error})"


def _describe(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "на диске нет места; документы будут обновлены при следующем проходе"
    return f"ошибка записи файла ({error.strerror or error}); будет повторено"


EVERY_FILE = "*"
"""The trigger of a publisher whose documents every answered file changes, whether it was
applied or refused (the data-quality watch)."""


def triggered(publishers: Sequence[Publisher], kind: str | None) -> list[str]:
    """The publishers whose documents an applied submission of ``kind`` changes."""
    return [
        p.name
        for p in publishers
        if EVERY_FILE in p.triggers or (kind is not None and kind in p.triggers)
    ]


def watching_every_file(publishers: Sequence[Publisher]) -> list[str]:
    """The publishers whose documents a refused file changes too."""
    return [p.name for p in publishers if EVERY_FILE in p.triggers]
