"""Individual summaries of pedagogical diagnostics, one per child at the latest period the
child was assessed in the current school year, for that child's guardians only."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.diagnostics import score_text
from sgo_model.domain.people import Sex
from sgo_model.families.child_diagnostics import ChildDiagnostics, children_diagnostics
from sgo_model.families.documents.diagnostics import (
    DIAGNOSTICS_TEMPLATE,
    DiagnosticsRow,
    DiagnosticsText,
)
from sgo_model.families.documents.notice_document import NoticeRenderer
from sgo_model.families.folders import pupil_folder
from sgo_model.families.horizon import recent
from sgo_model.intake.publishing import DocumentJob
from sgo_model.office.files import code_sha256, file_sha256, fingerprint
from sgo_model.office.names import inside, safe_name
from sgo_model.office.site import Site
from sgo_model.office.typography import typeset
from sgo_model.setup.signatory import head_signature
from sgo_model.store.groups import GroupRecord
from sgo_model.store.uow import SqlUnitOfWork

SUMMARY = "notice_diagnostics"
"""The registry kind of the summaries; the key is «year/period/pupil id»."""


@dataclass(frozen=True)
class PlannedSummary:
    """A summary to render, and whose it is."""

    pupil_id: int
    key: str
    text: DiagnosticsText
    folder: str
    file_name: str
    title: str


def capitalized(text: str) -> str:
    """The first letter in upper case, the rest as written."""
    return text[:1].upper() + text[1:]


def summary_text(
    found: ChildDiagnostics,
    name: str,
    sex: str,
    birth_date: date,
    group: GroupRecord,
    institution: str,
    address: str,
    rule: str,
    head: tuple[str, str],
    today: date,
) -> DiagnosticsText:
    """The wording of a child's summary: only the child's own scores and levels."""
    who = "Воспитанница" if sex == Sex.FEMALE.value else "Воспитанник"
    period = (
        f"{found.period.label.capitalize()} {found.year.label} (диагностика от "
        f"{found.assessed_on:%d.%m.%Y})"
    )
    return DiagnosticsText(
        institution=typeset(institution),
        address=typeset(address),
        issued_on=today,
        period=typeset(period),
        pupil=name,
        about=typeset(
            f"{who} группы «{group.name}» ({group.category.label}), дата рождения "
            f"{birth_date:%d.%m.%Y}. Результаты — только вашего ребёнка: они помогают "
            "педагогам выстроить работу с ним и не сравниваются с другими детьми."
        ),
        rows=[
            DiagnosticsRow(capitalized(r.area.label), score_text(r.score), r.level.label)
            for r in found.results
        ],
        basis=typeset(f"{rule}."),
        head_post=typeset(head[0]),
        head_name=typeset(head[1]),
    )


def plan_summaries(
    site: Site,
    uow_factory: Callable[..., SqlUnitOfWork],
    templates: Path,
    today: date,
) -> list[tuple[PlannedSummary, DocumentJob]]:
    """A summary for every child assessed lately whose results it does not state yet."""
    template = templates / DIAGNOSTICS_TEMPLATE
    template_sha = file_sha256(template)
    layout = code_sha256(sys.modules[__name__])
    year = AcademicYear.containing(today)
    with uow_factory(read_only=True) as uow:
        issued = {
            d.key: d.context_sha256
            for d in uow.documents.list(SUMMARY)
            if d.template_sha256 == template_sha and Path(d.path).exists()
        }
        found = {
            pupil: result
            for pupil, result in children_diagnostics(uow, year).items()
            if recent(result.assessed_on, today)
        }
        stamps = {
            pupil: fingerprint([layout, [(r.area.value, str(r.score)) for r in result.results]])
            for pupil, result in found.items()
        }
        todo = {
            pupil: result
            for pupil, result in found.items()
            if issued.get(f"{year.label}/{result.period.value}/{pupil}") != stamps[pupil]
        }
        if not todo:
            return []
        groups = {g.id: g for g in uow.groups.groups()}
        people = uow.pupils.people(set(todo))
        names = uow.pupils.names(set(todo))
        settings = uow.settings.load()
        institution = uow.institution.get()
        head = (settings.head_post, head_signature(uow))
        rule = settings.diagnostics_thresholds.rule
    planned = []
    for pupil, result in todo.items():
        name, born = names[pupil]
        text = summary_text(
            result, name.full, people[pupil][1], born, groups[result.group_id],
            institution.name if institution else "", settings.address, rule, head, today,
        )  # fmt: skip
        planned.append(
            PlannedSummary(
                pupil,
                f"{year.label}/{result.period.value}/{pupil}",
                text,
                pupil_folder(name, born),
                safe_name(f"Диагностика {year.label.replace('/', '-')} {result.period.label}.docx"),
                f"Результаты диагностики, {result.period.label} {year.label}: {name.full}",
            )
        )
    renderer = NoticeRenderer(template, DiagnosticsText)
    return [
        (
            summary,
            DocumentJob(
                SUMMARY,
                summary.key,
                summary.title,
                inside(site.outbox, "families", summary.folder, summary.file_name),
                DIAGNOSTICS_TEMPLATE,
                template_sha,
                stamps[summary.pupil_id],
                partial(renderer.render, summary.text),
            ),
        )
        for summary in planned
    ]
