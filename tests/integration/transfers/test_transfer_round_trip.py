"""A transfer between two kindergartens: the signed withdrawal writes the child's bag, the
next kindergarten takes it in (as a zip or as a folder, once), enrols the child with the
ground «в порядке перевода из …»; a tampered bag is refused naming what is wrong."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from families_support import with_families
from support import SiteHarness, run_sgo, settle

from sgo_model.domain.movement_reasons import WithdrawalReason
from sgo_model.domain.roles import FormKind
from sgo_model.intake.receipts import Verdict

DESTINATION = "МБДОУ «Детский сад № 7 «Солнышко»»"
WITHDRAWAL = {
    "Вид": "отчисление",
    "Фамилия": "Белова",
    "Имя": "Вера",
    "Отчество": "Олеговна",
    "Дата рождения": date(2022, 2, 2),
    "Дата": date(2026, 12, 1),
    "Из группы": "Ромашка",
    "Причина выбытия": WithdrawalReason.TRANSFER_TO_ANOTHER.label,
    "Куда выбыл": DESTINATION,
    "Основание": "заявление родителя от 25.11.2026 № 50",
}


@pytest.fixture
def sent(harness: SiteHarness) -> tuple[SiteHarness, Path]:
    """The first kindergarten after the head signed Белова's withdrawal; its bag."""
    harness = with_families(harness)
    harness.drop("clerk", FormKind.MOVEMENT, [WITHDRAWAL], "Отчисление.xlsx", age=15)
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    harness.publish()
    assert not (harness.site.outbox / "transfers").exists()  # not before it is signed
    assert harness.sign_order("2-д").verdict is Verdict.ACCEPTED
    harness.publish()
    (bag,) = (harness.site.outbox / "transfers").iterdir()
    return harness, bag


@pytest.fixture
def receiving(tmp_path: Path) -> SiteHarness:
    """The second kindergarten, set up."""
    harness = SiteHarness.create(tmp_path / "second", f"sqlite:///{tmp_path / 'second.db'}")
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    yield harness
    harness.close()


def _members(bag: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bag) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_bag_holds_the_child_and_nothing_about_other_children(
    sent: tuple[SiteHarness, Path],
) -> None:
    _, bag = sent
    assert bag.name == "Перевод Белова Вера Олеговна 02.02.2022.zip"
    members = _members(bag)
    (payload,) = [data for name, data in members.items() if name.endswith("data/transfer.json")]
    transfer = json.loads(payload)
    assert transfer["child"]["last_name"] == "Белова"
    assert transfer["destination"] == DESTINATION
    assert transfer["guardians"][0]["email"] == "belova@example.ru"
    assert transfer["withdrawal"]["order"] == "2-д"
    (extract,) = [data for name, data in members.items() if name.endswith(".docx")]
    text = "\n".join(p.text for p in Document(io.BytesIO(extract)).paragraphs)
    assert "ВЫПИСКА ИЗ ПРИКАЗА" in text and "Отчислить Белову Веру Олеговну" in text.replace(
        "\u00a0", " "
    )
    for name, data in members.items():
        readable = data if not name.endswith(".docx") else text.encode()
        for other in ("Орлов", "Иванова", "Кузьмин"):
            assert other.encode() not in readable, (name, other)
    assert any(name.endswith("manifest-sha256.txt") for name in members)


def test_the_next_kindergarten_takes_the_bag_once_and_enrols_the_child(
    sent: tuple[SiteHarness, Path], receiving: SiteHarness
) -> None:
    _, bag = sent
    # Dropped as a folder: the inbox zips it and takes it like a file.
    with zipfile.ZipFile(bag) as archive:
        archive.extractall(receiving.site.user_inbox("clerk"))
    (receipt,) = receiving.ingest().receipts
    assert receipt.verdict is Verdict.ACCEPTED, (receipt.reason, receipt.problems)
    assert "Перевод № 1: Белова Вера Олеговна" in (receipt_text := receipt.receipt_path.read_text())
    assert "sgo transfers accept 1" in receipt_text
    # The family is reminded that the application for enrolment is awaited.
    receiving.publish()
    with receiving.uow(read_only=True) as uow:
        (reminder,) = uow.notices.all()
    assert (reminder.kind, reminder.pupil_id, reminder.pupil) == (
        "notice_reminder",
        None,
        "Белова Вера Олеговна",
    )
    assert [d.email for d in reminder.deliveries] == ["belova@example.ru"]
    letter = "\n".join(p.text for p in Document(reminder.path).paragraphs).replace("\u00a0", " ")
    assert "УВЕДОМЛЕНИЕ" in letter and "ожидается ваше заявление о зачислении" in letter
    assert "из МБДОУ «Детский сад № 5 „Берёзка“»" in letter
    # The same bag again, as the zip it came in: the same bytes, answered as a duplicate.
    shutil.copy(bag, receiving.site.user_inbox("clerk") / bag.name)
    settle(receiving.site.user_inbox("clerk") / bag.name)
    (again,) = receiving.ingest().receipts
    assert again.verdict is Verdict.DUPLICATE

    code, out = run_sgo(receiving, "transfers", "list")
    assert code == 0 and "ждёт" in out and "зачисления" in out, out  # the table may wrap
    code, out = run_sgo(
        receiving, "transfers", "accept", "1", "--group", "Ромашка", "--date", "14.12.2026"
    )
    assert code == 0, out
    assert "Белова Вера Олеговна зачислена в группу «Ромашка» с 14.12.2026" in out
    with receiving.uow(read_only=True) as uow:
        (order,) = [o for o in uow.orders.all(("enrol",))]
        (line,) = uow.movement.order_lines(order.id)
        (pupil,) = uow.movement.find_pupils(line.name, line.birth_date)
        guardians = uow.pupils.guardians_of([pupil.id])[pupil.id]
        (arrival,) = uow.transfers.all()
    assert "в порядке перевода из МБДОУ «Детский сад № 5" in (line.grounds or "")
    assert line.destination == "МБДОУ «Детский сад № 5 «Берёзка»»"  # «откуда прибыл»
    assert (guardians[0].email, guardians[0].notice_consent) == ("belova@example.ru", True)
    assert arrival.status == "accepted"
    code, out = run_sgo(
        receiving, "transfers", "accept", "1", "--group", "Ромашка", "--date", "15.12.2026"
    )
    assert code == 1 and "уже принят" in out


def test_a_tampered_bag_is_refused_naming_what_is_wrong(
    sent: tuple[SiteHarness, Path], receiving: SiteHarness
) -> None:
    _, bag = sent
    members = _members(bag)
    tampered = receiving.site.user_inbox("clerk") / bag.name
    with zipfile.ZipFile(tampered, "w") as archive:
        for name, data in members.items():
            if name.endswith("data/transfer.json"):
                data = data.replace("Белова".encode(), "Белкина".encode())
            archive.writestr(name, data)
    settle(tampered)

    (receipt,) = receiving.ingest().receipts

    assert receipt.verdict is Verdict.REJECTED
    assert "файл data/transfer.json изменён: его SHA-256 не совпадает с manifest-sha256.txt" in (
        receipt.reason or ""
    )
    with receiving.uow(read_only=True) as uow:
        assert uow.transfers.all() == []
