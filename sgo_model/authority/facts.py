"""What a report counts, gathered from the store: groups, pupils, child-days, staff and rooms
of a calendar year as signed orders have them, and what the store lacks for that year."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sgo_model.attendance.reports import INSTITUTION, attendance_indicators
from sgo_model.domain.age import AgeCategory, Orientation, full_years
from sgo_model.domain.conditions import Condition
from sgo_model.domain.movement import group_on
from sgo_model.domain.posts import StaffCategory
from sgo_model.domain.statistical_form import Fact
from sgo_model.domain.text import means, plural
from sgo_model.office.russian import month_name
from sgo_model.store.uow import SqlUnitOfWork

_AGES = {
    AgeCategory.EARLY: "1-3",
    AgeCategory.JUNIOR1: "1-3",
    AgeCategory.JUNIOR2: "3-5",
    AgeCategory.MIDDLE: "3-5",
    AgeCategory.SENIOR: "5+",
    AgeCategory.PREP: "5+",
    AgeCategory.MIXED: "mixed",
}
"""The age column of 85-К a group of each category is counted in."""


@dataclass(frozen=True)
class PeriodFacts:
    """The facts of a period and the gaps that make a report on them preliminary."""

    facts: list[Fact]
    gaps: list[str] = field(default_factory=list)


def gather_facts(
    uow: SqlUnitOfWork, first: date, last: date, age_day: date, today: date
) -> PeriodFacts:
    """Every fact from ``first`` to ``last`` the store holds (ages counted on ``age_day``);
    only what signed orders back counts."""
    report_day = last
    groups = {g.id: g for g in uow.groups.groups()}
    roll_day = min(report_day, max(today, first))
    roster = uow.pupils.roster(roll_day)
    facts: list[Fact] = []
    placed: dict[int, int] = defaultdict(int)
    pending = 0
    for entry in roster:
        if not entry.official:
            pending += 1
            continue
        pending += bool(entry.pending)
        group = groups[entry.group_id]
        placed[group.id] += 1
        disabled = entry.condition is not None or group.orientation is Orientation.COMPENSATING
        facts.append(
            Fact(
                "pupils",
                {
                    "sex": entry.sex.value,
                    "age": full_years(entry.birth_date, age_day),
                    "programme": "care" if group.orientation is Orientation.CARE else "preschool",
                    "disabled": disabled,
                    "adapted": disabled
                    and group.orientation in (Orientation.COMPENSATING, Orientation.COMBINED),
                    "condition": _condition(entry.condition or group.condition, disabled),
                    "stay_mode": group.stay_mode.value,
                    "orientation": group.orientation.value,
                },
                subject=f"{entry.name.full}, {entry.birth_date:%d.%m.%Y} г. р., "
                f"группа «{group.name}»",
            )
        )
    for group_id, children in placed.items():
        group = groups[group_id]
        facts.append(
            Fact(
                "groups",
                {
                    "orientation": group.orientation.value,
                    "condition": group.condition.value if group.condition else None,
                    "ages": _AGES[group.category],
                    "stay_mode": group.stay_mode.value,
                },
                {"area_m2": group.area_m2},
                f"группа «{group.name}» ({plural(children, 'ребёнок', 'ребёнка', 'детей')})",
            )
        )
    gaps = [] if today > report_day else [_not_over(first, last)]
    facts += _attendance(uow, first, last, gaps)
    facts += _staff(uow)
    facts += _rooms(uow)
    facts += _movement(uow, first, last, roll_day)
    if pending:
        gaps.append(
            f"изменений списка без подписанного приказа на {report_day:%d.%m.%Y}: {pending} "
            "(в отчёт не вошли)"
        )
    return PeriodFacts(facts, gaps)


def _not_over(first: date, last: date) -> str:
    if first.year == last.year:
        return f"{first.year} год ещё не закончился"
    return f"{first.year}/{last.year} учебный год ещё не закончился"


def _movement(uow: SqlUnitOfWork, first: date, last: date, roll_day: date) -> list[Fact]:
    """Who was on the roll at the start and at the end, and who came and left between."""
    histories = uow.attendance.all_histories(roll_day, official=True)
    start = {p for p, h in histories.items() if group_on(h, first) is not None}
    end = {p for p, h in histories.items() if group_on(h, roll_day) is not None}
    events = [e for e in uow.movement.official_events(first, roll_day) if e[1] != "promote"]
    ids = start | end | {pupil for pupil, *_ in events}
    people = uow.pupils.people(ids)
    facts = []
    for moment, pupils in (("start", start), ("end", end)):
        for pupil in sorted(pupils):
            name, sex = people[pupil]
            facts.append(Fact("roll", {"moment": moment, "sex": sex}, subject=name))
    for pupil, kind, reason, day in events:
        if kind == "withdraw" or (kind == "enrol" and day > first):
            name, sex = people[pupil]
            facts.append(
                Fact("movement", {"kind": kind, "reason": reason or "", "sex": sex},
                     subject=f"{name}: {day:%d.%m.%Y}")
            )  # fmt: skip
    return facts


def _condition(condition: Condition | None, disabled: bool) -> str | None:
    if not disabled:
        return None
    return (condition or Condition.OTHER).value


def _attendance(uow: SqlUnitOfWork, first: date, last: date, gaps: list[str]) -> list[Fact]:
    indicators = attendance_indicators(uow, first, last)
    facts = []
    for row in indicators.rows:
        if row.scope == INSTITUTION:
            facts.append(
                Fact(
                    "calendar",
                    measures={
                        "working_days": row.working_days,
                        "average_headcount": Decimal(str(row.average_headcount)),
                    },
                    subject="табели посещаемости всех групп",
                )
            )
            continue
        older = {
            "attended": row.line01_3plus,
            "missed": row.line02_3plus,
            "illness": row.line03_3plus,
            "other": row.line04_3plus,
        }
        whole = {
            "attended": row.line01,
            "missed": row.line02,
            "illness": row.line03,
            "other": row.line04,
        }
        subject = f"табели группы «{row.scope}»"
        facts.append(Fact("attendance", {"older": True}, older, subject))
        younger = {key: whole[key] - older[key] for key in whole}
        facts.append(Fact("attendance", {"older": False}, younger, subject))
    missing: dict[date, list[str]] = defaultdict(list)
    for group, month in indicators.missing:
        missing[month].append(group)
    for months, names in _runs(missing):
        gaps.append(f"не представлены табели за {_months(months)}: {_groups(names)}")
    short: dict[date, list[str]] = defaultdict(list)
    for group, month, _ in indicators.preliminary:
        short[month].append(group)
    for months, names in _runs(short):
        gaps.append(f"табели за {_months(months)} заполнены не до конца месяца: {_groups(names)}")
    return facts


def _runs(by_month: dict[date, list[str]]) -> list[tuple[list[date], list[str]]]:
    """Consecutive months that lack the same groups, joined: January–August, 9 groups."""
    runs: list[tuple[list[date], list[str]]] = []
    for month in sorted(by_month):
        names = sorted(by_month[month])
        if runs and runs[-1][1] == names and _next(runs[-1][0][-1]) == month:
            runs[-1][0].append(month)
        else:
            runs.append(([month], names))
    return runs


def _next(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _months(months: list[date]) -> str:
    first, last = months[0], months[-1]
    if first == last:
        return f"{month_name(first.month)} {first.year} г."
    return f"{month_name(first.month)}–{month_name(last.month)} {last.year} г."


def _groups(names: list[str]) -> str:
    listed = ", ".join(f"«{name}»" for name in names[:4])
    more = len(names) - 4
    count = plural(len(names), "группа", "группы", "групп")
    return f"{count} ({listed}{f' и ещё {more}' if more > 0 else ''})"


def _staff(uow: SqlUnitOfWork) -> list[Fact]:
    facts = []
    for employee in uow.staff.employees():
        category = StaffCategory.of_post(employee.post)
        facts.append(
            Fact(
                "staff",
                {
                    "category": category.value,
                    "teaching": category.teaching,
                    "managing": category.managing,
                },
                subject=f"{employee.name.signature}, {employee.post}",
            )
        )
    return facts


def _rooms(uow: SqlUnitOfWork) -> list[Fact]:
    rooms = {row.room for _, row in uow.groups.nod_kinds() if row.room}
    facts = []
    for room in sorted(rooms):
        if means(room, ("музык",)):
            facts.append(Fact("rooms", {"kind": "music_hall"}, subject=room))
        elif means(room, ("спорт",), ("физкульт",), ("физическ",)):
            facts.append(Fact("rooms", {"kind": "sports_hall"}, subject=room))
    return facts
