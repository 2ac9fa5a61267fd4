"""Signing orders: the head drops the signed scan named with the order's number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sgo_model.domain.errors import DomainError
from sgo_model.domain.roles import Role
from sgo_model.store.orders import OrderRecord
from sgo_model.store.uow import SqlUnitOfWork

SCAN_MAGIC = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".tif": (b"II*\x00", b"MM\x00*"),
    ".tiff": (b"II*\x00", b"MM\x00*"),
}
_NUMBER = re.compile(r"(?<![\d])(\d{1,5})\s*[-–—]\s*([А-Яа-яЁёA-Za-z]{1,6})(?![А-Яа-яЁёA-Za-z])")
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")


def is_scan(name: str) -> bool:
    """Whether a file name looks like a scan (PDF or image)."""
    return Path(name).suffix.lower() in SCAN_MAGIC


def check_scan(data: bytes, name: str) -> None:
    """Refuse a file whose content is not the PDF or image its extension says."""
    head = data[:16]
    if not head.startswith(SCAN_MAGIC[Path(name).suffix.lower()]):
        raise DomainError(
            f"Содержимое файла не соответствует расширению {Path(name).suffix}: "
            "ожидается скан приказа (PDF или изображение)"
        )


@dataclass(frozen=True)
class OrderReference:
    """The order a scan's file name points at: «Приказ 12-д.pdf», «Приказ 12-д 2026.pdf»."""

    number: str
    year: int | None


def parse_scan_name(name: str) -> OrderReference:
    """Read the order number (and optionally the year) from a scan's file name."""
    stem = Path(name).stem
    match = _NUMBER.search(stem)
    if match is None:
        raise DomainError(
            f"В имени файла «{name}» нет номера приказа; назовите скан по номеру, "
            "например «Приказ 12-д.pdf»"
        )
    rest = stem[: match.start()] + stem[match.end() :]
    years = _YEAR.findall(rest)
    return OrderReference(f"{match[1]}-{match[2]}", int(years[-1]) if years else None)


def ensure_may_sign(role: Role, login: str) -> None:
    """Only the head signs orders."""
    if role is not Role.HEAD:
        raise DomainError(
            f"Подписанные приказы принимаются только от заведующего; пользователь «{login}» — "
            f"{role.label}"
        )


def find_order_to_sign(uow: SqlUnitOfWork, reference: OrderReference) -> OrderRecord:
    """The order a scan belongs to: the newest with that number (in that year, if named)."""
    found = uow.orders.find(reference.number, reference.year)
    if not found:
        year = f" за {reference.year} год" if reference.year else ""
        raise DomainError(f"Приказ № {reference.number}{year} не найден")
    return found[0]


def describe(order: OrderRecord) -> str:
    """«Приказ № 12-д от 01.09.2026 «О зачислении воспитанников»»."""
    return f"Приказ № {order.number} от {order.order_date:%d.%m.%Y} «{order.title}»"
