"""Recording the movement of pupils and drafting the orders that back it.

Each accepted file's events are grouped by order kind and date into draft orders, numbered
in the pupils' register within the calendar year of the order date. The number is taken in
the same transaction as the events, so a refused file gives its numbers back (no gaps) and
two issuers at once never share one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sgo_model.domain.commands import RecordMovement
from sgo_model.domain.conditions import Condition
from sgo_model.domain.errors import DomainError
from sgo_model.domain.movement import (
    GroupFacts,
    MovementKind,
    check_enrolment,
    check_open_year,
    check_transfer,
    check_withdrawal,
    group_on,
)
from sgo_model.domain.movement_reasons import OrderKind, WithdrawalReason
from sgo_model.domain.people import Pupil, resolve_sex
from sgo_model.domain.problems import Problem, Severity
from sgo_model.domain.text import fold
from sgo_model.forms.references import unknown_group
from sgo_model.intake.outcome import Outcome
from sgo_model.movement.documents.wording import order_title
from sgo_model.store.counters import BOOK_COUNTER
from sgo_model.store.groups import GroupRecord
from sgo_model.store.movement import NewEvent, StoredPupil
from sgo_model.store.uow import SqlUnitOfWork


@dataclass(frozen=True)
class RecordedEvent:
    """An event just stored, waiting for its order."""

    event_id: int
    kind: OrderKind
    effective_on: date
    grounds: str | None


def apply_movement(
    commands: Sequence[RecordMovement], uow: SqlUnitOfWork, submission_id: int, today: date
) -> Outcome:
    """Record a file's events (every refusal collected) and draft their orders."""
    outcome = Outcome()
    context = _Context(uow, today)
    recorded: list[RecordedEvent] = []
    past: list[RecordMovement] = []
    for command in sorted(commands, key=lambda c: (c.effective_on, c.origin.row)):
        try:
            recorded.append(context.record(command, submission_id))
        except DomainError as error:
            outcome.problems.append(Problem.at(command.origin, error.field, error.message))
            continue
        if command.effective_on < today:
            past.append(command)
    if len(past) == 1:
        outcome.problems.append(
            Problem.at(
                past[0].origin,
                "effective_on",
                f"Запись задним числом: дата {past[0].effective_on:%d.%m.%Y} уже прошла; "
                "приказ будет датирован этим днём",
                Severity.WARNING,
            )
        )
    elif past:
        rows = ", ".join(str(c.origin.row) for c in sorted(past, key=lambda c: c.origin.row))
        outcome.problems.append(
            Problem(
                f"Записи задним числом (строки {rows}): их даты уже прошли; приказы будут "
                "датированы этими днями",
                sheet=past[0].origin.sheet,
                severity=Severity.WARNING,
            )
        )
    if outcome.failed:
        return outcome
    outcome.created = len(recorded)
    outcome.note = drafted_note(draft_orders(uow, recorded, submission_id, today))
    return outcome


def drafted_note(orders: Sequence[DraftedOrder]) -> str:
    """What the receipt says of the orders a file drafted: their numbers, and what to do."""
    if not orders:
        return ""
    listed = "; ".join(f"№ {o.number} от {o.order_date:%d.%m.%Y} «{o.title}»" for o in orders)
    if len(orders) == 1:
        head = f"Подготовлен проект приказа {listed}"
    else:
        head = f"Подготовлены проекты приказов: {listed}"
    return (
        f"{head}. Распечатайте (sgo documents print НОМЕР) и передайте на подпись заведующему; "
        "подписанный скан положите в папку заведующего под именем «Приказ НОМЕР.pdf»."
    )


@dataclass(frozen=True)
class DraftedOrder:
    """An order a file drafted: its number, date and title."""

    id: int
    number: str
    order_date: date
    title: str


def draft_orders(
    uow: SqlUnitOfWork, recorded: Sequence[RecordedEvent], submission_id: int | None, today: date
) -> list[DraftedOrder]:
    """Group events by kind and date into numbered draft orders."""
    register = uow.settings.load().pupil_register
    by_order: dict[tuple[OrderKind, date], list[RecordedEvent]] = defaultdict(list)
    for item in recorded:
        by_order[(item.kind, item.effective_on)].append(item)
    created = []
    for (kind, effective_on), items in sorted(
        by_order.items(), key=lambda x: (x[0][1], x[0][0].value)
    ):
        # An order is dated the day it is issued; a back-dated event's order bears that date.
        order_date = min(today, effective_on)
        title = order_title(kind, len(items))
        order = uow.orders.issue(
            register, kind.code, order_date, effective_on, title, submission_id
        )
        uow.movement.link_events(order.id, [item.event_id for item in items])
        created.append(DraftedOrder(order.id, order.number, order_date, title))
    return created


class _Context:
    """What checking a file's events needs, read once."""

    def __init__(self, uow: SqlUnitOfWork, today: date) -> None:
        self.uow = uow
        self.today = today
        self.groups = {fold(g.name): g for g in uow.groups.groups()}
        self.names = {g.id: g.name for g in self.groups.values()}
        self.closed = uow.movement.closed_years()
        self.caps = uow.groups.condition_caps()

    def group(self, name: str, field: str) -> GroupRecord:
        group = self.groups.get(fold(name))
        if group is None:
            known = [g.name for g in self.groups.values()]
            raise DomainError(unknown_group(name, known), field=field)
        return group

    def facts(
        self, group: GroupRecord, day: date, birth_date: date, condition: Condition | None
    ) -> GroupFacts:
        under_3 = (day - birth_date).days < 3 * 365
        present = self.uow.pupils.conditions(day, [group.id]).get(group.id, [])
        arriving = [condition] if condition is not None else []
        limits = group.group.limits(
            self.caps, has_children_under_3=under_3, children=present + arriving
        )
        headcount = self.uow.pupils.headcounts(day).get(group.id, 0)
        return GroupFacts(group.id, group.name, group.category, limits, headcount, len(present))

    def pupil(self, command: RecordMovement) -> StoredPupil | None:
        found = self.uow.movement.find_pupils(command.name, command.birth_date)
        if len(found) > 1:
            listed = "; ".join(f"{p.name.full}, {p.birth_date:%d.%m.%Y} г.р." for p in found)
            raise DomainError(
                f"Найдено несколько воспитанников: {listed}; укажите отчество", field="last_name"
            )
        return found[0] if found else None

    def missing(self, command: RecordMovement) -> DomainError:
        similar = self.uow.movement.similar_pupils(command.name, command.birth_date)
        text = f"Воспитанник {command.name.full}, {command.birth_date:%d.%m.%Y} г.р., не найден"
        if similar:
            listed = "; ".join(f"{p.name.full}, {p.birth_date:%d.%m.%Y} г.р." for p in similar)
            text += f". Похожие: {listed}"
        return DomainError(text, field="last_name")

    def record(self, command: RecordMovement, submission_id: int) -> RecordedEvent:
        check_open_year(command.effective_on, self.closed)
        day = command.effective_on
        stored = self.pupil(command)
        history = self.uow.movement.history(stored.id) if stored else []
        current = group_on(history, day)
        current_name = self.names.get(current) if current is not None else None
        condition = command.condition or (stored.condition if stored else None)
        from_id = current
        target: GroupRecord | None = None
        if command.kind is MovementKind.ENROL:
            assert command.to_group is not None
            target = self.group(command.to_group, "to_group")
            check_enrolment(
                history,
                day,
                self.facts(target, day, command.birth_date, condition),
                command.birth_date,
                command.exception_reason,
                with_condition=condition is not None,
            )
            if stored is None:
                pupil = Pupil(
                    command.name,
                    resolve_sex(command.name, command.sex),
                    command.birth_date,
                    command.address,
                    command.guardians,
                    command.account,
                    command.condition,
                )
                pupil_id = self.uow.pupils.create(pupil, submission_id, command.origin.row)
            else:
                pupil_id = stored.id
            from_id = None
        else:
            if stored is None:
                raise self.missing(command)
            pupil_id = stored.id
            if command.from_group:
                self.group(command.from_group, "from_group")
            if command.kind is MovementKind.TRANSFER:
                assert command.to_group is not None
                target = self.group(command.to_group, "to_group")
                check_transfer(
                    history,
                    day,
                    current_name,
                    command.from_group,
                    self.facts(target, day, command.birth_date, condition),
                    command.birth_date,
                    command.exception_reason,
                    with_condition=condition is not None,
                )
            else:
                check_withdrawal(history, day, current_name, command.from_group)
        if stored is not None and command.account:
            self.uow.pupils.set_account(pupil_id, command.account)
        if stored is not None and command.condition:
            self.uow.pupils.set_condition(pupil_id, command.condition)
        if stored is not None and command.guardians:
            # A form that names the guardians again states their contacts as they are now.
            self.uow.pupils.replace_guardians(
                pupil_id, command.guardians, submission_id, command.origin.row
            )
        book_number = (
            self.uow.counters.next(BOOK_COUNTER) if command.kind is MovementKind.ENROL else None
        )
        event_id = self.uow.movement.add_event(
            NewEvent(
                pupil_id=pupil_id,
                kind=command.kind,
                effective_on=day,
                group_id=target.id if target else None,
                from_group_id=from_id,
                reason=command.reason.value if command.reason else None,
                grounds=command.grounds,
                destination=command.destination,
                exception_reason=command.exception_reason,
                back_dated=day < self.today,
                book_number=book_number,
                submission_id=submission_id,
                source_row=command.origin.row,
            )
        )
        return RecordedEvent(event_id, _order_kind(command), day, command.grounds)


def _order_kind(command: RecordMovement) -> OrderKind:
    if command.kind is MovementKind.ENROL:
        return OrderKind.ENROL
    if command.kind is MovementKind.TRANSFER:
        return OrderKind.TRANSFER
    if command.reason is WithdrawalReason.GRADUATION:
        return OrderKind.GRADUATE
    return OrderKind.WITHDRAW
