"""The hidden metadata sheet by which our blanks name their form kind."""

from __future__ import annotations

META_SHEET = "_sgo"
META_FORM = "form"
META_VERSION = "version"
META_SHEET_KEY = "sheet"
