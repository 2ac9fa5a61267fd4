"""The schedule's blanks, pre-filled from the store: «Условия расписания» with the conditions
in force (each group's default day where it has none of its own), and the current week."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from sgo_model.domain.errors import DomainError
from sgo_model.domain.roles import FormKind
from sgo_model.domain.schedule import (
    DEFAULT_GROUP_DAY,
    EVERY_DAY,
    PINNED,
    Regime,
    clock,
    weekday_name,
)
from sgo_model.forms.blanks import write_blank
from sgo_model.forms.lists import STATIC_LISTS
from sgo_model.schedule.forms import correction
from sgo_model.schedule.forms.correction import sheet_rows
from sgo_model.schedule.inputs import PIN, read_inputs
from sgo_model.schedule.service import to_slot
from sgo_model.store.uow import SqlUnitOfWork

Rows = Sequence[Mapping[str, object]]


def condition_rows(uow: SqlUnitOfWork) -> list[dict[str, object]]:
    """The conditions in force as rows of «Условия расписания» (inside the caller's unit of
    work)."""
    stored = uow.schedule.conditions()
    names = {e.personnel_number: e.name.full for e in uow.staff.employees()}
    own_day = {
        c.who
        for c in stored
        if c.who_kind == "group" and c.regime not in (PIN, Regime.AVAILABLE.value)
    }
    rows: list[dict[str, object]] = []
    for group in uow.groups.groups():
        if group.name in own_day:
            continue
        for start, end, regime, _ in DEFAULT_GROUP_DAY:
            rows.append(_row(group.name, None, start, end, regime.label, None))
    for c in stored:
        who = names.get(c.who, c.who) if c.who_kind == "teacher" else c.who
        label = PINNED if c.regime == PIN else Regime(c.regime).label
        rows.append(_row(who, c.day, c.start, c.end, label, c.kind))
    return rows


def _row(
    who: str, day: int | None, start: int, end: int | None, condition: str, kind: str | None
) -> dict[str, object]:
    return {
        "Кто / что": who,
        "День недели": EVERY_DAY if day is None else weekday_name(day),
        "С": clock(start),
        "До": clock(end) if end is not None else None,
        "Условие": condition,
        "Вид НОД": kind,
    }


def week_rows(uow: SqlUnitOfWork) -> list[dict[str, object]]:
    """The latest version of the week as rows of «Расписание НОД» (empty before any)."""
    latest = uow.schedule.latest()
    if latest is None:
        return []
    inputs = read_inputs(uow)
    order = {g.name: i for i, g in enumerate(inputs.plan.groups)}
    slots = sorted(
        (to_slot(s) for s in uow.schedule.slots(latest.id)),
        key=lambda s: (order.get(s.group, 0), s.day, s.start),
    )
    # Full names: the sheet's «Педагог» is read back by the staff list's own names.
    names = {e.personnel_number: e.name.full for e in uow.staff.employees()}
    return sheet_rows(slots, names)


def form_rows(uow: SqlUnitOfWork) -> Mapping[FormKind, Rows]:
    """The schedule's pre-filled blanks."""
    with uow:
        rows: dict[FormKind, Rows] = {FormKind.SCHEDULE_CONDITIONS: condition_rows(uow)}
        week = week_rows(uow)
    if week:
        rows[FormKind.SCHEDULE] = week
    return rows


def write_week_sheet(
    uow: SqlUnitOfWork, out: Path, lists: Mapping[str, Sequence[str]] = STATIC_LISTS
) -> Path:
    """``sgo forms schedule``: the latest week as an editable sheet in the folder ``out``."""
    with uow:
        rows = week_rows(uow)
        version = uow.schedule.latest()
    if version is None:
        raise DomainError("Расписания ещё нет: постройте его (sgo schedule build)")
    path = out / f"Расписание НОД, версия {version.number}.xlsx"
    return write_blank(correction.SPEC, path, lists, rows)
