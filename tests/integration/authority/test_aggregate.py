"""The authority's side: every package re-checked, tampered, incomplete, misplaced and
repeated ones refused, a replacement accepted only with its reason, and a summary whose totals
are the sum of the accepted packages."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import bagit
import pytest
from openpyxl import load_workbook
from support import SiteHarness, run_sgo
from typer.testing import CliRunner

from flows.cli import app
from sgo_model.authority.aggregate import aggregate_packages, write_summary
from sgo_model.authority.bag import Replacement, bag_info
from sgo_model.authority.kinds import ReportKind, template_path
from sgo_model.authority.service import write_payload
from sgo_model.authority.verify import verify_bag
from sgo_model.bootstrap import REPOSITORY_TEMPLATES
from sgo_model.demo.authority import neighbour_report, neighbours, send_neighbour_package
from sgo_model.office.bags import make_bag
from sgo_model.office.files import file_sha256

PERIOD = "2026"
WHEN = datetime(2027, 1, 12, 9, 0, tzinfo=UTC)


def _template() -> dict[str, Any]:
    path = template_path(REPOSITORY_TEMPLATES, ReportKind.FORM_85K)
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four institutions' packages, one of them sent twice with a reason, plus damaged,
    misplaced and repeated ones, and an institution that has sent nothing."""
    inbox = tmp_path_factory.mktemp("uo") / "Входящие"
    template = _template()
    kindergartens = neighbours(6, seed=7)
    bags = []
    for index, neighbour in enumerate(kindergartens[:4]):
        report = neighbour_report(neighbour, template, PERIOD, date(2027, 1, 12), 247, 7, [])
        bags.append(send_neighbour_package(report, inbox, WHEN + timedelta(minutes=index)))
    first, second, third, fourth = bags
    # The first kindergarten corrects its report, with a reason.
    corrected = neighbour_report(kindergartens[0], template, PERIOD, date(2027, 1, 13), 246, 8, [])
    folder = first.parent
    with_reason = folder / "85-К 2026 исправленный"
    work = folder / ".work"
    work.mkdir()
    write_payload(corrected, work, "Заведующий", pdf=False)
    replaced = Replacement(json_hash(first), "Исправлено число дней работы")
    make_bag(work, with_reason, bag_info(corrected, file_sha256(work / "figures.json"),
                                         WHEN + timedelta(days=1), replaced))  # fmt: skip
    # The second sends the same package twice, and a different one without a reason.
    shutil.copytree(second, second.with_name(second.name + " (повтор)"))
    again = neighbour_report(kindergartens[1], template, PERIOD, date(2027, 1, 14), 240, 9, [])
    (second.parent / ".again").mkdir()
    write_payload(again, second.parent / ".again", "Заведующий", pdf=False)
    make_bag(second.parent / ".again", second.with_name("85-К 2026 ещё раз"),
             bag_info(again, file_sha256(second.parent / ".again" / "figures.json"),
                      WHEN + timedelta(days=2), None))  # fmt: skip
    # The third's package comes zipped; a copy of it with a flipped byte, and one short of a file.
    archive = third.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w") as packed:
        for path in third.rglob("*"):
            packed.write(path, Path(third.name) / path.relative_to(third))
    flipped = third.with_name("85-К 2026 испорченный")
    shutil.copytree(third, flipped)
    workbook = next((flipped / "data").glob("*.xlsx"))
    data = bytearray(workbook.read_bytes())
    data[len(data) // 2] ^= 0x01
    workbook.write_bytes(bytes(data))
    shutil.rmtree(third)
    short = fourth.with_name("85-К 2026 неполный")
    shutil.copytree(fourth, short)
    (short / "data" / "figures.json").unlink()
    # The fourth's package also lies, copied by mistake, in the fifth's folder.
    misplaced = inbox / kindergartens[4].institution.inn
    misplaced.mkdir()
    shutil.copytree(fourth, misplaced / fourth.name)
    (inbox / kindergartens[5].institution.inn).mkdir()
    return inbox


def json_hash(bag: Path) -> str:
    """A package's Figures-SHA256."""
    return file_sha256(bag / "data" / "figures.json")


def test_every_package_is_checked_and_the_summary_adds_up_the_accepted(
    inbox: Path, tmp_path: Path
) -> None:
    summary = aggregate_packages(inbox, PERIOD, ReportKind.FORM_85K)

    first, second, third, fourth, fifth, sixth = (n.institution.inn for n in neighbours(6, 7))
    got = {(r.folder, r.name): (r.status, r.reason) for r in summary.received}
    original = f"85-К {PERIOD} от 2027-01-12"

    assert got[(first, "85-К 2026 исправленный")] == ("accepted", "")
    status, reason = got[(first, original)]
    assert status == "replaced" and "Исправлено число дней работы" in reason
    assert got[(second, original)] == ("accepted", "")
    assert got[(second, f"{original} (повтор)")][0] == "duplicate"
    status, reason = got[(second, "85-К 2026 ещё раз")]
    assert status == "refused" and "без причины замены" in reason
    assert got[(third, f"{original}.zip")] == ("accepted", "")
    status, reason = got[(third, "85-К 2026 испорченный")]
    assert status == "refused"
    assert "изменён: его SHA-256 не совпадает с manifest-sha256.txt" in reason
    assert got[(fourth, original)] == ("accepted", "")
    status, reason = got[(fourth, "85-К 2026 неполный")]
    assert status == "refused"
    assert "нет файла data/figures.json, указанного в manifest-sha256.txt" in reason
    status, reason = got[(fifth, original)]
    assert status == "refused" and f"лежит в папке «{fifth}»" in reason
    assert summary.missing == sorted([fifth, sixth])

    accepted = summary.accepted
    for section, line, column in (("7", "701", "3"), ("7", "702", "8"), ("2.3", "01", "4"),
                                  ("4", "401", "6"), ("3.1", "05", "3")):  # fmt: skip
        parts = [r.verification.figures[section][line][column] for r in accepted]
        assert summary.totals[section][line][column] == sum(parts)  # type: ignore[arg-type]

    path = write_summary(summary, tmp_path, date(2027, 1, 25))
    workbook = load_workbook(path)
    assert workbook.sheetnames[:2] == ["Итого 4", "Итого 7"]
    rows = {
        row[1]: row for row in workbook["Итого 7"].iter_rows(min_row=5, values_only=True) if row[1]
    }
    assert rows["701"][2] == summary.totals["7"]["701"]["3"]
    by_institution = workbook["По учреждениям 7"]
    values = list(by_institution.iter_rows(min_row=3, values_only=True))
    total = next(row for row in values if row[0] == "Итого")
    institutions = [row for row in values[: values.index(total)]]
    assert len(institutions) == 4
    assert total[2] == sum(row[2] for row in institutions) == summary.totals["7"]["701"]["3"]
    assert by_institution._charts, "the section's chart"
    missing = [r[1] for r in workbook["Не представили"].iter_rows(min_row=3, values_only=True)]
    assert sorted(missing) == sorted(summary.missing)


def test_the_cli_aggregates_and_the_library_agrees_with_our_checks(
    inbox: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        app, ["authority", "aggregate", str(inbox), "--period", PERIOD, "--out", str(tmp_path),
              "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert len(payload["accepted"]) == 4 and len(payload["missing"]) == 2
    assert Path(payload["summary"]).is_file()
    for bag in (p for p in inbox.glob("*/*") if p.is_dir()):
        ours = verify_bag(bag).valid
        try:
            bagit.Bag(str(bag)).validate()
            theirs = True
        except bagit.BagError:
            theirs = False
        assert ours == theirs, bag.name


def test_a_bag_whose_figures_break_a_relation_is_refused_even_with_sound_hashes(
    tmp_path: Path,
) -> None:
    template = _template()
    (neighbour,) = neighbours(1, seed=11)
    report = neighbour_report(neighbour, template, PERIOD, date(2027, 1, 12), 247, 11, [])
    report.figures["7"]["702"]["3"] = int(report.figures["7"]["701"]["3"]) + 1  # more girls
    bag = send_neighbour_package(report, tmp_path / "uo", WHEN)
    bagit.Bag(str(bag)).validate()  # the bag itself is sound

    checked = verify_bag(bag)

    assert not checked.valid
    assert any(
        "не выполнено контрольное соотношение: Раздел 7, графа 3: строка 701 ≥ строк 702" in p
        for p in checked.problems
    ), checked.problems


def test_the_authoritys_own_site_takes_the_packages_from_its_users_inbox(
    sqlite_harness: SiteHarness,
) -> None:
    harness = sqlite_harness
    code, output = run_sgo(harness, "authority", "aggregate", "--period", PERIOD)
    assert code == 1 and "нет пользователя с ролью «орган управления образованием»" in output
    code, output = run_sgo(harness, "users", "add", "uo", "--role", "authority")
    assert code == 0, output
    inbox = harness.site.user_inbox("uo")
    template = _template()
    for neighbour in neighbours(2, seed=5):
        report = neighbour_report(neighbour, template, PERIOD, date(2027, 1, 12), 247, 5, [])
        send_neighbour_package(report, inbox, WHEN)

    assert harness.ingest().receipts == []  # intake leaves the institutions' folders alone
    code, output = run_sgo(harness, "authority", "aggregate", "--period", PERIOD, "--json")

    assert code == 0, output
    payload = json.loads(output)
    assert len(payload["accepted"]) == 2 and payload["missing"] == []
    assert Path(payload["summary"]) == harness.site.documents / "Своды" / "Свод 85-К 2026.xlsx"
