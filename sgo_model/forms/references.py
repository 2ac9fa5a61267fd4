"""References from a form's cells to what the store knows (groups), checked on every row.

A row refused for one cell is still checked for the others: the user fixes every mistake of
a file in one round. The rows that became commands are checked where they are applied; the
refused ones here, with the same words.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from sgo_model.domain.problems import Origin, Problem
from sgo_model.domain.text import fold
from sgo_model.forms.fields import group_name
from sgo_model.forms.reader import ParsedForm


def unknown_group(name: str, known: Collection[str]) -> str:
    """«Группа «Капельки» не найдена (известны: «Капелька», «Ромашка»)»."""
    listed = ", ".join(f"«{g}»" for g in known) or "групп пока нет"
    return f"Группа «{name}» не найдена (известны: {listed})"


def refused_rows_groups(
    refused: Sequence[Origin], fields: Sequence[str], known: Collection[str]
) -> list[Problem]:
    """The unknown groups named in rows that were refused for another reason (matched as the
    valid rows' groups are: quotes, spaces, case and ё do not count)."""
    keys = {fold(g) for g in known}
    problems = []
    for origin in refused:
        for field_name in fields:
            raw = origin.values.get(field_name)
            name = group_name(str(raw)) if raw is not None else ""
            if name and fold(name) not in keys:
                problems.append(Problem.at(origin, field_name, unknown_group(name, known)))
    return problems


def refused_groups(form: ParsedForm, known: Callable[[], Collection[str]]) -> list[Problem]:
    """The unknown groups in the group columns of a form's refused rows (``known`` gives the
    store's group names, asked only when there is something to check)."""
    fields = [c.field for c in form.spec.columns if c.choices == "groups"]
    if not fields or not form.refused:
        return []
    return refused_rows_groups(form.refused, fields, known())
