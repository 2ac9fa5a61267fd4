"""The transfer bag: one child's file for the next kindergarten, as a zipped BagIt bag.

``data/transfer.json`` holds the child's personal data, the guardians and their contacts,
the sending kindergarten, the withdrawal and its order, the attendance of the school year by
month and the latest diagnostics; ``data/`` also holds the extract from the withdrawal order
(Word) and the same facts as Russian text for a person to read. Nothing about other
children is in it. The receiving site checks every hash, the structure and that the bag
carries exactly one child before anything is recorded.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sgo_model.domain.errors import DomainError
from sgo_model.domain.people import Guardian, PersonName, Sex
from sgo_model.office.bags import check_bag, make_bag, unzip_bag, zip_bag
from sgo_model.office.files import write_atomically
from sgo_model.office.names import safe_name

FORMAT = "sgo-transfer/1"
TRANSFER_FILE = "transfer.json"
FORMAT_FIELD, CHILDREN_FIELD = "Transfer-Format", "Transfer-Children"
SOURCE_ORGANIZATION, INN = "Source-Organization", "Institution-INN"


@dataclass(frozen=True)
class TransferBag:
    """What a transfer bag carries: the payload of ``transfer.json`` and the documents."""

    payload: dict[str, Any]
    documents: dict[str, bytes]
    """Further files of ``data/`` by name (the order's extract)."""
    readable: str
    """The facts as Russian text (``data/Сведения о переводе.txt``)."""


def write_transfer_bag(bag: TransferBag, out: Path, prepared_at: datetime) -> Path:
    """Make the bag and write it zipped at ``out`` (atomically)."""
    child = bag.payload["child"]
    sender = bag.payload["sender"]
    with tempfile.TemporaryDirectory(prefix="sgo-transfer-") as tmp:
        payload = Path(tmp) / "payload"
        payload.mkdir()
        text = json.dumps(bag.payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        (payload / TRANSFER_FILE).write_text(text, encoding="utf-8")
        (payload / "Сведения о переводе.txt").write_text(bag.readable, encoding="utf-8")
        for name, data in bag.documents.items():
            (payload / name).write_bytes(data)
        name = " ".join(
            p for p in (child["last_name"], child["first_name"], child.get("patronymic")) if p
        )
        born = date.fromisoformat(child["birth_date"])
        info = {
            SOURCE_ORGANIZATION: sender["institution"],
            "External-Description": f"Перевод воспитанника: {name}, {born:%d.%m.%Y} г.р.",
            "Bagging-Date": f"{prepared_at:%Y-%m-%d}",
            FORMAT_FIELD: FORMAT,
            CHILDREN_FIELD: "1",
            **({INN: sender["inn"]} if sender.get("inn") else {}),
        }
        # The bag's folder is named after the child: unzipped, it is what a person sees.
        folder = make_bag(payload, Path(tmp) / safe_name(f"Перевод {name} {born:%d.%m.%Y}"), info)
        return write_atomically(out, zip_bag(folder))


@dataclass(frozen=True)
class ReceivedTransfer:
    """A verified transfer: the child, the guardians and who sent it."""

    name: PersonName
    sex: Sex
    birth_date: date
    address: str | None
    condition: str | None
    guardians: tuple[Guardian, ...]
    sender: str
    sender_inn: str | None
    destination: str
    withdrawn_on: date
    payload: str
    """``transfer.json`` as received."""


def read_transfer(data: bytes, file_name: str) -> ReceivedTransfer:
    """Unpack and check a zipped transfer bag; :class:`DomainError` listing every problem of
    a bag that is damaged, altered or not a transfer of one child."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="sgo-transfer-in-") as tmp:
        try:
            root = unzip_bag(data, Path(tmp))
        except ValueError as error:
            raise DomainError(f"Пакет перевода «{file_name}» не принят: {error}") from None
        info = check_bag(root, problems)
        if info is not None:
            if info.get(FORMAT_FIELD) != FORMAT:
                problems.append(
                    f"в bag-info.txt нет {FORMAT_FIELD}: {FORMAT}: это не пакет перевода"
                )
            if info.get(CHILDREN_FIELD) != "1":
                problems.append("пакет перевода должен содержать сведения ровно об одном ребёнке")
        text = _payload_text(root, problems)
        received = parse_transfer(text, problems) if text is not None else None
        if received is not None:
            extract = [p for p in (root / "data").glob("*.docx")]
            if not extract:
                problems.append("нет выписки из приказа об отчислении (файла .docx)")
    if problems or received is None:
        raise DomainError(f"Пакет перевода «{file_name}» не принят: " + "; ".join(problems))
    return received


def _payload_text(root: Path, problems: list[str]) -> str | None:
    path = root / "data" / TRANSFER_FILE
    if not path.is_file():
        problems.append(f"нет файла data/{TRANSFER_FILE}")
        return None
    return path.read_text(encoding="utf-8")


def parse_transfer(text: str, problems: list[str]) -> ReceivedTransfer | None:
    """A transfer from its ``transfer.json``; ``None`` (the reason in ``problems``) if it
    is not one."""
    try:
        payload = json.loads(text)
        if payload.get("format") != FORMAT:
            problems.append(f"data/{TRANSFER_FILE}: формат «{payload.get('format')}» не {FORMAT}")
            return None
        child = payload["child"]
        if not isinstance(child, dict):
            problems.append(f"data/{TRANSFER_FILE}: сведения должны быть об одном ребёнке")
            return None
        guardians = tuple(
            Guardian(g["full_name"], g.get("phone"), g.get("email"), bool(g.get("notice_consent")))
            for g in payload.get("guardians", [])
        )
        sender = payload["sender"]
        return ReceivedTransfer(
            PersonName(child["last_name"], child["first_name"], child.get("patronymic")),
            Sex(child["sex"]),
            date.fromisoformat(child["birth_date"]),
            child.get("address"),
            child.get("condition"),
            guardians,
            sender["institution"],
            sender.get("inn"),
            payload["destination"],
            date.fromisoformat(payload["withdrawal"]["date"]),
            text,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        problems.append(f"data/{TRANSFER_FILE} не разобран: {error}")
        return None
