"""The reports the institution sends, and the editable templates that lay them out."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Any

from sgo_model.domain.errors import DomainError
from sgo_model.domain.statistical_form import FormTemplate, check_template, parse_template

TEMPLATE_FOLDER = "authority"

VOCABULARY: dict[str, tuple[str, ...]] = {
    "groups": ("orientation", "condition", "ages", "stay_mode"),
    "pupils": (
        "sex", "age", "programme", "adapted", "disabled", "condition", "stay_mode", "orientation",
    ),
    "attendance": ("older",),
    "calendar": (),
    "staff": ("category", "teaching", "managing"),
    "rooms": ("kind",),
    "roll": ("moment", "sex"),
    "movement": ("kind", "reason", "sex"),
}  # fmt: skip
"""What the facts of each source carry, as templates may name it."""


class ReportKind(enum.Enum):
    """A report to the authority; the value is the CLI's name."""

    FORM_85K = "85k"
    SELF_ASSESSMENT = "self-assessment"
    YEAR_END = "year-end"

    @property
    def label(self) -> str:
        """The report's Russian name: «форма № 85-К»."""
        return _LABELS[self]

    @property
    def short(self) -> str:
        """For file names: «85-К», «Самообследование»."""
        return _SHORT[self]

    @property
    def template_file(self) -> str:
        """The template's file name under ``templates/documents/authority``."""
        return f"{self.name.lower()}.json"

    @classmethod
    def parse(cls, text: str) -> ReportKind:
        """Read a kind from its CLI name or the template's kind."""
        key = text.strip().lower().replace("к", "k").translate({ord("-"): None, ord("_"): None})
        for kind in cls:
            if key in (kind.value.replace("-", ""), kind.name.lower().replace("_", "")):
                return kind
        allowed = ", ".join(k.value for k in cls)
        raise DomainError(f"Неизвестный вид отчёта «{text}». Допустимо: {allowed}")


_LABELS = {
    ReportKind.FORM_85K: "форма № 85-К",
    ReportKind.SELF_ASSESSMENT: "отчёт о самообследовании",
    ReportKind.YEAR_END: "итоги учебного года",
}
_SHORT = {
    ReportKind.FORM_85K: "85-К",
    ReportKind.SELF_ASSESSMENT: "Самообследование",
    ReportKind.YEAR_END: "Итоги года",
}


def template_path(templates: Path, kind: ReportKind) -> Path:
    """Where the kind's template lies among the site's templates."""
    return templates / "documents" / TEMPLATE_FOLDER / kind.template_file


def template_data(templates: Path, kind: ReportKind) -> dict[str, Any]:
    """The JSON of the kind's template, refused in Russian when missing or unreadable."""
    path = template_path(templates, kind)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise DomainError(f"Нет шаблона отчёта «{path}»") from error
    except json.JSONDecodeError as error:
        raise DomainError(
            f"Шаблон отчёта «{path.name}» не читается: строка {error.lineno}, "
            f"позиция {error.colno}: {error.msg}"
        ) from error
    if not isinstance(data, dict):
        raise DomainError(f"Шаблон отчёта «{path.name}» составлен неверно: это не объект JSON")
    return data


def template_from(data: dict[str, Any], name: str) -> FormTemplate:
    """A template from its JSON (also as a package carries it), checked."""
    template = parse_template(data, name)
    check_template(template, VOCABULARY, name)
    return template
