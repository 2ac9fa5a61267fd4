"""Writing files atomically, fingerprinting them, and sweeping what a killed writer left.

Every file the engine writes (documents, blanks, receipts, annotated copies, archived
originals) goes through :func:`atomic_output`: it is written under a temporary name beside
its target and renamed over it in one step, so a reader (a watcher, a person opening the
shared folder) never sees a half-written file. The temporary name carries the writer's
process id, so :func:`sweep_temporaries` can remove what a killed writer left behind.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import hashlib
import os
import re
import time
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from datetime import time as dt_time
from decimal import Decimal
from pathlib import Path, PurePath
from types import ModuleType
from typing import Any

TEMPORARY_SUFFIX = ".sgo.tmp"
TEMPORARY_NAME_OVERHEAD = len(f"..{2**22}-{'0' * 8}{TEMPORARY_SUFFIX}")
"""How many bytes :func:`temporary_path` adds to a name (a Linux pid is at most 2**22)."""
_TEMPORARY = re.compile(r"^\..+\.(\d+)-[0-9a-f]{8}\.sgo\.tmp$")
_ORPHAN_AGE_SECONDS = 3600.0


def temporary_path(out: Path) -> Path:
    """A hidden name beside ``out`` that no other writer picks."""
    return out.with_name(f".{out.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}{TEMPORARY_SUFFIX}")


@contextlib.contextmanager
def atomic_output(out: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``out``; on success it replaces ``out`` in one step.

    On error the temporary file is removed and ``out`` is left as it was.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_path(out)
    try:
        yield tmp
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomically(out: Path, data: bytes) -> Path:
    """Write ``data`` to ``out`` atomically."""
    with atomic_output(out) as tmp:
        tmp.write_bytes(data)
    return out


def sweep_temporaries(folder: Path) -> int:
    """Remove the temporary files of writers that are gone (killed mid-write); how many."""
    if not folder.is_dir():
        return 0
    removed = 0
    now = time.time()
    for path in folder.rglob(f".*{TEMPORARY_SUFFIX}"):
        match = _TEMPORARY.match(path.name)
        if match is None:
            continue
        try:
            old = now - path.stat().st_mtime > _ORPHAN_AGE_SECONDS
        except FileNotFoundError:
            continue
        if old or not process_alive(int(match[1])):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def process_alive(pid: int) -> bool:
    """Whether a process of this host with that pid is alive (this one is; one of another
    user counts as alive)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, as lower-case hex."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def code_sha256(*modules: ModuleType) -> str:
    """One hash of the source files of the modules that lay a document out in code (in place
    of a template's hash): a change to any of them renders its documents anew."""
    digests = "".join(file_sha256(Path(str(module.__file__))) for module in modules)
    return hashlib.sha256(digests.encode()).hexdigest()


def fingerprint(data: Any) -> str:
    """A hash of a document's input data, to skip re-rendering what did not change.

    The data is hashed by its ``repr``, which prints every value in order, the same in every
    process, for what it may hold: dataclasses, lists, tuples, dicts, text, numbers,
    decimals, dates, enums, paths and ``None``. Anything else (a set, whose order changes
    between processes; an object whose print is its address) is refused.
    """
    _require_plain(data)
    digest = hashlib.sha256()
    for piece in _repr_pieces(data):
        digest.update(piece.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _repr_pieces(value: Any) -> Iterator[str]:
    """``repr(value)`` in pieces, the same characters: a 60,000-entry roster is never one
    string (its repr and that repr's bytes would be a hundred megabytes at once)."""
    kind = type(value)
    if kind is list or kind is tuple:
        yield "[" if kind is list else "("
        for index, item in enumerate(value):
            if index:
                yield ", "
            yield from _repr_pieces(item)
        if kind is tuple and len(value) == 1:
            yield ","
        yield "]" if kind is list else ")"
    elif kind is dict:
        yield "{"
        for index, (key, item) in enumerate(value.items()):
            yield (", " if index else "") + repr(key) + ": "
            yield from _repr_pieces(item)
        yield "}"
    elif kind in _FIELDS and kind.__dataclass_params__.repr:
        # As the repr dataclasses write: «Name(field=value, …)».
        yield kind.__qualname__ + "("
        for index, name in enumerate(_FIELDS[kind]):
            yield (", " if index else "") + name + "="
            yield from _repr_pieces(getattr(value, name))
        yield ")"
    else:
        yield repr(value)


_PLAIN = (str, int, float, Decimal, date, dt_time, enum.Enum, PurePath, type(None))
_EXACT = frozenset({str, int, float, bool, Decimal, date, datetime, dt_time, type(None)})
_FIELDS: dict[type, tuple[str, ...]] = {}
"""The printed fields of each dataclass met (looked up once: documents hold thousands)."""


def _require_plain(data: Any) -> None:
    stack = [data]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind in _EXACT:
            continue
        if kind is list or kind is tuple:
            stack.extend(value)
            continue
        names = _FIELDS.get(kind)
        if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
            names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value) if f.repr)
        if names is not None:
            stack.extend(getattr(value, name) for name in names)
        elif isinstance(value, _PLAIN):
            continue
        elif isinstance(value, list | tuple):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        else:
            raise ValueError(
                f"данные документа нельзя отпечатать устойчиво: {type(value).__name__}"
            )
