"""A print-ready copy of an order: its document as the head signs it, and a PDF of it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sgo_model.domain.errors import DomainError
from sgo_model.domain.movement import SIGNED
from sgo_model.movement.signing import OrderReference, describe, find_order_to_sign
from sgo_model.office.files import atomic_output, file_sha256
from sgo_model.office.names import inside
from sgo_model.office.pdf import convert_to_pdf
from sgo_model.store.uow import SqlUnitOfWork


@dataclass(frozen=True)
class PrintCopy:
    """What was written for printing: the order, its copy, and the PDF if one was made."""

    order: str
    draft: bool
    docx: Path
    pdf: Path | None


def print_order(
    uow: SqlUnitOfWork,
    reference: OrderReference,
    out_dir: Path,
    office: str | None,
) -> PrintCopy:
    """Copy an order's current document into ``out_dir`` for printing and, with LibreOffice
    (``office``), make its PDF. The document carries no draft mark: the head signs this paper;
    the draft status stays in the registry and in the registered file's name."""
    with uow:
        order = find_order_to_sign(uow, reference)
        record = uow.documents.get("order", f"{order.year}/{order.number}")
    if record is None:
        raise DomainError(
            f"{describe(order)} ещё не сформирован; запустите sgo ingest, затем повторите"
        )
    source = Path(record.path)
    if not source.exists() or file_sha256(source) != record.sha256:
        raise DomainError(
            f"Файл приказа «{source}» изменён или удалён после регистрации (не совпадает с "
            "зарегистрированным SHA-256); печатать его нельзя"
        )
    name = f"Приказ № {order.number} от {order.order_date:%d.%m.%Y} {order.title}.docx"
    copy = inside(out_dir, name)
    with atomic_output(copy) as tmp:
        tmp.write_bytes(source.read_bytes())
    pdf = convert_to_pdf(copy, out_dir, office) if office else None
    return PrintCopy(describe(order), order.status != SIGNED, copy, pdf)
