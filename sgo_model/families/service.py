"""Use cases of notices to families: list them with their delivery, send the outbox, put a
delivery back in the queue."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sgo_model.domain.errors import DomainError
from sgo_model.domain.text import fold
from sgo_model.families.delivery import PASSWORD_VARIABLE, SendReport, send_outbox
from sgo_model.intake.journal import record_act
from sgo_model.office.site import Site
from sgo_model.store.notices import (
    FAILED,
    PENDING,
    SENDING,
    SENT,
    UNCERTAIN,
    DeliveryKey,
    NoticeRecord,
)
from sgo_model.store.uow import SqlUnitOfWork

PAPER = "paper"
"""A notice with no address to send it to (no e-mail, or no consent): it is printed."""
STATUSES = (PAPER, PENDING, SENT, FAILED, UNCERTAIN)
_LABELS = {
    PAPER: "на бумаге",
    PENDING: "ждёт отправки",
    SENDING: "отправляется",
    SENT: "отправлено",
    FAILED: "не доставлено",
    UNCERTAIN: "требует проверки",
}


def notice_status(notice: NoticeRecord) -> str:
    """The notice's state as a whole: paper, or the least advanced of its deliveries."""
    states = {d.status for d in notice.deliveries}
    if not states:
        return PAPER
    for state in (UNCERTAIN, FAILED, SENDING, PENDING):
        if state in states:
            return UNCERTAIN if state == SENDING else state
    return SENT


def status_label(status: str) -> str:
    """The Russian word of a status."""
    return _LABELS[status]


def list_notices(
    uow: SqlUnitOfWork, pupil: str | None = None, status: str | None = None
) -> list[NoticeRecord]:
    """Notices, newest first; of the children whose name contains ``pupil``, in ``status``."""
    if status is not None and status not in STATUSES:
        raise DomainError(f"Состояние «{status}» неизвестно; допустимо: {', '.join(STATUSES)}")
    wanted = fold(pupil) if pupil else None
    return [
        notice
        for notice in uow.notices.all()
        if (wanted is None or wanted in fold(notice.pupil))
        and (status is None or notice_status(notice) == status)
    ]


DELIVERIES_ACT = "notice-deliveries"
"""The journal's act of what became of deliveries."""


def send_notices(
    uow_factory: Callable[..., SqlUnitOfWork], now: datetime, site: Site
) -> SendReport:
    """Send what is due (the password is read from ``SGO_SMTP_PASSWORD``) and journal what
    became of each delivery."""
    report = send_outbox(uow_factory, now, os.environ.get(PASSWORD_VARIABLE))
    _journal(uow_factory, site, report.outcomes)
    return report


def resend(uow_factory: Callable[..., SqlUnitOfWork], delivery_id: int, site: Site) -> None:
    """Queue again a delivery that failed or whose sending was interrupted (checked by a
    person not to have arrived)."""
    with uow_factory() as uow:
        if not uow.notices.resend(delivery_id):
            raise DomainError(
                f"Отправка № {delivery_id} не найдена или не требует повтора (повторить можно "
                "только недоставленную или требующую проверки)"
            )
        uow.commit()
    _journal(uow_factory, site, {delivery_id: PENDING})


def _journal(
    uow_factory: Callable[..., SqlUnitOfWork], site: Site, outcomes: Mapping[int, str]
) -> None:
    if not outcomes:
        return
    with uow_factory(read_only=True) as uow:
        keys = uow.notices.delivery_keys(list(outcomes))
    record_act(
        site,
        DELIVERIES_ACT,
        deliveries=[{**asdict(keys[i]), "status": status} for i, status in outcomes.items()],
    )


def restore_deliveries(uow: SqlUnitOfWork, items: Sequence[Mapping[str, Any]]) -> None:
    """Set the deliveries' statuses as the journal recorded them."""
    for item in items:
        key = DeliveryKey(item["kind"], item["key"], item["revision"], item["email"])
        uow.notices.restore(key, item["status"])
