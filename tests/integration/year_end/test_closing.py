"""Closing a school year on SQLite and PostgreSQL: the gate, the dry run and the run agree,
graduates and promotions, the lock, the next year, the archive, reopening and closing again."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import bagit
import pytest
from docx import Document
from support import JOINS_MID_NOVEMBER, SiteHarness, run_sgo

from sgo_model.bootstrap import REPOSITORY_TEMPLATES, publishers
from sgo_model.domain.age import AgeCategory
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.errors import DomainError
from sgo_model.domain.roles import FormKind
from sgo_model.intake.publishing import PublishContext, publish_pending
from sgo_model.intake.receipts import Verdict
from sgo_model.setup.service import set_setting
from sgo_model.store.schedule import NewVersion
from sgo_model.year_end.closing import GateClosed, archive_path, close_year, reopen_year
from sgo_model.year_end.gate import year_gaps
from sgo_model.year_end.report import dry_run, write_result

YEAR = AcademicYear(2026)
CLOSING_DAY = date(2027, 8, 31)
PREP_GROUP = {
    "Группа": "Звёздочка",
    "Возрастная категория": "подготовительная",
    "Направленность": "общеразвивающая",
    "Площадь, м²": 40,
    "Воспитатели": "004",
}
LATE_ENROLMENT = {
    "Вид": "зачисление", "Фамилия": "Новикова", "Имя": "Ольга", "Отчество": "Ивановна",
    "Дата рождения": date(2022, 5, 5), "Дата": date(2027, 5, 17), "В группу": "Ромашка",
}  # fmt: skip
PREP_PUPILS = [
    {"Фамилия": "Орлов", "Имя": "Глеб", "Отчество": "Ильич", "Дата рождения": date(2020, 4, 1),
     "Группа": "Звёздочка", "Дата зачисления": "01.09.2026"},
    {"Фамилия": "Белкина", "Имя": "Ася", "Отчество": "Петровна", "Дата рождения": date(2021, 3, 2),
     "Группа": "Звёздочка", "Дата зачисления": "01.09.2026"},
]  # fmt: skip


def kindergarten(harness: SiteHarness) -> None:
    """The small kindergarten with a preparatory group of two: one of school age, one not."""
    from support import GROUPS

    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    harness.drop("clerk", FormKind.GROUPS, [*GROUPS, PREP_GROUP], "Группы 2.xlsx")
    harness.drop("clerk", FormKind.PUPILS, PREP_PUPILS, "Воспитанники 2.xlsx")
    receipts = harness.ingest().receipts
    assert [r.verdict for r in receipts] == [Verdict.ACCEPTED] * 2, [r.problems for r in receipts]
    with harness.uow() as uow:
        set_setting(uow, "inn", "6312000005")
        uow.commit()


def _publish(harness: SiteHarness) -> None:
    publish_pending(publishers(), PublishContext(harness.site, harness.uow, REPOSITORY_TEMPLATES,
                                                 CLOSING_DAY))  # fmt: skip


def _close(harness: SiteHarness, **options: object) -> object:
    return close_year(
        harness.uow, harness.site, YEAR, "admin", CLOSING_DAY,
        publish=lambda: _publish(harness), templates=REPOSITORY_TEMPLATES,
        **options,  # type: ignore[arg-type]
    )  # fmt: skip


def _texts(path: Path) -> list[list[str]]:
    document = Document(str(path))
    return [[cell.text for cell in row.cells] for t in document.tables for row in t.rows]


def test_the_gate_lists_every_kind_of_gap_with_who_owes_it(harness: SiteHarness) -> None:
    kindergarten(harness)
    harness.drop("clerk", FormKind.MOVEMENT, [JOINS_MID_NOVEMBER], "Движение.xlsx")
    assert harness.ingest().receipts[0].verdict is Verdict.ACCEPTED
    with harness.uow() as uow:  # a correction of the schedule accepted, not yet approved
        uow.schedule.add_version(NewVersion("correction", [], "0" * 64, "исправлено вручную"))
        uow.commit()

    with harness.uow(read_only=True) as uow:
        gaps = year_gaps(uow, YEAR)

    texts = [g.text for g in gaps]
    assert {g.kind for g in gaps} == {"attendance", "diagnostics", "order", "correction"}
    assert any(
        t.startswith("не утверждена исправленная версия № 1 расписания НОД от ")
        and t.endswith("(ответственные: methodist)")
        for t in texts
    )
    assert (
        "не сданы табели группы «Солнышко» (12): сентябрь, октябрь, ноябрь, декабрь 2026\u00a0г., "
        "январь, февраль, март, апрель, май, июнь, июль, август 2027\u00a0г. "
        "(ответственные: volkova)"
    ) in texts
    assert any(
        t.startswith("не сдана итоговая диагностика группы «Ромашка» за 2026/2027") for t in texts
    )
    assert any("не подписан приказ № 1-д" in t and "(ответственные: head)" in t for t in texts)
    with pytest.raises(GateClosed) as refused:
        _close(harness)
    assert "только с письменным обоснованием" in refused.value.message
    with harness.uow(read_only=True) as uow:
        assert {y.label: y.status for y in uow.years.years()} == {"2026/2027": "open"}


def test_the_dry_run_shows_what_the_run_then_does(harness: SiteHarness) -> None:
    kindergarten(harness)
    planned = dry_run(harness.uow, harness.site, "2026/2027", "admin", CLOSING_DAY,
                      renames={"Ромашка": "Ромашки"})  # fmt: skip
    dry_tables = _texts(planned.document)
    with harness.uow(read_only=True) as uow:
        assert {y.status for y in uow.years.years()} == {"open"}  # nothing changed
    assert ["1", "Орлов Глеб Ильич", "01.04.2020", "Звёздочка"] in dry_tables
    assert ["Ромашка", "средняя", "«Ромашки», старшая", "3"] in dry_tables
    assert any(
        row[1] == "Белкина Ася Петровна" and "6 лет 6 месяцев" in row[2] for row in dry_tables
    )

    result = _close(harness, override="Табели за учебный год ведутся на бумаге",
                    renames={"Ромашка": "Ромашки"})  # fmt: skip
    done_tables = _texts(write_result(harness.uow, harness.site, result, CLOSING_DAY))
    assert done_tables == dry_tables

    with harness.uow(read_only=True) as uow:
        groups = {g.name: g.category for g in uow.groups.groups()}
        years = {y.label: (y.status, y.is_current) for y in uow.years.years()}
        orders = {o.kind: o for o in uow.orders.all()}
        # Places taken; officially the graduate leaves once the head signs the order.
        roll = uow.pupils.headcounts(date(2027, 9, 1))
    assert groups == {"Ромашки": AgeCategory.SENIOR, "Солнышко": AgeCategory.MIDDLE,
                      "Звёздочка": AgeCategory.PREP}  # fmt: skip
    assert years == {"2026/2027": ("closed", False), "2027/2028": ("open", True)}
    assert set(orders) == {"graduate", "promote"}
    assert sum(roll.values()) == 7 - 1  # the graduate left on 31 August
    promotion = Document(str(next((harness.site.documents / "2026-2027" / "Приказы").glob(
        "*О переводе воспитанников*"))))  # fmt: skip
    text = "\n".join(p.text for p in promotion.paragraphs)
    assert (
        "Перевести воспитанников средней группы «Ромашка» (4–5\u00a0лет) в\u00a0старшую группу "
        "«Ромашки» (5–6\u00a0лет) с\u00a001.09.2027 в\u00a0составе: Иванова Мария Сергеевна, "
        "12.03.2022\u00a0г.р.; Кузьмин Илья Кузьмич, 05.07.2021\u00a0г.р.;"
    ) in text
    # The youngest groups first: the second junior «Солнышко» before the middle «Ромашка».
    assert text.index("младшей группы «Солнышко»") < text.index("средней группы «Ромашка»")
    signers = [row.cells[0].text for t in promotion.tables for row in t.rows]
    assert signers[0] == "ФИО, должность"  # the groups' teachers sign, not every parent
    assert "Волкова\u00a0Е.\u00a0А., воспитатель" in signers and len(signers) == 3
    graduation = Document(str(next((harness.site.documents / "2026-2027" / "Приказы").glob(
        "*О выпуске воспитанника*"))))  # fmt: skip
    assert "Орлова Глеба Ильича" in "\n".join(p.text for p in graduation.paragraphs)
    bag = archive_path(harness.site, YEAR)
    bagit.Bag(str(bag)).validate()
    assert (bag / "data" / "registry.json").is_file()
    (package,) = (harness.site.outbox / "Отчёты").iterdir()
    assert package.name.startswith("Итоги года 2026-2027 от 2027-08-31")
    figures = json.loads((package / "data" / "figures.json").read_text(encoding="utf-8"))
    assert figures["preliminary"] and figures["period"] == "2026/2027"
    assert figures["figures"]["1"]["01"] == {"3": 7, "4": 4}  # on the roll on 1 September
    assert figures["figures"]["3"]["01"]["3"] == 3

    again = _close(harness)
    assert again.already_closed  # type: ignore[attr-defined]
    with harness.uow(read_only=True) as uow:
        assert len(uow.orders.all()) == 2


def test_the_closings_order_signed_after_the_groups_moved_on_names_them_as_they_were(
    sqlite_harness: SiteHarness,
) -> None:
    """The head signs the graduation order in September: its clean copy still names the group
    as the children left it, not as it was renamed for the new year."""
    harness = sqlite_harness
    kindergarten(harness)
    _close(harness, override="Табели ведутся на бумаге", renames={"Звёздочка": "Звёздочки"})
    with harness.uow(read_only=True) as uow:
        (number,) = [o.number for o in uow.orders.all() if o.kind == "graduate"]
        assert {g.name for g in uow.groups.groups()} >= {"Звёздочки"}
    assert harness.sign_order(number).verdict is Verdict.ACCEPTED
    _publish(harness)
    folder = harness.site.documents / "2026-2027" / "Приказы"
    (signed,) = [p for p in folder.glob("*О выпуске воспитанника*") if "проект" not in p.name]
    text = "\n".join(p.text for p in Document(str(signed)).paragraphs)
    assert "подготовительной к\u00a0школе группы «Звёздочка»" in text, text
    assert "Звёздочки" not in text and "01.09.2027" in text


def test_a_closed_year_refuses_changes_until_reopened_and_closes_again(
    sqlite_harness: SiteHarness,
) -> None:
    harness = sqlite_harness
    kindergarten(harness)
    _close(harness, override="Табели ведутся на бумаге")
    harness.today = CLOSING_DAY
    receipt = harness.submit_attendance("volkova", "Солнышко", date(2027, 5, 1))
    assert receipt.verdict is Verdict.REJECTED
    told = " ".join([receipt.reason or "", *(p.message for p in receipt.problems)])
    assert "2026/2027 учебный год закрыт" in told, told

    with pytest.raises(DomainError, match="только с указанием причины"):
        reopen_year(harness.uow, YEAR, "admin", " ")
    with pytest.raises(DomainError, match="только системный администратор"):
        reopen_year(harness.uow, YEAR, "clerk", "Исправление табеля")
    reopen_year(harness.uow, YEAR, "admin", "Исправление табеля за май")
    receipt = harness.submit_attendance("volkova", "Солнышко", date(2027, 5, 1))
    assert receipt.verdict is Verdict.ACCEPTED
    # A girl enrolled into «Ромашка» in May, while the year was open again.
    harness.drop("clerk", FormKind.MOVEMENT, [LATE_ENROLMENT], "Движение в мае.xlsx")
    assert harness.ingest().receipts[0].verdict is Verdict.ACCEPTED
    assert harness.sign_order("3-д").verdict is Verdict.ACCEPTED

    result = _close(harness, override="Табели ведутся на бумаге")
    done = result.done  # type: ignore[attr-defined]
    assert done["open_next"]["carried"] and done["advance_groups"]["carried"]
    assert done["graduate"]["pupils"] == 0  # nobody graduates twice
    assert done["promote"]["pupils"] == 1  # the newcomer moves up with her group
    with harness.uow(read_only=True) as uow:
        actions = [(a.action, a.reason) for a in uow.years.actions("2026/2027")]
        graduates = sum(1 for o in uow.orders.all() if o.kind == "graduate")
        newcomer = uow.movement.history(8)
        groups = {g.name: g.category for g in uow.groups.groups()}
    assert [e.kind.value for e in newcomer] == ["enrol", "promote"]
    assert groups["Ромашка"] is AgeCategory.SENIOR  # moved on once, not twice
    assert [a for a, _ in actions] == ["override", "closed", "reopened", "override", "closed"]
    assert ("reopened", "Исправление табеля за май") in actions
    assert graduates == 1
    assert archive_path(harness.site, YEAR, 2).is_dir()
    code, output = run_sgo(harness, "year", "show")
    assert code == 0 and "reopened" in output and "2027/2028" in output


def test_only_the_administrator_closes_a_year(sqlite_harness: SiteHarness) -> None:
    harness = sqlite_harness
    kindergarten(harness)
    with pytest.raises(DomainError, match="только системный администратор; «head» им не"):
        close_year(harness.uow, harness.site, YEAR, "head", CLOSING_DAY, override="причина")


def test_the_cli_tries_refuses_closes_shows_and_reopens(sqlite_harness: SiteHarness) -> None:
    harness = sqlite_harness
    kindergarten(harness)
    code, output = run_sgo(harness, "year", "close", "2026/2027", "--dry-run")
    assert code == 0, output
    assert "graduates: 1; groups promoted: 2; staying: 1" in output
    plan = harness.site.documents / "2026-2027" / "Закрытие года" / "План закрытия 2026-2027.docx"
    assert plan.is_file()

    code, output = run_sgo(harness, "year", "close", "2026/2027", "--on", "30.05.2027")
    assert code == 1 and "идёт до 31.08.2027" in output
    code, output = run_sgo(harness, "year", "close", "2026/2027", "--on", "31.08.2027")
    assert code == 1 and "не может быть закрыт" in output

    code, output = run_sgo(
        harness, "year", "close", "2026/2027", "--override", "Табели на бумаге",
        "--rename", "Ромашка=Ромашки", "--as", "admin", "--on", "31.08.2027",
    )  # fmt: skip
    assert code == 0, output
    assert "Итоги закрытия 2026-2027.docx" in output
    code, output = run_sgo(harness, "year", "close", "2026/2027", "--on", "01.09.2027")
    assert code == 0 and "already closed" in output

    code, output = run_sgo(harness, "year", "show", "--json")
    years = {y["year"]: y for y in json.loads(output)}
    assert years["2026/2027"]["status"] == "closed" and years["2027/2028"]["current"]
    assert [a["action"] for a in years["2026/2027"]["actions"]] == ["override", "closed"]

    code, output = run_sgo(harness, "year", "reopen", "2026/2027", "--reason", "Табель за май")
    assert code == 0, output
    code, output = run_sgo(harness, "year", "reopen", "2026/2027", "--reason", "Ещё раз")
    assert code == 1 and "не закрыт" in output
