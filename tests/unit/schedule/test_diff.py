"""What changed between two versions of the week."""

from __future__ import annotations

from sgo_model.domain.schedule import ScheduleSlot
from sgo_model.schedule.diff import diff_weeks

SPEECH = ScheduleSlot("А", "Речь", 0, 540, 560)
ART = ScheduleSlot("А", "Лепка", 1, 540, 560)


def test_a_moved_activity_is_told_from_an_added_and_a_removed_one() -> None:
    moved = ScheduleSlot("А", "Речь", 2, 600, 620)
    extra = ScheduleSlot("Б", "Музыка", 3, 540, 560)
    diff = diff_weeks([SPEECH, ART], [moved, ART, extra])
    assert diff.unchanged == 1
    assert diff.moved == [(SPEECH, moved)]
    assert diff.added == [extra] and diff.removed == []
    assert diff.summary == "перенесено 1 занятие, добавлено 1 (из 2 прежних)"
    assert diff.lines()[0] == "«А», «Речь»: понедельник, 9:00–9:20 → среда, 10:00–10:20"


def test_the_same_week_is_unchanged() -> None:
    diff = diff_weeks([SPEECH, ART], [ART, SPEECH])
    assert not diff.changed and diff.summary == "без изменений"
