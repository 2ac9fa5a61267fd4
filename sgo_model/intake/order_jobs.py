"""The documents of orders of every capability: each order rendered from its kind's template
(``documents/order_<kind>.docx``, else the shared ``documents/order.docx``) into the year's
«Приказы» folder, linked to the order once registered."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.movement import SIGNED
from sgo_model.domain.records import REGISTERED
from sgo_model.intake.publishing import DocumentJob
from sgo_model.office.files import file_sha256, fingerprint
from sgo_model.office.names import inside
from sgo_model.office.order_document import OrderRenderer, OrderText
from sgo_model.office.site import Site
from sgo_model.store.documents import DocumentRecord
from sgo_model.store.orders import ORDER_DOCUMENT, OrderRecord
from sgo_model.store.uow import SqlUnitOfWork

ORDER_TEMPLATE = "documents/order.docx"
"""The order template every kind shares unless ``documents/order_<kind>.docx`` exists."""


def order_template(templates: Path, kind: str) -> str:
    """The template of a kind of order: its own if the institution has one, else the shared."""
    own = f"documents/order_{kind}.docx"
    return own if (templates / own).exists() else ORDER_TEMPLATE


def order_jobs(
    site: Site, templates: Path, texts: Sequence[tuple[OrderRecord, OrderText]]
) -> list[DocumentJob]:
    """A document job per order (each template prepared once)."""
    renderers: dict[str, tuple[OrderRenderer, str]] = {}
    jobs = []
    for order, text in texts:
        name = order_template(templates, order.kind)
        if name not in renderers:
            renderers[name] = (OrderRenderer(templates / name), file_sha256(templates / name))
        renderer, template_sha = renderers[name]
        year = AcademicYear.containing(order.order_date).label.replace("/", "-")
        jobs.append(
            DocumentJob(
                ORDER_DOCUMENT,
                f"{order.year}/{order.number}",
                f"Приказ № {order.number} от {order.order_date:%d.%m.%Y} «{order.title}»",
                inside(site.documents, year, "Приказы", order.file_name),
                name,
                template_sha,
                fingerprint(text),
                partial(renderer.render, text),
                SIGNED if order.signed else "draft",
                partial(_link_order, order.id),
            )
        )
    return jobs


def _link_order(order_id: int, uow: SqlUnitOfWork, record: DocumentRecord) -> None:
    uow.orders.set_document(order_id, record.id)
    order = uow.orders.get(order_id)
    if order.signed:
        # ГОСТ Р 7.0.97: the number is the registration given when the document is signed.
        uow.documents.set_status(record.id, REGISTERED, f"регистрационный № {order.number}")
