"""Settings of an entry point, read from the environment (only entry points read them)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sgo_model.services.site import Site

REPOSITORY_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class Settings:
    """Where the site lives, which database holds the store, where the templates are."""

    home: Path
    database_url: str
    templates: Path

    @property
    def site(self) -> Site:
        """The site layout."""
        return Site(self.home)


def load_settings(home: Path | None = None, database_url: str | None = None) -> Settings:
    """Settings from arguments, then ``SGO_HOME``/``SGO_DATABASE_URL``/``SGO_TEMPLATES``."""
    root = (home or Path(os.environ.get("SGO_HOME") or Path.cwd())).resolve()
    url = database_url or os.environ.get("SGO_DATABASE_URL") or Site(root).default_database_url
    site_templates = root / "templates"
    default = site_templates if (site_templates / "documents").is_dir() else REPOSITORY_TEMPLATES
    templates = Path(os.environ.get("SGO_TEMPLATES") or default)
    return Settings(root, url, templates)
