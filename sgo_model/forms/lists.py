"""The static drop-down lists of the blanks (the store adds groups and profiles)."""

from __future__ import annotations

from collections.abc import Mapping

from sgo_model.domain.age import AgeCategory, Orientation
from sgo_model.domain.conditions import Condition
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.movement import MovementKind
from sgo_model.domain.movement_reasons import WithdrawalReason
from sgo_model.domain.roles import Role
from sgo_model.domain.schedule import EVERY_DAY, PINNED, WEEKDAYS, Regime
from sgo_model.domain.stay import StayMode

STATIC_LISTS: Mapping[str, tuple[str, ...]] = {
    "roles": tuple(r.label for r in Role),
    "categories": tuple(c.label for c in AgeCategory),
    "orientations": tuple(o.label for o in Orientation),
    "conditions": tuple(c.label for c in Condition),
    "stay_modes": tuple(m.label for m in StayMode),
    "areas": tuple(a.label for a in EducationalArea),
    "sexes": ("м", "ж"),
    "yes_no": ("да", "нет"),
    "movement_kinds": tuple(
        k.label for k in (MovementKind.ENROL, MovementKind.TRANSFER, MovementKind.WITHDRAW)
    ),
    "withdrawal_reasons": tuple(r.label for r in WithdrawalReason),
    "weekdays": WEEKDAYS,
    "days": (EVERY_DAY, *WEEKDAYS),
    "schedule_conditions": (*(r.label for r in Regime), PINNED),
}
