"""A municipality: one folder of kindergartens' sites sharing one store and one Prefect server.

``<root>/municipality.json`` marks the folder; each kindergarten is the site ``<root>/<code>/``
(its own inbox, archive, documents and outbox, which its own staff's shared-folder rights
cover). On PostgreSQL the kindergartens share one database, each in its own schema
``sgo_<code>``: no query of one kindergarten can reach another's children, and one
kindergarten is backed up, restored or migrated alone. On SQLite each site keeps its own file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

MARKER = "municipality.json"
_CODE = re.compile(r"[a-z0-9][a-z0-9_]{0,29}")


class MunicipalityError(ValueError):
    """A municipality folder or an institution code that cannot be used; says why."""


def check_code(code: str) -> str:
    """An institution's code: lower-case Latin letters, digits and «_», at most 30 (it names a
    folder and a database schema)."""
    if not _CODE.fullmatch(code):
        raise MunicipalityError(
            f"institution code {code!r}: use 1-30 lower-case Latin letters, digits or '_', "
            "starting with a letter or digit (e.g. 015 or ds15)"
        )
    return code


@dataclass(frozen=True)
class Municipality:
    """The municipality rooted at ``root``."""

    root: Path

    @classmethod
    def create(cls, root: Path, database_url: str) -> Municipality:
        """Mark ``root`` as a municipality whose store is ``database_url`` (empty: SQLite,
        a file per site). The URL is kept without a password."""
        root.mkdir(parents=True, exist_ok=True)
        municipality = cls(root.resolve())
        marker = municipality.root / MARKER
        marker.write_text(json.dumps({"database_url": database_url}, indent=2), encoding="utf-8")
        return municipality

    @classmethod
    def open(cls, root: Path) -> Municipality:
        """The municipality at ``root``; :class:`MunicipalityError` if it is not one."""
        municipality = cls(root.resolve())
        if not (municipality.root / MARKER).is_file():
            raise MunicipalityError(
                f"{root} is not a municipality folder (no {MARKER}; `sgo municipal init`)"
            )
        return municipality

    @classmethod
    def of_site(cls, home: Path) -> Municipality | None:
        """The municipality a site belongs to, if any."""
        parent = home.resolve().parent
        return cls(parent) if (parent / MARKER).is_file() else None

    @property
    def database_url(self) -> str:
        """The shared store (empty: SQLite, a file per site)."""
        data = json.loads((self.root / MARKER).read_text(encoding="utf-8"))
        return str(data.get("database_url") or "")

    @property
    def prefect_home(self) -> Path:
        """The Prefect state of the municipality's own server (its log and pid file)."""
        return self.root / ".prefect"

    def site(self, code: str) -> Path:
        """The site folder of an institution."""
        return self.root / check_code(code)

    def codes(self) -> list[str]:
        """The institutions' codes, in order: every sub-folder that is a site."""
        return sorted(
            entry.name
            for entry in self.root.iterdir()
            if entry.is_dir() and _CODE.fullmatch(entry.name) and (entry / "inbox").is_dir()
        )


def schema_of(code: str) -> str:
    """The PostgreSQL schema of an institution's store."""
    return f"sgo_{check_code(code)}"
