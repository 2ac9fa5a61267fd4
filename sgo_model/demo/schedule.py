"""The demo kindergarten's week as the schedule sees it: groups, lessons, teachers, halls."""

from __future__ import annotations

from sgo_model.demo.data import DemoKindergarten
from sgo_model.domain.age import AgeCategory
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.limits import LoadLimits
from sgo_model.domain.people import PersonName
from sgo_model.domain.schedule import (
    GroupWeek,
    Lesson,
    WeekPlan,
    default_windows,
    room_of,
    schedule_limits,
    teacher_of,
)


def week_plan(kindergarten: DemoKindergarten) -> WeekPlan:
    """The demo's set-up forms read as a week to schedule (default day regime)."""
    limits = {
        AgeCategory.parse(str(r["Возрастная категория"])): LoadLimits(
            AgeCategory.parse(str(r["Возрастная категория"])),
            int(str(r["Длительность занятия, мин"])),
            int(str(r["Нагрузка в день, мин"])),
            int(str(r["Занятий в неделю"])) if r["Занятий в неделю"] else None,
        )
        for r in kindergarten.form("load_limits").rows
    }
    groups = [
        GroupWeek(
            str(r["Группа"]),
            category := AgeCategory.parse(str(r["Возрастная категория"])),
            schedule_limits(category, limits),
        )
        for r in kindergarten.form("groups").rows
    ]
    staff = kindergarten.form("staff").rows
    by_name = {
        " ".join(str(p[k]) for k in ("Фамилия", "Имя", "Отчество") if p[k]): str(
            p["Табельный номер"]
        )
        for p in staff
    }
    teachers = {
        str(p["Табельный номер"]): teacher_of(
            str(p["Табельный номер"]),
            PersonName(str(p["Фамилия"]), str(p["Имя"]), str(p["Отчество"] or "") or None),
            str(p["Должность"]),
            float(str(p["Ставка"])) if p["Ставка"] is not None else None,
        )
        for p in staff
    }
    minutes = {g.name: g.limits.activity_minutes for g in groups}
    lessons = []
    rooms: dict[str, set[str]] = {}
    for r in kindergarten.form("nod_kinds").rows:
        group = str(r["Группа"])
        who = str(r["Педагог"])
        key = by_name.get(who, who)
        room = room_of(str(r["Помещение"]) if r["Помещение"] else None)
        if room:
            rooms.setdefault(room, set()).add(group)
        lessons.append(
            Lesson(
                group,
                str(r["Вид НОД"]),
                EducationalArea.parse(str(r["Образовательная область"])),
                int(str(r["Занятий в неделю"])),
                minutes[group],
                key,
                room,
            )
        )
    used = {lesson.teacher for lesson in lessons}
    return WeekPlan(
        groups,
        lessons,
        [t for k, t in teachers.items() if k in used],
        default_windows([g.name for g in groups]),
        shared_rooms=frozenset(room for room, users in rooms.items() if len(users) > 1),
    )
