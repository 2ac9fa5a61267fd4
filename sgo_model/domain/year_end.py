"""Closing a school year (закрытие учебного года): who graduates, which group becomes which,
who stays where and why.

Children of a preparatory group graduate («в связи с получением образования») when they reach
school age (6 years 6 months) by 1 September, withdrawn from that day: a withdrawal's date is
the first day a child is no longer a pupil, and the year's last day is still theirs (attended
and billed); a mixed-age group keeps
its category and lets go those of school age; every other group moves one age category up with
its children on 1 September. A group may be renamed on promotion, and a group left empty by
its graduates may be given a new category for the next intake.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sgo_model.domain.age import AgeCategory
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.errors import DomainError
from sgo_model.domain.people import PersonName
from sgo_model.domain.text import fold

SCHOOL_AGE_MONTHS = 6 * 12 + 6
"""School age (Закон об образовании, ст. 67): 6 years 6 months on 1 September."""


@dataclass(frozen=True)
class GroupAtYearEnd:
    """A group as the year closes."""

    id: int
    name: str
    category: AgeCategory


@dataclass(frozen=True)
class ChildAtYearEnd:
    """A child on the roll as the year closes (signed orders only)."""

    pupil_id: int
    name: PersonName
    birth_date: date
    group_id: int


@dataclass(frozen=True)
class GroupChange:
    """What becomes of a group: its next name and category, and the children it takes."""

    group_id: int
    name: str
    category: AgeCategory
    new_name: str
    new_category: AgeCategory
    children: tuple[int, ...] = ()

    @property
    def promoted(self) -> bool:
        """Whether its children move a category up with it (a promotion order item)."""
        return bool(self.children) and self.category.next is self.new_category

    @property
    def renamed(self) -> bool:
        """Whether the group changes its name."""
        return fold(self.new_name) != fold(self.name)


@dataclass(frozen=True)
class Staying:
    """A child who neither graduates nor moves up, and why."""

    pupil_id: int
    group_id: int
    reason: str


@dataclass(frozen=True)
class YearEndPlan:
    """Every effect of closing a year on groups and children."""

    year: AcademicYear
    graduates: tuple[tuple[int, int], ...]
    """(pupil, group) of every graduate."""
    changes: tuple[GroupChange, ...]
    staying: tuple[Staying, ...] = field(default_factory=tuple)

    @property
    def next_year(self) -> AcademicYear:
        """The year that opens."""
        return AcademicYear(self.year.start_year + 1)

    @property
    def promotion_day(self) -> date:
        """The day the groups move up: the next year's first."""
        return self.next_year.first_day

    @property
    def graduation_day(self) -> date:
        """The graduates' withdrawal: the first day they are no longer pupils, the same
        1 September (the year's last day is still theirs)."""
        return self.promotion_day

    @property
    def promotions(self) -> tuple[GroupChange, ...]:
        """The groups whose children move up (the items of the promotion order)."""
        return tuple(c for c in self.changes if c.promoted)


def months_of_age(birth_date: date, on: date) -> int:
    """Age in full months on a date."""
    months = (on.year - birth_date.year) * 12 + on.month - birth_date.month
    return months - (on.day < birth_date.day)


def of_school_age(birth_date: date, on: date) -> bool:
    """Whether a child is 6 years 6 months or older on a date."""
    return months_of_age(birth_date, on) >= SCHOOL_AGE_MONTHS


def plan_year_end(
    year: AcademicYear,
    groups: Sequence[GroupAtYearEnd],
    children: Sequence[ChildAtYearEnd],
    renames: Mapping[str, str] | None = None,
    regroup: Mapping[str, AgeCategory] | None = None,
) -> YearEndPlan:
    """The plan of closing ``year``; ``renames`` maps a group's name to its next one,
    ``regroup`` gives a category to a group its graduates leave empty."""
    asked = [*(renames or {}), *(regroup or {})]
    known = {fold(g.name) for g in groups}
    unknown = sorted({name for name in asked if fold(name) not in known})
    if unknown:
        raise DomainError(f"Нет групп с такими названиями: {', '.join(unknown)}")
    renames = {fold(k): v.strip() for k, v in (renames or {}).items()}
    regroup = {fold(k): v for k, v in (regroup or {}).items()}
    promotion_day = AcademicYear(year.start_year + 1).first_day
    by_group: dict[int, list[ChildAtYearEnd]] = {g.id: [] for g in groups}
    for child in children:
        by_group.setdefault(child.group_id, []).append(child)
    graduates: list[tuple[int, int]] = []
    staying: list[Staying] = []
    changes: list[GroupChange] = []
    for group in sorted(groups, key=lambda g: fold(g.name)):
        members = sorted(by_group[group.id], key=lambda c: (c.name.last, c.name.first))
        new_name = renames.get(fold(group.name), group.name)
        following = group.category.next
        if following is not None:
            changes.append(
                GroupChange(group.id, group.name, group.category, new_name, following,
                            tuple(c.pupil_id for c in members))
            )  # fmt: skip
            continue
        leaving = [c for c in members if of_school_age(c.birth_date, promotion_day)]
        remaining = [c for c in members if c not in leaving]
        graduates += [(c.pupil_id, group.id) for c in leaving]
        for child in remaining:
            staying.append(
                Staying(
                    child.pupil_id,
                    group.id,
                    f"остаётся в группе «{group.name}» ({group.category.label}): к "
                    f"{promotion_day:%d.%m.%Y} не исполнится 6 лет 6 месяцев",
                )
            )
        category = group.category
        if not remaining and fold(group.name) in regroup:
            category = regroup[fold(group.name)]
        elif fold(group.name) in regroup:
            raise DomainError(
                f"Группу «{group.name}» нельзя перевести в другую возрастную категорию: в ней "
                f"остаются дети ({len(remaining)})"
            )
        changes.append(
            GroupChange(group.id, group.name, group.category, new_name, category,
                        tuple(c.pupil_id for c in remaining))
        )  # fmt: skip
    names = [fold(c.new_name) for c in changes]
    clashes = sorted({c.new_name for c in changes if names.count(fold(c.new_name)) > 1})
    if clashes:
        raise DomainError(f"После переименования названия групп повторяются: {', '.join(clashes)}")
    return YearEndPlan(year, tuple(graduates), tuple(changes), tuple(staying))
