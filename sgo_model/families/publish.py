"""What notices to families register with publishing: extracts once an order is signed,
statements once a month's timesheet is final, a child's summary of diagnostics once the
child's results are in; each registered document becomes a notice
(with a delivery to each guardian who consented to e-mail) in the same transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Protocol

from sgo_model.domain.movement import ORDER_SCAN
from sgo_model.domain.people import Guardian
from sgo_model.domain.roles import FormKind
from sgo_model.families.documents.notice_document import stated
from sgo_model.families.extracts import plan_extracts
from sgo_model.families.statements import plan_statements
from sgo_model.families.summaries import plan_summaries
from sgo_model.intake.publishing import DocumentJob, PublishContext, Publisher
from sgo_model.office.files import fingerprint
from sgo_model.office.site import Site
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


class Planned(Protocol):
    """A notice planned: whose it is and its wording."""

    @property
    def pupil_id(self) -> int:
        """The child the notice is about."""

    @property
    def text(self) -> object:
        """The wording its document renders."""


Planner = Callable[
    [Site, Callable[..., SqlUnitOfWork], Path, date], Sequence[tuple[Planned, DocumentJob]]
]


@dataclass(frozen=True)
class NoticePublisher:
    """Publisher of one kind of notice: its planner's documents, each recorded as a notice to
    the child's guardians when registered."""

    name: str
    triggers: frozenset[str]
    planner: Planner

    def plan(self, context: PublishContext) -> list[DocumentJob]:
        planned = self.planner(context.site, context.uow, context.templates, context.today)
        return [
            replace(
                job,
                registered=partial(
                    issue_notice, notice.pupil_id, fingerprint(stated(notice.text)), context.today
                ),
            )
            for notice, job in planned
        ]


PUBLISHERS: tuple[Publisher, ...] = (
    NoticePublisher("family_extracts", frozenset({ORDER_SCAN}), plan_extracts),
    # As the timesheets: the marks, and who is listed on which days.
    NoticePublisher(
        "family_statements",
        frozenset({"attendance", "movement", "application", "pupils", ORDER_SCAN}),
        plan_statements,
    ),
    NoticePublisher("family_summaries", frozenset({FormKind.DIAGNOSTICS.value}), plan_summaries),
)
"""What notices to families register with publishing."""
