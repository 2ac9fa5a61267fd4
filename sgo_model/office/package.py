"""Zip packages (docx, xlsx) rewritten without recompressing what did not change.

A rendered document differs from its template in a few parts (the body, a header, the
properties). :func:`read_members` keeps every member's stored bytes; :func:`write_members`
writes them back as they are and compresses only the parts given anew.
"""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sgo_model.office.files import atomic_output

__all__ = ["Content", "Member", "read_members", "replace_parts", "write_members"]


@dataclass(frozen=True)
class Member:
    """A member of a zip archive with its data as stored (compressed or not)."""

    name: str
    method: int
    crc: int
    size: int
    data: bytes
    date_time: tuple[int, int, int, int, int, int]


_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_CENTRAL_HEADER = struct.Struct("<4s6H3L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_ENCRYPTED, _UTF8_NAME = 0x1, 0x800
_VERSION = 20  # 2.0: deflate, folders
_ZIP_LIMIT = 0xFFFFFFFF


def read_members(package: bytes) -> list[Member]:
    """The members of a zip archive in their order, with their stored bytes."""
    members: list[Member] = []
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        for info in archive.infolist():
            if info.flag_bits & _ENCRYPTED:
                raise ValueError(f"часть {info.filename} зашифрована")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise ValueError(f"часть {info.filename} сжата неизвестным способом")
            offset = info.header_offset
            header = _LOCAL_HEADER.unpack_from(package, offset)
            if header[0] != _LOCAL_SIGNATURE:
                raise ValueError(f"повреждён заголовок части {info.filename}")
            start = offset + _LOCAL_HEADER.size + header[9] + header[10]
            data = package[start : start + info.compress_size]
            if len(data) != info.compress_size:
                raise ValueError(f"часть {info.filename} обрезана")
            members.append(
                Member(
                    info.filename,
                    info.compress_type,
                    info.CRC,
                    info.file_size,
                    data,
                    info.date_time,
                )
            )
    return members


def replace_parts(package: bytes, replaced: Mapping[str, Content], out: Path) -> Path:
    """Write ``package`` to ``out`` atomically with the parts in ``replaced`` given anew."""
    members = read_members(package)
    with atomic_output(out) as tmp:
        write_members(tmp, members, replaced)
    return out


Content = bytes | Iterable[bytes]
"""A part's new content: its bytes, or the pieces of it in order (compressed as they come,
so that a large part is never held whole)."""


def write_members(out: Path, members: list[Member], replaced: Mapping[str, Content]) -> None:
    """Write a zip archive of ``members``, with the contents in ``replaced`` substituted."""
    clock = time.localtime()
    now = (clock.tm_year, clock.tm_mon, clock.tm_mday, clock.tm_hour, clock.tm_min, clock.tm_sec)
    entries: list[Member] = []
    for member in members:
        content = replaced.get(member.name)
        if content is None:
            entries.append(member)
            continue
        compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        compressed: list[bytes] = []
        crc = size = 0
        for piece in (content,) if isinstance(content, bytes) else content:
            compressed.append(compressor.compress(piece))
            crc = zlib.crc32(piece, crc)
            size += len(piece)
        compressed.append(compressor.flush())
        data = b"".join(compressed)
        entries.append(Member(member.name, zipfile.ZIP_DEFLATED, crc, size, data, now))
    if len(entries) >= 0xFFFF:
        raise ValueError("слишком много частей в документе")
    central: list[bytes] = []
    offset = 0
    with out.open("wb") as stream:
        for entry in entries:
            name = entry.name.encode("utf-8")
            flags = 0 if name.isascii() else _UTF8_NAME
            dos_time, dos_date = _dos_time(entry.date_time)
            if offset > _ZIP_LIMIT or entry.size > _ZIP_LIMIT:
                raise ValueError("документ слишком велик для формата zip без расширений")
            header = _LOCAL_HEADER.pack(
                _LOCAL_SIGNATURE,
                _VERSION,
                flags,
                entry.method,
                dos_time,
                dos_date,
                entry.crc,
                len(entry.data),
                entry.size,
                len(name),
                0,
            )
            stream.write(header)
            stream.write(name)
            stream.write(entry.data)
            central.append(
                _CENTRAL_HEADER.pack(
                    b"PK\x01\x02",
                    _VERSION,
                    _VERSION,
                    flags,
                    entry.method,
                    dos_time,
                    dos_date,
                    entry.crc,
                    len(entry.data),
                    entry.size,
                    len(name),
                    0,
                    0,
                    0,
                    0,
                    0,
                    offset,
                )
                + name
            )
            offset += len(header) + len(name) + len(entry.data)
        directory = b"".join(central)
        if offset + len(directory) > _ZIP_LIMIT:
            raise ValueError("документ слишком велик для формата zip без расширений")
        stream.write(directory)
        stream.write(
            _END_RECORD.pack(
                b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), offset, 0
            )
        )


def _dos_time(moment: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = moment
    year = min(max(year, 1980), 2107)
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day
