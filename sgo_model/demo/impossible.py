"""The demo's explained impossibility: the same week, had the music director only a quarter
of a rate, cannot be built, and the solver says why in Russian."""

from __future__ import annotations

from dataclasses import replace

from sgo_model.domain.schedule import SPECIALIST_HOURS, rate_text
from sgo_model.schedule.inputs import read_inputs
from sgo_model.schedule.solution import Solution
from sgo_model.schedule.solver import solve
from sgo_model.store.uow import SqlUnitOfWork

MUSIC_DIRECTOR = "музыкальный руководитель"
SHORT_RATE = 0.25


def short_of_hours(uow: SqlUnitOfWork, rate: float = SHORT_RATE) -> Solution | None:
    """Solve the stored week with the music director at ``rate`` (``None``: no music
    director leads activities); the answer is infeasible, with its conflicts."""
    with uow:
        plan = read_inputs(uow).plan
    music = next((t for t in plan.teachers if t.post.lower() == MUSIC_DIRECTOR), None)
    if music is None:
        return None
    minutes = round(SPECIALIST_HOURS[MUSIC_DIRECTOR] * rate * 60)
    short = replace(music, weekly_minutes=minutes, rate=rate_text(rate))
    teachers = [short if t.key == music.key else t for t in plan.teachers]
    return solve(replace(plan, teachers=teachers), time_limit=5.0)
