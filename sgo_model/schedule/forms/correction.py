"""Form «Расписание НОД»: the week as an editable sheet. ``sgo forms schedule`` writes the
current version; the methodist corrects it and drops it into the inbox."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict, model_validator

from sgo_model.domain.commands import PlaceActivity
from sgo_model.domain.problems import Origin
from sgo_model.domain.roles import FormKind
from sgo_model.domain.schedule import ScheduleSlot, clock, weekday_name
from sgo_model.forms.fields import GroupName, OptionalText, Text, fail
from sgo_model.forms.spec import Column, FormSpec
from sgo_model.schedule.forms.cells import Clock, Weekday


class ActivityRow(BaseModel):
    """A row of the schedule sheet: one activity."""

    model_config = ConfigDict(frozen=True)

    group: GroupName
    day: Weekday
    start: Clock
    end: Clock
    kind: Text
    teacher: OptionalText
    room: OptionalText

    @model_validator(mode="after")
    def _ends_after_start(self) -> ActivityRow:
        if self.end <= self.start:
            raise fail(f"end|Окончание {clock(self.end)} не позже начала {clock(self.start)}")
        return self


def to_command(row: ActivityRow, origin: Origin) -> PlaceActivity:
    """The command a row asks for."""
    return PlaceActivity(
        row.group, row.day, row.start, row.end, row.kind, row.teacher, row.room, origin=origin
    )


SPEC = FormSpec(
    kind=FormKind.SCHEDULE,
    sheet="Расписание",
    columns=(
        Column("Группа", "group", width=18, choices="groups"),
        Column("День недели", "day", width=14, choices="weekdays"),
        Column("Начало", "start", width=9, hint="чч:мм"),
        Column("Окончание", "end", width=10, hint="чч:мм"),
        Column("Вид НОД", "kind", width=34),
        Column("Педагог", "teacher", required=False, width=28, hint="ФИО или табельный номер"),
        Column("Помещение", "room", required=False, width=20),
    ),
    row_model=ActivityRow,
    to_command=to_command,
    instructions=(
        "Лист — вся неделя целиком: каждая строка — одно занятие. Исправьте время, день, "
        "педагога или помещение и положите файл во входящие. Расписание проверяется по всем "
        "правилам (СанПиН 1.2.3685-21, учебный план, занятость специалистов и залов); принятое "
        "становится новой версией, утверждается приказом."
    ),
)


def sheet_rows(
    slots: Sequence[ScheduleSlot], teachers: Mapping[str, str]
) -> list[dict[str, object]]:
    """The rows of the sheet for a week, keyed by header; ``teachers`` prints a teacher's key
    as the name people recognise."""
    return [
        {
            "Группа": s.group,
            "День недели": weekday_name(s.day),
            "Начало": clock(s.start),
            "Окончание": clock(s.end),
            "Вид НОД": s.kind,
            "Педагог": teachers.get(s.teacher or "", s.teacher or ""),
            "Помещение": s.room or "",
        }
        for s in slots
    ]
