"""Checks that a submitted file is a plain, safe .xlsx before anything parses it."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sgo_model.domain.text import plural_form
from sgo_model.office.sheet_extent import sheet_extent, sheet_names

_ZIP = b"PK\x03\x04"
_OLE = bytes.fromhex("D0CF11E0A1B11AE1")
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


class UnacceptableFile(Exception):
    """The file cannot be taken; ``str(error)`` is a Russian reason for the receipt."""


@dataclass(frozen=True)
class Limits:
    """Size and time limits of a submitted file."""

    max_bytes: int = 20 * 1024 * 1024
    max_unpacked_bytes: int = 200 * 1024 * 1024
    max_ratio: int = 200
    max_members: int = 2000
    max_rows: int = 200_000
    max_columns: int = 512
    max_read_seconds: float = 120.0
    """Reading one file (a 60,000-row sheet takes some 6 s): beyond it the file is refused."""


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " МБ"


def check_xlsx(content: Path | bytes, limits: Limits = Limits()) -> None:
    """Refuse what is not a plain Excel workbook: wrong format, password, macros, bombs."""
    _check_package(content, limits, "xlsx")


def check_docx(content: Path | bytes, limits: Limits = Limits()) -> None:
    """Refuse what is not a plain Word document: wrong format, password, macros, bombs."""
    _check_package(content, limits, "docx")


def check_size(size: int, limits: Limits) -> None:
    """Refuse a file larger than the limit, before it is read."""
    if size > limits.max_bytes:
        raise UnacceptableFile(
            f"Файл слишком большой: {_mb(size)} (допускается не более {_mb(limits.max_bytes)})"
        )


def _check_package(content: Path | bytes, limits: Limits, kind: str) -> None:
    what = "книга Excel" if kind == "xlsx" else "документ Word"
    if isinstance(content, Path):
        check_size(content.stat().st_size, limits)
        content = content.read_bytes()
    size = len(content)
    check_size(size, limits)
    head = content[:8]
    if head.startswith(_OLE):
        if _ENCRYPTED in content[: 4 * 1024 * 1024]:
            raise UnacceptableFile(
                f"{what.capitalize()} защищен{'а' if kind == 'xlsx' else ''} паролем; "
                "снимите пароль (Файл → Сведения → Защита) и отправьте файл снова"
            )
        old = "Excel 97–2003 (.xls)" if kind == "xlsx" else "Word 97–2003 (.doc)"
        new = "«Книга Excel (*.xlsx)»" if kind == "xlsx" else "«Документ Word (*.docx)»"
        raise UnacceptableFile(
            f"Файл в старом формате {old} под расширением .{kind}; сохраните его как {new}"
        )
    if not head.startswith(_ZIP):
        raise UnacceptableFile(
            f"Содержимое файла не соответствует расширению .{kind}: это не {what}"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _check_members(archive, limits, kind)
    except zipfile.BadZipFile:
        raise UnacceptableFile(f"Файл повреждён: архив ({what}) не читается") from None


def _check_members(archive: zipfile.ZipFile, limits: Limits, kind: str) -> None:
    members = archive.infolist()
    names = {m.filename for m in members}
    if kind == "xlsx":
        if "word/document.xml" in names:
            raise UnacceptableFile(
                "Это документ Word (.docx) под расширением .xlsx, а не книга Excel"
            )
        if "xl/workbook.bin" in names:
            raise UnacceptableFile(
                "Двоичная книга Excel (.xlsb) не принимается; сохраните как .xlsx"
            )
        if "xl/workbook.xml" not in names:
            raise UnacceptableFile("Файл не является книгой Excel: нет описания книги")
    else:
        if "xl/workbook.xml" in names:
            raise UnacceptableFile("Это книга Excel (.xlsx) под расширением .docx")
        if "word/document.xml" not in names:
            raise UnacceptableFile("Файл не является документом Word: нет текста документа")
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise UnacceptableFile("Файл содержит макросы; сохраните его без макросов")
    if len(members) > limits.max_members:
        raise UnacceptableFile(f"В файле слишком много частей ({len(members)}): похоже на атаку")
    unpacked = sum(m.file_size for m in members)
    if unpacked > limits.max_unpacked_bytes:
        raise UnacceptableFile(
            f"Файл похож на «zip-бомбу»: при распаковке занимает {_mb(unpacked)} "
            f"(допускается {_mb(limits.max_unpacked_bytes)})"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > limits.max_ratio:
            raise UnacceptableFile(
                f"Файл похож на «zip-бомбу»: часть {member.filename} сжата в {ratio:.0f} раз"
            )
        if member.filename.endswith((".xml", ".rels")):
            with archive.open(member) as part:
                prolog = part.read(4096)
            if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                raise UnacceptableFile(
                    f"Часть файла {member.filename} содержит объявление DOCTYPE/ENTITY "
                    "(возможна «XML-бомба»); такие файлы не принимаются"
                )
    if kind == "xlsx":
        _check_extents(archive, limits)


def _check_extents(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a sheet reaching beyond what any form holds, before a reader sizes a grid."""
    names = sheet_names(archive)
    for member in archive.namelist():
        if not (member.startswith("xl/worksheets/") and member.endswith(".xml")):
            continue
        extent = sheet_extent(archive, member)
        if extent.rows > limits.max_rows or extent.columns > limits.max_columns:
            sheet = names.get(member, member)
            raise UnacceptableFile(
                f"Лист «{sheet}» занимает {_counted(extent.rows, 'строку', 'строки', 'строк')} "
                f"и {_counted(extent.columns, 'столбец', 'столбца', 'столбцов')} (допускается "
                f"не более {_counted(limits.max_rows, 'строки', 'строк', 'строк')} и "
                f"{_counted(limits.max_columns, 'столбца', 'столбцов', 'столбцов')}): в нём есть "
                "отметка или объявленный диапазон у самого края листа. Удалите лишние строки и "
                "столбцы (или скопируйте таблицу на новый лист) и отправьте файл снова"
            )


def _counted(number: int, one: str, few: str, many: str) -> str:
    """«1 048 576 строк»: thousands and the noun apart by non-breaking spaces."""
    return f"{number:,}".replace(",", "\u00a0") + "\u00a0" + plural_form(number, one, few, many)
