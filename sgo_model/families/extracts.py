"""Extracts from signed orders on pupils, one per child of each order, for the child's family.

An extract repeats the order's heading, number, date and title, the grounds that concern the
child and the child's item under its number in the order, and nothing about other children:
a promotion's item lists only this child.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.movement_reasons import OrderKind
from sgo_model.families.documents.extract import EXTRACT_TEMPLATE, ExtractText
from sgo_model.families.documents.notice_document import NoticeRenderer
from sgo_model.families.folders import pupil_folder
from sgo_model.families.horizon import recent
from sgo_model.intake.publishing import DocumentJob
from sgo_model.movement.documents.wording import institution_short_name, preamble
from sgo_model.movement.publish import (
    MOVEMENT_ORDER_KINDS,
    groups_during,
    order_items,
    promotion_groups,
)
from sgo_model.office.files import file_sha256, fingerprint
from sgo_model.office.names import inside, safe_name
from sgo_model.office.site import Site
from sgo_model.office.typography import typeset
from sgo_model.setup.signatory import head_signature
from sgo_model.store.groups import GroupRecord
from sgo_model.store.institution import InstitutionRecord
from sgo_model.store.movement import OrderLine
from sgo_model.store.orders import OrderRecord
from sgo_model.store.uow import SqlUnitOfWork

EXTRACT = "notice_extract"
"""The registry kind of extracts; the key is «year/number/pupil id»."""


@dataclass(frozen=True)
class PlannedExtract:
    """An extract to render, and which child and order it is about."""

    pupil_id: int
    order: OrderRecord
    key: str
    text: ExtractText
    folder: str


def extract_key(order: OrderRecord, pupil_id: int) -> str:
    """The registry key of a child's extract from an order."""
    return f"{order.year}/{order.number}/{pupil_id}"


def item_number(kind: OrderKind, lines: list[OrderLine], line: OrderLine) -> int:
    """The number of a child's item in its order: the child's place, or for a promotion the
    place of the child's group."""
    if kind is OrderKind.PROMOTE:
        groups = promotion_groups(lines)
        return next(i for i, members in enumerate(groups, 1) if line in members)
    return lines.index(line) + 1


def extract_text(
    order: OrderRecord,
    lines: list[OrderLine],
    line: OrderLine,
    groups: dict[int, GroupRecord],
    institution: InstitutionRecord,
    uow: SqlUnitOfWork,
    issued_on: date,
) -> ExtractText:
    """The wording of the extract about ``line``'s child from ``order``."""
    settings = uow.settings.load()
    kind = OrderKind(order.kind)
    short = institution_short_name(institution.name, institution.short_name)
    (item,) = order_items(kind, [line], groups, short)
    head = typeset(head_signature(uow))
    return ExtractText(
        institution=typeset(institution.name),
        address=typeset(settings.address),
        place=typeset(settings.place),
        date=order.order_date,
        number=order.number,
        title=typeset(order.title),
        preamble=typeset(preamble(kind, [line.grounds] if line.grounds else [], 1)),
        item_number=item_number(kind, lines, line),
        item=typeset(item),
        head_post=typeset(settings.head_post),
        head_name=head,
        certified_post=typeset(settings.head_post),
        certified_name=head,
        issued_on=issued_on,
    )


def plan_extracts(
    site: Site,
    uow_factory: Callable[..., SqlUnitOfWork],
    templates: Path,
    today: date,
) -> list[tuple[PlannedExtract, DocumentJob]]:
    """An extract for every child of every signed order on pupils that has none yet (of the
    orders of the last months, see :mod:`~sgo_model.families.horizon`).

    An issued extract is not redrawn when settings change later: it is what the family was
    given. Only a changed template redraws it (its notice then goes out again as a revision).
    """
    template = templates / EXTRACT_TEMPLATE
    template_sha = file_sha256(template)
    planned: list[PlannedExtract] = []
    with uow_factory(read_only=True) as uow:
        existing = {
            d.key: d.template_sha256 for d in uow.documents.list(EXTRACT) if Path(d.path).exists()
        }
        signed = [
            o
            for o in uow.orders.all(MOVEMENT_ORDER_KINDS)
            if o.signed and recent(o.order_date, today)
        ]
        if not signed:
            return []
        institution = uow.institution.get() or InstitutionRecord("", None, None)
        groups = {g.id: g for g in uow.groups.groups()}
        then: dict[str, dict[int, GroupRecord]] = {}
        for order in signed:
            lines = uow.movement.order_lines(order.id)
            todo = [
                line
                for line in lines
                if existing.get(extract_key(order, line.pupil_id)) != template_sha
            ]
            if not todo:
                continue
            year = AcademicYear.containing(order.order_date).label
            if year not in then:
                then[year] = groups_during(uow, year, groups)
            for line in todo:
                planned.append(
                    PlannedExtract(
                        line.pupil_id,
                        order,
                        extract_key(order, line.pupil_id),
                        extract_text(order, lines, line, then[year], institution, uow, today),
                        pupil_folder(line.name, line.birth_date),
                    )
                )
    if not planned:
        return []
    renderer = NoticeRenderer(template, ExtractText)
    return [
        (
            extract,
            DocumentJob(
                EXTRACT,
                extract.key,
                f"Выписка из приказа № {extract.order.number} от "
                f"{extract.order.order_date:%d.%m.%Y} «{extract.order.title}»",
                inside(
                    site.outbox,
                    "families",
                    extract.folder,
                    safe_name(
                        f"Выписка из приказа № {extract.order.number} от "
                        f"{extract.order.order_date:%d.%m.%Y}.docx"
                    ),
                ),
                EXTRACT_TEMPLATE,
                template_sha,
                fingerprint(extract.text),
                partial(renderer.render, extract.text),
            ),
        )
        for extract in planned
    ]
