"""Intake: take ready files from the inbox, validate them whole, apply them once, answer each.

A pass claims the ready files and reads each one once (hash, archive, safety screen, read:
no store writes), then applies them in set-up order (staff before groups before pupils), each
in one transaction that holds the duplicate check, the changes, the applied-hash record, the
verdict and the refresh requests of the documents it changes. Then it answers: the receipt is
written atomically, and only then does the original leave its claim.

Every step boundary is crash-safe. A file whose worker died before its transaction is taken
again when the claim expires; one whose verdict was committed but not delivered is answered
with that verdict (found by its claim token), never called a duplicate of itself.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.exc import IntegrityError, OperationalError

from sgo_model.domain.errors import DomainError
from sgo_model.domain.problems import Problem
from sgo_model.forms.annotate import COPY_SUFFIX, write_annotated_copy
from sgo_model.intake import inbox
from sgo_model.intake.faults import checkpoint
from sgo_model.intake.journal import FileEntry, record_file
from sgo_model.intake.outcome import Outcome
from sgo_model.intake.publishing import Publisher, triggered, watching_every_file
from sgo_model.intake.receipts import (
    RECEIPT_SUFFIX,
    Receipt,
    Verdict,
    receipt_from_json,
    receipt_to_json,
    summary_line,
    write_receipt,
)
from sgo_model.intake.registry import Content, ReaderRegistry, Refused, Submitter
from sgo_model.intake.source import Source
from sgo_model.office.names import inside
from sgo_model.office.safety import Limits, UnacceptableFile, check_size
from sgo_model.office.site import Site
from sgo_model.office.time_limit import TimeLimitExceeded, time_limit
from sgo_model.store.submissions import NewSubmission
from sgo_model.store.uow import SqlUnitOfWork

log = logging.getLogger(__name__)

UnitOfWorkFactory = Callable[..., SqlUnitOfWork]
INTERNAL_ERROR = (
    "Внутренняя ошибка при обработке файла; файл не применён. Сообщите администратору системы."
)


def too_slow(seconds: float) -> str:
    """The receipt of a file whose reading ran out of time."""
    limit = f"{seconds:g}".replace(".", ",")
    return (
        f"Файл не прочитан за {limit}\u00a0с и не применён: он слишком велик или устроен "
        "необычно. Разделите его на части или пересохраните в Excel и отправьте снова."
    )


_ROOM = max(len(suffix.encode()) for suffix in (RECEIPT_SUFFIX, COPY_SUFFIX))
"""Bytes the receipt's and the annotated copy's names add to the answer's stem."""


@dataclass(frozen=True)
class IntakeOptions:
    """How intake behaves: settling time, claim lifetime and file limits."""

    settle_seconds: float = 3.0
    claim_ttl_seconds: float = 600.0
    limits: Limits = field(default_factory=Limits)


@dataclass(frozen=True)
class Intake:
    """What a pass works with: the site, the store, the readers and the publishers."""

    site: Site
    uow: UnitOfWorkFactory
    readers: ReaderRegistry
    publishers: Sequence[Publisher] = ()
    options: IntakeOptions = field(default_factory=IntakeOptions)
    today: Callable[[], date] = date.today


@dataclass
class _Item:
    claimed: inbox.ClaimedFile
    source: Source | None = None
    content: Content | None = None
    receipt: Receipt | None = None  # known before applying: refused, or already decided
    decided: bool = False  # the store already holds this file's verdict
    submitter: Submitter | None = None

    @property
    def order(self) -> tuple[int, datetime]:
        rank = self.content.rank if self.content is not None else -1
        return (rank, self.claimed.received_at)


@dataclass
class PassResult:
    """The receipts of one pass over the inbox."""

    receipts: list[Receipt] = field(default_factory=list)

    @property
    def accepted(self) -> list[Receipt]:
        """Receipts of files applied in this pass."""
        return [r for r in self.receipts if r.verdict is Verdict.ACCEPTED]

    @property
    def rejected(self) -> list[Receipt]:
        """Receipts of refused files."""
        return [r for r in self.receipts if r.verdict is Verdict.REJECTED]


def ingest_pass(
    intake: Intake,
    *,
    worker: str | None = None,
    on_file: Callable[[Receipt], None] | None = None,
) -> PassResult:
    """One pass over the inbox: every ready file is applied whole or refused, and answered."""
    worker = worker or inbox.new_worker_id()
    site, options = intake.site, intake.options
    site.ensure()
    claimed = inbox.reclaim_expired(site, worker, options.claim_ttl_seconds)
    inbox.pack_bag_folders(site, options.settle_seconds)
    for candidate in inbox.ready(inbox.candidates(site), options.settle_seconds):
        taken = inbox.claim(candidate, worker, options.claim_ttl_seconds)
        if taken is not None:
            claimed.append(taken)
    if claimed:
        checkpoint("claimed")
    return ingest_claimed(claimed, intake, on_file=on_file)


def ingest_claimed(
    claimed: Sequence[inbox.ClaimedFile],
    intake: Intake,
    *,
    on_file: Callable[[Receipt], None] | None = None,
) -> PassResult:
    """Read, apply and answer files this worker already holds."""
    result = PassResult()
    items = []
    for held in claimed:
        try:
            items.append(_prepare(held, intake))
        except OperationalError:
            inbox.release(held)
            raise
        except Exception:  # nor one that cannot even be loaded or archived
            log.error("taking %s failed:\n%s", held.name, traceback.format_exc())
            failed = _Item(held)
            failed.receipt = _refusal(failed, INTERNAL_ERROR)
            items.append(failed)
    for item in sorted(items, key=lambda i: i.order):
        try:
            receipt = _decide(item, intake)
        except OperationalError:
            inbox.release(item.claimed)
            raise
        except Exception:  # one broken file must not stop the batch
            log.error("intake failed on %s:\n%s", item.claimed.name, traceback.format_exc())
            item.content = None
            receipt = _refusal(item, INTERNAL_ERROR)
            _record(receipt, item, intake)
        _journal(item, receipt, intake)
        _answer(item, receipt, intake.site)
        # Answered: its rows and bytes are not needed any more (a 60,000-row form's are
        # some hundred megabytes), before the next file and the documents.
        item.content = item.source = None
        result.receipts.append(receipt)
        if on_file:
            on_file(receipt)
    return result


def _prepare(claimed: inbox.ClaimedFile, intake: Intake) -> _Item:
    """Read the file once: hash, archive, and (unless a verdict exists) screen and read it."""
    item = _Item(claimed)
    with intake.uow(read_only=True) as uow:
        decided = uow.submissions.decided(claimed.claim)
    if decided is not None and decided.receipt:
        item.receipt, item.decided = receipt_from_json(decided.receipt), True
        return item
    try:
        check_size(claimed.path.stat().st_size, intake.options.limits)
    except UnacceptableFile as error:
        item.receipt = _refusal(item, str(error))
        return item
    source = Source.load(claimed.path, claimed.name, claimed.login, claimed.received_at)
    item.source = source
    source.archived = inbox.archive_original(intake.site, claimed.name, source.sha256, source.data)
    checkpoint("archived")
    limits = intake.options.limits
    try:
        with time_limit(limits.max_read_seconds):
            item.content = intake.readers.read(source, limits, intake.today())
    except TimeLimitExceeded:
        log.error("reading %s took over %g s", claimed.name, limits.max_read_seconds)
        item.receipt = _refusal(item, too_slow(limits.max_read_seconds))
    except Refused as refused:
        item.receipt = _refusal(item, refused.reason, refused.problems)
    except Exception:  # the reader broke on this file: its receipt says so, the batch goes on
        log.error("reading %s failed:\n%s", claimed.name, traceback.format_exc())
        item.receipt = _refusal(item, INTERNAL_ERROR)
    finally:
        source.close()
    checkpoint("read")
    return item


def _journal(item: _Item, receipt: Receipt, intake: Intake) -> None:
    """The file's line in the site's journal, once its verdict is in the store."""
    held, site = item.claimed, intake.site
    archived = bool(receipt.sha256) and inbox.archived(site, held.name, receipt.sha256)
    reason = None if archived else receipt.reason
    record_file(
        site,
        FileEntry(
            held.claim,
            held.login,
            held.name,
            held.received_at,
            receipt.sha256,
            intake.today(),
            reason,
        ),
    )


def record_refusal(claimed: inbox.ClaimedFile, reason: str, intake: Intake) -> Receipt:
    """Record (and journal) the refusal of a file without reading it: a replay of a file the
    live pass refused before its original was archived."""
    item = _Item(claimed)
    receipt = _refusal(item, reason)
    _record(receipt, item, intake)
    _journal(item, receipt, intake)
    return receipt


def _decide(item: _Item, intake: Intake) -> Receipt:
    """The file's verdict, committed with its changes (or as it was committed before)."""
    if item.decided:
        assert item.receipt is not None
        return item.receipt
    receipt = item.receipt or _screen_submitter(item, intake)
    if receipt is not None:
        _record(receipt, item, intake)
        return receipt
    receipt = _apply(item, intake)
    checkpoint("applied")
    return receipt


def _refusal(item: _Item, reason: str, problems: Sequence[Problem] = ()) -> Receipt:
    return Receipt(
        item.claimed.name,
        item.claimed.login,
        Verdict.REJECTED,
        sha256=item.source.sha256 if item.source else "",
        form=item.content.title if item.content else None,
        rows=item.content.rows if item.content else 0,
        reason=reason,
        problems=list(problems),
        received_at=item.claimed.received_at,
        processed_at=datetime.now().astimezone(),
    )


def _duplicate(item: _Item, first_name: str, when: datetime) -> Receipt:
    moment = when.astimezone() if when.tzinfo else when
    return Receipt(
        item.claimed.name,
        item.claimed.login,
        Verdict.DUPLICATE,
        sha256=item.source.sha256 if item.source else "",
        reason=(
            f"Файл с тем же содержимым уже принят {moment:%d.%m.%Y в %H:%M} (под именем "
            f"«{first_name}»); повторно не применялся, данные не изменились."
        ),
        received_at=item.claimed.received_at,
        processed_at=datetime.now().astimezone(),
    )


def _submission(receipt: Receipt, item: _Item) -> NewSubmission:
    return NewSubmission(
        sha256=receipt.sha256,
        login=item.claimed.login,
        file_name=item.claimed.name,
        form_kind=item.content.kind if item.content else None,
        sheet=item.content.sheet if item.content else None,
        status=receipt.verdict.value,
        rows=receipt.rows,
        errors=len(receipt.errors),
        summary=summary_line(receipt),
        received_at=item.claimed.received_at,
        processed_at=receipt.processed_at or datetime.now().astimezone(),
        claim=item.claimed.claim,
        receipt=receipt_to_json(receipt),
    )


def _record(receipt: Receipt, item: _Item, intake: Intake) -> None:
    """Record a verdict given without applying anything (refused, or a duplicate)."""
    try:
        with intake.uow() as uow:
            submission_id = uow.submissions.add(_submission(receipt, item))
            if receipt.verdict is Verdict.REJECTED:
                uow.refresh.request(watching_every_file(intake.publishers), submission_id)
            uow.commit()
    except IntegrityError:
        # This claim's verdict was recorded by a worker that died before answering.
        with intake.uow(read_only=True) as uow:
            if uow.submissions.decided(item.claimed.claim) is None:
                raise


def _screen_submitter(item: _Item, intake: Intake) -> Receipt | None:
    """Refuse unknown logins and forms the role may not send (checked at apply time, so that
    accounts created by a staff list earlier in the same batch already count)."""
    with intake.uow(read_only=True) as uow:
        user = uow.staff.user(item.claimed.login)
    if user is None or not user.active:
        return _refusal(
            item,
            f"Пользователь «{item.claimed.login}» не зарегистрирован в системе; файлы из этой "
            "папки не принимаются. Обратитесь к администратору.",
        )
    assert item.content is not None
    item.submitter = Submitter(user.login, user.role)
    try:
        item.content.check_rights(item.submitter)
    except DomainError as error:
        return _refusal(item, error.message)
    return None


def _apply(item: _Item, intake: Intake) -> Receipt:
    content, source, submitter = item.content, item.source, item.submitter
    assert content is not None and source is not None and submitter is not None
    receipt = Receipt(
        item.claimed.name,
        item.claimed.login,
        Verdict.ACCEPTED,
        sha256=source.sha256,
        form=content.title,
        rows=content.rows,
        problems=list(content.problems),
        received_at=item.claimed.received_at,
        processed_at=datetime.now().astimezone(),
    )
    try:
        with intake.uow() as uow:
            prior = uow.submissions.applied(source.sha256)
            if prior is not None:
                duplicate = _duplicate(item, prior.file_name, prior.processed_at)
                uow.submissions.add(_submission(duplicate, item))
                uow.commit()
                return duplicate
            # The submission is written first (its id is the changes' provenance) and its
            # verdict filled in before the commit, all in this one transaction.
            submission_id = uow.submissions.add(_submission(receipt, item))
            uow.submissions.mark_applied(source.sha256, submission_id)
            try:
                outcome = content.apply(uow, submission_id, submitter, intake.today())
            except DomainError as error:
                outcome = Outcome()
                receipt.reason = error.message
                receipt.verdict = Verdict.REJECTED
            receipt.problems.extend(outcome.problems)
            if outcome.failed or receipt.errors or receipt.verdict is Verdict.REJECTED:
                uow.rollback()
                receipt.verdict = Verdict.REJECTED
                receipt.reason = receipt.reason or "Файл содержит ошибки."
                refused_id = uow.submissions.add(_submission(receipt, item))
                uow.refresh.request(watching_every_file(intake.publishers), refused_id)
            else:
                receipt.created, receipt.updated = outcome.created, outcome.updated
                receipt.reason = outcome.note
                uow.submissions.update_verdict(submission_id, _submission(receipt, item))
                uow.refresh.request(triggered(intake.publishers, content.kind), submission_id)
            uow.commit()
        # Accounts made by a staff list may send files at once (in this very pass, too).
        for login in outcome.accounts if receipt.verdict is Verdict.ACCEPTED else ():
            intake.site.user_inbox(login).mkdir(parents=True, exist_ok=True)
    except IntegrityError:
        # Another worker applied the same bytes between our check and our commit, or took
        # over this very claim and decided it first.
        with intake.uow(read_only=True) as uow:
            decided = uow.submissions.decided(item.claimed.claim)
            prior = uow.submissions.applied(source.sha256)
        if decided is not None and decided.receipt:
            return receipt_from_json(decided.receipt)
        if prior is None:
            raise
        duplicate = _duplicate(item, prior.file_name, prior.processed_at)
        _record(duplicate, item, intake)
        return duplicate
    return receipt


def _answer(item: _Item, receipt: Receipt, site: Site) -> None:
    """Annotated copy, then the receipt (atomically), then the original leaves its claim."""
    accepted = receipt.verdict is not Verdict.REJECTED
    folder = inbox.answer_folder(site, item.claimed.login, accepted)
    stem = inbox.answer_stem(item.claimed, receipt.processed_at or datetime.now(), room=_ROOM)
    if not accepted and receipt.errors and Path(item.claimed.name).suffix.lower() == ".xlsx":
        copy = inside(folder, f"{Path(stem).stem}{COPY_SUFFIX}")
        try:
            write_annotated_copy(item.claimed.path, receipt.problems, copy)
        except Exception:  # the receipt still lists every error
            log.warning("could not annotate %s:\n%s", item.claimed.name, traceback.format_exc())
        checkpoint("annotated")
    write_receipt(receipt, folder, stem)
    checkpoint("answered")
    receipt.stored_path = inbox.file_away(item.claimed, folder, stem)
    checkpoint("filed")
