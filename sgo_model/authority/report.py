"""A report of a calendar year counted from the store: its figures by line and column, the
control relations that fail, the gaps that make it preliminary, and the trace of who stands
behind each figure (for the institution only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sgo_model.authority.facts import gather_facts
from sgo_model.authority.kinds import ReportKind, template_data, template_from
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.errors import DomainError
from sgo_model.domain.periods import period_words
from sgo_model.domain.statistical_form import (
    Failure,
    Figures,
    FormTemplate,
    Trace,
    Value,
    check_relations,
    compute,
)
from sgo_model.store.uow import SqlUnitOfWork

FIGURES_FORMAT = "sgo-report-figures/1"


@dataclass(frozen=True)
class Institution:
    """Who reports: the name and the codes that identify it to the authority."""

    name: str
    inn: str = ""
    okpo: str = ""
    oktmo: str = ""
    address: str = ""

    @property
    def code(self) -> str:
        """What names the institution among many: its ИНН, else ОКПО, else its name."""
        return self.inn or self.okpo or self.name


@dataclass
class StatReport:
    """A report ready to be written and packaged."""

    kind: ReportKind
    template: FormTemplate
    template_data: dict[str, Any]
    period: str
    institution: Institution
    figures: Figures
    made_on: date
    failures: list[Failure] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    trace: Trace = field(default_factory=dict)

    @property
    def preliminary(self) -> bool:
        """Whether the store lacks something the report needs (the year is not over, sheets
        are missing): such a report is sent only as preliminary."""
        return bool(self.gaps)

    @property
    def title(self) -> str:
        """«85-К за 2026 год», for file names and messages."""
        return f"{self.kind.short} за {period_words(self.period)}"

    def figures_json(self) -> dict[str, Any]:
        """Every figure by section, line and column, with the template that lays them out
        (so the authority can check a package without having its edition)."""
        return {
            "format": FIGURES_FORMAT,
            "kind": self.kind.value,
            "form": self.template.form_number,
            "edition": self.template.edition,
            "period": self.period,
            "institution": {
                "name": self.institution.name,
                "inn": self.institution.inn,
                "okpo": self.institution.okpo,
                "oktmo": self.institution.oktmo,
            },
            "preliminary": self.preliminary,
            "gaps": self.gaps,
            "made_on": self.made_on.isoformat(),
            "figures": {
                section: {
                    line: {c: to_json(v) for c, v in row.items()} for line, row in rows.items()
                }
                for section, rows in self.figures.items()
            },
            "template": self.template_data,
        }


def _row(row: dict[str, Value]) -> dict[str, int | str]:
    return {column: to_json(value) for column, value in row.items()}


def to_json(value: Value) -> int | str:
    """A figure as JSON keeps it exactly: counts as numbers, decimals and «да» as text."""
    return value if isinstance(value, int) else str(value)


@dataclass(frozen=True)
class ReportingPeriod:
    """What a report covers: a calendar year («2026») or a school year («2026/2027»)."""

    label: str
    first: date
    last: date

    @property
    def age_day(self) -> date:
        """The day ages are counted on: the day after the period (1 January for 85-К)."""
        return self.last + timedelta(days=1)

    @property
    def folder(self) -> str:
        """The folder of the institution's documents: «2026», «2026-2027»."""
        return self.label.replace("/", "-")


def parse_period(text: str, kind: ReportKind = ReportKind.FORM_85K) -> ReportingPeriod:
    """The period of a report: a year («2026»), or a school year («2026/2027») for the
    year-end report."""
    text = text.strip()
    if kind is ReportKind.YEAR_END:
        year = AcademicYear.parse(text)
        return ReportingPeriod(year.label, year.first_day, year.last_day)
    if not (text.isdigit() and len(text) == 4 and 2000 <= int(text) <= 2100):
        raise DomainError(f"Отчётный период «{text}»: укажите год, например 2026")
    return ReportingPeriod(text, date(int(text), 1, 1), date(int(text), 12, 31))


def prepare_report(
    uow: SqlUnitOfWork, templates: Path, kind: ReportKind, period: ReportingPeriod, today: date
) -> StatReport:
    """Count a report of ``period`` from the store and check its control relations."""
    data = template_data(templates, kind)
    template = template_from(data, kind.template_file)
    institution = uow.institution.get()
    if institution is None:
        raise DomainError("Учреждение ещё не настроено: выполните sgo init")
    settings = uow.settings.load()
    facts = gather_facts(uow, period.first, period.last, period.age_day, today)
    figures, trace = compute(template, facts.facts)
    return StatReport(
        kind,
        template,
        data,
        period.label,
        Institution(
            institution.name, settings.inn, settings.okpo, settings.oktmo, settings.address
        ),
        figures,
        today,
        check_relations(template, figures),
        facts.gaps,
        trace,
    )
