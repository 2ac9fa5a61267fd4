"""The demo's «Условия расписания», as the senior teacher fills them in: when the music
director and the PE instructor work, a day the gym is cleaned, the youngest group's own
day (an earlier walk and nap), and one pinned activity."""

from __future__ import annotations

from sgo_model.demo.data import DemoForm, DemoKindergarten
from sgo_model.domain.age import AgeCategory
from sgo_model.domain.roles import FormKind
from sgo_model.domain.schedule import EVERY_DAY, PINNED, Regime

_MUSIC, _PE, _SPEECH = "Музыка", "Физическая культура", "Развитие речи"


def _row(
    who: str, day: str, start: str, end: str | None, condition: str, kind: str | None = None
) -> dict[str, object]:
    return {
        "Кто / что": who,
        "День недели": day,
        "С": start,
        "До": end,
        "Условие": condition,
        "Вид НОД": kind,
    }


def condition_rows(kindergarten: DemoKindergarten) -> list[dict[str, object]]:
    """The rows of the demo's «Условия расписания»."""
    kinds = kindergarten.form(FormKind.NOD_KINDS.value).rows
    leader = {str(r["Вид НОД"]): str(r["Педагог"]) for r in kinds}
    rooms = {str(r["Вид НОД"]): str(r["Помещение"]) for r in kinds}
    groups = kindergarten.form(FormKind.GROUPS.value).rows
    youngest = next(
        str(g["Группа"])
        for g in groups
        if g["Возрастная категория"] in (AgeCategory.EARLY.label, AgeCategory.JUNIOR1.label)
    )
    pinned = next(str(r["Группа"]) for r in kinds if r["Вид НОД"] == _SPEECH)
    available, unavailable = Regime.AVAILABLE.label, Regime.UNAVAILABLE.label
    return [
        _row(leader[_MUSIC], EVERY_DAY, "8:30", "12:30", available),
        _row(leader[_MUSIC], EVERY_DAY, "15:00", "16:30", available),
        _row(leader[_PE], "среда", "13:00", "17:00", unavailable),
        _row(rooms[_PE], "пятница", "15:30", "17:00", unavailable),
        _row(youngest, EVERY_DAY, "8:00", "9:00", unavailable),
        _row(youngest, EVERY_DAY, "10:30", "11:45", Regime.WALK.label),
        _row(youngest, EVERY_DAY, "12:00", "15:00", Regime.NAP.label),
        _row(pinned, "понедельник", "9:00", None, PINNED, _SPEECH),
    ]


def conditions_form(kindergarten: DemoKindergarten) -> DemoForm:
    """The form, from the senior teacher (who sends the kinds of NOD too)."""
    login = kindergarten.form(FormKind.NOD_KINDS.value).login
    kind = FormKind.SCHEDULE_CONDITIONS
    return DemoForm(kind.value, login, f"{kind.title}.xlsx", condition_rows(kindergarten))
