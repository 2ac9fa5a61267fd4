"""What notices to families register with publishing: extracts once an order is signed,
statements once a month's timesheet is final, a child's summary of diagnostics once the
child's results are in; each registered document becomes a notice
(with a delivery to each guardian who consented to e-mail) in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial

from sgo_model.domain.movement import ORDER_SCAN
from sgo_model.domain.people import Guardian
from sgo_model.domain.roles import FormKind
from sgo_model.families.documents.notice_document import stated
from sgo_model.families.extracts import plan_extracts
from sgo_model.families.statements import plan_statements
from sgo_model.families.summaries import plan_summaries
from sgo_model.intake.publishing import DocumentJob, PublishContext, Publisher
from sgo_model.office.files import fingerprint
from sgo_model.store.documents import DocumentRecord
from sgo_model.store.uow import SqlUnitOfWork


def record_notice(
    uow: SqlUnitOfWork,
    record: DocumentRecord,
    issued_on: date,
    pupil_id: int | None,
    child: str,
    guardians: Sequence[Guardian],
    content_sha256: str,
) -> None:
    """Record the notice a registered document is, to ``guardians`` of ``child``;
    ``content_sha256`` fingerprints what it states (see :meth:`NoticeRepository.issue`)."""
    uow.notices.issue(
        pupil_id,
        child,
        record.kind,
        record.key,
        record.title,
        record.id,
        content_sha256,
        issued_on,
        guardians,
    )


def issue_notice(
    pupil_id: int, content_sha256: str, issued_on: date, uow: SqlUnitOfWork, record: DocumentRecord
) -> None:
    """Record the notice a registered document is, for the child's guardians as they are."""
    guardians = uow.pupils.guardians_of([pupil_id]).get(pupil_id, [])
    child = uow.pupils.names([pupil_id])[pupil_id][0].full
    record_notice(uow, record, issued_on, pupil_id, child, guardians, content_sha256)


def _as_notice(job: DocumentJob, pupil_id: int, text: object, today: date) -> DocumentJob:
    content = fingerprint(stated(text))
    return replace(job, registered=partial(issue_notice, pupil_id, content, today))


@dataclass(frozen=True)
class Extracts:
    """Publisher of the extracts from signed orders on pupils."""

    name: str = "family_extracts"
    triggers: frozenset[str] = frozenset({ORDER_SCAN})

    def plan(self, context: PublishContext) -> list[DocumentJob]:
        planned = plan_extracts(context.site, context.uow, context.templates, context.today)
        return [
            _as_notice(job, extract.pupil_id, extract.text, context.today)
            for extract, job in planned
        ]


@dataclass(frozen=True)
class Statements:
    """Publisher of the monthly attendance statements."""

    name: str = "family_statements"
    # As the timesheets: the marks, and who is listed on which days.
    triggers: frozenset[str] = frozenset(
        {"attendance", "movement", "application", "pupils", ORDER_SCAN}
    )

    def plan(self, context: PublishContext) -> list[DocumentJob]:
        planned = plan_statements(context.site, context.uow, context.templates, context.today)
        return [
            _as_notice(job, statement.pupil_id, statement.text, context.today)
            for statement, job in planned
        ]


@dataclass(frozen=True)
class Summaries:
    """Publisher of the individual summaries of diagnostics."""

    name: str = "family_summaries"
    triggers: frozenset[str] = frozenset({FormKind.DIAGNOSTICS.value})

    def plan(self, context: PublishContext) -> list[DocumentJob]:
        planned = plan_summaries(context.site, context.uow, context.templates, context.today)
        return [
            _as_notice(job, summary.pupil_id, summary.text, context.today)
            for summary, job in planned
        ]


PUBLISHERS: tuple[Publisher, ...] = (Extracts(), Statements(), Summaries())
"""What notices to families register with publishing."""
