"""Text as it may stand in an XML part: characters XML 1.0 forbids removed, markup escaped."""

from __future__ import annotations

import re
from html import escape

__all__ = ["xml_chars", "xml_text"]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_chars(text: str) -> str:
    """``text`` without the control characters XML 1.0 forbids."""
    return _NOT_XML.sub("", text)


def xml_text(text: str) -> str:
    """``text`` for an element's content: no control characters XML 1.0 forbids, and
    ``&``, ``<``, ``>`` escaped (quotes stay: they need no escaping in content)."""
    return escape(xml_chars(text), quote=False)
