"""Safety checks on an Office Open XML package (.docx, .xlsx) before it is used as a template.

A template must be self-contained: no macros, and nothing that Word or Excel would fetch
from elsewhere when the output is opened (linked pictures, external data, links to other
workbooks). Hyperlinks are allowed: they are only followed when someone clicks them, and
letterheads often carry the institution's site and e-mail.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def package_problems(path: Path) -> list[str]:
    """Russian descriptions of what makes the package unsafe as a template; empty if none."""
    try:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            rels = {name: package.read(name) for name in names if name.endswith(".rels")}
    except (zipfile.BadZipFile, OSError) as exc:
        return [f"файл не читается как документ Office Open XML ({exc})"]

    problems: list[str] = []
    if any(
        name.lower().endswith("vbaproject.bin") or "/activex/" in name.lower() for name in names
    ):
        problems.append("содержит макросы или элементы ActiveX")
    if any(name.startswith("xl/externalLinks/") for name in names):
        problems.append("содержит связи с другими книгами (внешние ссылки)")
    for part, xml in sorted(rels.items()):
        try:
            root = fromstring(xml)
        except (ParseError, DefusedXmlException) as exc:
            problems.append(f"повреждена часть {part} ({exc})")
            continue
        for rel in root.iter(f"{_RELS_NS}Relationship"):
            if rel.get("TargetMode") == "External" and rel.get("Type") != _HYPERLINK:
                kind = (rel.get("Type") or "").rsplit("/", 1)[-1] or "неизвестного типа"
                problems.append(f"ссылается на внешний ресурс {rel.get('Target')} (связь {kind})")
    return problems
