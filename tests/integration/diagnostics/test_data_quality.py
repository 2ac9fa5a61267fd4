"""The data-quality watch: what is owed and how late it came (by the submissions' own times,
set here so that the clock decides nothing), refused files by submitter with their usual
reason, orders too long unsigned; its workbook after a pass that refused a file; reminders
sent once into the folders of those who owe."""

from __future__ import annotations

from datetime import UTC, date, datetime

from diagnostics_support import Submit
from openpyxl import load_workbook
from sqlalchemy import update
from support import JOINS_MID_NOVEMBER, SiteHarness

from sgo_model.diagnostics.quality import data_quality, reason_of
from sgo_model.diagnostics.watch import quality_path, send_reminders
from sgo_model.domain.diagnostics import Period
from sgo_model.domain.roles import FormKind
from sgo_model.intake.receipts import Verdict
from sgo_model.store.tables import attendance_versions, diagnostic_versions, orders, submissions


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def _set_up(harness: SiteHarness, submit: Submit) -> None:
    harness.drop_setup()
    harness.drop("clerk", FormKind.MOVEMENT, [JOINS_MID_NOVEMBER], age=10)
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    receipt = harness.submit_attendance("popova", "Ромашка", date(2026, 9, 1))
    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    bad = harness.submit_attendance("popova", "Ромашка", date(2026, 10, 1), {"Иванова": {3: "Ж"}})
    assert bad.verdict is Verdict.REJECTED
    scores = {"Иванова": 4, "Кузьмин": 4, "Никитина": 4, "Белова": 4}
    diagnostics = submit("popova", "Ромашка", Period.START, scores)
    assert diagnostics.verdict is Verdict.ACCEPTED, diagnostics.problems
    with harness.uow() as uow:
        uow.connection.execute(
            update(attendance_versions).values(created_at=_at(date(2026, 10, 7)))
        )
        uow.connection.execute(
            update(diagnostic_versions).values(created_at=_at(date(2026, 9, 28)))
        )
        uow.connection.execute(update(orders).values(order_date=date(2026, 11, 2)))
        uow.commit()
    _processed_before_today(harness)


def _processed_before_today(harness: SiteHarness) -> None:
    """The files were taken a week before the tests' today (the real clock took them)."""
    with harness.uow() as uow:
        uow.connection.execute(update(submissions).values(processed_at=_at(date(2026, 11, 24))))
        uow.commit()


def test_the_watch_counts_what_is_owed_late_refused_and_unsigned(
    harness: SiteHarness, submit: Submit
) -> None:
    _set_up(harness, submit)
    with harness.uow(read_only=True) as uow:
        report = data_quality(uow, harness.today)
    states = {(d.group, d.due, d.state, d.days_late) for d in report.attendance}
    assert ("Ромашка", date(2026, 10, 5), "late", 2) in states
    assert ("Ромашка", date(2026, 11, 5), "missing", 0) in states
    assert ("Солнышко", date(2026, 12, 5), "pending", 0) in states  # November: not due yet
    assert {d.what for d in report.attendance if d.group == "Солнышко"} == {
        "табель группы «Солнышко» за сентябрь 2026\u00a0г.",
        "табель группы «Солнышко» за октябрь 2026\u00a0г.",
        "табель группы «Солнышко» за ноябрь 2026\u00a0г.",
    }
    (camomile,) = [d for d in report.diagnostics if d.group == "Ромашка"]
    assert (camomile.state, camomile.submitted_by, camomile.due) == (
        "on_time",
        "popova",
        date(2026, 9, 30),
    )
    (sun,) = [d for d in report.diagnostics if d.group == "Солнышко"]
    assert (sun.state, sun.responsible) == ("missing", ("volkova",))
    (popova,) = [s for s in report.submitters if s.login == "popova"]
    assert (popova.files, popova.rejected, popova.rejected_percent) == (3, 1, 33)
    ((reason, count),) = popova.reasons
    assert count == 1 and reason.startswith("Недопустимая отметка …. Допустимо: пусто — был")
    assert report.unsigned and all(o.days == 29 for o in report.unsigned)
    assert report.headline() == (
        "Не сданы: 3 табеля, 1 диагностика; сданы с опозданием: 1; отклонено файлов: 1 из 10 "
        "(10\u00a0%); приказов без подписи дольше 10 дней: 1"
    )
    with harness.uow() as uow:
        uow.settings.set("unsigned_order_days", "31")
        uow.commit()
    with harness.uow(read_only=True) as uow:
        patient = data_quality(uow, harness.today)
    assert patient.unsigned == [] and patient.headline().endswith("дольше 31 дня: 0")


def test_a_reason_loses_its_particulars() -> None:
    assert reason_of("Группа «Капельки» не найдена (известны: «А», «Б»)") == (
        "Группа … не найдена (известны: …, …)"
    )
    assert reason_of("Оценка 7 вне шкалы 1–5") == "Оценка … вне шкалы …–…"


def test_the_workbook_is_regenerated_by_a_pass_that_only_refused_a_file(
    harness: SiteHarness, submit: Submit
) -> None:
    _set_up(harness, submit)
    harness.publish()
    path = quality_path(harness.site)
    assert path.exists()
    before = load_workbook(path)["Файлы"]
    assert [c.value for c in before[1]][:3] == ["Отправитель", "Файлов", "Отклонено"]
    bad = harness.submit_attendance("volkova", "Солнышко", date(2026, 9, 1), {"Ли": {2: "Ъ"}})
    assert bad.verdict is Verdict.REJECTED
    _processed_before_today(harness)
    published = harness.publish()
    assert [d.kind for d in published.documents] == ["data_quality"]
    rows = {r[0]: r for r in load_workbook(path)["Файлы"].iter_rows(min_row=2, values_only=True)}
    assert rows["volkova"][1:4] == (1, 1, 100)
    owed = load_workbook(path)["Табели"]
    assert [c.value for c in owed[1]] == [
        "Группа", "Что", "Срок", "Состояние", "Опоздание, дней", "Сдал", "Ответственные",
    ]  # fmt: skip
    assert owed.cell(2, 4).value == "не сдан"


def test_reminders_go_once_to_those_who_owe(harness: SiteHarness, submit: Submit) -> None:
    _set_up(harness, submit)
    sent = send_reminders(harness.site, harness.uow, harness.today)
    texts = {(p.parent.parent.name, p.read_text(encoding="utf-8")) for p in sent}
    assert ("popova", "Напоминание: не сдан табель группы «Ромашка» за октябрь 2026\u00a0г. "
            "Срок сдачи — 05.11.2026.\n") in texts  # fmt: skip
    assert ("volkova", "Напоминание: не сдана начальная диагностика группы «Солнышко» за "
            "2026/2027 учебный год. Срок сдачи — 30.09.2026.\n") in texts  # fmt: skip
    assert not any("ноябрь" in text for _, text in texts)  # due on 05.12: not yet
    assert not any(login == "popova" and "диагностика" in text for login, text in texts)
    heads = [text for login, text in texts if login == "head"]
    assert heads and all(text.startswith("Напоминание: не подписан приказ №") for text in heads)
    assert all(p.parent.name == "напоминания" for p in sent)
    assert send_reminders(harness.site, harness.uow, harness.today) == []
