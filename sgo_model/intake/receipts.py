"""Receipts (квитанции): the engine's Russian answer to every file taken from the inbox."""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sgo_model.domain.problems import Problem, Severity
from sgo_model.office.files import write_atomically
from sgo_model.office.names import inside

RECEIPT_SUFFIX = ".квитанция.txt"
"""What a receipt's name adds to the name its original is filed under."""


class Verdict(enum.Enum):
    """What became of a file."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"

    @property
    def label(self) -> str:
        """Russian word for the verdict."""
        return {
            Verdict.ACCEPTED: "ПРИНЯТ",
            Verdict.REJECTED: "ОТКЛОНЁН",
            Verdict.DUPLICATE: "УЖЕ ПРИНЯТ РАНЕЕ",
        }[self]


@dataclass
class Receipt:
    """The outcome of one file."""

    file_name: str
    login: str
    verdict: Verdict
    sha256: str = ""
    form: str | None = None
    rows: int = 0
    created: int = 0
    updated: int = 0
    reason: str | None = None
    problems: list[Problem] = field(default_factory=list)
    received_at: datetime | None = None
    processed_at: datetime | None = None
    receipt_path: Path | None = None
    stored_path: Path | None = None

    @property
    def errors(self) -> list[Problem]:
        """The problems that refused the file."""
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """Problems reported without refusing the file."""
        return [p for p in self.problems if not p.is_error]


def _when(moment: datetime | None) -> str:
    return f"{moment:%d.%m.%Y %H:%M:%S}" if moment else "—"


def _value(value: object) -> str:
    if value is None or value == "":
        return "(пусто)"
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _problem_line(number: int, problem: Problem) -> str:
    place = []
    if problem.sheet:
        place.append(f"лист «{problem.sheet}»")
    if problem.cell:
        place.append(f"ячейка {problem.cell}")
    elif problem.row:
        place.append(f"строка {problem.row}")
    if problem.column:
        place.append(f"столбец «{problem.column}»")
    where = ", ".join(place)
    value = f", значение: {_value(problem.value)}" if problem.cell else ""
    return f"{number:>4}. {where}{value}\n      {problem.message}"


def _position(problem: Problem) -> tuple[str, int, int, str]:
    """Problems in reading order: by sheet, row, then column."""
    letters = "".join(ch for ch in problem.cell or "" if ch.isalpha())
    return (problem.sheet or "", problem.row or 0, len(letters), letters)


def render_receipt(receipt: Receipt) -> str:
    """The receipt text, in Russian."""
    lines = [
        "КВИТАНЦИЯ О ПРИЁМЕ ФАЙЛА",
        "",
        f"Файл:         {receipt.file_name}",
        f"Отправитель:  {receipt.login}",
        f"Получен:      {_when(receipt.received_at)}",
        f"Обработан:    {_when(receipt.processed_at)}",
    ]
    if receipt.form:
        # A title that already quotes a name is not quoted again («…«…»…» reads badly).
        form = receipt.form if "«" in receipt.form else f"«{receipt.form}»"
        lines.append(f"Форма:        {form}")
    if receipt.sha256:
        lines.append(f"SHA-256:      {receipt.sha256}")
    lines += ["", f"РЕЗУЛЬТАТ: {receipt.verdict.label}"]
    if receipt.verdict is Verdict.ACCEPTED and receipt.rows:
        lines.append(
            f"Строк в файле: {receipt.rows}; добавлено записей: {receipt.created}, "
            f"изменено: {receipt.updated}."
        )
    if receipt.reason:
        lines.append(receipt.reason)
    errors = sorted(receipt.errors, key=_position)
    if errors:
        lines += [
            "Ни одно изменение из файла не применено. Исправьте все ошибки и отправьте файл снова.",
            "",
            f"Ошибки ({len(errors)}):",
            *(_problem_line(n, p) for n, p in enumerate(errors, start=1)),
        ]
    warnings = sorted(receipt.warnings, key=_position)
    if warnings:
        lines += [
            "",
            f"Предупреждения ({len(warnings)}):",
            *(_problem_line(n, p) for n, p in enumerate(warnings, start=1)),
        ]
    return "\n".join(lines) + "\n"


def write_receipt(receipt: Receipt, folder: Path, stem: str) -> Path:
    """Write the receipt beside the filed original, atomically (never half-written)."""
    path = inside(folder, f"{stem}{RECEIPT_SUFFIX}")
    write_atomically(path, render_receipt(receipt).encode("utf-8"))
    receipt.receipt_path = path
    return path


def receipt_to_json(receipt: Receipt) -> str:
    """The receipt as stored with its submission, to answer the file again after a crash."""
    return json.dumps(
        {
            "file_name": receipt.file_name,
            "login": receipt.login,
            "verdict": receipt.verdict.value,
            "sha256": receipt.sha256,
            "form": receipt.form,
            "rows": receipt.rows,
            "created": receipt.created,
            "updated": receipt.updated,
            "reason": receipt.reason,
            "received_at": _moment(receipt.received_at),
            "processed_at": _moment(receipt.processed_at),
            "problems": [
                {
                    "message": p.message,
                    "sheet": p.sheet,
                    "cell": p.cell,
                    "column": p.column,
                    # Kept as the receipt shows it: the raw value's type does not survive JSON.
                    "value": None if p.value is None else _value(p.value),
                    "row": p.row,
                    "severity": p.severity.value,
                }
                for p in receipt.problems
            ],
        },
        ensure_ascii=False,
    )


def receipt_from_json(text: str) -> Receipt:
    """A receipt stored by :func:`receipt_to_json`."""
    data = json.loads(text)
    return Receipt(
        data["file_name"],
        data["login"],
        Verdict(data["verdict"]),
        sha256=data["sha256"],
        form=data["form"],
        rows=data["rows"],
        created=data["created"],
        updated=data["updated"],
        reason=data["reason"],
        problems=[
            Problem(
                p["message"],
                sheet=p["sheet"],
                cell=p["cell"],
                column=p["column"],
                value=p["value"],
                row=p["row"],
                severity=Severity(p["severity"]),
            )
            for p in data["problems"]
        ],
        received_at=_parse_moment(data["received_at"]),
        processed_at=_parse_moment(data["processed_at"]),
    )


def _moment(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _parse_moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def summary_line(receipt: Receipt) -> str:
    """One line for the store and the CLI table."""
    if receipt.verdict is Verdict.ACCEPTED:
        return f"строк {receipt.rows}, добавлено {receipt.created}, изменено {receipt.updated}"
    if receipt.reason:
        return receipt.reason
    return f"ошибок: {len(receipt.errors)}"


def count_by_verdict(receipts: Sequence[Receipt]) -> dict[Verdict, int]:
    """How many files ended each way."""
    counts = dict.fromkeys(Verdict, 0)
    for receipt in receipts:
        counts[receipt.verdict] += 1
    return counts
