"""Documents of the movement of pupils: the orders and the movement book."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from types import ModuleType

from sgo_model.domain.age import AgeCategory
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.movement import ORDER_SCAN, SIGNED, MovementKind, counts_officially
from sgo_model.domain.movement_reasons import OrderKind, WithdrawalReason
from sgo_model.domain.text import fold
from sgo_model.intake.order_jobs import order_jobs
from sgo_model.intake.publishing import DocumentJob, PublishContext, Publisher, is_current
from sgo_model.movement.documents import book, book_docx, book_xlsx
from sgo_model.movement.documents.book import BookEntry
from sgo_model.movement.documents.book_docx import write_book_docx
from sgo_model.movement.documents.book_xlsx import write_book_xlsx
from sgo_model.movement.documents.wording import (
    enrol_item,
    graduation_item,
    group_phrase,
    institution_short_name,
    preamble,
    promote_item,
    promote_roster,
    transfer_item,
    with_exception,
    withdraw_item,
)
from sgo_model.office.files import code_sha256, fingerprint
from sgo_model.office.names import inside
from sgo_model.office.order_document import OrderText
from sgo_model.office.site import Site
from sgo_model.office.typography import typeset
from sgo_model.setup.signatory import head_signature
from sgo_model.store.groups import GroupRecord
from sgo_model.store.institution import InstitutionRecord
from sgo_model.store.movement import BookEvent, OrderLine
from sgo_model.store.orders import OrderRecord
from sgo_model.store.uow import SqlUnitOfWork

MOVEMENT_ORDER_KINDS = tuple(kind.code for kind in OrderKind)
"""The orders this publisher renders: those on pupils."""
BOOK_XLSX = "movement_book"
BOOK_DOCX = "movement_book_pages"


def order_items(
    kind: OrderKind,
    lines: Sequence[OrderLine],
    groups: dict[int, GroupRecord],
    institution: str = "",
) -> list[str]:
    """The numbered items of an order, one per child, names declined; ``institution`` (its
    short name) is what a child is withdrawn from. A promotion order has an item per group
    with its children listed."""
    if kind is OrderKind.PROMOTE:
        return promotion_items(lines)
    items = []
    for line in lines:
        to_group = groups.get(line.group_id) if line.group_id else None
        from_group = groups.get(line.from_group_id) if line.from_group_id else None
        if kind is OrderKind.ENROL and to_group:
            text = enrol_item(
                line.name,
                line.sex,
                line.birth_date,
                group_phrase(to_group.name, to_group.category, to_group.orientation, "accusative"),
                line.effective_on,
            )
        elif kind is OrderKind.TRANSFER and to_group and from_group:
            text = transfer_item(
                line.name,
                line.sex,
                line.birth_date,
                group_phrase(
                    from_group.name, from_group.category, from_group.orientation, "genitive"
                ),
                group_phrase(to_group.name, to_group.category, to_group.orientation, "accusative"),
                line.effective_on,
            )
        elif kind is OrderKind.GRADUATE and from_group:
            text = graduation_item(
                line.name,
                line.sex,
                line.birth_date,
                group_phrase(
                    from_group.name,
                    from_group.category,
                    from_group.orientation,
                    "genitive",
                    with_category=True,
                ),
                line.effective_on,
                institution,
            )
        elif from_group:
            text = withdraw_item(
                line.name,
                line.sex,
                line.birth_date,
                group_phrase(
                    from_group.name, from_group.category, from_group.orientation, "genitive"
                ),
                line.effective_on,
                WithdrawalReason(line.reason)
                if line.reason
                else WithdrawalReason.PARENTS_INITIATIVE,
                line.destination,
                institution,
            )
        else:  # pragma: no cover - every stored event names its groups
            raise ValueError(f"event {line.event_id} lacks its group")
        items.append(with_exception(text, line.exception_reason))
    return items


def promotion_groups(lines: Sequence[OrderLine]) -> list[list[OrderLine]]:
    """The children of a promotion order by the group they move with, in the order of its
    items: the youngest groups first, from what the events recorded of each group's category
    before the move."""
    by_group: dict[int | None, list[OrderLine]] = {}
    for line in lines:
        by_group.setdefault(line.from_group_id, []).append(line)
    order = list(AgeCategory)
    return sorted(
        by_group.values(),
        key=lambda members: (
            order.index(_category_before(members[0])),
            fold(members[0].note or ""),
        ),
    )


def _category_before(line: OrderLine) -> AgeCategory:
    return AgeCategory((line.reason or "").partition(">")[0])


def promotion_items(lines: Sequence[OrderLine]) -> list[str]:
    """«Перевести воспитанников средней группы «Ромашка» (4–5 лет) в старшую группу (5–6 лет)
    с 01.09.2027 в составе: …» for each group (see :func:`promotion_groups`), from what its
    children's events recorded (the categories and names before and after), so the order reads
    the same once the groups have moved on."""
    items = []
    for members in promotion_groups(lines):
        first = members[0]
        head = promote_item(
            first.note or "",
            _category_before(first),
            first.effective_on,
            new_name=first.destination,
        )
        roster = "; ".join(promote_roster([(m.name, m.birth_date) for m in members]))
        items.append(f"{head} {roster}" + ("" if roster.endswith(".") else "."))
    return items


def _acquainted(
    order: OrderRecord, lines: Sequence[OrderLine], groups: dict[int, GroupRecord]
) -> list[str]:
    """Who signs as acquainted: each child's parent; for a promotion, which moves whole
    groups, the groups' teachers."""
    if order.kind != OrderKind.PROMOTE.code:
        return [line.guardian or "" for line in lines]
    teachers = {
        f"{teacher.short}, воспитатель"
        for group_id in {line.from_group_id for line in lines}
        if group_id in groups
        for teacher in groups[group_id].teachers
    }
    return sorted(teachers, key=str.lower)


def _order_text(
    order: OrderRecord,
    lines: Sequence[OrderLine],
    groups: dict[int, GroupRecord],
    institution: InstitutionRecord,
    uow: SqlUnitOfWork,
) -> OrderText:
    """What an order prints, typeset as Russian documents are (quotes, non-breaking spaces)."""
    settings = uow.settings.load()
    grounds = [line.grounds for line in lines if line.grounds]
    short = institution_short_name(institution.name, institution.short_name)
    return OrderText(
        institution=typeset(institution.name),
        address=typeset(settings.address),
        place=typeset(settings.place),
        date=order.order_date,
        number=order.number,
        title=typeset(order.title),
        preamble=typeset(preamble(OrderKind(order.kind), grounds, len(lines))),
        items=[typeset(item) for item in order_items(OrderKind(order.kind), lines, groups, short)],
        head_post=typeset(settings.head_post),
        head_name=typeset(head_signature(uow)),
        acquainted=[typeset(person) for person in _acquainted(order, lines, groups)],
        draft=order.status != SIGNED,
    )


def plan_pending_orders(
    site: Site, uow_factory: Callable[..., SqlUnitOfWork], templates: Path
) -> list[DocumentJob]:
    """Every order that has no document yet (a draft, or the clean copy once signed)."""
    with uow_factory(read_only=True) as uow:
        pending = uow.orders.all(MOVEMENT_ORDER_KINDS, without_document=True)
        if not pending:
            return []
        institution = uow.institution.get() or InstitutionRecord("", None, None)
        groups = {g.id: g for g in uow.groups.groups()}
        then: dict[str, dict[int, GroupRecord]] = {}
        texts = []
        for order in pending:
            year = AcademicYear.containing(order.order_date).label
            if year not in then:
                then[year] = groups_during(uow, year, groups)
            lines = uow.movement.order_lines(order.id)
            texts.append((order, _order_text(order, lines, then[year], institution, uow)))
    return order_jobs(site, templates, texts)


def groups_during(
    uow: SqlUnitOfWork, year: str, groups: dict[int, GroupRecord]
) -> dict[int, GroupRecord]:
    """The groups as they were during ``year``: a closed year's names and categories as its
    closing found them, so that an order of that year signed (and drawn) after the groups
    moved on still names the group a child was in."""
    during = uow.years.groups_during(year)
    return {
        group_id: (
            replace(group, name=during[group_id][0], category=AgeCategory(during[group_id][1]))
            if group_id in during
            else group
        )
        for group_id, group in groups.items()
    }


def _order_ref(number: str | None, when: date | None) -> str:
    return f"№ {number} от {when:%d.%m.%Y}" if number and when else ""


def book_entries(
    events: Sequence[BookEvent],
    guardians: dict[int, list[tuple[str, str | None]]],
    group_names: dict[int, str],
) -> list[BookEntry]:
    """One entry per enrolment, following the pupil until withdrawal, by running number."""
    entries: list[BookEntry] = []
    pupil: int | None = None
    open_entry = False
    for event in events:
        if event.pupil_id != pupil:
            pupil = event.pupil_id
            open_entry = False
        unsigned = not counts_officially(event.order_status)
        order = _order_ref(event.order_number, event.order_date)
        group = group_names.get(event.group_id or 0, "")
        if event.kind is MovementKind.ENROL:
            people = guardians.get(event.pupil_id, [])
            contacts = "; ".join(f"{who}, {phone}" if phone else who for who, phone in people)
            entries.append(
                BookEntry(
                    number=event.book_number or 0,
                    pupil=event.name.full,
                    birth_date=event.birth_date,
                    address=event.address or "",
                    guardians=contacts,
                    enrolled_on=event.effective_on,
                    enrol_order=order,
                    arrived_from=event.destination or "",
                    group=group,
                    withdrawn_on=None,
                    withdraw_order="",
                    destination="",
                    note=event.note or "",
                    unsigned=unsigned,
                )
            )
            open_entry = True
            continue
        if not open_entry:
            continue
        entry = entries[-1]
        if event.kind is MovementKind.WITHDRAW:
            reason = WithdrawalReason(event.reason).label if event.reason else ""
            entries[-1] = replace(
                entry,
                withdrawn_on=event.effective_on,
                withdraw_order=order,
                destination=" / ".join(p for p in (event.destination, reason) if p),
                unsigned=entry.unsigned or unsigned,
            )
            open_entry = False
        else:
            moved = f"с {event.effective_on:%d.%m.%Y} в группе «{group}»"
            note = f"{moved} (приказ {order})" if order else moved
            entries[-1] = replace(
                entry,
                group=group,
                note="; ".join(p for p in (entry.note, note) if p),
                unsigned=entry.unsigned or unsigned,
            )
    return sorted(entries, key=lambda e: e.number)


def _layout(writer: ModuleType) -> tuple[str, str]:
    """The book is laid out by code, not by an editable template: its writer's module and
    the entries' module stand in for the template's name and hash."""
    name = Path(str(writer.__file__)).name
    return f"sgo_model/movement/documents/{name}", code_sha256(book, writer)


def plan_movement_book(
    site: Site,
    uow_factory: Callable[..., SqlUnitOfWork],
    today: date | None = None,
) -> list[DocumentJob]:
    """The movement book (xlsx: whole; docx: the current academic year), if it changed."""
    today = today or date.today()
    with uow_factory(read_only=True) as uow:
        institution = uow.institution.get()
        if institution is None:
            return []
        events = uow.movement.book_events()
        guardians = uow.movement.guardians()
        names = {g.id: g.name for g in uow.groups.groups()}
        previous = {d.kind: d for d in uow.documents.list() if d.key == "current"}
    entries = book_entries(events, guardians, names)
    year = institution.current_year or AcademicYear.containing(today)
    # Everything the book prints: the institution's name, the year of its pages, the entries.
    stamp = fingerprint({"institution": institution.name, "year": year.label, "entries": entries})
    folder = inside(site.documents, "Книга движения")
    xlsx = inside(folder, "Книга учёта движения воспитанников.xlsx")
    docx = inside(folder, f"Книга учёта движения воспитанников {year.label.replace('/', '-')}.docx")
    jobs = [
        DocumentJob(
            BOOK_XLSX,
            "current",
            "Книга учёта движения воспитанников",
            xlsx,
            *_layout(book_xlsx),
            stamp,
            partial(write_book_xlsx, institution.name, entries),
        ),
        DocumentJob(
            BOOK_DOCX,
            "current",
            f"Книга учёта движения воспитанников за {year.label} учебный год",
            docx,
            *_layout(book_docx),
            stamp,
            partial(write_book_docx, institution.name, entries, (year.first_day, year.last_day)),
        ),
    ]
    return [
        job for job in jobs if not is_current(previous.get(job.kind), stamp, job.template_sha256)
    ]


@dataclass(frozen=True)
class Orders:
    """Publisher of the orders (приказы): drafts, and clean copies once signed."""

    name: str = "orders"
    triggers: frozenset[str] = frozenset({"movement", "application", ORDER_SCAN})

    def plan(self, context: PublishContext) -> list[DocumentJob]:
        return plan_pending_orders(context.site, context.uow, context.templates)


@dataclass(frozen=True)
class MovementBook:
    """Publisher of the movement book (книга учёта движения воспитанников)."""

    name: str = "movement_book"
    triggers: frozenset[str] = frozenset(
        {"pupils", "groups", "movement", "application", ORDER_SCAN}
    )

    def plan(self, context: PublishContext) -> list[DocumentJob]:
        return plan_movement_book(context.site, context.uow, context.today)


PUBLISHERS: tuple[Publisher, ...] = (Orders(), MovementBook())
"""What the movement of pupils registers with publishing."""
