"""Use cases of transfers: list what was received and sent, enrol a received child."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sgo_model.domain.commands import RecordMovement
from sgo_model.domain.errors import DomainError
from sgo_model.domain.movement import MovementKind
from sgo_model.domain.people import Sex
from sgo_model.domain.problems import Origin
from sgo_model.movement.service import apply_movement
from sgo_model.store.transfers import DRAFT, ArrivalRecord
from sgo_model.store.uow import SqlUnitOfWork
from sgo_model.transfers.package import ReceivedTransfer, parse_transfer

ACCEPT_SHEET = "Перевод"


@dataclass(frozen=True)
class ArrivalState:
    """A received transfer and what became of it."""

    arrival: ArrivalRecord
    status: str
    """«ждёт зачисления», «зачислен по переводу», «зачислен формой движения»."""


def _received(arrival: ArrivalRecord) -> ReceivedTransfer:
    problems: list[str] = []
    received = parse_transfer(arrival.payload, problems)
    if received is None:  # pragma: no cover - stored only after it was read
        raise DomainError("; ".join(problems))
    return received


def list_arrivals(uow: SqlUnitOfWork) -> list[ArrivalState]:
    """Every received transfer; a draft whose child was since enrolled by a movement form is
    shown as such."""
    states = []
    for arrival in uow.transfers.all():
        if arrival.status != DRAFT:
            states.append(ArrivalState(arrival, "зачислен по переводу"))
            continue
        enrolled = any(
            event.kind is MovementKind.ENROL
            and event.effective_on >= _received(arrival).withdrawn_on
            for pupil in uow.movement.find_pupils(arrival.name, arrival.birth_date)
            for event in uow.movement.history(pupil.id)
        )
        states.append(
            ArrivalState(arrival, "зачислен формой движения" if enrolled else "ждёт зачисления")
        )
    return states


def accept_transfer(
    uow: SqlUnitOfWork,
    arrival_id: int,
    group: str,
    day: date,
    today: date,
    refresh: Collection[str],
    grounds: str | None = None,
) -> str:
    """Enrol a received child into ``group`` from ``day``: the enrolment order is drafted
    with the ground «в порядке перевода из …» and the publishers ``refresh`` (those a
    movement changes) are asked to redraw; what was done, in Russian."""
    arrival = uow.transfers.get(arrival_id)
    if arrival is None:
        raise DomainError(f"Перевод № {arrival_id} не найден (sgo transfers list)")
    if arrival.status != DRAFT:
        raise DomainError(f"Перевод № {arrival_id} уже принят: ребёнок зачислен")
    t = _received(arrival)
    command = RecordMovement(
        kind=MovementKind.ENROL,
        name=t.name,
        birth_date=t.birth_date,
        effective_on=day,
        sex=t.sex,
        to_group=group,
        grounds=grounds
        or f"заявление родителя (законного представителя) о зачислении в порядке перевода "
        f"из {t.sender}",
        destination=t.sender,
        address=t.address,
        guardians=t.guardians,
        origin=Origin(arrival_id, ACCEPT_SHEET),
    )
    submission = arrival.submission_id
    if submission is None:  # pragma: no cover - every arrival came in a file
        raise DomainError(f"Перевод № {arrival_id} не связан с полученным файлом")
    outcome = apply_movement([command], uow, submission, today)
    if outcome.failed:
        raise DomainError(
            f"Перевод № {arrival_id} не принят: "
            + "; ".join(p.message for p in outcome.problems if p.is_error)
        )
    (pupil,) = uow.movement.find_pupils(t.name, t.birth_date)
    event = uow.movement.last_event_id(pupil.id, MovementKind.ENROL)
    assert event is not None
    uow.transfers.accept(arrival_id, event)
    uow.refresh.request(refresh, submission)
    enrolled = "зачислена" if t.sex is Sex.FEMALE else "зачислен"
    done = f"{t.name.full} {enrolled} в группу «{group}» с {day:%d.%m.%Y}."
    return f"{done} {outcome.note}" if outcome.note else done
