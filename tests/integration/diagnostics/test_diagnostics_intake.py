"""Diagnostics through intake: the blank pre-filled with the group's children and the
indicators of its age, scores refused at their cells (scale, another group, a specialist's
area), children not assessed with a reason, and every submission a new version."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from diagnostics_support import YEAR, Submit
from openpyxl import load_workbook
from support import JOINS_MID_NOVEMBER, SiteHarness, settle

from sgo_model.diagnostics.blanks import prepare_diagnostics_blanks
from sgo_model.diagnostics.forms.model import FIRST_PUPIL_ROW, FIRST_SCORE_COLUMN, HEADER_ROW
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.diagnostics import DEFAULT_INDICATORS, Period
from sgo_model.domain.roles import FormKind
from sgo_model.intake.receipts import Verdict

SPEECH = EducationalArea.SPEECH.label
ARTISTIC = EducationalArea.ARTISTIC.label


def _set_up(harness: SiteHarness) -> None:
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}


def _cells(receipt_problems: list[object]) -> set[str]:
    return {p.cell for p in receipt_problems if p.cell}  # type: ignore[attr-defined]


def test_blank_lists_the_groups_children_and_every_indicator_with_a_score_drop_down(
    harness: SiteHarness,
) -> None:
    _set_up(harness)
    paths = prepare_diagnostics_blanks(
        harness.uow, Period.START, YEAR, date(2026, 9, 20), site=harness.site
    )
    names = sorted(str(p.relative_to(harness.site.inbox)) for p in paths)
    assert "popova/бланки/Диагностика Ромашка 2026-2027 начало.xlsx" in names
    assert "volkova/бланки/Диагностика Солнышко 2026-2027 начало.xlsx" in names
    # The music director gets the artistic area of every group he leads NOD in.
    assert (
        names.count(
            "music/бланки/Диагностика Ромашка 2026-2027 начало художественно-эстетическое.xlsx"
        )
        == 1
    )
    workbook = load_workbook(
        harness.site.inbox / "popova/бланки/Диагностика Ромашка 2026-2027 начало.xlsx"
    )
    ws = workbook["Диагностика"]
    assert ws["A3"].value == "Группа «Ромашка» (средняя группа)"
    assert ws["A4"].value == "Начальная диагностика, 2026/2027 учебный год"
    children = [ws.cell(r, 2).value for r in range(FIRST_PUPIL_ROW, FIRST_PUPIL_ROW + 3)]
    assert children == [
        "Иванова Мария Сергеевна",
        "Кузьмин Илья Кузьмич",
        "Никитина Любовь Никитична",
    ]
    indicators = [
        ws.cell(HEADER_ROW + 1, c).value
        for c in range(FIRST_SCORE_COLUMN, FIRST_SCORE_COLUMN + 30)
        if ws.cell(HEADER_ROW + 1, c).value
    ]
    assert indicators == [i for area in EducationalArea for i in DEFAULT_INDICATORS[area]]
    (scores, _) = ws.data_validations.dataValidation
    assert scores.formula1 == '"1,2,3,4,5"' and scores.showErrorMessage
    assert ws.protection.sheet
    music = load_workbook(
        harness.site.inbox
        / "music/бланки/Диагностика Ромашка 2026-2027 начало художественно-эстетическое.xlsx"
    )["Диагностика"]
    assert music.cell(HEADER_ROW, FIRST_SCORE_COLUMN).value == ARTISTIC
    assert (
        music.cell(
            HEADER_ROW, FIRST_SCORE_COLUMN + len(DEFAULT_INDICATORS[EducationalArea.ARTISTIC])
        ).value
        == "Не оценён: причина"
    )


def test_a_teachers_full_sheet_is_stored_as_version_one_then_two(
    harness: SiteHarness, submit: Submit
) -> None:
    _set_up(harness)
    receipt = submit("popova", "Ромашка", Period.START, {"Иванова": 4, "Кузьмин": 3, "Никитина": 5})
    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    assert "версия 1" in (
        receipt.reason or ""
    ) and "оценено 3 ребёнка по 17 показателям в 5 областях" in (receipt.reason or "")
    again = submit("volkova", "Ромашка", Period.START, {"Иванова": 5, "Кузьмин": 3, "Никитина": 5})
    assert again.verdict is Verdict.ACCEPTED and "версия 2" in (again.reason or "")
    with harness.uow() as uow:
        current = uow.diagnostics.current(YEAR.label)
        versions = uow.diagnostics.versions(YEAR.label)
    assert [v.version for v in versions] == [1, 2]
    group_id = versions[0].group_id
    scores = current.scores[(group_id, "start")]
    assert {s.score for s in scores if s.area == "speech"} == {5, 3}
    assert len(scores) == 3 * sum(len(i) for i in DEFAULT_INDICATORS.values())


def test_scores_outside_the_scale_and_not_numbers_are_refused_at_their_cells(
    harness: SiteHarness, submit: Submit
) -> None:
    _set_up(harness)
    first = [7] + [4] * 16
    receipt = submit(
        "popova",
        "Ромашка",
        Period.START,
        {"Иванова": first, "Кузьмин": ["пять"] + [3] * 16, "Никитина": 4},
    )
    assert receipt.verdict is Verdict.REJECTED
    messages = {p.cell: p.message for p in receipt.problems}
    assert messages["D10"] == "Оценка 7 вне шкалы 1–5"
    assert messages["D11"].startswith("Оценка «пять» не целое число")
    with harness.uow() as uow:
        assert uow.diagnostics.count() == 0


def test_a_teacher_of_another_group_is_refused_at_the_group_cell(
    harness: SiteHarness, submit: Submit
) -> None:
    _set_up(harness)
    receipt = submit("popova", "Солнышко", Period.START, {"Ли": 4, "Шевчук": 4})
    assert receipt.verdict is Verdict.REJECTED
    (problem,) = receipt.problems
    assert problem.cell == "A3" and "не ведёт группу «Солнышко»" in problem.message


def test_a_specialist_scores_only_the_own_area_and_it_becomes_that_areas_version(
    harness: SiteHarness, submit: Submit
) -> None:
    _set_up(harness)
    outside = submit("music", "Ромашка", Period.START, {"Иванова": {SPEECH: 4, ARTISTIC: 5}})
    assert outside.verdict is Verdict.REJECTED
    speech_cells = {
        p.cell for p in outside.problems if "оценки по области «речевое развитие»" in p.message
    }
    assert len(speech_cells) == 1
    teacher = submit("popova", "Ромашка", Period.START, {"Иванова": 3, "Кузьмин": 3, "Никитина": 3})
    assert teacher.verdict is Verdict.ACCEPTED
    music = submit(
        "music", "Ромашка", Period.START,
        {"Иванова": {ARTISTIC: 5}, "Кузьмин": {ARTISTIC: 5}, "Никитина": {ARTISTIC: 5}},
    )  # fmt: skip
    assert music.verdict is Verdict.ACCEPTED, music.problems
    assert "по 3 показателям в 1 области" in (music.reason or "")
    with harness.uow() as uow:
        current = uow.diagnostics.current(YEAR.label)
    (scores,) = current.scores.values()
    assert {s.score for s in scores if s.area == "artistic"} == {5}
    assert {s.score for s in scores if s.area == "speech"} == {3}


def test_a_child_not_assessed_needs_a_reason_and_one_who_left_gets_it_on_the_blank(
    harness: SiteHarness, submit: Submit
) -> None:
    _set_up(harness)
    missing = submit("popova", "Ромашка", Period.START, {"Иванова": 4, "Кузьмин": 4})
    assert missing.verdict is Verdict.REJECTED
    (problem,) = [p for p in missing.problems if p.row == FIRST_PUPIL_ROW + 2]
    assert problem.cell == "D12" and "Никитина Любовь Никитична не оценена:" in problem.message
    given = submit(
        "popova", "Ромашка", Period.START,
        {"Иванова": 4, "Кузьмин": 4, "Никитина": "причина: адаптационный период"},
    )  # fmt: skip
    assert given.verdict is Verdict.ACCEPTED, given.problems
    assert "не оценены 1" in (given.reason or "")
    with harness.uow() as uow:
        (skips,) = uow.diagnostics.current(YEAR.label).skips.values()
    assert list(skips.values()) == ["адаптационный период"]


def test_a_child_who_left_the_group_comes_on_the_blank_with_the_reason_filled(
    harness: SiteHarness, submit: Submit
) -> None:
    _set_up(harness)
    moved = {
        "Вид": "перевод", "Фамилия": "Кузьмин", "Имя": "Илья", "Отчество": "Кузьмич",
        "Дата рождения": "05.07.2021", "Дата": date(2026, 9, 14), "Из группы": "Ромашка",
        "В группу": "Солнышко", "Обоснование": "решение ППк от 10.09.2026",
    }  # fmt: skip
    harness.drop("clerk", FormKind.MOVEMENT, [moved])
    assert harness.ingest().receipts[0].verdict is Verdict.ACCEPTED
    (blank,) = [
        p
        for p in prepare_diagnostics_blanks(
            harness.uow, Period.START, YEAR, date(2026, 9, 25), out=harness.site.home / "b"
        )
        if "Ромашка" in p.name
    ]
    ws = load_workbook(blank)["Диагностика"]
    last = FIRST_PUPIL_ROW + 2
    assert ws.cell(last, 2).value == "Кузьмин Илья Кузьмич"
    reason_column = FIRST_SCORE_COLUMN + sum(len(i) for i in DEFAULT_INDICATORS.values())
    assert ws.cell(last, reason_column).value == "выбыл из группы 14.09.2026"
    assert ws.cell(last, FIRST_SCORE_COLUMN).protection.locked
    receipt = submit(
        "popova", "Ромашка", Period.START, {"Иванова": 4, "Никитина": 4},
        on=date(2026, 9, 25), assessed="25.09.2026",
    )  # fmt: skip
    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    with harness.uow() as uow:
        (skips,) = uow.diagnostics.current(YEAR.label).skips.values()
    assert list(skips.values()) == ["выбыл из группы 14.09.2026"]


def test_a_child_who_joined_after_the_blank_is_named_in_a_warning(
    harness: SiteHarness, submit: Submit
) -> None:
    _set_up(harness)
    harness.drop("clerk", FormKind.MOVEMENT, [JOINS_MID_NOVEMBER])
    assert harness.ingest().receipts[0].verdict is Verdict.ACCEPTED
    receipt = submit(
        "popova", "Ромашка", Period.START, {"Иванова": 4, "Кузьмин": 4, "Никитина": 4},
        on=date(2026, 9, 25), assessed="25.09.2026",
    )  # fmt: skip
    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    assert any("Белова Вера Олеговна" in p.message for p in receipt.problems) is False
    late = submit(
        "popova",
        "Ромашка",
        Period.START,
        {"Иванова": 4, "Кузьмин": 4, "Никитина": 4},
        on=date(2026, 9, 25),
    )
    (warning,) = [p for p in late.problems if "нет детей группы" in p.message]
    assert "Белова Вера Олеговна" in warning.message


def test_end_of_year_diagnostics_before_april_are_refused(
    harness: SiteHarness, submit: Submit
) -> None:
    _set_up(harness)
    receipt = submit("popova", "Ромашка", Period.END, {"Иванова": 4, "Кузьмин": 4, "Никитина": 4})
    assert receipt.verdict is Verdict.REJECTED
    (problem,) = receipt.problems
    assert "с 01.04.2027" in problem.message and problem.cell == "A3"


def test_the_same_sheet_twice_is_answered_as_a_duplicate(
    harness: SiteHarness, submit: Submit, tmp_path: Path
) -> None:
    _set_up(harness)
    receipt = submit("popova", "Ромашка", Period.START, {"Иванова": 4, "Кузьмин": 4, "Никитина": 4})
    assert receipt.verdict is Verdict.ACCEPTED
    assert receipt.stored_path is not None
    again = harness.site.user_inbox("popova") / "ещё раз.xlsx"
    again.write_bytes(receipt.stored_path.read_bytes())
    settle(again)
    (answer,) = harness.ingest().receipts
    assert answer.verdict is Verdict.DUPLICATE
    with harness.uow() as uow:
        assert uow.diagnostics.count() == 1


def test_a_music_director_scores_one_indicator_and_the_teachers_the_rest_of_the_area(
    harness: SiteHarness, submit: Submit
) -> None:
    _set_up(harness)
    artistic = DEFAULT_INDICATORS[EducationalArea.ARTISTIC]
    # Every indicator 3 from the teacher, then «музыкальная деятельность» 5 from the music
    # director, on the specialist's blank with only that column filled.
    teacher = submit("popova", "Ромашка", Period.START, {"Иванова": 3, "Кузьмин": 3, "Никитина": 3})
    assert teacher.verdict is Verdict.ACCEPTED
    music_only = {ARTISTIC: [None] * artistic.index("музыкальная деятельность") + [5]}
    music = submit(
        "music", "Ромашка", Period.START,
        {"Иванова": {ARTISTIC: None}, "Кузьмин": {ARTISTIC: None}, "Никитина": {ARTISTIC: None}},
    )  # fmt: skip
    assert music.verdict is Verdict.REJECTED  # nothing scored
    music = submit(
        "music", "Ромашка", Period.START,
        {"Иванова": music_only, "Кузьмин": music_only, "Никитина": music_only},
    )  # fmt: skip
    assert music.verdict is Verdict.ACCEPTED, music.problems
    assert "по 1 показателю в 1 области" in (music.reason or "")
    with harness.uow() as uow:
        (scores,) = uow.diagnostics.current(YEAR.label).scores.values()
    art = sorted(
        (s.indicator, s.score)
        for s in scores
        if s.area == "artistic" and s.pupil_id == scores[0].pupil_id
    )
    assert art == sorted(
        (name, 5 if name == "музыкальная деятельность" else 3) for name in artistic
    )
    partial = submit(
        "music", "Ромашка", Period.START, {"Иванова": music_only, "Кузьмин": music_only},
    )  # fmt: skip
    assert partial.verdict is Verdict.REJECTED
    (problem,) = [p for p in partial.problems if p.row == FIRST_PUPIL_ROW + 2]
    assert "Никитина Любовь Никитична не оценена" in problem.message


def test_a_date_of_the_diagnostics_that_is_no_date_is_refused_at_its_cell(
    harness: SiteHarness, submit: Submit
) -> None:
    _set_up(harness)
    scores = {"Иванова": 4, "Кузьмин": 4, "Никитина": 4}
    receipt = submit("popova", "Ромашка", Period.START, scores, assessed="в сентябре")
    assert receipt.verdict is Verdict.REJECTED
    (problem,) = receipt.problems
    assert problem.cell == "C14" and problem.column == "Дата проведения"
    assert problem.message.startswith("Дата проведения «в сентябре» не распознана")
