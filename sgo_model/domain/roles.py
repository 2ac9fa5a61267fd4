"""Roles of users and what each role may submit through the inbox."""

from __future__ import annotations

import enum

from sgo_model.domain.errors import DomainError
from sgo_model.domain.text import by_meaning, fold


class Role(enum.Enum):
    """Роль пользователя АИС; the value is the code used in the store and the CLI."""

    ADMIN = "admin"
    HEAD = "head"
    METHODIST = "methodist"
    CLERK = "clerk"
    TEACHER = "teacher"
    SPECIALIST = "specialist"
    NURSE = "nurse"
    AUTHORITY = "authority"

    @property
    def label(self) -> str:
        """The Russian name of the role."""
        return _ROLE_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> Role:
        """Read a role from its code or Russian name."""
        key = fold(text)
        for role in cls:
            if key in (role.value, fold(role.label)):
                return role
        found = by_meaning(text, _ROLE_MEANINGS)
        if found is not None:
            return found
        allowed = ", ".join(r.label for r in cls)
        raise DomainError(f"Неизвестная роль «{text}». Допустимо: {allowed}")


# How people write the roles, by the stems of the key words; the more particular first:
# «музыкальный руководитель» is no head, «заместитель заведующего» and «старший
# воспитатель» are the methodist.
_ROLE_MEANINGS: tuple[tuple[Role, tuple[tuple[str, ...], ...]], ...] = (
    (Role.ADMIN, (("админ",),)),
    (
        Role.SPECIALIST,
        (("специалист",), ("музык",), ("инструктор",), ("логопед",), ("психолог",)),
    ),
    (Role.METHODIST, (("старш", "воспитател"), ("методист",), ("зам",), ("вмр",))),
    (Role.HEAD, (("заведующ",), ("руководител",))),
    (Role.CLERK, (("делопроизвод",), ("секретар",))),
    (Role.NURSE, (("медсестр",), ("медицинск",), ("сестр",))),
    (Role.TEACHER, (("воспитател",),)),
    (Role.AUTHORITY, (("орган", "управлен"), ("управлен", "образован"))),
)

_ROLE_LABELS = {
    Role.ADMIN: "системный администратор",
    Role.HEAD: "заведующий",
    Role.METHODIST: "старший воспитатель",
    Role.CLERK: "делопроизводитель",
    Role.TEACHER: "воспитатель",
    Role.SPECIALIST: "специалист",
    Role.NURSE: "медицинская сестра",
    Role.AUTHORITY: "орган управления образованием",
}


class FormKind(enum.Enum):
    """The kind of an intake form (вид формы)."""

    STAFF = "staff"
    PROFILES = "profiles"
    LOAD_LIMITS = "load_limits"
    CONDITION_CAPS = "condition_caps"
    GROUPS = "groups"
    PUPILS = "pupils"
    NOD_KINDS = "nod_kinds"
    MOVEMENT = "movement"
    APPLICATION = "application"
    ATTENDANCE = "attendance"
    SCHEDULE_CONDITIONS = "schedule_conditions"
    SCHEDULE = "schedule"
    DIAGNOSTIC_INDICATORS = "diagnostic_indicators"
    DIAGNOSTICS = "diagnostics"

    @property
    def title(self) -> str:
        """The Russian title of the form."""
        return _FORM_TITLES[self]

    @property
    def allowed_roles(self) -> frozenset[Role]:
        """The roles that may submit this form."""
        return _RIGHTS[self]


_FORM_TITLES = {
    FormKind.STAFF: "Сотрудники",
    FormKind.PROFILES: "Профили учебного плана",
    FormKind.LOAD_LIMITS: "Предельные нагрузки",
    FormKind.CONDITION_CAPS: "Наполняемость по нарушениям",
    FormKind.GROUPS: "Группы",
    FormKind.PUPILS: "Воспитанники",
    FormKind.NOD_KINDS: "Виды НОД по группам",
    FormKind.MOVEMENT: "Движение воспитанников",
    FormKind.APPLICATION: "Заявление родителя",
    FormKind.ATTENDANCE: "Лист посещаемости",
    FormKind.SCHEDULE_CONDITIONS: "Условия расписания",
    FormKind.SCHEDULE: "Расписание НОД",
    FormKind.DIAGNOSTIC_INDICATORS: "Показатели диагностики",
    FormKind.DIAGNOSTICS: "Педагогическая диагностика",
}

_RIGHTS = {
    FormKind.STAFF: frozenset({Role.ADMIN, Role.CLERK}),
    FormKind.PROFILES: frozenset({Role.ADMIN, Role.METHODIST}),
    FormKind.LOAD_LIMITS: frozenset({Role.ADMIN, Role.METHODIST}),
    FormKind.CONDITION_CAPS: frozenset({Role.ADMIN, Role.METHODIST}),
    FormKind.GROUPS: frozenset({Role.ADMIN, Role.CLERK, Role.METHODIST}),
    FormKind.PUPILS: frozenset({Role.ADMIN, Role.CLERK}),
    FormKind.NOD_KINDS: frozenset({Role.ADMIN, Role.METHODIST}),
    FormKind.MOVEMENT: frozenset({Role.ADMIN, Role.CLERK}),
    FormKind.APPLICATION: frozenset({Role.ADMIN, Role.CLERK}),
    FormKind.ATTENDANCE: frozenset({Role.ADMIN, Role.TEACHER, Role.NURSE}),
    FormKind.SCHEDULE_CONDITIONS: frozenset({Role.ADMIN, Role.METHODIST}),
    FormKind.SCHEDULE: frozenset({Role.ADMIN, Role.METHODIST}),
    FormKind.DIAGNOSTIC_INDICATORS: frozenset({Role.ADMIN, Role.METHODIST}),
    FormKind.DIAGNOSTICS: frozenset({Role.ADMIN, Role.METHODIST, Role.TEACHER, Role.SPECIALIST}),
}

# Within one pass files are applied in set-up order, so that a batch holding the
# staff list, the groups and the pupils at once resolves its references.
SETUP_ORDER: tuple[FormKind, ...] = (
    FormKind.STAFF,
    FormKind.PROFILES,
    FormKind.LOAD_LIMITS,
    FormKind.CONDITION_CAPS,
    FormKind.GROUPS,
    FormKind.PUPILS,
    FormKind.NOD_KINDS,
    FormKind.MOVEMENT,
    FormKind.APPLICATION,
    FormKind.ATTENDANCE,
    FormKind.SCHEDULE_CONDITIONS,
    FormKind.SCHEDULE,
    FormKind.DIAGNOSTIC_INDICATORS,
    FormKind.DIAGNOSTICS,
)


def ensure_may_submit(role: Role, kind: FormKind, login: str) -> None:
    """Refuse a submission of a form kind the role may not send."""
    if role not in kind.allowed_roles:
        allowed = ", ".join(sorted(r.label for r in kind.allowed_roles))
        raise DomainError(
            f"Пользователь «{login}» ({role.label}) не может подавать форму «{kind.title}». "
            f"Эту форму подают: {allowed}."
        )
