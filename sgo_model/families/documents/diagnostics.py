"""The individual summary of pedagogical diagnostics (результаты педагогической диагностики
ребёнка): the child's own mean score and level in each educational area at one period, for
the child's guardians only; no comparison with other children."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DIAGNOSTICS_TEMPLATE = "documents/notice_diagnostics.docx"


@dataclass(frozen=True)
class DiagnosticsRow:
    """One area: its name, the child's mean score («3,4») and level («сформирован»)."""

    area: str
    score: str
    level: str


@dataclass(frozen=True)
class DiagnosticsText:
    """The wording of one summary, typeset; the template may use every field.

    ``period`` is «начало 2026/2027 учебного года (диагностика от 24.09.2026)», ``about``
    the sentence naming the group, ``basis`` what the levels mean.
    """

    institution: str
    address: str
    issued_on: dt.date
    period: str
    pupil: str
    about: str
    rows: list[DiagnosticsRow]
    basis: str
    head_post: str
    head_name: str
