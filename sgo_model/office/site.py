"""The site: one folder holding the inbox, archive, documents, outbox and the SQLite store."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sgo_model.office.names import inside

DB_FILE = "sgo.db"


@dataclass(frozen=True)
class Site:
    """Paths of a site rooted at ``home``."""

    home: Path

    @property
    def inbox(self) -> Path:
        """Where users drop files, one folder per login."""
        return self.home / "inbox"

    @property
    def archive(self) -> Path:
        """Read-only originals of every file taken, by SHA-256."""
        return self.home / "archive"

    @property
    def documents(self) -> Path:
        """Generated documents."""
        return self.home / "documents"

    @property
    def outbox(self) -> Path:
        """Packages for the education authority."""
        return self.home / "outbox"

    @property
    def default_database_url(self) -> str:
        """The embedded SQLite store of the site."""
        return f"sqlite:///{(self.home / DB_FILE).resolve()}"

    def ensure(self) -> None:
        """Create the site's folders."""
        for folder in (self.inbox, self.archive, self.documents, self.outbox):
            folder.mkdir(parents=True, exist_ok=True)

    def user_inbox(self, login: str) -> Path:
        """A user's own inbox folder."""
        return inside(self.inbox, login)
