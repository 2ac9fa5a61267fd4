"""Pedagogical diagnostics for the demo: each group's teachers score their children at the
start of the year and at its end (the PE instructor scores physical development in the
groups he teaches, the music director the musical indicator of the artistic area); a child
now and then is not assessed, and one sheet has a score off the scale. The year's end is
simulated once the demo's day is past the end-of-year window."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from sgo_model.demo.typing import type_values
from sgo_model.diagnostics.blanks import diagnostics_blank
from sgo_model.diagnostics.forms.blank import write_diagnostics_blank
from sgo_model.diagnostics.forms.model import (
    BIRTH_COLUMN,
    FIRST_PUPIL_ROW,
    FIRST_SCORE_COLUMN,
    DiagnosticsBlank,
    date_row,
    diagnostics_blank_name,
)
from sgo_model.diagnostics.service import specialist_areas
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.diagnostics import Period
from sgo_model.domain.roles import Role
from sgo_model.office.site import Site
from sgo_model.store.uow import SqlUnitOfWork

_GROWTH = 0.7
"""How much a child's mean score grows from September to May (and over a year)."""
_FIRST_YEAR = 2025


def diagnostics_to_stage(year: AcademicYear, today: date) -> list[tuple[AcademicYear, Period]]:
    """Which diagnostics of ``year`` the demo simulates as of ``today``."""
    staged: list[tuple[AcademicYear, Period]] = []
    if today >= date(year.start_year, 9, 25):
        staged.append((year, Period.START))
    if today >= date(year.start_year + 1, 5, 20):
        staged.append((year, Period.END))
    return staged


def assessed_on(year: AcademicYear, period: Period) -> date:
    """The day the demo's diagnostics of a period are made."""
    return (
        date(year.start_year, 9, 24) if period is Period.START else date(year.start_year + 1, 5, 14)
    )


_SCORED_BY = {
    EducationalArea.PHYSICAL: ("физическое", ""),
    EducationalArea.ARTISTIC: ("музыкальное", "музык"),
}
"""The areas the demo's specialists score: a file-name suffix and the stem of the indicators
they score (empty: all of the area's)."""


def _scored(blank: DiagnosticsBlank, area: EducationalArea) -> tuple[str, ...]:
    stem = _SCORED_BY[area][1]
    indicators = next((a.indicators for a in blank.areas if a.area is area), ())
    return tuple(i for i in indicators if stem in i)


def stage_diagnostics(
    site: Site, uow: SqlUnitOfWork, today: date, seed: int = 2026, *, mistakes: bool = True
) -> list[Path]:
    """Drop the filled diagnostics sheets into the assessors' inboxes; with ``mistakes``, also
    a copy of one with a score off the scale."""
    rng = random.Random(seed)
    files: list[Path] = []
    with uow:
        institution = uow.institution.get()
        year = institution.current_year if institution else None
        if year is None:
            return []
        groups = [g for g in uow.groups.groups() if g.teachers]
        teachers = {
            u.login: set(uow.staff.led_groups(u.login))
            for u in uow.staff.users()
            if u.role is Role.TEACHER and u.active
        }
        # A specialist who teaches a group scores what they teach: the PE instructor the whole
        # physical area, the music director the artistic area's musical indicator.
        teaching: dict[int, dict[str, EducationalArea]] = {}
        for u in uow.staff.users():
            if u.role is Role.SPECIALIST and u.active:
                for area in specialist_areas(uow, u.employee_id) & set(_SCORED_BY):
                    for group_id, kind in uow.groups.nod_kinds():
                        if kind.area == area.value and kind.employee_id == u.employee_id:
                            teaching.setdefault(group_id, {})[u.login] = area
        blanks = [
            (y, period, diagnostics_blank(uow, g, period, y, assessed_on(y, period)))
            for y, period in diagnostics_to_stage(year, today)
            for g in groups
        ]
    bases: dict[tuple[int, EducationalArea], float] = {}
    for y, period, blank in blanks:
        teacher = next((t for t, led in teachers.items() if blank.group in led), None)
        children = [c for c in blank.children if not c.reason]
        if teacher is None or not children:
            continue
        specialists = teaching.get(blank.group_id, {})
        theirs = {(area, i) for area in specialists.values() for i in _scored(blank, area)}
        kept = (
            replace(a, indicators=tuple(i for i in a.indicators if (a.area, i) not in theirs))
            for a in blank.areas
        )
        mine = tuple(a for a in kept if a.indicators)
        sheets = [(teacher, replace(blank, areas=mine), "")]
        for login, area in specialists.items():
            own = tuple(
                replace(a, indicators=_scored(blank, area)) for a in blank.areas if a.area is area
            )
            sheets.append((login, replace(blank, areas=own), _SCORED_BY[area][0]))
        for login, sheet, suffix in sheets:
            path = site.user_inbox(login) / diagnostics_blank_name(sheet, suffix)
            write_diagnostics_blank(sheet, path)
            _fill(path, sheet, y, period, bases, rng, seed)
            files.append(path)
    if files and mistakes:
        files.append(_off_the_scale(files[0]))
    return files


def _fill(
    path: Path,
    blank: DiagnosticsBlank,
    year: AcademicYear,
    period: Period,
    bases: dict[tuple[int, EducationalArea], float],
    rng: random.Random,
    seed: int,
) -> None:
    columns = [(a.area, i) for a in blank.areas for i in a.indicators]
    reason_column = get_column_letter(FIRST_SCORE_COLUMN + len(columns))
    letters = [get_column_letter(FIRST_SCORE_COLUMN + offset) for offset in range(len(columns))]
    values: dict[str, str | int | date] = {}
    for index, child in enumerate(blank.children):
        row = FIRST_PUPIL_ROW + index
        if child.reason:
            continue
        if rng.random() < 0.02:
            values[f"{reason_column}{row}"] = "длительное отсутствие"
            continue
        for letter, (area, _) in zip(letters, columns, strict=True):
            if (child.pupil_id, area) not in bases:
                # The same child's level from one diagnostics to the next, a year apart too.
                own = random.Random(f"{seed}:{child.pupil_id}:{area.value}")
                bases[(child.pupil_id, area)] = own.gauss(3.1, 0.75)
            base = bases[(child.pupil_id, area)]
            grown = _GROWTH * (year.start_year - _FIRST_YEAR) + (
                _GROWTH if period is Period.END else 0.0
            )
            mean = base + grown
            values[f"{letter}{row}"] = min(5, max(1, round(mean + rng.gauss(0, 0.5))))
    dated = date_row(len(blank.children))
    values[f"{get_column_letter(BIRTH_COLUMN)}{dated}"] = assessed_on(year, period)
    type_values(path, values)


def _off_the_scale(source: Path) -> Path:
    """A copy of a sheet with a score of 6 typed over the drop-down."""
    path = source.with_name(f"{source.stem} (исправленный).xlsx")
    workbook = load_workbook(source)
    ws = workbook.worksheets[0]
    ws.cell(FIRST_PUPIL_ROW, FIRST_SCORE_COLUMN, 6)
    workbook.save(path)
    return path
