"""Pedagogical diagnostics as stored: the indicators of each area per age category, and every
version of a group's diagnostics at a period with its scores and the children not assessed."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import Connection, delete, func, insert, select

from sgo_model.domain.text import fold
from sgo_model.store.tables import (
    diagnostic_indicators,
    diagnostic_scores,
    diagnostic_skips,
    diagnostic_versions,
)


@dataclass(frozen=True)
class IndicatorRecord:
    """An indicator of an area for an age category (codes of the domain's enums)."""

    category: str
    area: str
    name: str
    source_row: int | None = None


@dataclass(frozen=True)
class StoredScore:
    """A child's score on one indicator (its place in the area and its name)."""

    pupil_id: int
    area: str
    position: int
    indicator: str
    score: int
    source_row: int | None = None


@dataclass(frozen=True)
class StoredSkip:
    """A child on the sheet who was not assessed, and why."""

    pupil_id: int
    reason: str
    source_row: int | None = None


@dataclass(frozen=True)
class NewDiagnostics:
    """A version to store: the group's scores at a period on the indicators it covers."""

    group_id: int
    year: str
    period: str
    covered: tuple[tuple[str, str], ...]
    """(area code, indicator) of every indicator the version scores."""
    login: str
    assessed_on: date
    scores: Sequence[StoredScore]
    skips: Sequence[StoredSkip] = ()
    submission_id: int | None = None


@dataclass(frozen=True)
class DiagnosticsVersion:
    """A stored version of a group's diagnostics at a period."""

    id: int
    group_id: int
    year: str
    period: str
    version: int
    covered: tuple[tuple[str, str], ...]
    login: str
    assessed_on: date
    created_at: datetime
    submission_id: int | None


@dataclass
class CurrentDiagnostics:
    """What counts now: per group, period and indicator the newest version scoring it, with
    its scores; and the children each current version did not assess."""

    versions: list[DiagnosticsVersion] = field(default_factory=list)
    """The versions that count for something."""
    scores: dict[tuple[int, str], list[StoredScore]] = field(default_factory=dict)
    """(group, period) → the scores of the current version of each area."""
    skips: dict[tuple[int, str], dict[int, str]] = field(default_factory=dict)
    """(group, period) → pupil → reason, from the current versions."""


class DiagnosticsRepository:
    """Indicators and versions of diagnostics."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def indicators(self) -> list[IndicatorRecord]:
        """The institution's own list, in the order given (empty: the defaults apply)."""
        t = diagnostic_indicators
        rows = self.connection.execute(select(t).order_by(t.c.id))
        return [IndicatorRecord(r.category, r.area, r.name, r.source_row) for r in rows]

    def replace_indicators(
        self, records: Sequence[IndicatorRecord], submission_id: int | None
    ) -> None:
        """Replace the whole list."""
        self.connection.execute(delete(diagnostic_indicators))
        positions: dict[tuple[str, str], int] = {}
        rows = []
        for r in records:
            position = positions[(r.category, r.area)] = positions.get((r.category, r.area), 0) + 1
            rows.append(
                {
                    "category": r.category,
                    "area": r.area,
                    "position": position,
                    "name": r.name,
                    "submission_id": submission_id,
                    "source_row": r.source_row,
                }
            )
        if rows:
            self.connection.execute(insert(diagnostic_indicators), rows)

    def add_version(self, new: NewDiagnostics) -> int:
        """Store a new version; return its number within the group's period."""
        t = diagnostic_versions
        last = self.connection.execute(
            select(func.max(t.c.version)).where(
                t.c.group_id == new.group_id, t.c.year == new.year, t.c.period == new.period
            )
        ).scalar_one()
        number = (last or 0) + 1
        version_id = self.connection.execute(
            insert(t)
            .returning(t.c.id)
            .values(
                group_id=new.group_id,
                year=new.year,
                period=new.period,
                version=number,
                covered=json.dumps([list(c) for c in new.covered], ensure_ascii=False),
                login=new.login,
                assessed_on=new.assessed_on,
                created_at=datetime.now(UTC),
                submission_id=new.submission_id,
            )
        ).scalar_one()
        if new.scores:
            self.connection.execute(
                insert(diagnostic_scores),
                [
                    {
                        "version_id": version_id,
                        "pupil_id": s.pupil_id,
                        "area": s.area,
                        "position": s.position,
                        "indicator": s.indicator,
                        "score": s.score,
                        "source_row": s.source_row,
                    }
                    for s in new.scores
                ],
            )
        if new.skips:
            self.connection.execute(
                insert(diagnostic_skips),
                [
                    {
                        "version_id": version_id,
                        "pupil_id": s.pupil_id,
                        "reason": s.reason,
                        "source_row": s.source_row,
                    }
                    for s in new.skips
                ],
            )
        return number

    def versions(
        self, year: str | None = None, group_ids: Collection[int] | None = None
    ) -> list[DiagnosticsVersion]:
        """Every version (of a year, of some groups), oldest first."""
        t = diagnostic_versions
        query = select(t).order_by(t.c.group_id, t.c.period, t.c.version)
        if year is not None:
            query = query.where(t.c.year == year)
        if group_ids is not None:
            query = query.where(t.c.group_id.in_(list(group_ids)))
        return [
            DiagnosticsVersion(
                r.id,
                r.group_id,
                r.year,
                r.period,
                r.version,
                tuple((area, indicator) for area, indicator in json.loads(r.covered)),
                r.login,
                r.assessed_on,
                r.created_at,
                r.submission_id,
            )
            for r in self.connection.execute(query)
        ]

    def current(self, year: str, group_ids: Collection[int] | None = None) -> CurrentDiagnostics:
        """The results in force for a year: each indicator of each group-period from the
        newest version that scores it."""
        result = CurrentDiagnostics()
        newest: dict[tuple[int, str, str, str], DiagnosticsVersion] = {}
        for version in self.versions(year, group_ids):
            for area, indicator in version.covered:
                newest[(version.group_id, version.period, area, fold(indicator))] = version
        wanted: dict[int, set[tuple[str, str]]] = {}
        for (_, _, area, indicator), version in newest.items():
            wanted.setdefault(version.id, set()).add((area, indicator))
        if not wanted:
            return result
        by_id = {v.id: v for v in newest.values()}
        result.versions = sorted(by_id.values(), key=lambda v: v.id)
        s = diagnostic_scores
        rows = self.connection.execute(
            select(s).where(s.c.version_id.in_(list(wanted))).order_by(s.c.pupil_id, s.c.area)
        )
        for r in rows:
            if (r.area, fold(r.indicator)) not in wanted[r.version_id]:
                continue
            version = by_id[r.version_id]
            result.scores.setdefault((version.group_id, version.period), []).append(
                StoredScore(r.pupil_id, r.area, r.position, r.indicator, r.score, r.source_row)
            )
        k = diagnostic_skips
        for r in self.connection.execute(select(k).where(k.c.version_id.in_(list(wanted)))):
            version = by_id[r.version_id]
            result.skips.setdefault((version.group_id, version.period), {})[r.pupil_id] = r.reason
        return result

    def count(self) -> int:
        """How many versions are stored."""
        return int(
            self.connection.execute(
                select(func.count()).select_from(diagnostic_versions)
            ).scalar_one()
        )
