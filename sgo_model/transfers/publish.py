"""What transfers register with publishing: the bags of children withdrawn to another
kindergarten, once the order is signed; the reminder to a family whose child's transfer came
in."""

from __future__ import annotations

from dataclasses import dataclass

from sgo_model.domain.movement import ORDER_SCAN
from sgo_model.intake.publishing import DocumentJob, PublishContext, Publisher
from sgo_model.transfers.outgoing import plan_transfer_bags
from sgo_model.transfers.readers import TRANSFER_ARRIVAL
from sgo_model.transfers.reminders import plan_reminders


@dataclass(frozen=True)
class TransferBags:
    """Publisher of the transfer bags in ``outbox/transfers/``."""

    name: str = "transfer_bags"
    triggers: frozenset[str] = frozenset({ORDER_SCAN})

    def plan(self, context: PublishContext) -> list[DocumentJob]:
        return plan_transfer_bags(context.site, context.uow, context.templates, context.today)


@dataclass(frozen=True)
class TransferReminders:
    """Publisher of the reminders to families whose child's transfer came in."""

    name: str = "transfer_reminders"
    triggers: frozenset[str] = frozenset({TRANSFER_ARRIVAL})

    def plan(self, context: PublishContext) -> list[DocumentJob]:
        return plan_reminders(context.site, context.uow, context.templates, context.today)


PUBLISHERS: tuple[Publisher, ...] = (TransferBags(), TransferReminders())
"""What transfers register with publishing."""
