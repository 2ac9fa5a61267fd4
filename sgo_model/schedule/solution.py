"""What the solver answers: a week, or the conflicts that make one impossible (kept apart
from the solver so that reading an answer never imports OR-Tools)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sgo_model.domain.schedule import ScheduleSlot
from sgo_model.schedule.explain import Conflict


@dataclass(frozen=True)
class Solution:
    """What the solver found: the slots (when it found a week), its status, the objective
    and bound, and for an impossible week the conflicts that make it so."""

    status: str
    """``optimal``, ``feasible``, ``infeasible`` or ``unknown`` (no week within the limit)."""
    slots: list[ScheduleSlot] = field(default_factory=list)
    objective: float | None = None
    bound: float | None = None
    conflicts: list[Conflict] = field(default_factory=list)
    seconds: float = 0.0
    first_seconds: float | None = None
    """When the first valid week was found (wall seconds from the start)."""
    kept: int = 0
    moved: int = 0

    @property
    def found(self) -> bool:
        """Whether there is a week."""
        return self.status in ("optimal", "feasible")

    @property
    def gap(self) -> float | None:
        """The relative gap to the bound (0 when optimal)."""
        if self.objective is None or self.bound is None:
            return None
        if self.objective == 0:
            return 0.0
        return abs(self.objective - self.bound) / abs(self.objective)
