"""The site's journal: every file given a verdict and every act done without a file, in the
order they reached the store, kept beside the originals in ``archive/journal.jsonl``.

With the archive of originals it is enough to rebuild the store from nothing
(``sgo rebuild --from-archive``). A line is written once the store has committed what it
records; a pass killed in between takes the file again, finds its verdict, and writes the
line then (the rebuild reads a claim once). A line cut short by a crash is skipped.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sgo_model.office.site import Site

JOURNAL = "journal.jsonl"


@dataclass(frozen=True)
class FileEntry:
    """A file that got its verdict: who sent it, under which name and claim, its bytes'
    hash, and ``reason`` when it was refused before its original was archived (too large)."""

    claim: str
    login: str
    name: str
    received_at: datetime
    sha256: str
    today: date
    """The day the pass took for today (what the file's dates were checked against)."""
    reason: str | None = None


@dataclass(frozen=True)
class ActEntry:
    """An act done without a file (``sgo settings set``…): its name, arguments and day."""

    act: str
    arguments: Mapping[str, Any]
    at: datetime


Entry = FileEntry | ActEntry


def journal_path(site: Site) -> Path:
    """Where the site's journal is."""
    return site.archive / JOURNAL


def record_file(site: Site, entry: FileEntry) -> None:
    """Append a file's line (after its verdict is committed)."""
    _append(
        site,
        {
            "file": entry.sha256,
            "claim": entry.claim,
            "login": entry.login,
            "name": entry.name,
            "received_at": entry.received_at.isoformat(),
            "today": entry.today.isoformat(),
            "reason": entry.reason,
        },
    )


def record_act(site: Site, act: str, **arguments: Any) -> None:
    """Append an act's line (after it is committed); arguments must be JSON values."""
    _append(
        site,
        {"act": act, "arguments": arguments, "at": datetime.now().astimezone().isoformat()},
    )


def entries(site: Site) -> Iterator[Entry]:
    """The journal's entries in order, each claim once."""
    path = journal_path(site)
    if not path.exists():
        return
    seen: set[str] = set()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                data = json.loads(line)
            except json.JSONDecodeError:  # the last line of a writer killed mid-write
                continue
            if "act" in data:
                yield ActEntry(data["act"], data["arguments"], datetime.fromisoformat(data["at"]))
            elif data["claim"] not in seen:
                seen.add(data["claim"])
                yield FileEntry(
                    data["claim"],
                    data["login"],
                    data["name"],
                    datetime.fromisoformat(data["received_at"]),
                    data["file"],
                    date.fromisoformat(data["today"]),
                    data.get("reason"),
                )


def _append(site: Site, data: Mapping[str, Any]) -> None:
    path = journal_path(site)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        # A line cut short by a crash would glue onto the next one: start on a fresh line.
        if os.fstat(descriptor).st_size and not _ends_with_newline(path):
            line = b"\n" + line
        os.write(descriptor, line)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as existing:
        existing.seek(-1, os.SEEK_END)
        return existing.read(1) == b"\n"
