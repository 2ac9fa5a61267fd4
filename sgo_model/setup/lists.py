"""Blank forms with drop-down lists filled from what the store knows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sgo_model.domain.conditions import DEFAULT_CONDITION_CAPS
from sgo_model.domain.roles import FormKind
from sgo_model.forms.lists import STATIC_LISTS
from sgo_model.setup.forms.condition_caps import cap_rows
from sgo_model.store.uow import SqlUnitOfWork


def form_lists(uow: SqlUnitOfWork) -> Mapping[str, Sequence[str]]:
    """Drop-down lists: the fixed ones plus the groups and profiles of the store."""
    with uow:
        groups = [g.name for g in uow.groups.groups()]
        profiles = sorted(uow.groups.profiles())
    return {**STATIC_LISTS, "groups": tuple(groups), "profiles": tuple(profiles)}


def form_rows(uow: SqlUnitOfWork | None) -> Mapping[FormKind, Sequence[Mapping[str, object]]]:
    """The blanks that come pre-filled: the condition caps with their current values (the
    defaults on a site not set up yet)."""
    if uow is None:
        return {FormKind.CONDITION_CAPS: cap_rows(DEFAULT_CONDITION_CAPS)}
    with uow:
        caps = uow.groups.condition_caps()
    return {FormKind.CONDITION_CAPS: cap_rows(caps.values())}
