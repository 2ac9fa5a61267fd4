"""The monthly attendance statement (справка о посещении): a child's days attended and missed
(and why) and the days charged, as the month's final timesheet 0504608 has them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

STATEMENT_TEMPLATE = "documents/notice_attendance.docx"


@dataclass(frozen=True)
class StatementRow:
    """One line of the statement's table: what is counted and the figure."""

    label: str
    value: str


@dataclass(frozen=True)
class StatementText:
    """The wording of one statement, typeset; the template may use every field.

    ``month`` is «ноябрь 2026 г.», ``pupil`` the child's full name, ``about`` the sentence
    naming the group, ``rows`` the figures, ``basis`` the timesheet they come from.
    """

    institution: str
    address: str
    issued_on: dt.date
    month: str
    pupil: str
    about: str
    rows: list[StatementRow]
    basis: str
    head_post: str
    head_name: str
