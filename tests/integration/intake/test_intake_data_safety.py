"""Users' file names become names of claims, answers and archived copies: whatever their
length and characters, every file is taken, answered inside its user's folder, and the pass
goes on."""

from __future__ import annotations

import os
from pathlib import Path

from support import STAFF, SiteHarness

from sgo_model.domain.roles import FormKind
from sgo_model.intake import inbox
from sgo_model.intake.receipts import Verdict
from sgo_model.office.names import MAX_NAME_BYTES

LONG = "Сотрудники " + "после исправления замечаний заведующей " * 3 + ".xlsx"
ODD = 'Сотрудники: "итог" | версия? <2> *.xlsx'


def drop_as(harness: SiteHarness, rows: list[dict[str, object]], name: str) -> Path:
    """Drop a staff list under ``name`` (a user's system writes it in one go, as here)."""
    path = harness.drop("admin", FormKind.STAFF, rows, "Сотрудники.xlsx")
    return path.rename(path.with_name(name))


def answers(harness: SiteHarness, login: str) -> list[Path]:
    folder = harness.site.user_inbox(login)
    return sorted(p for p in folder.rglob("*") if p.is_file() and inbox.CLAIMS not in p.parts)


def assert_answered_inside(harness: SiteHarness, login: str, count: int) -> list[Path]:
    found = answers(harness, login)
    assert len(found) == count, found
    folder = harness.site.user_inbox(login).resolve()
    for path in found:
        assert path.resolve().is_relative_to(folder)
        assert len(path.name.encode()) <= MAX_NAME_BYTES
    return found


def test_a_file_with_a_long_cyrillic_name_is_taken_and_answered(harness: SiteHarness) -> None:
    assert len(LONG.encode()) > 200  # with the claim's prefix it passes 255 bytes
    drop_as(harness, STAFF, LONG)
    (receipt,) = harness.ingest().receipts
    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems or receipt.reason
    original, slip = assert_answered_inside(harness, "admin", 2)
    assert original.suffix == ".xlsx" and slip.name.endswith(".xlsx.квитанция.txt")
    assert f"Файл:         {LONG}" in slip.read_text("utf-8")
    assert receipt.sha256 is not None
    assert [p.name for p in harness.site.archive.rglob("*.xlsx")] == [f"{receipt.sha256}.xlsx"]


def test_a_rejected_file_with_a_long_name_gets_its_receipt_and_annotated_copy(
    harness: SiteHarness,
) -> None:
    drop_as(harness, [{**STAFF[0], "Дата приёма": "31.02.2015"}], LONG)
    (receipt,) = harness.ingest().receipts
    assert receipt.verdict is Verdict.REJECTED
    names = [p.name for p in assert_answered_inside(harness, "admin", 3)]
    assert [n.rsplit(".", 2)[-2:] for n in names if not n.endswith(".xlsx")] == [
        ["квитанция", "txt"]
    ]
    assert sum(n.endswith(".ошибки.xlsx") for n in names) == 1


def test_a_long_named_file_whose_worker_died_is_taken_again(harness: SiteHarness) -> None:
    path = drop_as(harness, STAFF, LONG)
    (candidate,) = inbox.candidates(harness.site)
    assert candidate.path == path
    held = inbox.claim(candidate, "a-worker-that-died", ttl=-1.0)
    assert held is not None and held.path.exists()
    (receipt,) = harness.ingest().receipts
    assert receipt.verdict is Verdict.ACCEPTED
    original, _ = assert_answered_inside(harness, "admin", 2)
    assert original.suffix == ".xlsx"


def test_a_file_named_with_characters_windows_forbids_is_answered_under_a_safe_name(
    harness: SiteHarness,
) -> None:
    drop_as(harness, STAFF, ODD)
    (receipt,) = harness.ingest().receipts
    assert receipt.verdict is Verdict.ACCEPTED
    assert receipt.file_name == ODD
    for path in assert_answered_inside(harness, "admin", 2):
        assert not set(path.name) & set('<>:"\\|?*'), path.name


def test_a_file_named_in_another_encoding_is_answered_and_the_pass_goes_on(
    harness: SiteHarness,
) -> None:
    # «Сотрудники.xlsx» in cp1251, as an old client may leave it on the share.
    path = drop_as(harness, STAFF, "staff.xlsx")
    os.rename(bytes(path), os.fsencode(path.parent) + b"/" + "Сотрудники.xlsx".encode("cp1251"))
    (receipt,) = harness.ingest().receipts
    assert receipt.verdict is Verdict.ACCEPTED
    assert receipt.file_name == "\ufffd" * 10 + ".xlsx"
    _, slip = assert_answered_inside(harness, "admin", 2)
    assert f"Файл:         {receipt.file_name}" in slip.read_text("utf-8")
