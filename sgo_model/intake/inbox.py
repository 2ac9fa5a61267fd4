"""The inbox folders: which files are ready, claiming them atomically, and answering them.

A file is claimed by renaming it into the hidden claims folder of its user's inbox; the new
name carries the claim's expiry, so a file whose worker died is taken again once it expires,
and a claim token that stays the same when another worker takes the claim over: the store
records the verdict under that token, so a restarted pass answers the file with the verdict
it already got. Exactly-once application does not rest on claims: the store refuses the same
bytes twice.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import socket
import stat
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sgo_model.office.files import atomic_output, process_alive
from sgo_model.office.names import MAX_NAME_BYTES, NAME_BYTES, inside, safe_name
from sgo_model.office.site import Site

CLAIMS = ".sgo-claims"
ACCEPTED = "accepted"
REJECTED = "rejected"
BLANKS = "бланки"
IGNORED_PATTERNS = ("~$*", ".~lock*", "*.tmp", "*.part", "*.crdownload", ".*", "Thumbs.db")
_SEP = "~"


def new_worker_id() -> str:
    """A name for this intake worker, unique across hosts and processes."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


def is_ignored(name: str) -> bool:
    """Temporary and hidden files are never taken."""
    return any(fnmatch.fnmatch(name, pattern) for pattern in IGNORED_PATTERNS)


@dataclass(frozen=True)
class Candidate:
    """A file lying in a user's inbox."""

    path: Path
    login: str
    size: int
    changed: float


@dataclass(frozen=True)
class ClaimedFile:
    """A file this worker holds; ``name`` is what the user called it, ``claim`` its token."""

    path: Path
    login: str
    name: str
    received_at: datetime
    claim: str


def user_folders(site: Site) -> Iterator[Path]:
    """The per-login folders of the inbox."""
    if not site.inbox.is_dir():
        return
    for entry in sorted(site.inbox.iterdir()):
        if entry.is_dir() and not entry.name.startswith(".") and entry.name != BLANKS:
            yield entry


def candidates(site: Site) -> list[Candidate]:
    """Files lying in users' inbox folders (their subfolders are the engine's answers)."""
    found = []
    for folder in user_folders(site):
        with os.scandir(folder) as entries:
            for entry in entries:
                if is_ignored(entry.name):
                    continue
                try:
                    if not entry.is_file(follow_symlinks=False):
                        continue
                    info = entry.stat(follow_symlinks=False)
                except FileNotFoundError:  # another worker claimed it meanwhile
                    continue
                # ctime moves with every write even when a copy keeps the source's mtime.
                changed = max(info.st_mtime, info.st_ctime)
                found.append(Candidate(Path(entry.path), folder.name, info.st_size, changed))
    return sorted(found, key=lambda c: (c.changed, str(c.path)))


def pack_bag_folders(site: Site, settle_seconds: float, now: float | None = None) -> list[Path]:
    """Each BagIt bag dropped as a folder into a user's inbox, once nothing in it has changed
    for ``settle_seconds``, becomes one zip beside it (the same folder, the same bytes), to be
    claimed, hashed and archived as any file; the folder goes once its zip is in place."""
    now = time.time() if now is None else now
    packed = []
    for folder in user_folders(site):
        for entry in sorted(folder.iterdir()):
            if entry.name.startswith(".") or not (entry / "bagit.txt").is_file():
                continue
            try:
                target = _pack(folder, entry, settle_seconds, now)
            except OSError:  # another pass (or the watcher) is packing it right now
                continue
            if target is not None:
                packed.append(target)
    return packed


def _pack(folder: Path, entry: Path, settle_seconds: float, now: float) -> Path | None:
    from sgo_model.office.bags import zip_bag

    stats = [p.lstat() for p in (entry, *entry.rglob("*"))]
    if now - max(max(s.st_mtime, s.st_ctime) for s in stats) < settle_seconds:
        return None
    data = zip_bag(entry)
    target, copy = inside(folder, safe_name(f"{entry.name}.zip")), 1
    # Never over another file of that name; the same bytes: packed before a crash.
    while target.exists() and target.read_bytes() != data:
        copy += 1
        target = inside(folder, safe_name(f"{entry.name} ({copy}).zip"))
    if not target.exists():
        with atomic_output(target) as tmp:
            tmp.write_bytes(data)
    shutil.rmtree(entry, ignore_errors=True)
    return target


def ready(
    found: list[Candidate], settle_seconds: float, now: float | None = None
) -> list[Candidate]:
    """Files untouched for ``settle_seconds``: copies still in progress are left alone."""
    now = time.time() if now is None else now
    return [c for c in found if now - c.changed >= settle_seconds]


def settling(
    found: list[Candidate], settle_seconds: float, now: float | None = None
) -> list[tuple[Candidate, float]]:
    """Files changed too recently to be taken, each with the seconds until it may be."""
    now = time.time() if now is None else now
    return [
        (c, settle_seconds - (now - c.changed)) for c in found if now - c.changed < settle_seconds
    ]


def _claim_name(name: str, worker: str, token: str, ttl: float) -> str:
    prefix = f"{int(time.time() + ttl)}{_SEP}{worker}{_SEP}{token}{_SEP}"
    # A long file name must still fit beside the claim's prefix: it is shortened (its
    # extension kept), and only a reclaimed file is answered under the shortened name.
    return prefix + safe_name(name, limit=MAX_NAME_BYTES - len(prefix.encode()))


def claim(candidate: Candidate, worker: str, ttl: float) -> ClaimedFile | None:
    """Take the file for this worker; ``None`` if another worker took it first."""
    folder = candidate.path.parent / CLAIMS
    folder.mkdir(exist_ok=True)
    token = uuid.uuid4().hex
    name = _readable(candidate.path.name)
    target = folder / _claim_name(name, worker, token, ttl)
    try:
        os.rename(candidate.path, target)
    except FileNotFoundError:
        return None
    except PermissionError:  # still open in an editor on the share: next pass
        return None
    received = datetime.fromtimestamp(candidate.changed).astimezone()
    return ClaimedFile(target, candidate.login, name, received, token)


def _readable(name: str) -> str:
    # A name that is not UTF-8 (an old client's cp1251 on the share) comes with surrogates
    # for its bytes, which neither the store nor a receipt can hold: they are shown as «�».
    return os.fsencode(name).decode("utf-8", "replace")


def worker_gone(worker: str) -> bool:
    """Whether a claim's worker is provably gone: it ran on this host, in another process,
    and that process is no longer alive. A worker on another host cannot be asked: its claims
    wait for their expiry."""
    host, _, rest = worker.rpartition("-")[0].rpartition("-")
    if not rest.isdigit() or host != socket.gethostname():
        return False
    return not process_alive(int(rest))


def reclaim_expired(site: Site, worker: str, ttl: float) -> list[ClaimedFile]:
    """Take over files whose worker died mid-file: its claim expired, or it is provably gone
    (:func:`worker_gone`), which needs no waiting."""
    taken = []
    now = time.time()
    for folder in user_folders(site):
        claims = folder / CLAIMS
        if not claims.is_dir():
            continue
        for entry in sorted(claims.iterdir()):
            parts = entry.name.split(_SEP, 3)
            if len(parts) != 4 or not parts[0].isdigit():
                continue
            if int(parts[0]) > now and not worker_gone(parts[1]):
                continue
            _, _, token, name = parts
            target = claims / _claim_name(name, worker, token, ttl)
            try:
                mtime = entry.stat().st_mtime
                os.rename(entry, target)
            except FileNotFoundError:
                continue
            received = datetime.fromtimestamp(mtime).astimezone()
            taken.append(ClaimedFile(target, folder.name, name, received, token))
    return taken


def release(claimed: ClaimedFile) -> None:
    """Give the file back to the inbox untouched (e.g. the store was unreachable)."""
    back = claimed.path.parent.parent / claimed.name
    if not back.exists():
        os.rename(claimed.path, back)


def answer_folder(site: Site, login: str, accepted: bool) -> Path:
    """``inbox/<login>/accepted`` or ``…/rejected``."""
    folder = site.user_inbox(login) / (ACCEPTED if accepted else REJECTED)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def answer_stem(claimed: ClaimedFile, when: datetime, *, room: int = 0) -> str:
    """The name under which a processed file and its receipt are filed, leaving ``room``
    bytes for what the receipt and the annotated copy add to it."""
    return safe_name(f"{when:%Y-%m-%d %H-%M-%S} {claimed.name}", limit=NAME_BYTES - room)


def file_away(claimed: ClaimedFile, folder: Path, stem: str) -> Path | None:
    """Move the claimed original next to its receipt; ``None`` if the claim was lost."""
    target = inside(folder, stem)
    try:
        os.replace(claimed.path, target)
    except FileNotFoundError:
        return None
    return target


def archived_path(site: Site, name: str, sha256: str) -> Path:
    """Where the original of these bytes (sent under ``name``) is kept."""
    return inside(site.archive, sha256[:2], f"{sha256}{Path(name).suffix.lower()}")


def archived(site: Site, name: str, sha256: str) -> bool:
    """Whether the original of these bytes is in the archive."""
    return archived_path(site, name, sha256).is_file()


def archive_original(site: Site, name: str, sha256: str, data: bytes) -> Path:
    """Keep a read-only copy of the original under ``archive/`` by hash (once per content)."""
    target = archived_path(site, name, sha256)
    if not target.exists():
        with atomic_output(target) as tmp:
            tmp.write_bytes(data)
            os.chmod(tmp, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    return target
