"""Commands produced by intake forms; each carries the origin (file row) that asked for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sgo_model.domain.age import AgeCategory, Orientation
from sgo_model.domain.conditions import Condition, ConditionCap
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.limits import LoadLimits
from sgo_model.domain.movement import MovementKind
from sgo_model.domain.movement_reasons import WithdrawalReason
from sgo_model.domain.people import Employee, Guardian, PersonName, Pupil, Sex
from sgo_model.domain.problems import Origin
from sgo_model.domain.roles import Role
from sgo_model.domain.schedule import Regime
from sgo_model.domain.stay import StayMode


@dataclass(frozen=True, slots=True)
class Command:
    """Base of intake commands."""

    origin: Origin = field(kw_only=True)


@dataclass(frozen=True, slots=True)
class RegisterEmployee(Command):
    """Создать или обновить сотрудника (и его учётную запись, если указаны логин и роль)."""

    employee: Employee
    login: str | None = None
    role: Role | None = None


@dataclass(frozen=True, slots=True)
class DefineProfile(Command):
    """Создать или обновить профиль учебного плана."""

    name: str
    orientation: Orientation
    description: str | None = None


@dataclass(frozen=True, slots=True)
class SetLoadLimits(Command):
    """Установить предельную нагрузку для возрастной категории."""

    limits: LoadLimits


@dataclass(frozen=True, slots=True)
class SetConditionCap(Command):
    """Установить предельную наполняемость групп для детей с нарушением."""

    cap: ConditionCap


@dataclass(frozen=True, slots=True)
class DefineGroup(Command):
    """Создать или обновить группу с её воспитателями."""

    name: str
    category: AgeCategory
    orientation: Orientation
    area_m2: Decimal
    teachers: tuple[str, ...] = ()
    profile: str | None = None
    condition: Condition | None = None
    """The condition a compensating group is for (нарушение)."""
    stay_mode: StayMode = StayMode.FULL
    """Режим пребывания."""


@dataclass(frozen=True, slots=True)
class RegisterPupil(Command):
    """Внести воспитанника в список и зачислить в группу (начальное заполнение)."""

    pupil: Pupil
    group: str
    enrolled_on: date


@dataclass(frozen=True, slots=True)
class AssignNodKind(Command):
    """Вид НОД группы с числом занятий в неделю, педагогом и помещением."""

    group: str
    name: str
    area: str
    weekly_count: int
    teacher: str | None = None
    room: str | None = None


@dataclass(frozen=True, slots=True)
class RecordMovement(Command):
    """Зачислить, перевести или отчислить воспитанника (одна строка формы движения)."""

    kind: MovementKind
    name: PersonName
    birth_date: date
    effective_on: date
    sex: Sex | None = None
    from_group: str | None = None
    to_group: str | None = None
    grounds: str | None = None
    reason: WithdrawalReason | None = None
    destination: str | None = None
    """Where the pupil went (withdrawal) or came from (enrolment)."""
    exception_reason: str | None = None
    address: str | None = None
    guardians: tuple[Guardian, ...] = ()
    account: str | None = None
    """The pupil's personal account (лицевой счёт), if the row gives it."""
    condition: Condition | None = None
    """The child's condition (ОВЗ), if the row gives it."""


@dataclass(frozen=True, slots=True)
class SetScheduleCondition(Command):
    """Условие расписания: когда педагог, помещение или группа доступны (или нет), режим дня
    группы, или закреплённое занятие (``regime`` ``None``, ``kind`` — вид НОД)."""

    who: str
    day: int | None
    start: int
    end: int | None
    regime: Regime | None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceActivity(Command):
    """Одно занятие исправленного расписания: группа, день, время, вид НОД, педагог, помещение."""

    group: str
    day: int
    start: int
    end: int
    kind: str
    teacher: str | None = None
    room: str | None = None


@dataclass(frozen=True, slots=True)
class SetDiagnosticIndicator(Command):
    """Показатель педагогической диагностики: область, её показатель, для какой возрастной
    категории."""

    category: AgeCategory
    area: EducationalArea
    name: str
