"""A realistic year of attendance for the demo: every group's sheets from September to the
last month that has begun, more illness as winter comes, holidays with the parents in the
summer, a week of quarantine in one group in October, and one sheet with mistakes."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from sgo_model.attendance.forms.blank import write_attendance_blank
from sgo_model.attendance.forms.model import (
    FIRST_DAY_COLUMN,
    FIRST_PUPIL_ROW,
    WEEKDAYS,
    AttendanceBlank,
    attendance_blank_name,
)
from sgo_model.attendance.publish import attendance_blank
from sgo_model.attendance.service import group_month
from sgo_model.demo.typing import type_values
from sgo_model.domain.attendance import Mark
from sgo_model.domain.months import months_between
from sgo_model.office.site import Site
from sgo_model.store.uow import SqlUnitOfWork

# Chance that a child is away on a working day, and what keeps them away, by month.
_AWAY = {9: 0.08, 10: 0.11, 11: 0.15, 12: 0.18, 1: 0.16, 2: 0.17, 3: 0.14, 4: 0.12, 5: 0.11,
         6: 0.2, 7: 0.3, 8: 0.25}  # fmt: skip
_REASONS = (Mark.ILLNESS,) * 3 + (Mark.PARENTS_LEAVE, Mark.EXCUSED, Mark.ABSENT, Mark.SANATORIUM)
_SUMMER_REASONS = (Mark.PARENTS_LEAVE,) * 4 + (Mark.ILLNESS, Mark.SANATORIUM)
_LASTING = {Mark.ILLNESS: (3, 9), Mark.PARENTS_LEAVE: (5, 15)}
"""Absences that last: the days they go on for, at least and below."""
_WEEKEND = WEEKDAYS[5:]


def _fill(
    blank: AttendanceBlank, path: Path, today: date, rng: random.Random, quarantine: bool
) -> None:
    chance = _AWAY.get(blank.month.month, 0.12)
    quarantine_days = (
        {blank.month + timedelta(days=n) for n in range(12, 19)} if quarantine else set()
    )
    reasons = _SUMMER_REASONS if blank.month.month in (6, 7, 8) else _REASONS
    marks: dict[str, str] = {}
    for index, pupil in enumerate(blank.pupils):
        in_group = set(pupil.in_group)
        away: tuple[Mark, date] | None = None
        for day in blank.days:
            if not day.working or day.day not in in_group or day.day > today:
                continue
            mark = Mark.PRESENT
            if day.day in quarantine_days:
                mark = Mark.QUARANTINE
            elif away and day.day <= away[1]:
                mark = away[0]
            elif rng.random() < chance / 3:
                mark = rng.choice(reasons)
                if mark in _LASTING:
                    away = (mark, day.day + timedelta(days=rng.randrange(*_LASTING[mark])))
            if mark is not Mark.PRESENT:
                column = get_column_letter(FIRST_DAY_COLUMN + day.day.day - 1)
                marks[f"{column}{FIRST_PUPIL_ROW + index}"] = mark.value
    type_values(path, marks)


def stage_attendance(
    site: Site, uow: SqlUnitOfWork, today: date, seed: int = 2026, *, mistakes: bool = True
) -> list[Path]:
    """Drop every group's filled sheets, September to this month, into a teacher's inbox;
    with ``mistakes``, also a corrected copy of one that is wrong again."""
    rng = random.Random(seed)
    files = []
    with uow:
        institution = uow.institution.get()
        year = institution.current_year if institution else None
        if year is None or today < year.first_day:
            return []
        name = institution.name if institution else ""
        groups = [g for g in uow.groups.groups() if g.teachers]
        logins = {
            login: set(uow.staff.led_groups(login))
            for login in (u.login for u in uow.staff.users())
        }
        blanks = [
            attendance_blank(uow, group_month(uow, group, month), name)
            for group in groups
            for month in months_between(year.first_day, min(today, year.last_day))
        ]
    quarantined = groups[1].name if len(groups) > 1 else None
    for blank in blanks:
        teacher = next((login for login, led in logins.items() if blank.group in led), None)
        if teacher is None or not blank.pupils:
            continue
        path = site.user_inbox(teacher) / attendance_blank_name(blank)
        write_attendance_blank(blank, path)
        _fill(blank, path, today, rng, blank.group == quarantined and blank.month.month == 10)
        files.append(path)
    if files and mistakes:
        files.append(_with_mistakes(files[0]))
    return files


def _with_mistakes(source: Path) -> Path:
    """A copy of a sheet with typical mistakes: a holiday marked, a letter that is no mark."""
    path = source.with_name(f"{source.stem} (исправленный).xlsx")
    workbook = load_workbook(source)
    sheet = workbook.worksheets[0]
    sheet.protection.sheet = False
    for column in range(FIRST_DAY_COLUMN, FIRST_DAY_COLUMN + 31):
        if sheet.cell(FIRST_PUPIL_ROW - 1, column).value in _WEEKEND:
            sheet.cell(FIRST_PUPIL_ROW, column, Mark.ILLNESS.value)  # a Saturday or Sunday
            break
    sheet.cell(FIRST_PUPIL_ROW + 1, FIRST_DAY_COLUMN + 1, "Ж")
    workbook.save(path)
    return path
