"""Word templates prepared once and rendered fast, with docxtpl's template language.

Templates live in ``templates/documents/`` and are edited by the institution (see
:mod:`sgo_model.office.templating` for the sandbox and the checks). docxtpl would reload the
package, re-parse every part, recompile the Jinja code and recompress every member for each
document; :class:`DocxRenderer` does all of that once. Per document it only renders the
prepared Jinja templates of the parts that have tags and writes a new package, copying the
other members' compressed bytes as they are.

The output matches docxtpl's (``DocxTemplate.render`` + ``save``) in content: the same
``patch_xml`` preprocessing, the same sandboxed environment with XML escaping, the same
post-processing of rendered text (line breaks, tabs), tables and drawing ids. Unlike
docxtpl, rendered XML that is not well formed is refused instead of silently "recovered".
"""

from __future__ import annotations

import copy
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import nsmap
from docxtpl import DocxTemplate
from lxml import etree

from sgo_model.office.files import atomic_output
from sgo_model.office.package import Content, read_members, write_members
from sgo_model.office.templating import (
    RENDER_ERRORS,
    TemplateError,
    check_docx_template,
    describe_error,
    sandboxed_environment,
)

__all__ = ["DocxRenderer", "render_docx"]

_HEADER_FOOTER = {RELATIONSHIP_TYPE.HEADER, RELATIONSHIP_TYPE.FOOTER}
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_W = f"{{{nsmap['w']}}}"
_JINJA_TAG = re.compile(r"\{[{%#]")
# docxtpl renders with a line break before every paragraph (so Jinja's error line numbers
# mean something) and removes them afterwards.
_PARAGRAPH_START = re.compile(r"<w:p([ >])")
_PARAGRAPH_LINE = re.compile(r"\n<w:p([ >])")
_LISTING_CHARACTERS = ("\t", "\a", "\n", "\f")
_WORD_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)  # as in resolve_listing
_CELL, _CELL_SPAN, _VAL = f"{_W}tc", f"{_W}tc/{_W}tcPr/{_W}gridSpan", f"{_W}val"
_BODY, _ROW, _TABLE = f"{_W}body", f"{_W}tr", f"{_W}tbl"
_GRID, _GRID_COLUMN = f"{_W}tblGrid", f"{_W}gridCol"
_DOC_PR = etree.XPath("//wp:docPr", namespaces={"wp": nsmap["wp"]})
# docxtpl numbers drawing ids from 1001 in each rendered document.
_FIRST_DRAWING_ID = 1001


class DocxRenderer:
    """A Word template prepared once, to render any number of documents quickly.

    Preparing checks the template (only the names in ``variables``, nothing external) and
    raises :class:`~sgo_model.office.templating.TemplateError` when it is unusable.
    The renderer is immutable afterwards, so threads may share it.
    """

    def __init__(self, template: Path, variables: Iterable[str]) -> None:
        check_docx_template(template, set(variables))
        self.template = template
        try:
            self._members = read_members(template.read_bytes())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise TemplateError(template, f"файл не читается как документ Word ({exc})") from exc
        self._docxtpl = DocxTemplate(template)
        self._env = sandboxed_environment()
        # As docxtpl does: values land in XML and must be escaped.
        self._env.autoescape = True
        document = self._docxtpl.get_docx()
        self._document_name = document.part.partname.lstrip("/")
        # The whole part is the template (docxtpl renders the body only and serialises the
        # tree again): what comes out of Jinja is written as it is, unless a table grid or
        # drawing ids need the tree. The source is the part as lxml writes it, as docxtpl's
        # is: Word and LibreOffice write the same XML in different ways (``&quot;`` in text).
        source = _serialised(document.element)
        patched = self._patch(source)
        self._document = self._compile(document.part.partname, patched)
        self._has_drawings = "docPr" in source
        # Drawings need their ids numbered, and a grid that may change needs the tree.
        self._streamed = not self._has_drawings and _rows_keep_grid(patched)
        self._parts = self._compile_parts()
        self._core = self._compile_core_properties()

    def render(self, context: Mapping[str, Any], out: Path) -> None:
        """Render ``context`` and write the Word document ``out`` atomically."""
        rendered: dict[str, Content] = {}
        for name, template in self._parts.items():
            xml = self._render(template, context)
            _require_well_formed(self.template, xml)
            rendered[name] = _XML_DECLARATION + xml.encode("utf-8")
        if self._core is not None:
            rendered[self._core.name] = self._core.render(self.template, context)
        if self._streamed:
            # The body is rendered, checked and compressed piece by piece, never held whole
            # (a roster of 60,000 children is some 90 MB of XML).
            streamed = {**rendered, self._document_name: self._stream_document(context)}
            try:
                with atomic_output(out) as tmp:
                    write_members(tmp, self._members, streamed)
                return
            except _GridNeedsFixing:
                pass  # a table left with no rows: docxtpl's fixing decides its grid
        rendered[self._document_name] = self._render_document(context)
        with atomic_output(out) as tmp:
            write_members(tmp, self._members, rendered)

    def _patch(self, xml: str) -> str:
        """Part XML as docxtpl hands it to Jinja: tags joined across runs, one per line."""
        return _PARAGRAPH_START.sub(r"\n<w:p\1", self._docxtpl.patch_xml(xml))

    def _compile(self, part: str, source: str) -> jinja2.Template:
        try:
            return self._env.from_string(source)
        except jinja2.TemplateError as exc:
            raise TemplateError(self.template, f"{describe_error(exc)} (часть {part})") from exc

    def _compile_parts(self) -> dict[str, jinja2.Template]:
        """Headers, footers and footnotes that have tags, as docxtpl renders them."""
        document = self._docxtpl.get_docx()
        parts: dict[str, jinja2.Template] = {}
        for rel in document.part.rels.values():
            if rel.is_external or rel.reltype not in _HEADER_FOOTER:
                continue
            part = rel.target_part
            # Checked after patching: Word may split «{{» between runs.
            source = self._patch(self._docxtpl.get_part_xml(part))
            if _JINJA_TAG.search(source):
                parts[part.partname.lstrip("/")] = self._compile(part.partname, source)
        for part in document.part.package.parts:
            if part.content_type == _FOOTNOTES_TYPE:
                source = self._patch(_serialised(etree.fromstring(part.blob)))
                if _JINJA_TAG.search(source):
                    parts[part.partname.lstrip("/")] = self._compile(part.partname, source)
        return parts

    def _compile_core_properties(self) -> _CoreProperties | None:
        document = self._docxtpl.get_docx()
        try:
            core_part = document.part.package.part_related_by(RELATIONSHIP_TYPE.CORE_PROPERTIES)
        except KeyError:
            return None
        element = core_part.element
        templates: dict[str, jinja2.Template] = {}
        # Document properties are plain text, not XML markup: no escaping here (lxml
        # escapes on writing), unlike docxtpl, which escapes them twice.
        env = sandboxed_environment()
        for tag in _RENDERED_PROPERTIES:
            node = element.find(tag)
            if node is not None and node.text and _JINJA_TAG.search(node.text):
                try:
                    templates[tag] = env.from_string(node.text)
                except jinja2.TemplateError as exc:
                    raise TemplateError(self.template, describe_error(exc)) from exc
        if not templates:
            return None
        return _CoreProperties(core_part.partname.lstrip("/"), element, templates)

    def _render(self, template: jinja2.Template, context: Mapping[str, Any]) -> str:
        try:
            xml = template.render(context)
        except RENDER_ERRORS as exc:
            raise TemplateError(self.template, describe_error(exc)) from exc
        return self._finish(xml)

    def _stream_document(self, context: Mapping[str, Any]) -> Iterator[bytes]:
        """The rendered body in pieces, each checked as it passes."""
        check = _stream_check()
        yield _XML_DECLARATION
        try:
            for piece in self._pieces(self._document, context):
                if _EMPTY_TABLE.search(piece):
                    raise _GridNeedsFixing
                data = piece.encode("utf-8")
                check.feed(data)
                yield data
            check.close()
        except etree.XMLSyntaxError as exc:
            raise _malformed(self.template, exc) from exc

    def _pieces(self, template: jinja2.Template, context: Mapping[str, Any]) -> Iterator[str]:
        """What :meth:`_render` gives, in pieces cut after a paragraph's end: the finishing
        passes see whole paragraphs, so they change each piece as they change the whole."""
        pending: list[str] = []
        size, limit = 0, _PIECE
        try:
            for text in template.generate(context):
                pending.append(text)
                size += len(text)
                if size < limit:
                    continue
                joined = "".join(pending)
                cut = joined.rfind(_PARAGRAPH_END)
                if cut < 0:
                    pending, limit = [joined], 2 * size
                    continue
                cut += len(_PARAGRAPH_END)
                yield self._finish(joined[:cut])
                rest = joined[cut:]
                pending, size, limit = [rest], len(rest), _PIECE
        except RENDER_ERRORS as exc:
            raise TemplateError(self.template, describe_error(exc)) from exc
        yield self._finish("".join(pending))

    def _finish(self, xml: str) -> str:
        """Rendered XML as docxtpl leaves it: paragraph line breaks removed, escaped braces
        restored, tabs and line breaks in text made Word's."""
        xml = _PARAGRAPH_LINE.sub(r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%")
        xml = xml.replace("%_}", "%}")
        if any(character in xml for character in _LISTING_CHARACTERS):
            # docxtpl's pass over every paragraph is slow; those without these characters
            # come out of it unchanged, so only the others go through it.
            xml = _WORD_PARAGRAPH.sub(self._resolve_listing, xml)
        return xml

    def _resolve_listing(self, match: re.Match[str]) -> str:
        paragraph = match.group(0)
        if any(character in paragraph for character in _LISTING_CHARACTERS):
            return str(self._docxtpl.resolve_listing(paragraph))
        return paragraph

    def _render_document(self, context: Mapping[str, Any]) -> bytes:
        xml = self._render(self._document, context)
        document = _require_well_formed(self.template, xml)
        regrid = _grid_needs_fixing(document)
        if not (regrid or self._has_drawings):
            return _XML_DECLARATION + xml.encode("utf-8")
        if regrid:
            document = self._docxtpl.fix_tables(xml)
        for number, drawing in enumerate(_DOC_PR(document), start=_FIRST_DRAWING_ID):
            drawing.set("id", str(number))
        return bytes(etree.tostring(document, encoding="UTF-8", standalone=True))


_PIECE = 1 << 20
"""Characters of rendered XML gathered before a piece is cut."""
_PARAGRAPH_END = "</w:p>"


# A table whose rows were all left out: no paragraph ends inside it, so it is never cut.
_EMPTY_TABLE = re.compile(r"</w:tblGrid>\s*</w:tbl>")


class _GridNeedsFixing(Exception):
    """A streamed body has a table whose grid docxtpl's fixing would change."""


class _WellFormed:
    """A parser target that builds nothing: feeding it checks that XML is well formed."""

    def close(self) -> None:
        """Nothing was built."""


def _stream_check() -> Any:
    return etree.XMLParser(target=_WellFormed())


def _rows_keep_grid(source: str) -> bool:
    """Whether every table of a prepared template keeps its grid whatever is rendered, so
    docxtpl's fixing of tables can never change it: its tables are not nested, and each of
    its rows (after the ``{%tr`` rows are taken out) fills the grid exactly, with no
    ``{%tc``/``{% colspan``, whose cells vary in number."""
    try:
        body = etree.fromstring(source.encode("utf-8"))
    except etree.XMLSyntaxError:
        return False
    for table in body.iter(_TABLE):
        if table.getparent() is None or table.getparent().tag != _BODY:
            return False
        grid = table.find(_GRID)
        if grid is None:
            continue
        columns = len(grid.findall(_GRID_COLUMN))
        for row in table.iter(_ROW):
            # Template code left between a row's cells: cells rendered in a loop or a test.
            if (row.text or "").strip() or any((cell.tail or "").strip() for cell in row):
                return False
            try:
                spans = sum(int(span.get(_VAL)) - 1 for span in row.findall(_CELL_SPAN))
            except (TypeError, ValueError):
                return False  # a span given by the template's code
            if len(row.findall(_CELL)) + spans != columns:
                return False
    return True


def render_docx(template: Path, context: Mapping[str, Any], out: Path) -> None:
    """Check ``template`` against ``context``, render it and write ``out`` atomically
    (prepare a :class:`DocxRenderer` to render many documents from one template)."""
    DocxRenderer(template, context).render(context, out)


def _serialised(element: Any) -> str:
    return str(etree.tostring(element, encoding="unicode", pretty_print=False))


def _grid_needs_fixing(body: Any) -> bool:
    """Whether docxtpl's ``fix_tables`` would change a table's grid (after ``{%tc`` loops).

    Its test, without its second parse of the whole body: a row with more cells than
    grid columns, or a table whose widest row spans fewer columns than its grid.
    """
    for table in body.iter(f"{_W}tbl"):
        grid = table.find(f"{_W}tblGrid")
        if grid is None:
            continue
        columns = len(grid.findall(f"{_W}gridCol"))
        widest = 0
        for row in table.iter(f"{_W}tr"):
            cells = len(row.findall(_CELL))
            if cells > columns:
                return True
            spans = row.findall(_CELL_SPAN)
            widest = max(widest, cells + sum(int(span.get(_VAL)) - 1 for span in spans))
        if widest < columns:
            return True
    return False


def _require_well_formed(template: Path, xml: str) -> Any:
    try:
        return etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError as exc:
        raise _malformed(template, exc) from exc


def _malformed(template: Path, error: etree.XMLSyntaxError) -> TemplateError:
    return TemplateError(
        template,
        f"после подстановки данных разметка документа повреждена ({error}); проверьте, "
        "что теги {%p …%}, {%tr …%} открываются и закрываются в одном месте",
    )


_DC = "{http://purl.org/dc/elements/1.1/}"
# The properties docxtpl renders: author, comments, identifier, language, subject, title.
_RENDERED_PROPERTIES = (
    f"{_DC}creator",
    f"{_DC}description",
    f"{_DC}identifier",
    f"{_DC}language",
    f"{_DC}subject",
    f"{_DC}title",
)


@dataclass(frozen=True)
class _CoreProperties:
    """``docProps/core.xml`` with the properties that hold template tags."""

    name: str
    element: Any
    templates: dict[str, jinja2.Template]

    def render(self, template: Path, context: Mapping[str, Any]) -> bytes:
        element = copy.deepcopy(self.element)
        for tag, property_template in self.templates.items():
            try:
                element.find(tag).text = property_template.render(context)
            except RENDER_ERRORS as exc:
                raise TemplateError(template, describe_error(exc)) from exc
        return bytes(etree.tostring(element, encoding="UTF-8", standalone=True))
