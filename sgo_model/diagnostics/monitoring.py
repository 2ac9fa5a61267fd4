"""The monitoring of a year: each group's current diagnostics rolled up into levels, the
shares at each level by area and period for every group and the institution, the analytic
note's sentences, and the children who need an individual route (for their teachers only)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sgo_model.diagnostics.documents.monitoring_xlsx import MonitoringScope
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.diagnostics import (
    IN_INSTITUTION,
    AreaResult,
    Level,
    Period,
    Share,
    Thresholds,
    area_score,
    dynamics,
    in_group,
    level_shares,
    standing,
)
from sgo_model.domain.errors import DomainError
from sgo_model.domain.text import fold
from sgo_model.store.groups import GroupRecord
from sgo_model.store.uow import SqlUnitOfWork

Shares = dict[EducationalArea, dict[Level, Share]]


@dataclass(frozen=True)
class GroupDiagnostics:
    """A group's results by period (children by opaque keys) and who was not assessed."""

    group: GroupRecord
    results: dict[Period, list[AreaResult]]
    not_assessed: dict[Period, dict[int, str]]

    def shares(self) -> dict[Period, Shares]:
        """Per period assessed, the shares at each level by area."""
        return {period: level_shares(r) for period, r in self.results.items() if r}

    @property
    def latest(self) -> Period | None:
        """The latest period with results."""
        return next((p for p in (Period.END, Period.START) if self.results.get(p)), None)


@dataclass(frozen=True)
class RouteChild:
    """A child whose level in some areas is «не сформирован» at the group's latest period."""

    pupil_id: int
    areas: tuple[tuple[EducationalArea, Decimal], ...]
    """The areas «не сформирован» with the child's mean score in each."""


@dataclass
class Monitoring:
    """A year's monitoring of the groups asked for (all by default)."""

    institution: str
    year: AcademicYear
    thresholds: Thresholds
    groups: list[GroupDiagnostics] = field(default_factory=list)

    @property
    def rule(self) -> str:
        """The level rule every report prints."""
        return self.thresholds.rule

    def institution_shares(self) -> dict[Period, Shares]:
        """The shares over every group's children together."""
        merged: dict[Period, list[AreaResult]] = defaultdict(list)
        for group in self.groups:
            for period, results in group.results.items():
                merged[period] += results
        return {period: level_shares(r) for period, r in merged.items() if r}

    def scopes(self) -> list[MonitoringScope]:
        """The institution, then each group: what the workbook shows."""
        scopes = [MonitoringScope("Учреждение в целом", self.institution_shares())]
        scopes += [MonitoringScope(f"Группа «{g.group.name}»", g.shares()) for g in self.groups]
        return scopes

    def sentences(self, where: str, shares: dict[Period, Shares]) -> list[str]:
        """The note's sentences on the share «сформирован» in each area: the dynamics where
        both periods were assessed, the one period's figure otherwise."""
        lines = []
        for area in EducationalArea:
            start = shares.get(Period.START, {}).get(area)
            end = shares.get(Period.END, {}).get(area)
            if start and end:
                lines.append(
                    dynamics(where, area, Level.FORMED, start[Level.FORMED], end[Level.FORMED])
                )
            elif start or end:
                period, one = (Period.START, start) if start else (Period.END, end)
                assert one is not None
                lines.append(standing(where, area, Level.FORMED, one[Level.FORMED], period))
        return lines

    def institution_sentences(self) -> list[str]:
        """The note's sentences on the institution."""
        return self.sentences(IN_INSTITUTION, self.institution_shares())

    def group_sentences(self, group: GroupDiagnostics) -> list[str]:
        """The note's sentences on a group."""
        return self.sentences(in_group(group.group.name), group.shares())

    def routes(self, group: GroupDiagnostics) -> list[RouteChild]:
        """The group's children «не сформирован» in any area at its latest period."""
        period = group.latest
        if period is None:
            return []
        weak: dict[int, list[tuple[EducationalArea, Decimal]]] = defaultdict(list)
        for result in group.results[period]:
            if result.level is Level.NOT_FORMED:
                weak[int(result.child)].append((result.area, result.score))
        order = list(EducationalArea)
        return [
            RouteChild(pupil, tuple(sorted(areas, key=lambda a: order.index(a[0]))))
            for pupil, areas in sorted(weak.items())
        ]

    def as_json(self) -> dict[str, Any]:
        """The shares by scope, area, period and level (counts and per cent), no children."""

        def scope(shares: dict[Period, Shares]) -> dict[str, Any]:
            return {
                area.value: {
                    period.value: {
                        level.value: {"count": s.count, "total": s.total, "percent": s.percent}
                        for level, s in by_area[area].items()
                    }
                    for period, by_area in shares.items()
                    if area in by_area
                }
                for area in EducationalArea
                if any(area in by_area for by_area in shares.values())
            }

        return {
            "year": self.year.label,
            "rule": self.rule,
            "institution": scope(self.institution_shares()),
            "groups": {g.group.name: scope(g.shares()) for g in self.groups},
        }


def load_monitoring(
    uow: SqlUnitOfWork, year: AcademicYear, groups: Collection[str] | None = None
) -> Monitoring:
    """The year's monitoring from the current versions of every group (or of ``groups``,
    by name; an unknown name is an error)."""
    stored = uow.groups.groups()
    if groups:
        known = {fold(g.name): g for g in stored}
        unknown = [name for name in groups if fold(name) not in known]
        if unknown:
            raise DomainError(f"Группа «{unknown[0]}» не найдена")
        stored = [known[fold(name)] for name in groups]
    institution = uow.institution.get()
    thresholds = uow.settings.load().diagnostics_thresholds
    current = uow.diagnostics.current(year.label, [g.id for g in stored])
    monitoring = Monitoring(institution.name if institution else "", year, thresholds)
    for group in stored:
        results: dict[Period, list[AreaResult]] = {}
        skipped: dict[Period, dict[int, str]] = {}
        for period in Period:
            by_child: dict[tuple[int, str], list[int]] = defaultdict(list)
            for score in current.scores.get((group.id, period.value), []):
                by_child[(score.pupil_id, score.area)].append(score.score)
            results[period] = [
                _result(pupil, EducationalArea(area), scores, thresholds)
                for (pupil, area), scores in sorted(by_child.items())
            ]
            skipped[period] = current.skips.get((group.id, period.value), {})
        monitoring.groups.append(GroupDiagnostics(group, results, skipped))
    return monitoring


def _result(
    pupil: int, area: EducationalArea, scores: list[int], thresholds: Thresholds
) -> AreaResult:
    # Scores stored under an earlier scale stay as they were: no re-check here.
    mean = area_score(scores)
    return AreaResult(str(pupil), area, mean, thresholds.level(mean))
