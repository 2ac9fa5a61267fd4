"""All intake form kinds, and the static drop-down lists of their blanks."""

from __future__ import annotations

from collections.abc import Mapping

from sgo_model.domain.age import AgeCategory, Orientation
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.movement import MovementKind
from sgo_model.domain.movement_reasons import WithdrawalReason
from sgo_model.domain.roles import FormKind, Role
from sgo_model.forms import groups, load_limits, movement, nod_kinds, profiles, pupils, staff
from sgo_model.forms.spec import FormSpec

SPECS: Mapping[FormKind, FormSpec] = {
    spec.kind: spec
    for spec in (
        staff.SPEC,
        profiles.SPEC,
        load_limits.SPEC,
        groups.SPEC,
        pupils.SPEC,
        nod_kinds.SPEC,
        movement.SPEC,
    )
}

STATIC_LISTS: Mapping[str, tuple[str, ...]] = {
    "roles": tuple(r.label for r in Role),
    "categories": tuple(c.label for c in AgeCategory),
    "orientations": tuple(o.label for o in Orientation),
    "areas": tuple(a.label for a in EducationalArea),
    "sexes": ("м", "ж"),
    "movement_kinds": tuple(
        k.label for k in (MovementKind.ENROL, MovementKind.TRANSFER, MovementKind.WITHDRAW)
    ),
    "withdrawal_reasons": tuple(r.label for r in WithdrawalReason),
}
