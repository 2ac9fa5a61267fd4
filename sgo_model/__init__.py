"""sgo: a document workflow engine for kindergartens (ДОУ), driven from a shared inbox."""

from __future__ import annotations

__version__ = "0.1.0"
