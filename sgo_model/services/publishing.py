"""Bringing every generated document up to date after a pass over the inbox."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from sgo_model.services.attendance_documents import render_timesheets
from sgo_model.services.documents import refresh_setup_documents
from sgo_model.services.movement_documents import refresh_movement_book, render_pending_orders
from sgo_model.services.site import Site
from sgo_model.store.documents import DocumentRecord
from sgo_model.store.uow import SqlUnitOfWork


def refresh_documents(
    site: Site,
    uow_factory: Callable[[], SqlUnitOfWork],
    templates: Path,
    today: date | None = None,
) -> list[DocumentRecord]:
    """Rosters, fill report, pending orders, the movement book and timesheets, each only if
    its data changed."""
    return [
        *refresh_setup_documents(site, uow_factory, templates, today),
        *render_pending_orders(site, uow_factory, templates),
        *refresh_movement_book(site, uow_factory, today),
        *render_timesheets(site, uow_factory, today=today),
    ]
