"""The institution's side on SQLite and PostgreSQL: 85-К counted from the store, refused
while incomplete unless preliminary, packaged as a BagIt bag the `bagit` library accepts,
sent, and replaced only with a reason."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import bagit
import pytest
from openpyxl import load_workbook
from support import SiteHarness, run_sgo
from typer.testing import CliRunner

from flows.cli import app
from sgo_model.authority.bag import REASON, REPLACES
from sgo_model.authority.kinds import ReportKind
from sgo_model.authority.service import package_report, send_package
from sgo_model.authority.verify import verify_bag
from sgo_model.bootstrap import REPOSITORY_TEMPLATES
from sgo_model.domain.errors import DomainError
from sgo_model.domain.roles import FormKind
from sgo_model.intake.receipts import Verdict
from sgo_model.office.bags import read_bag_info
from sgo_model.setup.service import set_setting

NOW = datetime(2027, 1, 15, 10, 0, tzinfo=UTC)
MARKS = {
    ("Ромашка", date(2026, 9, 1)): {"Иванова": {7: "Б", 8: "Б"}, "Кузьмин": {10: "О"}},
    ("Ромашка", date(2026, 10, 1)): {"Никитина": {12: "Б"}},
    ("Ромашка", date(2026, 11, 1)): {},
    ("Солнышко", date(2026, 9, 1)): {"Ли": {1: "Н"}},
    ("Солнышко", date(2026, 10, 1)): {"Шевчук": {5: "Б", 6: "Б", 7: "К"}},
    ("Солнышко", date(2026, 11, 1)): {},
}
TEACHERS = {"Ромашка": "popova", "Солнышко": "volkova"}
WORKING_DAYS = 22 + 22 + 20  # September, October, November 2026 (4 November is a holiday)


def _autumn(harness: SiteHarness) -> None:
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    for (group, month), marks in MARKS.items():
        receipt = harness.submit_attendance(TEACHERS[group], group, month, marks)
        assert receipt.verdict is Verdict.ACCEPTED, receipt.errors
    with harness.uow() as uow:
        set_setting(uow, "inn", "6312000005")
        set_setting(uow, "okpo", "12345678")
        uow.commit()


def _package(harness: SiteHarness, **options: object) -> object:
    return package_report(
        harness.uow,
        harness.site,
        REPOSITORY_TEMPLATES,
        ReportKind.FORM_85K,
        "2026",
        pdf=False,
        now=NOW,
        **options,  # type: ignore[arg-type]
    )


def test_85k_is_counted_from_the_store_packaged_verified_and_replaced_only_with_a_reason(
    harness: SiteHarness, tmp_path: Path
) -> None:
    _autumn(harness)

    with pytest.raises(DomainError) as refused:
        _package(harness)
    assert "не представлены табели за январь–август 2026 г.: 1 группа («Ромашка»)" in (
        refused.value.message
    )
    assert "--preliminary" in refused.value.message

    prepared = _package(harness, preliminary=True)
    bag = prepared.bag  # type: ignore[attr-defined]
    assert bag.parent == harness.site.outbox / "Отчёты"
    bagit.Bag(str(bag)).validate()  # the library itself accepts it
    assert (bag / "bagit.txt").read_text(encoding="utf-8").startswith("BagIt-Version: 1.0\n")
    assert sorted(p.name for p in (bag / "data").iterdir()) == ["85-К 2026.xlsx", "figures.json"]
    assert {p.name for p in bag.iterdir()} >= {
        "manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt",
        "tagmanifest-sha512.txt", "bag-info.txt",
    }  # fmt: skip
    info = read_bag_info(bag / "bag-info.txt")
    assert info["Institution-INN"] == "6312000005"
    assert info["Report-Status"] == "preliminary"
    assert info["Bag-Group-Identifier"] == "6312000005/85k/2026"
    assert verify_bag(bag).valid

    figures = json.loads((bag / "data" / "figures.json").read_text(encoding="utf-8"))["figures"]
    # Ages in full years on 1 January 2027: Иванова 4, Кузьмин 5, Никитина 4, Ли 3, Шевчук 3.
    assert figures["7"]["701"] == {"3": 5, "4": 0, "5": 0, "6": 0, "7": 2, "8": 2, "9": 1,
                                   "10": 0, "11": 0}  # fmt: skip
    assert figures["7"]["702"]["3"] == 3 and figures["7"]["702"]["8"] == 2
    assert figures["4"]["401"] == {"3": 2, "4": 0, "5": 0, "6": 2, "7": 0, "8": 0}
    assert figures["4"]["413"]["3"] == 2
    missed = sum(len(days) for marks in MARKS.values() for days in marks.values())
    illness = sum(
        mark == "Б" for marks in MARKS.values() for days in marks.values() for mark in days.values()
    )
    assert figures["2.3"]["02"] == {"3": missed, "4": missed}  # every child is 3 or older
    assert figures["2.3"]["03"]["3"] == illness
    assert figures["2.3"]["01"]["3"] == 5 * WORKING_DAYS - missed
    assert figures["2.3"]["05"]["3"] == WORKING_DAYS
    assert figures["3.1"]["01"]["3"] == 7 and figures["3.1"]["05"]["3"] == 4

    workbook = load_workbook(bag / "data" / "85-К 2026.xlsx")
    assert workbook.sheetnames == ["Титул", "Раздел 4", "Раздел 7", "Раздел 2.3", "Раздел 3.1",
                                   "Контроль"]  # fmt: skip
    title = " ".join(str(c.value) for row in workbook["Титул"].iter_rows() for c in row if c.value)
    assert "ПРЕДВАРИТЕЛЬНЫЕ ДАННЫЕ" in title and "6312000005" in title
    assert {row[2] for row in workbook["Контроль"].iter_rows(min_row=2, values_only=True)} == {
        "выполнено"
    }
    trace = load_workbook(prepared.trace)  # type: ignore[attr-defined]
    traced = [row for row in trace.active.iter_rows(min_row=3, values_only=True)]
    five = [row for row in traced if row[:3] == ("7", "701", "9")]  # 5 years: Кузьмин alone
    assert [(row[4], row[5]) for row in five] == [
        (1, "Кузьмин Илья Кузьмич, 05.07.2021 г. р., группа «Ромашка»")
    ]

    # The same figures again: the package there is.
    again = _package(harness, preliminary=True)
    assert not again.new and again.bag == bag  # type: ignore[attr-defined]

    authority = tmp_path / "Управление образования"
    sent = send_package(harness.uow, prepared.package.id, authority, NOW)  # type: ignore[attr-defined]
    assert sent == authority / "6312000005" / bag.name
    assert verify_bag(sent).valid

    receipt = harness.submit_attendance(
        "volkova", "Ромашка", date(2026, 11, 1), {"Иванова": {16: "Б"}}
    )
    assert receipt.verdict is Verdict.ACCEPTED
    with pytest.raises(DomainError, match=r"уже отправлен .* только с причиной замены"):
        _package(harness, preliminary=True)
    replacing = _package(harness, preliminary=True, reason="Уточнён табель за ноябрь")
    info = read_bag_info(replacing.bag / "bag-info.txt")  # type: ignore[attr-defined]
    assert info[REASON] == "Уточнён табель за ноябрь"
    assert info[REPLACES] == prepared.package.figures_sha256  # type: ignore[attr-defined]
    with harness.uow(read_only=True) as uow:
        statuses = [(p.id, p.status) for p in uow.packages.all()]
    assert statuses == [(2, "prepared"), (1, "replaced")]


def test_a_report_whose_control_relation_fails_is_refused_with_the_figures(
    sqlite_harness: SiteHarness, tmp_path: Path
) -> None:
    harness = sqlite_harness
    _autumn(harness)
    templates = tmp_path / "templates"
    (templates / "documents" / "authority").mkdir(parents=True)
    original = REPOSITORY_TEMPLATES / "documents" / "authority" / "form_85k.json"
    data = json.loads(original.read_text(encoding="utf-8"))
    data["sections"][0]["relations"].append("401 = 402")
    path = templates / "documents" / "authority" / "form_85k.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(DomainError) as refused:
        package_report(harness.uow, harness.site, templates, ReportKind.FORM_85K, "2026",
                       preliminary=True, pdf=False, now=NOW)  # fmt: skip

    assert "Раздел 4, графа 3: строка 401 = строк 402 не выполнено — 2 ≠ 0 (402)" in (
        refused.value.message
    )
    assert not (harness.site.outbox / "Отчёты").exists()


def test_the_self_assessment_counts_pupils_by_the_groups_mode_of_stay(
    sqlite_harness: SiteHarness,
) -> None:
    from support import GROUPS

    harness = sqlite_harness
    _autumn(harness)
    short = [dict(GROUPS[0]), {**GROUPS[1], "Режим пребывания": "кратковременное"}]
    harness.drop("clerk", FormKind.GROUPS, short, "Группы — режим.xlsx")
    assert harness.ingest().receipts[0].verdict is Verdict.ACCEPTED

    prepared = package_report(harness.uow, harness.site, REPOSITORY_TEMPLATES,
                              ReportKind.SELF_ASSESSMENT, "2026", preliminary=True, pdf=False,
                              now=NOW)  # fmt: skip

    figures = prepared.report.figures["1"]
    assert figures["1.1"]["3"] == 5
    assert figures["1.1.1"]["3"] == 3 and figures["1.1.2"]["3"] == 2
    assert figures["1.3"]["3"] == 5 and figures["1.2"]["3"] == 0
    assert figures["1.7"]["3"] == 4  # the senior teacher, two teachers, the music director
    assert str(figures["1.14"]["3"]) == "1.3"
    assert figures["2.4"]["3"] == "да" and figures["2.3"]["3"] == "нет"
    names = sorted(p.name for p in (prepared.bag / "data").iterdir())
    assert names == ["figures.json", "Самообследование 2026.docx", "Самообследование 2026.xlsx"]
    from docx import Document

    document = Document(str(prepared.bag / "data" / "Самообследование 2026.docx"))
    rows = {
        row.cells[0].text: [c.text for c in row.cells] for t in document.tables for row in t.rows
    }
    assert rows["1.1.2"] == ["1.1.2", "в режиме кратковременного пребывания (3–5 часов)",
                             "человек", "2"]  # fmt: skip
    assert rows["1.1"][3] == "5" and rows["2.4"][3] == "да"
    assert rows["1.5"][3] == "0 / 0,0\u00a0%"


def test_the_cli_packages_lists_sends_and_verifies(
    sqlite_harness: SiteHarness, tmp_path: Path
) -> None:
    harness = sqlite_harness
    _autumn(harness)
    code, output = run_sgo(harness, "authority", "package", "85k", "--period", "2026")
    assert code == 1 and "данные неполные" in output

    code, output = run_sgo(
        harness, "authority", "package", "85k", "--period", "2026", "--preliminary", "--no-pdf"
    )
    assert code == 0, output
    (bag,) = (harness.site.outbox / "Отчёты").iterdir()
    code, output = run_sgo(harness, "outbox", "list")
    assert code == 0 and "подготовлен" in output and "форма № 85-К" in output

    code, output = run_sgo(harness, "outbox", "send", "1")
    assert code == 1 and "authority_inbox" in output
    code, output = run_sgo(harness, "outbox", "send", "1", "--to", str(tmp_path / "uo"))
    assert code == 0, output
    code, output = run_sgo(harness, "outbox", "list")
    assert "отправлен" in output

    verified = CliRunner().invoke(app, ["authority", "verify", str(bag)])
    assert verified.exit_code == 0 and "ошибок нет" in verified.output
    (bag / "data" / "figures.json").write_bytes(b"{}")
    verified = CliRunner().invoke(app, ["authority", "verify", str(bag)])
    assert verified.exit_code == 1
    assert "файл data/figures.json изменён: его SHA-256 не совпадает" in verified.output
