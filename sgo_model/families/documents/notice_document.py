"""A notice's Word document: a dataclass of its wording rendered into its template.

Each kind of notice names the variables its template may use (the fields of its dataclass)
and is prepared once with the kernel's :class:`~sgo_model.office.docx_template.DocxRenderer`.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from sgo_model.office.docx_template import DocxRenderer


def variables(text_class: type[Any]) -> frozenset[str]:
    """The names a template of ``text_class`` may use: its fields."""
    return frozenset(f.name for f in fields(text_class))


class NoticeRenderer:
    """A notice template prepared once, to render many notices of its kind."""

    def __init__(self, template: Path, text_class: type[Any]) -> None:
        self.template = template
        self._renderer = DocxRenderer(template, variables(text_class))

    def render(self, text: Any, out: Path) -> None:
        """Render ``text`` (an instance of the prepared dataclass) into ``out`` atomically."""
        self._renderer.render(asdict(text), out)


def stated(text: Any) -> dict[str, Any]:
    """What a notice's wording states, without the day it was drawn (``issued_on``): its
    fingerprint tells a changed notice from the same one drawn again."""
    return {name: value for name, value in asdict(text).items() if name != "issued_on"}
