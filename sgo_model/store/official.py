"""The store's form of the rule that only signed orders change official figures."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, select

from sgo_model.domain.movement import SIGNED
from sgo_model.store.tables import movement_events, orders


def official_event() -> ColumnElement[bool]:
    """Whether a movement event counts in official figures: the SQL twin of
    :func:`sgo_model.domain.movement.counts_officially` (no order, or a signed one)."""
    signed = select(orders.c.id).where(orders.c.status == SIGNED)
    return or_(movement_events.c.order_id.is_(None), movement_events.c.order_id.in_(signed))
