"""One child's own results of pedagogical diagnostics: the child's mean score and level in
each educational area at the latest period of a year, and nothing about other children."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.diagnostics import AreaResult, Period, area_score
from sgo_model.store.uow import SqlUnitOfWork


@dataclass(frozen=True)
class ChildDiagnostics:
    """A child's results at one period: by area, in the programme's order."""

    pupil_id: int
    group_id: int
    year: AcademicYear
    period: Period
    assessed_on: date
    results: tuple[AreaResult, ...]


def children_diagnostics(
    uow: SqlUnitOfWork, year: AcademicYear, pupil_ids: set[int] | None = None
) -> dict[int, ChildDiagnostics]:
    """Each child's results at the latest period the child was assessed in ``year`` (of
    ``pupil_ids``, or of every child)."""
    thresholds = uow.settings.load().diagnostics_thresholds
    current = uow.diagnostics.current(year.label)
    assessed = {(v.group_id, v.period): v.assessed_on for v in current.versions}
    found: dict[int, ChildDiagnostics] = {}
    order = list(EducationalArea)
    for period in (Period.END, Period.START):
        for (group_id, stored_period), scores in current.scores.items():
            if stored_period != period.value:
                continue
            by_child: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
            for score in scores:
                if pupil_ids is None or score.pupil_id in pupil_ids:
                    by_child[score.pupil_id][score.area].append(score.score)
            for pupil_id, areas in by_child.items():
                if pupil_id in found:
                    continue
                results = []
                for area in sorted((EducationalArea(a) for a in areas), key=order.index):
                    mean = area_score(areas[area.value])
                    results.append(AreaResult(str(pupil_id), area, mean, thresholds.level(mean)))
                found[pupil_id] = ChildDiagnostics(
                    pupil_id,
                    group_id,
                    year,
                    period,
                    assessed[(group_id, period.value)],
                    tuple(results),
                )
    return found
