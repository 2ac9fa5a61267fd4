"""A reminder to a family (напоминание): a short letter asking for something the
kindergarten awaits, e.g. the application for enrolment of a child transferred to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

REMINDER_TEMPLATE = "documents/notice_reminder.docx"


@dataclass(frozen=True)
class ReminderText:
    """The wording of one reminder, typeset: ``subject`` under the title, ``about`` the
    request, ``basis`` how to answer."""

    institution: str
    address: str
    issued_on: dt.date
    subject: str
    pupil: str
    about: str
    basis: str
    head_post: str
    head_name: str
