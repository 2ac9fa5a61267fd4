"""The sandbox and the checks for the institution's Word and Excel templates.

Templates live in ``templates/documents/`` and are edited by the institution, so they are
untrusted: they render in :class:`~jinja2.sandbox.SandboxedEnvironment`, an undefined name
is an error rather than an empty string, and a template is checked before use (variables,
filters, included templates, macros, external links).

Filters available in templates: ``long_date`` («01» сентября 2026 г.), ``short_date``
(01.09.2026), ``month_year`` (октябрь 2026 г.), ``plural(one, few, many)`` (23 воспитанника)
and ``plural_form(one, few, many)`` (the noun alone).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, meta, nodes
from jinja2.sandbox import SandboxedEnvironment

from sgo_model.office import russian
from sgo_model.office.ooxml import package_problems

__all__ = [
    "TemplateError",
    "check_docx_template",
    "describe_error",
    "sandboxed_environment",
    "template_problems",
]

# Errors a template's own expressions can cause (a filter given the wrong type, 1/0, …);
# they are the template's fault and are reported as such.
RENDER_ERRORS = (jinja2.TemplateError, TypeError, ValueError, ArithmeticError)


class TemplateError(Exception):
    """A template cannot be used or rendered; ``str(error)`` is a Russian message for the user."""

    def __init__(self, template: Path, problem: str) -> None:
        super().__init__(f"Шаблон «{template.name}»: {problem}")
        self.template = template
        self.problem = problem

    def __reduce__(self) -> tuple[type[TemplateError], tuple[Path, str], dict[str, Any]]:
        # Rebuilt from its own arguments (documents are rendered in child processes too),
        # with its notes.
        return (type(self), (self.template, self.problem), self.__dict__)


class _DataSandbox(SandboxedEnvironment):
    """The sandbox, reading the fields of the engine's data classes without its checks.

    A dataclass field holds data, never code the sandbox must keep a template from (its
    methods, properties and everything else still go through the checks). The checks cost
    a few microseconds per attribute, which adds up over a roster of thousands of children.
    """

    def getattr(self, obj: object, attribute: str) -> Any:
        if attribute in _data_fields(type(obj)):
            # A field's value itself (a data class with slots has no __dict__).
            return object.__getattribute__(obj, attribute)
        return super().getattr(obj, attribute)


_FIELDS: dict[type, frozenset[str]] = {}


def _data_fields(cls: type) -> frozenset[str]:
    found = _FIELDS.get(cls)
    if found is None:
        plain = dataclasses.is_dataclass(cls) and not hasattr(cls, "__slots__")
        fields = dataclasses.fields(cls) if plain else ()
        found = _FIELDS[cls] = frozenset(f.name for f in fields if not f.name.startswith("_"))
    return found


def sandboxed_environment() -> SandboxedEnvironment:
    """A fresh sandboxed Jinja environment: strict undefined, no autoescape, Russian filters."""
    env = _DataSandbox(undefined=StrictUndefined, autoescape=False)
    _add_filters(env)
    return env


def _add_filters(env: jinja2.Environment) -> None:
    env.filters["long_date"] = russian.long_date
    env.filters["short_date"] = russian.short_date
    env.filters["month_year"] = russian.month_year
    env.filters["plural"] = russian.plural
    env.filters["plural_form"] = russian.plural_form


class _RecordingEnvironment(SandboxedEnvironment):
    """Keeps the syntax trees it parses, so a check can inspect what docxtpl extracted."""

    def __init__(self) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=False)
        _add_filters(self)
        self.trees: list[nodes.Template] = []

    def parse(
        self, source: str, name: str | None = None, filename: str | None = None
    ) -> nodes.Template:
        tree = super().parse(source, name, filename)
        self.trees.append(tree)
        return tree


_UNDEFINED = re.compile(r"^'(?P<name>[^']+)' is undefined$")
_NO_ATTRIBUTE = re.compile(r"^'(?P<owner>[^']+)' has no attribute '(?P<name>[^']+)'$")
_NO_FILTER = re.compile(r"^No filter named '(?P<name>[^']+)'")


def describe_error(exc: BaseException) -> str:
    """A Russian description of an error raised while parsing or rendering a template."""
    text = str(exc)
    if isinstance(exc, jinja2.UndefinedError):
        if match := _UNDEFINED.match(text):
            return f"переменная «{match['name']}» не определена"
        if match := _NO_ATTRIBUTE.match(text):
            return f"у значения «{match['owner']}» нет поля «{match['name']}»"
        return f"обращение к неопределённому значению ({text})"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"недопустимая операция в шаблоне ({text})"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        if match := _NO_FILTER.match(text):
            return f"неизвестный фильтр «{match['name']}»"
        return f"ошибка в записи выражения: {text}"
    return f"ошибка при подстановке данных: {text}"


def template_problems(
    env: jinja2.Environment, trees: Iterable[nodes.Template], known: set[str]
) -> list[str]:
    """What is wrong with parsed template code, in Russian: unknown names, filters, includes."""
    problems: list[str] = []
    undeclared: set[str] = set()
    for tree in trees:
        undeclared |= meta.find_undeclared_variables(tree)
        if any(True for _ in meta.find_referenced_templates(tree)):
            problems.append("подключение других шаблонов (include, import, extends) не допускается")
        try:
            env.compile(tree)
        except jinja2.TemplateSyntaxError as exc:  # unknown filter or test
            problems.append(describe_error(exc))
    unknown = sorted(undeclared - known - set(env.globals))
    if unknown:
        names = ", ".join(f"«{name}»" for name in unknown)
        allowed = ", ".join(f"«{name}»" for name in sorted(known)) or "нет"
        problems.insert(0, f"неизвестные переменные {names} (доступны: {allowed})")
    return problems


def check_docx_template(path: Path, known: set[str]) -> None:
    """Refuse a Word template that uses names outside ``known`` or is not self-contained.

    Raises :class:`TemplateError` listing every problem found.
    """
    if path.suffix.lower() != ".docx":
        raise TemplateError(path, "ожидается документ Word в формате .docx")
    problems = package_problems(path)
    if problems:
        raise TemplateError(path, "; ".join(problems))
    env = _RecordingEnvironment()
    try:
        DocxTemplate(path).get_undeclared_template_variables(env)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(path, describe_error(exc)) from exc
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise TemplateError(path, f"файл не читается как документ Word ({exc})") from exc
    problems = template_problems(env, env.trees, known)
    if problems:
        raise TemplateError(path, "; ".join(problems))
