"""The reminder to a family whose child's transfer has come in: the kindergarten awaits the
parent's application for enrolment. Printed, and e-mailed to the guardians who consented
(as the sending kindergarten recorded them)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from sgo_model.families.documents.notice_document import NoticeRenderer, stated
from sgo_model.families.documents.reminder import REMINDER_TEMPLATE, ReminderText
from sgo_model.families.folders import pupil_folder
from sgo_model.families.publish import record_notice
from sgo_model.intake.publishing import DocumentJob
from sgo_model.office.declension import GrammaticalCase, full
from sgo_model.office.files import file_sha256, fingerprint
from sgo_model.office.names import inside, safe_name
from sgo_model.office.site import Site
from sgo_model.office.typography import typeset
from sgo_model.setup.signatory import head_signature
from sgo_model.store.documents import DocumentRecord
from sgo_model.store.transfers import DRAFT
from sgo_model.store.uow import SqlUnitOfWork
from sgo_model.transfers.package import ReceivedTransfer, parse_transfer

REMINDER = "notice_reminder"
"""The registry kind of reminders; the key of a transfer's is «transfer/<arrival id>»."""


def reminder_text(
    transfer: ReceivedTransfer, institution: str, address: str, head: tuple[str, str], today: date
) -> ReminderText:
    """The wording of the reminder about a received transfer."""
    child = full(transfer.name, GrammaticalCase.GENITIVE, transfer.sex)
    return ReminderText(
        institution=typeset(institution),
        address=typeset(address),
        issued_on=today,
        subject="о зачислении ребёнка в порядке перевода",
        pupil=transfer.name.full,
        about=typeset(
            f"Уважаемые родители (законные представители)! В детский сад поступили сведения о "
            f"переводе ребёнка {child}, {transfer.birth_date:%d.%m.%Y} г.р., из "
            f"{transfer.sender}. Для зачисления ребёнка в порядке перевода ожидается ваше "
            "заявление о зачислении; при подаче заявления предъявите документ, удостоверяющий "
            "личность."
        ),
        basis=typeset(
            "Заявление можно подать в детском саду. После зачисления вы получите выписку из "
            "приказа о зачислении."
        ),
        head_post=typeset(head[0]),
        head_name=typeset(head[1]),
    )


def issue_reminder(
    transfer: ReceivedTransfer,
    content_sha256: str,
    issued_on: date,
    uow: SqlUnitOfWork,
    record: DocumentRecord,
) -> None:
    """Record the reminder as a notice to the guardians the bag names."""
    record_notice(
        uow, record, issued_on, None, transfer.name.full, transfer.guardians, content_sha256
    )


def plan_reminders(
    site: Site,
    uow_factory: Callable[..., SqlUnitOfWork],
    templates: Path,
    today: date,
) -> list[DocumentJob]:
    """A reminder for every received transfer still waiting, once."""
    template = templates / REMINDER_TEMPLATE
    with uow_factory(read_only=True) as uow:
        issued = {d.key for d in uow.documents.list(REMINDER)}
        waiting = [
            a for a in uow.transfers.all() if a.status == DRAFT and f"transfer/{a.id}" not in issued
        ]
        if not waiting:
            return []
        institution = uow.institution.get()
        settings = uow.settings.load()
        head = (settings.head_post, head_signature(uow))
    renderer = NoticeRenderer(template, ReminderText)
    jobs = []
    for arrival in waiting:
        problems: list[str] = []
        transfer = parse_transfer(arrival.payload, problems)
        if transfer is None:  # pragma: no cover - stored only after it was read
            continue
        text = reminder_text(
            transfer, institution.name if institution else "", settings.address, head, today
        )
        jobs.append(
            DocumentJob(
                REMINDER,
                f"transfer/{arrival.id}",
                f"Напоминание о заявлении о зачислении в порядке перевода: {transfer.name.full}",
                inside(
                    site.outbox,
                    "families",
                    pupil_folder(transfer.name, transfer.birth_date),
                    safe_name("Напоминание о заявлении о зачислении.docx"),
                ),
                REMINDER_TEMPLATE,
                file_sha256(template),
                fingerprint(text),
                partial(renderer.render, text),
                registered=partial(issue_reminder, transfer, fingerprint(stated(text)), today),
            )
        )
    return jobs
