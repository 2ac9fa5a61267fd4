"""BagIt bags (RFC 8493): made from a folder, read back, and checked without trusting the
channel (the structure, every file re-hashed against both manifests, the payload's size).

What a bag carries is for its users to check (a report package, a transfer of a child); this
module knows only the bag.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import zipfile
from collections.abc import Mapping
from pathlib import Path

CHECKSUMS = ("sha256", "sha512")
BAGIT_DECLARATION = ("BagIt-Version: 1.0", "Tag-File-Character-Encoding: UTF-8")
_SHOWN = {"sha256": "SHA-256", "sha512": "SHA-512"}


def make_bag(payload: Path, out: Path, info: Mapping[str, str]) -> Path:
    """Turn the folder ``payload`` into a bag at ``out`` (moved there once complete, so that
    nobody sees half a bag)."""
    import bagit

    bagit.make_bag(str(payload), dict(info), checksums=list(CHECKSUMS))
    # bagit-python declares version 0.97; the bag is RFC 8493's 1.0 (the same layout), and
    # saving it again rewrites the tag manifests over the new declaration.
    (payload / "bagit.txt").write_text(
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", encoding="utf-8"
    )
    bagit.Bag(str(payload)).save()
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(payload), str(out))
    return out


def read_bag_info(path: Path) -> dict[str, str]:
    """The fields of a ``bag-info.txt`` (continuation lines joined, the first value of a
    repeated field kept)."""
    info: dict[str, str] = {}
    key = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw[:1] in (" ", "\t") and key:
            info[key] += " " + raw.strip()
            continue
        name, colon, value = raw.partition(":")
        if not colon:
            continue
        key = name.strip()
        if key in info:
            key = ""
            continue
        info[key] = value.strip()
    return info


def _digest(path: Path, algorithm: str) -> str:
    digest = hashlib.new(algorithm)
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _manifest(bag: Path, name: str, problems: list[str]) -> dict[str, str]:
    path = bag / name
    if not path.is_file():
        problems.append(f"нет файла {name}")
        return {}
    entries = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        digest, _, relative = line.partition(" ")
        relative = relative.strip().lstrip("*")
        if not relative or len(digest) < 64:
            problems.append(f"{name}, строка {number}: запись «{line[:60]}» не разобрана")
            continue
        entries[relative.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")] = digest
    return entries


def _check_files(bag: Path, kind: str, problems: list[str]) -> dict[str, dict[str, str]]:
    """Re-hash what the manifests of ``kind`` (``manifest`` or ``tagmanifest``) list."""
    manifests = {a: _manifest(bag, f"{kind}-{a}.txt", problems) for a in CHECKSUMS}
    for algorithm, entries in manifests.items():
        for relative, expected in entries.items():
            target = (bag / relative).resolve()
            if not target.is_relative_to(bag.resolve()):
                problems.append(f"{kind}-{algorithm}.txt указывает за пределы пакета: {relative}")
                continue
            if not target.is_file():
                problems.append(f"нет файла {relative}, указанного в {kind}-{algorithm}.txt")
                continue
            if _digest(target, algorithm) != expected.lower():
                problems.append(
                    f"файл {relative} изменён: его {_SHOWN[algorithm]} не совпадает с "
                    f"{kind}-{algorithm}.txt"
                )
    return manifests


def check_bag(bag: Path, problems: list[str]) -> dict[str, str] | None:
    """Check a bag's structure, manifests and payload size, adding every problem (in
    Russian) to ``problems``; its ``bag-info.txt`` fields, or ``None`` when it has none."""
    if not bag.is_dir():
        problems.append("это не папка пакета BagIt")
        return None
    declaration = bag / "bagit.txt"
    if not declaration.is_file():
        problems.append("нет файла bagit.txt: это не пакет BagIt")
        return None
    if declaration.read_text(encoding="utf-8").split("\n")[:2] != list(BAGIT_DECLARATION):
        problems.append("bagit.txt не объявляет BagIt-Version: 1.0 в кодировке UTF-8")
    if not (bag / "data").is_dir():
        problems.append("нет папки data с содержимым пакета")
        return None
    payload = _check_files(bag, "manifest", problems)
    _check_files(bag, "tagmanifest", problems)
    listed = set(payload[CHECKSUMS[0]])
    present = {p.relative_to(bag).as_posix() for p in (bag / "data").rglob("*") if p.is_file()}
    for extra in sorted(present - listed):
        problems.append(f"файл {extra} не указан в манифесте")
    for algorithm in CHECKSUMS[1:]:
        if set(payload[algorithm]) != listed:
            problems.append(f"манифесты SHA-256 и {_SHOWN[algorithm]} перечисляют разные файлы")
    if not (bag / "bag-info.txt").is_file():
        problems.append("нет файла bag-info.txt")
        return None
    info = read_bag_info(bag / "bag-info.txt")
    _check_oxum(bag, present, info.get("Payload-Oxum", ""), problems)
    return info


def _check_oxum(bag: Path, present: set[str], oxum: str, problems: list[str]) -> None:
    octets, _, count = oxum.partition(".")
    if not (octets.isdigit() and count.isdigit()):
        if oxum:  # a missing one is for the bag's user to require
            problems.append(f"Payload-Oxum «{oxum}» не разобран")
        return
    size = sum((bag / relative).stat().st_size for relative in present)
    if (int(octets), int(count)) != (size, len(present)):
        problems.append(f"Payload-Oxum {oxum}: в папке data {len(present)} файлов, {size} байт")


_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
MAX_BAG_MEMBERS = 200
MAX_BAG_BYTES = 100 * 1024 * 1024


def zip_bag(bag: Path) -> bytes:
    """A bag folder as one zip, its entries under the folder's name: the same folder always
    gives the same bytes (sorted entries, fixed times), so a bag sent twice is known as one."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(p for p in bag.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{bag.name}/{path.relative_to(bag).as_posix()}", _FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def is_zipped_bag(data: bytes) -> bool:
    """Whether ``data`` is a zip holding a bag (its ``bagit.txt`` at the top or one folder
    down)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(
                name.count("/") <= 1 and name.endswith("bagit.txt") for name in archive.namelist()
            )
    except zipfile.BadZipFile:
        return False


def unzip_bag(data: bytes, into: Path) -> Path:
    """Unpack a zipped bag into the empty folder ``into``, refusing what no bag holds
    (paths out of the folder, links, too many or too big members); the bag's folder."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ValueError("архив повреждён и не читается") from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_BAG_MEMBERS:
            raise ValueError(f"в архиве слишком много файлов ({len(members)})")
        if sum(m.file_size for m in members) > MAX_BAG_BYTES:
            raise ValueError("архив слишком велик при распаковке")
        for member in members:
            name = member.filename
            if name.startswith("/") or ".." in Path(name).parts or "\\" in name:
                raise ValueError(f"в архиве недопустимый путь «{name}»")
            if (member.external_attr >> 16) & 0o170000 == 0o120000:
                raise ValueError(f"в архиве символическая ссылка «{name}»")
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(member))
    tops = {Path(m.filename).parts[0] for m in members}
    if (into / "bagit.txt").is_file() or len(tops) != 1:
        return into
    return into / tops.pop()
