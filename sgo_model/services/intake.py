"""Intake: take ready files from the inbox, validate them whole, apply them once, answer each.

A pass claims the ready files, reads and validates each one (no store writes), then applies
them in set-up order (staff before groups before pupils), each in its own transaction,
and files every original with a Russian receipt in the submitter's folder.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.exc import IntegrityError, OperationalError

from sgo_model.documents.files import file_sha256
from sgo_model.domain.errors import DomainError
from sgo_model.domain.problems import Problem
from sgo_model.domain.roles import SETUP_ORDER, FormKind
from sgo_model.forms.annotate import write_annotated_copy
from sgo_model.forms.application import read_application
from sgo_model.forms.attendance import is_attendance_workbook, read_attendance_sheet
from sgo_model.forms.reader import UnknownForm, read_form
from sgo_model.forms.safety import Limits, UnacceptableFile, check_docx, check_xlsx
from sgo_model.services import inbox
from sgo_model.services.contents import (
    AttendanceContent,
    Content,
    FormContent,
    ScanContent,
    Submitter,
)
from sgo_model.services.outcome import Outcome
from sgo_model.services.receipts import Receipt, Verdict, summary_line, write_receipt
from sgo_model.services.signing import check_scan, is_scan, parse_scan_name
from sgo_model.services.site import Site
from sgo_model.store.submissions import NewSubmission
from sgo_model.store.uow import SqlUnitOfWork

log = logging.getLogger(__name__)

UnitOfWorkFactory = Callable[[], SqlUnitOfWork]
_EXTENSION_REASONS = {
    ".xls": "Файл в старом формате Excel 97–2003 (.xls); сохраните его как «Книга Excel (*.xlsx)»",
    ".xlsm": "Книга с макросами (.xlsm) не принимается; сохраните её как «Книга Excel (*.xlsx)»",
    ".xlsb": "Двоичная книга Excel (.xlsb) не принимается; сохраните её как .xlsx",
    ".csv": "Файл CSV не принимается; заполните бланк формы в Excel (.xlsx)",
}


@dataclass(frozen=True)
class IntakeOptions:
    """How intake behaves: settling time, claim lifetime and file limits."""

    settle_seconds: float = 3.0
    claim_ttl_seconds: float = 600.0
    limits: Limits = field(default_factory=Limits)


@dataclass
class _Prepared:
    claimed: inbox.ClaimedFile
    sha256: str
    archived: Path
    content: Content | None = None
    submitter: Submitter | None = None
    receipt: Receipt | None = None  # set when the file is refused before applying

    @property
    def order(self) -> tuple[int, datetime]:
        kind = self.content.kind if self.content else None
        # Scans go last: an order drafted in this batch may already be signed by it.
        rank = SETUP_ORDER.index(kind) if kind in SETUP_ORDER else len(SETUP_ORDER)
        scan = isinstance(self.content, ScanContent)
        return (rank + scan, self.claimed.received_at)


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
    site: Site,
    uow_factory: UnitOfWorkFactory,
    options: IntakeOptions = IntakeOptions(),
    *,
    worker: str | None = None,
    on_file: Callable[[Receipt], None] | None = None,
) -> PassResult:
    """One pass over the inbox: every ready file is applied whole or refused, and answered."""
    worker = worker or inbox.new_worker_id()
    site.ensure()
    claimed = inbox.reclaim_expired(site, worker, options.claim_ttl_seconds)
    for candidate in inbox.ready(inbox.candidates(site), options.settle_seconds):
        taken = inbox.claim(candidate, worker, options.claim_ttl_seconds)
        if taken is not None:
            claimed.append(taken)
    return ingest_claimed(claimed, site, uow_factory, options, on_file=on_file)


def ingest_claimed(
    claimed: Sequence[inbox.ClaimedFile],
    site: Site,
    uow_factory: UnitOfWorkFactory,
    options: IntakeOptions = IntakeOptions(),
    *,
    on_file: Callable[[Receipt], None] | None = None,
) -> PassResult:
    """Validate, apply and answer files this worker already holds."""
    result = PassResult()
    prepared = []
    for held in claimed:
        try:
            prepared.append(_prepare(held, site, uow_factory, options))
        except OperationalError:
            inbox.release(held)
            raise
    for item in sorted(prepared, key=lambda p: p.order):
        try:
            item.receipt = _screen_submitter(item, uow_factory) or item.receipt
            receipt = item.receipt or _apply(item, uow_factory)
            if item.receipt is not None or receipt.verdict is Verdict.DUPLICATE:
                _record(receipt, uow_factory, item)
        except OperationalError:
            inbox.release(item.claimed)
            raise
        except Exception:  # one broken file must not stop the batch
            log.error("intake failed on %s:\n%s", item.claimed.name, traceback.format_exc())
            receipt = _refusal(
                item,
                "Внутренняя ошибка при обработке файла; файл не применён. "
                "Сообщите администратору системы.",
            )
            _record(receipt, uow_factory, item)
        _answer(item, receipt, site)
        result.receipts.append(receipt)
        if on_file:
            on_file(receipt)
    if any(r.form == FormKind.STAFF.title for r in result.accepted):
        _open_user_folders(site, uow_factory)
    return result


def _open_user_folders(site: Site, uow_factory: UnitOfWorkFactory) -> None:
    """Every account gets its inbox folder as soon as the staff list creates it."""
    with uow_factory() as uow:
        logins = [user.login for user in uow.staff.users() if user.active]
    for login in logins:
        site.user_inbox(login).mkdir(parents=True, exist_ok=True)


def _refusal(item: _Prepared, reason: str, problems: Sequence[Problem] = ()) -> Receipt:
    return Receipt(
        item.claimed.name,
        item.claimed.login,
        Verdict.REJECTED,
        sha256=item.sha256,
        form=item.content.title if item.content else None,
        rows=item.content.rows if item.content else 0,
        reason=reason,
        problems=list(problems),
        received_at=item.claimed.received_at,
        processed_at=datetime.now().astimezone(),
    )


def _prepare(
    claimed: inbox.ClaimedFile, site: Site, uow_factory: UnitOfWorkFactory, options: IntakeOptions
) -> _Prepared:
    sha = file_sha256(claimed.path)
    item = _Prepared(claimed, sha, inbox.archive_original(site, claimed, sha))
    with uow_factory() as uow:
        prior = uow.submissions.applied(sha)
    if prior is not None:
        item.receipt = _duplicate(item, prior.file_name, prior.processed_at)
        return item
    suffix = Path(claimed.name).suffix.lower()
    try:
        if suffix == ".xlsx":
            check_xlsx(claimed.path, options.limits)
            if is_attendance_workbook(claimed.path):
                item.content = AttendanceContent(read_attendance_sheet(claimed.path))
            else:
                item.content = FormContent(read_form(claimed.path))
        elif suffix == ".docx":
            check_docx(claimed.path, options.limits)
            item.content = FormContent(read_application(claimed.path))
        elif is_scan(claimed.name):
            check_scan(claimed.path, claimed.name)
            item.content = ScanContent(parse_scan_name(claimed.name), item.archived, sha)
        else:
            item.receipt = _refusal(
                item,
                _EXTENSION_REASONS.get(
                    suffix,
                    f"Файлы «{suffix or 'без расширения'}» не принимаются: ожидается книга Excel "
                    "(.xlsx) по бланку формы, заявление (.docx) или скан приказа (PDF)",
                ),
            )
    except UnacceptableFile as error:
        item.receipt = _refusal(item, str(error))
    except UnknownForm as error:
        item.receipt = _refusal(item, str(error), error.problems)
    except DomainError as error:
        item.receipt = _refusal(item, error.message)
    return item


def _duplicate(item: _Prepared, first_name: str, when: datetime) -> Receipt:
    moment = when.astimezone() if when.tzinfo else when
    return Receipt(
        item.claimed.name,
        item.claimed.login,
        Verdict.DUPLICATE,
        sha256=item.sha256,
        reason=(
            f"Файл с тем же содержимым уже принят {moment:%d.%m.%Y в %H:%M} (под именем "
            f"«{first_name}»); повторно не применялся, данные не изменились."
        ),
        received_at=item.claimed.received_at,
        processed_at=datetime.now().astimezone(),
    )


def _submission(receipt: Receipt, item: _Prepared) -> NewSubmission:
    return NewSubmission(
        sha256=item.sha256,
        login=item.claimed.login,
        file_name=item.claimed.name,
        form_kind=item.content.kind.value if item.content and item.content.kind else None,
        sheet=item.content.sheet if item.content else None,
        status=receipt.verdict.value,
        rows=receipt.rows,
        errors=len(receipt.errors),
        summary=summary_line(receipt),
        received_at=item.claimed.received_at,
        processed_at=receipt.processed_at or datetime.now().astimezone(),
    )


def _record(receipt: Receipt, uow_factory: UnitOfWorkFactory, item: _Prepared) -> None:
    with uow_factory() as uow:
        uow.submissions.add(_submission(receipt, item))
        uow.commit()


def _screen_submitter(item: _Prepared, uow_factory: UnitOfWorkFactory) -> Receipt | None:
    """Refuse unknown logins and forms the role may not send (checked at apply time, so that
    accounts created by a staff list earlier in the same batch already count)."""
    with uow_factory() as uow:
        user = uow.staff.user(item.claimed.login)
    if user is None or not user.active:
        return _refusal(
            item,
            f"Пользователь «{item.claimed.login}» не зарегистрирован в системе; файлы из этой "
            "папки не принимаются. Обратитесь к администратору.",
        )
    item.submitter = Submitter(user.login, user.role)
    if item.content is not None:
        try:
            item.content.check_rights(item.submitter)
        except DomainError as error:
            return _refusal(item, error.message)
    return None


def _apply(item: _Prepared, uow_factory: UnitOfWorkFactory) -> Receipt:
    content, submitter = item.content, item.submitter
    assert content is not None and submitter is not None
    receipt = Receipt(
        item.claimed.name,
        item.claimed.login,
        Verdict.ACCEPTED,
        sha256=item.sha256,
        form=content.title,
        rows=content.rows,
        problems=list(content.problems),
        received_at=item.claimed.received_at,
        processed_at=datetime.now().astimezone(),
    )
    try:
        with uow_factory() as uow:
            prior = uow.submissions.applied(item.sha256)
            if prior is not None:
                return _duplicate(item, prior.file_name, prior.processed_at)
            submission_id = uow.submissions.add(_submission(receipt, item))
            uow.submissions.mark_applied(item.sha256, submission_id)
            try:
                outcome = content.apply(uow, submission_id, submitter, date.today())
            except DomainError as error:
                outcome = Outcome()
                receipt.reason = error.message
                receipt.verdict = Verdict.REJECTED
            receipt.problems.extend(outcome.problems)
            if outcome.failed or receipt.errors or receipt.verdict is Verdict.REJECTED:
                uow.rollback()
                receipt.verdict = Verdict.REJECTED
                receipt.reason = receipt.reason or "Файл содержит ошибки."
                uow.submissions.add(_submission(receipt, item))
            else:
                receipt.created, receipt.updated = outcome.created, outcome.updated
                receipt.reason = outcome.note
            uow.commit()
    except IntegrityError:
        # Another worker applied the same bytes between our check and our commit.
        with uow_factory() as uow:
            prior = uow.submissions.applied(item.sha256)
        if prior is None:
            raise
        return _duplicate(item, prior.file_name, prior.processed_at)
    return receipt


def _answer(item: _Prepared, receipt: Receipt, site: Site) -> None:
    accepted = receipt.verdict is not Verdict.REJECTED
    folder = inbox.answer_folder(site, item.claimed.login, accepted)
    stem = inbox.answer_stem(item.claimed, receipt.processed_at or datetime.now())
    if not accepted and receipt.problems and not isinstance(item.content, ScanContent | None):
        copy = folder / f"{Path(stem).stem}.ошибки.xlsx"
        try:
            write_annotated_copy(item.claimed.path, receipt.problems, copy)
        except Exception:  # the receipt still lists every error
            log.warning("could not annotate %s:\n%s", item.claimed.name, traceback.format_exc())
    receipt.stored_path = inbox.file_away(item.claimed, folder, stem)
    write_receipt(receipt, folder, stem)
