"""A deterministic generator of a realistic, entirely fictional kindergarten (ДОУ).

Everything here is plain data: the seven set-up forms of a new institution (staff,
curriculum profiles, load limits, caps by condition, groups, pupils, kinds of NOD per
group), each
as the rows a person would type into a spreadsheet, plus one pupils form full of
typical mistakes. The same seed always gives the same kindergarten.

The people, addresses and phone numbers are invented; the city is «Энск».
Only the domain's rules (standard library only) are used, so demos, tests and benchmarks
can build a kindergarten without touching the store or the spreadsheet adapters. The parts:
:mod:`~sgo_model.demo.staff`, :mod:`~sgo_model.demo.groups`,
:mod:`~sgo_model.demo.curriculum`, :mod:`~sgo_model.demo.pupils`,
:mod:`~sgo_model.demo.broken`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sgo_model.demo.broken import broken_rows
from sgo_model.demo.curriculum import WEEKLY_LIMITS, limit_rows, nod_rows
from sgo_model.demo.dates import SCHOOL_YEAR_START
from sgo_model.demo.groups import (
    PROFILES,
    condition_cap_rows,
    group_rows,
    headcounts,
    mark_conditions,
    plan_groups,
    room_areas,
)
from sgo_model.demo.previous_year import PREVIOUS_YEAR_START, year_before
from sgo_model.demo.pupils import AGE_CATEGORIES, generate_pupil_rows
from sgo_model.demo.staff import (
    CLERK,
    LOGOPED,
    METHODIST,
    MUSIC,
    PE,
    TEACHER,
    Person,
    Post,
    make_staff,
    staff_rows,
)
from sgo_model.domain.roles import SETUP_ORDER, FormKind

__all__ = [
    "AGE_CATEGORIES",
    "FORM_KINDS",
    "PREVIOUS_YEAR_START",
    "SCHOOL_YEAR_START",
    "WEEKLY_LIMITS",
    "DemoForm",
    "DemoKindergarten",
    "build_demo",
    "generate_pupil_rows",
]

# The forms of setting up an institution: those before the movement of pupils.
_SETUP_FORMS = SETUP_ORDER[: SETUP_ORDER.index(FormKind.MOVEMENT)]
FORM_KINDS: tuple[str, ...] = tuple(kind.value for kind in _SETUP_FORMS)
"""Kinds of the demo forms, in set-up order."""
_BROKEN_FILE_NAME = f"{FormKind.PUPILS.title} (исправить).xlsx"

_INSTITUTION_NAMES: tuple[str, ...] = (
    "Родничок",
    "Алёнушка",
    "Аистёнок",
    "Ручеёк",
    "Золотая рыбка",
    "Журавлик",
    "Снегирёк",
)


@dataclass(frozen=True)
class DemoForm:
    """One intake form as a person fills it in: whose inbox it goes to and its rows.

    ``rows`` are keyed by the exact Russian column headers of the form; values are
    ``str``, ``int``, ``float``, ``date`` or ``None`` (an empty cell).
    """

    kind: str
    login: str
    file_name: str
    rows: list[dict[str, object]]


@dataclass(frozen=True)
class DemoKindergarten:
    """A fictional kindergarten: its names, the year and the set-up forms in order.

    ``movement`` are the clerk's movement forms of the year that follow the set-up (for this
    year the enrolments of 1 September); ``previous`` is the same kindergarten a year
    earlier, whose closing gives the groups in ``regroup`` their next category.
    """

    institution: str
    short_name: str
    year: str
    forms: list[DemoForm]
    broken: DemoForm | None
    movement: tuple[DemoForm, ...] = ()
    previous: DemoKindergarten | None = None
    regroup: dict[str, str] = field(default_factory=dict)

    def form(self, kind: str) -> DemoForm:
        """The form of a kind (one of :data:`FORM_KINDS`)."""
        for item in self.forms:
            if item.kind == kind:
                return item
        raise KeyError(kind)


def build_demo(
    seed: int = 2026, *, pupils: int = 250, groups: int = 12, employees: int = 40
) -> DemoKindergarten:
    """A fictional kindergarten for the year 2026/2027, deterministic for a seed.

    The forms come in set-up order (:data:`FORM_KINDS`): the staff list goes to
    ``admin``'s inbox; profiles, load limits, caps by condition and kinds of NOD to the
    senior teacher's (methodist's); groups and pupils to the clerk's. Every group has two
    teachers; exactly one general group is enrolled slightly over the capacity its
    room allows (when the headcounts leave room for that); the compensating group (ТНР)
    holds ten children, the combined one fifteen, four of them with ОВЗ. ``broken`` is a
    pupils form from the clerk with typical mistakes. ``employees`` must be at least
    ``8 + 2 * groups``.
    """
    if pupils < 0:
        raise ValueError("pupils must not be negative")
    rng = random.Random(f"demo:{seed}")
    plan = plan_groups(groups)
    staff = make_staff(rng, groups, employees)

    def first(post: Post) -> Person:
        return next(p for p in staff if p.post is post)

    methodist, clerk = first(METHODIST), first(CLERK)
    if methodist.login is None or clerk.login is None:  # pragma: no cover - posts have roles
        raise AssertionError("the methodist and the clerk must have logins")
    methodist_login, clerk_login = methodist.login, clerk.login
    specialists = {"music": first(MUSIC), "pe": first(PE), "logoped": first(LOGOPED)}
    all_teachers = [p for p in staff if p.post is TEACHER]
    rng.shuffle(all_teachers)
    teachers = [all_teachers[2 * i : 2 * i + 2] for i in range(groups)]

    number = rng.randint(3, 148)
    title = rng.choice(_INSTITUTION_NAMES)
    autonomous = rng.random() < 0.2
    kind = "автономное" if autonomous else "бюджетное"
    institution = (
        f"Муниципальное {kind} дошкольное образовательное учреждение "
        f"«Детский сад № {number} «{title}»»"
    )
    short_name = f"{'МАДОУ' if autonomous else 'МБДОУ'} «Детский сад № {number}»"

    used_orientations = {group.orientation for group in plan}
    profiles = [p for p in PROFILES if p[1] in used_orientations] or [PROFILES[0]]
    if len(profiles) < 2:
        profiles = list(PROFILES[:2])
    profile_rows: list[dict[str, object]] = [
        {"Профиль": name, "Направленность": orientation.label, "Описание": text}
        for name, orientation, text in profiles
    ]
    profile_of = {orientation: name for name, orientation, _ in profiles}

    counts = headcounts(plan, pupils, rng)
    areas, _ = room_areas(plan, counts, rng)
    groups_form = group_rows(plan, areas, teachers, profile_of, rng)
    pupil_rows = generate_pupil_rows(
        pupils,
        [group.name for group in plan],
        seed=rng.randrange(2**31),
        categories={group.name: group.category.label for group in plan},
        sizes=counts,
    )
    mark_conditions(plan, pupil_rows)
    nods = nod_rows(plan, teachers, specialists, rng)
    broken = broken_rows(plan, pupil_rows, rng)

    def form(kind: FormKind, login: str, rows: list[dict[str, object]]) -> DemoForm:
        return DemoForm(kind.value, login, f"{kind.title}.xlsx", rows)

    def year_of(start: int) -> str:
        return f"{start}/{start + 1}"

    def set_up(
        groups: list[dict[str, object]],
        pupils: list[dict[str, object]],
        kinds: list[dict[str, object]],
    ) -> list[DemoForm]:
        return [
            form(FormKind.STAFF, "admin", staff_rows(staff)),
            form(FormKind.PROFILES, methodist_login, profile_rows),
            form(FormKind.LOAD_LIMITS, methodist_login, limit_rows()),
            form(FormKind.CONDITION_CAPS, methodist_login, condition_cap_rows()),
            form(FormKind.GROUPS, clerk_login, groups),
            form(FormKind.PUPILS, clerk_login, pupils),
            form(FormKind.NOD_KINDS, methodist_login, kinds),
        ]

    before = year_before(plan, groups_form, pupil_rows, rng)
    movement = FormKind.MOVEMENT
    previous = DemoKindergarten(
        institution=institution,
        short_name=short_name,
        year=year_of(PREVIOUS_YEAR_START.year),
        forms=set_up(
            before.groups, before.pupils, nod_rows(before.plan, teachers, specialists, rng)
        ),
        broken=None,
        movement=(
            DemoForm(
                movement.value, clerk_login, f"{movement.title} 2025-2026.xlsx", before.movement
            ),
        ),
        regroup=before.regroup,
    )
    return DemoKindergarten(
        institution=institution,
        short_name=short_name,
        year=year_of(SCHOOL_YEAR_START.year),
        forms=set_up(groups_form, pupil_rows, nods),
        broken=DemoForm(FormKind.PUPILS.value, clerk.login, _BROKEN_FILE_NAME, broken),
        movement=(
            DemoForm(
                movement.value,
                clerk_login,
                f"{movement.title} (зачисление с 01.09.2026).xlsx",
                before.newcomers,
            ),
        ),
        previous=previous,
    )
