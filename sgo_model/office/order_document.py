"""Orders (приказы) on pupils as Word documents, prepared once and rendered fast.

One template (``templates/documents/order.docx``, editable by the institution) serves every
kind of order; :class:`OrderRenderer` prepares it once with the kernel's
:class:`~sgo_model.office.docx_template.DocxRenderer`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from pathlib import Path

from sgo_model.office.docx_template import DocxRenderer

__all__ = ["ORDER_VARIABLES", "OrderRenderer", "OrderText", "render_order"]

ORDER_VARIABLES: frozenset[str] = frozenset(
    {
        "institution",
        "address",
        "place",
        "date",
        "number",
        "title",
        "preamble",
        "items",
        "head_post",
        "head_name",
        "acquainted",
        "draft",
    }
)
"""Names an order template may use; each is the field of :class:`OrderText` of that name.

``institution`` (str; a line break ``\\n`` in it starts a second line of the letterhead),
``address`` (str, may be empty), ``place`` («г. Энск»), ``date`` (date: write
``{{ date|long_date }}`` for «01» сентября 2026 г.), ``number`` (str with the register
index, «12-д»), ``title`` («О зачислении воспитанников»), ``preamble`` (the grounds,
ending with a comma), ``items`` (list of str, one per numbered item, without the number),
``head_post`` («Заведующий»), ``head_name`` («О. П. Смирнова»), ``acquainted`` (list of
str: one row of the «С приказом ознакомлены» table each, an empty string for a blank row
to fill in by hand) and ``draft`` (bool: the order is not signed yet).
"""


@dataclass(frozen=True)
class OrderText:
    """The wording of one order, ready to print: every name already declined."""

    institution: str
    address: str
    place: str
    date: dt.date
    number: str
    title: str
    preamble: str
    items: list[str]
    head_post: str
    head_name: str
    acquainted: list[str]
    draft: bool = False


_ORDER_FIELDS = tuple(field.name for field in fields(OrderText))


class OrderRenderer:
    """An order template prepared once (see :class:`~sgo_model.office.docx_template.DocxRenderer`),
    to render any number of orders quickly.

    Preparing checks the template (only :data:`ORDER_VARIABLES`, nothing external) and
    raises :class:`~sgo_model.office.templating.TemplateError` when it is unusable.
    """

    def __init__(self, template: Path) -> None:
        self.template = template
        self._renderer = DocxRenderer(template, ORDER_VARIABLES)

    def render(self, order: OrderText, out: Path) -> None:
        """Render ``order`` and write the Word document ``out`` atomically."""
        self._renderer.render({name: getattr(order, name) for name in _ORDER_FIELDS}, out)


def render_order(order: OrderText, template: Path, out: Path) -> None:
    """Render one order from ``template`` into ``out`` (prepare a renderer for many)."""
    OrderRenderer(template).render(order, out)
