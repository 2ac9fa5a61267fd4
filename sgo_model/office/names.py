"""Names of files and folders made from data: safe characters, bounded length, never leaving
their folder.

Every file or folder name the engine derives from data (a group's name, a user's file name,
a login, a month or a year) is made by :func:`safe_name` and joined under its folder by
:func:`inside`. A name that is already safe comes back unchanged. A name that had to change
(a ``/`` in a group's name, a reserved Windows name, a name too long) carries a short hash of
the original text, so two different texts never share a file: «Младшая 1/2» and «Младшая
1-2» are both groups and each keeps its own timesheet.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from sgo_model.office.files import TEMPORARY_NAME_OVERHEAD

MAX_NAME_BYTES = 255
"""What Linux (and Samba shares over it) allow for one name, in bytes of UTF-8."""
NAME_BYTES = MAX_NAME_BYTES - 2 * TEMPORARY_NAME_OVERHEAD
"""The default bound of :func:`safe_name`: the name's temporary twin must fit too, and the
twin's own (publishing renders into a temporary name, which a renderer may write atomically)."""
PART_BYTES = 120
"""A bound for a piece of data (a group's name) inside a longer name of a document."""

HASH_MARK = "~"
_HASH_CHARS = 6
_MIN_LIMIT = 1 + len(HASH_MARK) + _HASH_CHARS + 9
# Windows forbids these in names; a slash or backslash would also make folders.
_FORBIDDEN = str.maketrans({c: "-" for c in "<>:/\\|?*"} | {'"': "'"})
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}$")
# Windows refuses these as a name's first part, in any case and with any extension.
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)


class UnsafePath(ValueError):
    """A path made from data would lead out of its folder."""


def safe_name(text: str, *, limit: int = NAME_BYTES) -> str:
    """``text`` as one file or folder name that Linux and Windows both take as it is.

    Path separators and the characters Windows forbids (``<>:"/\\|?*``) are replaced (``"``
    by ``'``, the others by ``-``), control and format characters by spaces; leading and
    trailing dots and spaces are dropped; a reserved Windows name (``CON``, ``NUL``,
    ``COM1``…) gets a leading ``_``; an empty name becomes ``_``. A name longer than ``limit``
    bytes of UTF-8 is shortened, keeping its extension. A changed name ends (before the
    extension) with ``~`` and six hex digits of the SHA-256 of ``text``.
    """
    if limit < _MIN_LIMIT:
        raise ValueError(f"a name needs at least {_MIN_LIMIT} bytes, not {limit}")
    clean = _clean(text)
    if clean == text and len(text.encode()) <= limit:
        return text
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_CHARS]
    mark = f"{HASH_MARK}{digest}"
    extension = _extension(clean)
    stem = clean[: len(clean) - len(extension)]
    room = limit - len(mark) - len(extension.encode())
    stem = stem.encode()[:room].decode("utf-8", "ignore").rstrip(" .") or "_"
    return f"{stem}{mark}{extension}"


def inside(folder: Path, *names: str) -> Path:
    """``folder`` joined with each of ``names`` made safe, checked to stay inside ``folder``.

    Safe names cannot climb out; the check also refuses a symbolic link inside ``folder``
    that points out of it.
    """
    path = folder.joinpath(*(safe_name(name) for name in names))
    if not path.resolve().is_relative_to(folder.resolve()):
        raise UnsafePath(f"Путь «{path}» ведёт за пределы папки «{folder}»")
    return path


def _clean(text: str) -> str:
    name = "".join(_character(c) for c in text.translate(_FORBIDDEN)).strip(" .")
    if not name:
        return "_"
    if name.split(".", 1)[0].rstrip(" ").upper() in _RESERVED:
        return f"_{name}"
    return name


def _character(char: str) -> str:
    category = unicodedata.category(char)
    # Controls, format characters (a right-to-left override can disguise a name),
    # undecodable bytes of a file name (surrogates), unassigned and private characters.
    if category[0] == "C" or category in ("Zl", "Zp"):
        return " "
    return char


def _extension(name: str) -> str:
    match = _EXTENSION.search(name)
    return match.group() if match and match.start() > 0 else ""
