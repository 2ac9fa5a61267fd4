"""The extract from an order (выписка из приказа): the order's heading, number and date and
only the item about the family's child, certified «Выписка верна»."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

EXTRACT_TEMPLATE = "documents/notice_extract.docx"


@dataclass(frozen=True)
class ExtractText:
    """The wording of one extract, typeset; the template may use every field.

    ``item_number`` is the item's number in the order, ``item`` its text (about this child
    only); ``certified_post`` and ``certified_name`` sign «Выписка верна» on ``issued_on``.
    """

    institution: str
    address: str
    place: str
    date: dt.date
    number: str
    title: str
    preamble: str
    item_number: int
    item: str
    head_post: str
    head_name: str
    certified_post: str
    certified_name: str
    issued_on: dt.date
