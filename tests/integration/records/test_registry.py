"""The registry of documents: numbers, statuses through a document's life, the case of the
номенклатура дел, the history, and the submissions and rows behind a document."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from support import JOINS_MID_NOVEMBER, SiteHarness, run_sgo

from sgo_model.authority.kinds import ReportKind
from sgo_model.authority.service import package_report, send_package
from sgo_model.bootstrap import REPOSITORY_TEMPLATES
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.roles import FormKind
from sgo_model.intake.receipts import Verdict
from sgo_model.records.registry import document_card, load_nomenclature, search_documents
from sgo_model.setup.service import set_setting
from sgo_model.year_end.closing import archive_path, close_year

NOMENCLATURE = load_nomenclature(REPOSITORY_TEMPLATES)
JOINS_IN_MAY = {
    "Вид": "зачисление",
    "Фамилия": "Орлова",
    "Имя": "Дарья",
    "Отчество": "Игоревна",
    "Дата рождения": date(2022, 5, 5),
    "Дата": date(2027, 5, 17),
    "В группу": "Ромашка",
}
"""A girl who joins «Ромашка» in May 2027."""


def _order(harness: SiteHarness) -> int:
    harness.drop_setup()
    harness.drop("clerk", FormKind.MOVEMENT, [JOINS_MID_NOVEMBER], "Движение.xlsx", age=10)
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    harness.publish()
    with harness.uow(read_only=True) as uow:
        (card,) = search_documents(uow, NOMENCLATURE, kind="order")
    return card.record.id


def test_an_order_is_found_by_its_pupil_and_lives_from_draft_to_registered(
    harness: SiteHarness,
) -> None:
    document = _order(harness)
    with harness.uow(read_only=True) as uow:
        (found,) = search_documents(uow, NOMENCLATURE, pupil="белова вера")
        assert found.record.id == document and found.number == "1-д"
        assert found.record.status == "draft" and found.case is not None
        assert (found.case.index, found.case.retention) == ("01-02", "50 лет")
        assert search_documents(uow, NOMENCLATURE, pupil="Белова Варвара") == []
        assert [c.record.id for c in search_documents(uow, NOMENCLATURE, number="1-Д")] == [
            document
        ]

    assert harness.sign_order("1-д").verdict is Verdict.ACCEPTED
    harness.publish()  # the clean copy, without the draft mark
    with harness.uow(read_only=True) as uow:
        card = document_card(uow, NOMENCLATURE, document)
        assert search_documents(uow, NOMENCLATURE, status="registered")[0].record.id == document
    assert card.record.status == "registered"
    assert [(h.version, h.status) for h in card.history] == [
        (1, "draft"), (2, "signed"), (2, "registered")
    ]  # fmt: skip
    assert card.history[-1].note == "регистрационный № 1-д"
    assert card.pupils == ["Белова Вера Олеговна: зачисление с 16.11.2026"]
    (cause,) = card.causes
    assert (cause.file_name, cause.login, cause.rows) == ("Движение.xlsx", "clerk", "строки 5")


def test_a_timesheet_names_the_sheets_behind_it_and_the_cli_shows_them(
    sqlite_harness: SiteHarness,
) -> None:
    harness = sqlite_harness
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    harness.submit_attendance("volkova", "Солнышко", date(2026, 11, 1))
    harness.submit_attendance("volkova", "Солнышко", date(2026, 11, 1), {"Ли": {2: "Б"}})
    harness.publish()
    code, output = run_sgo(harness, "documents", "search", "--kind", "timesheet", "--json")
    assert code == 0, output
    (sheet,) = [d for d in json.loads(output) if "Солнышко" in d["title"]]
    assert (sheet["case"], sheet["retention"]) == ("01-04", "5 лет")

    code, output = run_sgo(harness, "documents", "show", str(sheet["id"]))
    assert code == 0, output
    assert "case: 01-04 «Табели учёта посещаемости детей (ф. 0504608)», kept 5 лет" in output
    assert "версия 1" in output and "версия 2" in output and "from volkova" in output
    code, output = run_sgo(harness, "documents", "show", "999")
    assert code == 1 and "нет документа № 999" in output


def test_a_report_is_sent_and_a_closed_years_documents_are_archived(
    sqlite_harness: SiteHarness, tmp_path: Path
) -> None:
    harness = sqlite_harness
    _order(harness)
    assert harness.sign_order("1-д").verdict is Verdict.ACCEPTED
    harness.drop("clerk", FormKind.MOVEMENT, [JOINS_IN_MAY], "Движение в мае.xlsx", age=5)
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    harness.publish()  # order 2-д, not signed when the year closes
    with harness.uow() as uow:
        set_setting(uow, "inn", "6312000005")
        uow.commit()
    now = datetime(2027, 1, 15, tzinfo=UTC)
    prepared = package_report(
        harness.uow, harness.site, REPOSITORY_TEMPLATES, ReportKind.FORM_85K, "2026",
        preliminary=True, pdf=False, now=now,
    )  # fmt: skip
    send_package(harness.uow, prepared.package.id, tmp_path / "uo", now)
    with harness.uow(read_only=True) as uow:
        (report,) = search_documents(uow, NOMENCLATURE, kind="report_85k")
        history = [(h.status, h.note) for h in uow.documents.history(report.record.id)]
    assert report.case is not None and report.case.index == "01-08"
    assert history[0] == ("preliminary", None)
    assert history[1][0] == "sent" and "6312000005" in str(history[1][1])

    close_year(harness.uow, harness.site, AcademicYear(2026), "admin", date(2027, 8, 31),
               override="проверка реестра")  # fmt: skip
    with harness.uow(read_only=True) as uow:
        archived = search_documents(uow, NOMENCLATURE, status="archived")
        orders = {c.number: c.record for c in search_documents(uow, NOMENCLATURE, kind="order")}
    assert orders["1-д"].status == "archived"
    assert all("2026-2027" in c.record.path for c in archived) and len(archived) >= 3
    # A draft is no record yet: it stays out of the archive, and is registered once signed.
    assert orders["2-д"].status == "draft"
    bag = archive_path(harness.site, AcademicYear(2026), 1)
    assert not list(bag.rglob("*2-д*")) and list(bag.rglob("*1-д*"))
    assert harness.sign_order("2-д").verdict is Verdict.ACCEPTED
    harness.publish()
    with harness.uow(read_only=True) as uow:
        (signed,) = [
            c for c in search_documents(uow, NOMENCLATURE, kind="order") if c.number == "2-д"
        ]
    assert signed.record.status == "registered" and Path(signed.record.path).exists()
    assert not list(Path(signed.record.path).parent.glob("*2-д*(проект)*"))
