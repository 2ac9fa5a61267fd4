"""The NOD schedule's whole cycle on a small kindergarten: conditions through intake, a week
built and stored as a draft version, a correction rejected at its cell or accepted as a new
version, ``--keep``, approval by an order the head signs, and the documents read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from support import NOD, SiteHarness, settle

from sgo_model.domain.errors import DomainError
from sgo_model.domain.roles import FormKind
from sgo_model.domain.schedule import clock, parse_clock
from sgo_model.domain.schedule_rules import check_week
from sgo_model.forms.blanks import HEADER_ROW
from sgo_model.intake.receipts import Verdict
from sgo_model.schedule.lists import write_week_sheet
from sgo_model.schedule.service import approve_schedule, build_schedule, current_week

MUSIC = "Лебедев Пётр Ильич"
CONDITIONS = [
    {"Кто / что": MUSIC, "День недели": "вторник", "С": "9:00", "До": "10:30",
     "Условие": "доступен"},
    {"Кто / что": MUSIC, "День недели": "четверг", "С": "9:00", "До": "10:30",
     "Условие": "доступен"},
    {"Кто / что": "Ромашка", "День недели": "понедельник", "С": "9:30",
     "Условие": "закреплено", "Вид НОД": "Развитие речи"},
]  # fmt: skip


def _set_up(harness: SiteHarness) -> None:
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}


def _build(harness: SiteHarness, **options: bool) -> None:
    result = build_schedule(harness.uow(), time_limit=1.0, **options)
    assert result.built, result.summary


def test_conditions_come_through_intake_and_the_week_honours_them(harness: SiteHarness) -> None:
    _set_up(harness)
    harness.drop("methodist", FormKind.SCHEDULE_CONDITIONS, CONDITIONS)
    (receipt,) = harness.ingest().receipts
    assert receipt.verdict is Verdict.ACCEPTED
    _build(harness)
    view = current_week(harness.uow())
    assert view is not None and view.version.number == 1 and not view.is_official
    assert check_week(view.inputs.plan, view.slots) == []
    assert len(view.slots) == sum(k["Занятий в неделю"] for k in NOD)  # type: ignore[misc]
    music = [s for s in view.slots if s.kind == "Музыка"]
    assert {s.day for s in music} == {1, 3}
    assert all(s.start >= 9 * 60 and s.end <= 10 * 60 + 30 for s in music)
    assert any(
        (s.group, s.kind, s.day, s.start) == ("Ромашка", "Развитие речи", 0, 9 * 60 + 30)
        for s in view.slots
    )


def test_conditions_that_name_nobody_are_refused_at_their_cell(harness: SiteHarness) -> None:
    _set_up(harness)
    rows = [
        {"Кто / что": "Иванов Иван", "День недели": "вторник", "С": "9:00", "До": "10:00",
         "Условие": "недоступен"},
        {"Кто / что": "Ромашка", "День недели": "среда", "С": "9:00", "Условие": "закреплено",
         "Вид НОД": "Пение"},
        {"Кто / что": "Ромашка", "День недели": "пт", "С": "9:00", "До": "8:00",
         "Условие": "иногда"},
    ]  # fmt: skip
    harness.drop("methodist", FormKind.SCHEDULE_CONDITIONS, rows)
    (receipt,) = harness.ingest().receipts
    assert receipt.verdict is Verdict.REJECTED
    found = {(p.cell, p.column): p.message for p in receipt.problems}
    assert "не группа, не сотрудник и не помещение" in found[("A5", "Кто / что")]
    assert found[("F6", "Вид НОД")] == "У группы «Ромашка» нет вида НОД «Пение»"
    assert found[("E7", "Условие")] == (
        "Неизвестное условие «иногда». Допустимо: доступен, недоступен, дневной сон, прогулка, "
        "закреплено"
    )
    with harness.uow() as uow:
        assert uow.schedule.conditions() == []


def _sheet(harness: SiteHarness, tmp_path: Path) -> Path:
    return write_week_sheet(harness.uow(), tmp_path, {"groups": ("Ромашка", "Солнышко")})


def _edit(sheet: Path, kind: str, start: str, end: str, out: Path) -> Path:
    workbook = load_workbook(sheet)
    ws = workbook.worksheets[0]
    headers = {ws.cell(HEADER_ROW, c).value: c for c in range(1, 8)}
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        if ws.cell(row, headers["Вид НОД"]).value == kind:
            ws.cell(row, headers["Начало"]).value = start
            ws.cell(row, headers["Окончание"]).value = end
            break
    workbook.save(out)
    return settle(out)


def test_a_correction_that_breaks_a_rule_is_rejected_at_its_cell(
    harness: SiteHarness, tmp_path: Path
) -> None:
    _set_up(harness)
    _build(harness)
    sheet = _sheet(harness, tmp_path)
    inbox = harness.site.user_inbox("methodist")
    # Лепка of «Солнышко» into the walk (11:00–12:30): the group's regime forbids it.
    _edit(sheet, "Лепка", "11:30", "11:45", inbox / "Расписание исправлено.xlsx")
    (receipt,) = harness.ingest().receipts
    assert receipt.verdict is Verdict.REJECTED
    (problem,) = [p for p in receipt.problems if p.is_error]
    assert problem.column == "Начало" and problem.cell is not None
    assert problem.message.startswith("«Солнышко», ")
    assert "11:30–11:45" in problem.message and "прогулка" in problem.message
    with harness.uow() as uow:
        assert [v.number for v in uow.schedule.versions()] == [1]


def test_an_accepted_correction_is_a_new_version_with_its_diff(
    harness: SiteHarness, tmp_path: Path
) -> None:
    _set_up(harness)
    _build(harness)
    before = current_week(harness.uow())
    assert before is not None
    (lepka,) = [s for s in before.slots if s.kind == "Лепка"]
    start = 15 * 60 + 30 if lepka.start < 15 * 60 else 9 * 60 + 40
    sheet = _sheet(harness, tmp_path)
    inbox = harness.site.user_inbox("methodist")
    _edit(sheet, "Лепка", clock(start), clock(start + 15), inbox / "Расписание.xlsx")
    (receipt,) = harness.ingest().receipts
    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    assert "версия № 2" in (receipt.reason or "")
    assert "перенесено 1 занятие" in (receipt.reason or "")
    after = current_week(harness.uow())
    assert after is not None and after.version.number == 2
    (moved,) = [s for s in after.slots if s.kind == "Лепка"]
    assert moved.start == start
    assert set(before.slots) - {lepka} <= set(after.slots)


def test_keep_holds_every_activity_that_still_fits(harness: SiteHarness) -> None:
    _set_up(harness)
    _build(harness)
    first = current_week(harness.uow())
    assert first is not None
    harness.drop("methodist", FormKind.SCHEDULE_CONDITIONS, CONDITIONS[:2])
    assert harness.ingest().receipts[0].verdict is Verdict.ACCEPTED
    result = build_schedule(harness.uow(), time_limit=1.0, keep=True)
    assert result.built and result.version is not None and result.solution is not None
    second = current_week(harness.uow())
    assert second is not None
    untouched = [s for s in first.slots if s.kind != "Музыка"]
    assert set(untouched) <= set(second.slots)
    moved = sum(1 for s in first.slots if s not in second.slots)
    assert f"перемещено {moved} из {len(first.slots)}" in (result.version.note or "")


def test_a_curriculum_that_cannot_fit_a_week_is_reported_before_solving(
    harness: SiteHarness,
) -> None:
    harness.drop_setup(upto=FormKind.PUPILS)
    rows = [dict(NOD[0], **{"Занятий в неделю": 6})]
    harness.drop("methodist", FormKind.NOD_KINDS, rows)
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    result = build_schedule(harness.uow(), time_limit=1.0)
    assert not result.built and result.solution is None
    (problem,) = result.problems
    assert problem.group == "Ромашка"
    assert "«Развитие речи» — 6 занятий в неделю" in problem.message
    with harness.uow() as uow:
        assert uow.schedule.versions() == []


def test_a_week_without_kinds_of_nod_is_refused(harness: SiteHarness) -> None:
    with pytest.raises(DomainError, match="нет видов НОД по группам"):
        build_schedule(harness.uow(), time_limit=0.5)


def test_the_signed_order_makes_the_version_official_and_its_documents_final(
    harness: SiteHarness,
) -> None:
    _set_up(harness)
    _build(harness)
    approval = approve_schedule(harness.uow(), harness.today)
    assert [o.title for o in approval.orders] == [
        "Об утверждении учебного плана",
        "Об утверждении расписания непосредственно образовательной деятельности",
    ]
    assert [o.number for o in approval.orders] == ["1-ОД", "2-ОД"]
    with pytest.raises(DomainError, match="уже на утверждении"):
        approve_schedule(harness.uow(), harness.today)
    harness.publish()
    with harness.uow() as uow:
        drafts = {d.kind: d for d in uow.documents.list()}
    grid = Document(drafts["schedule_groups"].path)
    text = "\n".join(p.text for p in grid.paragraphs)
    assert "ПРОЕКТ" in text and "Группа «Ромашка»" in text
    assert drafts["schedule_groups"].path.endswith("Расписание НОД по группам (проект).docx")

    assert harness.sign_order("2-ОД").verdict is Verdict.ACCEPTED
    assert harness.sign_order("1-ОД").verdict is Verdict.ACCEPTED
    harness.publish()
    view = current_week(harness.uow())
    assert view is not None and view.is_official
    with harness.uow() as uow:
        final = {(d.kind, d.key): d for d in uow.documents.list()}
    groups = final[("schedule_groups", "1")]
    assert groups.status == "final" and not Path(drafts["schedule_groups"].path).exists()
    page = "\n".join(p.text for p in Document(groups.path).paragraphs)
    assert "УТВЕРЖДЕНО" in page and "№\u00a02-ОД от\u00a001.12.2026" in page
    order = Document(final[("order", "2026/2-ОД")].path)
    body = "\n".join(p.text for p in order.paragraphs)
    assert "Утвердить расписание непосредственно образовательной деятельности" in body
    acquainted = [row.cells[0].text for row in order.tables[0].rows[1:]]
    assert "Лебедев\u00a0П.\u00a0И., музыкальный руководитель" in acquainted
    plan = load_workbook(final[("curriculum", "current")].path).worksheets[0]
    values = [c for row in plan.iter_rows(values_only=True) for c in row if c]
    assert "Музыка" in values and "Итого по группе «Ромашка»" in values
    assert any("УТВЕРЖДЕНО" in str(v) for v in values)
    grid_xlsx = load_workbook(final[("schedule_grid", "1")].path)
    assert grid_xlsx.worksheets[0].freeze_panes == "B5"
    listed = list(grid_xlsx["Список"].iter_rows(min_row=2, values_only=True))
    assert len(listed) == len(view.slots)
    assert {parse_clock(str(r[2])) for r in listed} == {s.start for s in view.slots}
    specialists = Document(final[("schedule_specialists", "1")].path)
    headings = [p.text for p in specialists.paragraphs]
    assert "Музыкальный руководитель Лебедев\u00a0П.\u00a0И." in headings
    music = [s for s in view.slots if s.kind == "Музыка"]
    cells = [c.text for row in specialists.tables[0].rows[1:] for c in row.cells if c.text]
    assert len(cells) == len(music) and all("«Ромашка»: Музыка" in c for c in cells)
    halls = Document(final[("schedule_halls", "1")].path)
    assert "Музыкальный зал" in [p.text for p in halls.paragraphs]
    hall_cells = [c.text for row in halls.tables[0].rows[1:] for c in row.cells if c.text]
    assert len(hall_cells) == len(music)


def test_approval_of_a_week_built_from_old_inputs_is_refused(harness: SiteHarness) -> None:
    _set_up(harness)
    _build(harness)
    harness.drop("methodist", FormKind.SCHEDULE_CONDITIONS, CONDITIONS[:1])
    assert harness.ingest().receipts[0].verdict is Verdict.ACCEPTED
    with pytest.raises(DomainError, match="построена по прежним условиям"):
        approve_schedule(harness.uow(), harness.today)
    with harness.uow() as uow:
        assert uow.orders.all() == []  # nothing drafted for the stale week
