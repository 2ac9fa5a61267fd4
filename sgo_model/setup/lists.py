"""Blank forms with drop-down lists filled from what the store knows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sgo_model.forms.lists import STATIC_LISTS
from sgo_model.store.uow import SqlUnitOfWork


def form_lists(uow: SqlUnitOfWork) -> Mapping[str, Sequence[str]]:
    """Drop-down lists: the fixed ones plus the groups and profiles of the store."""
    with uow:
        groups = [g.name for g in uow.groups.groups()]
        profiles = sorted(uow.groups.profiles())
    return {**STATIC_LISTS, "groups": tuple(groups), "profiles": tuple(profiles)}
