"""The monitoring report of a year: the workbook with native charts and the analytic note in
the institution's documents, the lists of children who need an individual route in the
folders of the group's teachers and the methodist only."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path

from sgo_model.diagnostics.documents import analytic_note, charts, monitoring_xlsx
from sgo_model.diagnostics.documents.analytic_note import (
    NOTE_TITLE,
    AnalyticNote,
    NoteScope,
    write_analytic_note,
)
from sgo_model.diagnostics.documents.charts import ChartPainter
from sgo_model.diagnostics.documents.monitoring_xlsx import REPORT_TITLE, write_monitoring_xlsx
from sgo_model.diagnostics.documents.routes_docx import RouteLine, RouteList, write_route_list
from sgo_model.diagnostics.monitoring import GroupDiagnostics, Monitoring, load_monitoring
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.diagnostics import Level, Period, assessed
from sgo_model.domain.people import PersonName
from sgo_model.domain.roles import Role
from sgo_model.domain.text import plural, squeeze
from sgo_model.intake.rendering import RenderTask, render_files
from sgo_model.office.files import code_sha256, file_sha256, fingerprint, write_atomically
from sgo_model.office.names import PART_BYTES, inside, safe_name
from sgo_model.office.site import Site
from sgo_model.store.documents import RenderedDocument
from sgo_model.store.uow import SqlUnitOfWork

FOLDER = "Мониторинг"
ROUTES_FOLDER = "диагностика"
MONITORING_XLSX = "monitoring_xlsx"
ANALYTIC_NOTE = "analytic_note"
_DATED = re.compile(r"\s+(?:до\s+)?\d{2}\.\d{2}\.\d{4}$")


@dataclass
class MonitoringReport:
    """What was written, and the figures it shows."""

    monitoring: Monitoring
    workbook: Path
    note: Path
    routes: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class _Readers:
    """What the report needs besides the figures: names for the route lists, who gets them,
    who signs the note."""

    names: dict[int, tuple[PersonName, date]]
    teachers: dict[str, set[str]]  # login → groups led
    methodists: list[str]
    signatory: str


def write_monitoring_report(
    uow_factory: Callable[..., SqlUnitOfWork],
    site: Site,
    year: AcademicYear,
    groups: Collection[str] | None = None,
    made_on: date | None = None,
) -> MonitoringReport:
    """Write the year's report (of some groups, by name) and register its documents."""
    made_on = made_on or date.today()
    with uow_factory(read_only=True) as uow:
        monitoring = load_monitoring(uow, year, groups)
        readers = _readers(uow, monitoring)
    folder = inside(site.documents, year.label.replace("/", "-"), FOLDER)
    suffix = _suffix(groups, monitoring)
    workbook = inside(folder, f"Мониторинг {year.label.replace('/', '-')}{suffix}.xlsx")
    note_path = inside(folder, f"Аналитическая справка {year.label.replace('/', '-')}{suffix}.docx")
    routes = _route_lists(site, monitoring, readers, made_on)
    # The note (its charts drawn first) is the longest to write: it goes first, and the
    # workbook and the route lists are written beside it where the machine has the cores.
    tasks: list[RenderTask] = [
        (partial(_write_note, monitoring, readers, made_on), note_path),
        (
            partial(
                write_monitoring_xlsx,
                monitoring.institution,
                year.label,
                monitoring.rule,
                monitoring.scopes(),
            ),
            workbook,
        ),
        *((partial(write_route_list, route), paths[0]) for route, paths in routes),
    ]
    failed = [outcome for outcome in render_files(tasks) if isinstance(outcome, Exception)]
    if failed:
        raise failed[0]
    report = MonitoringReport(monitoring, workbook, note_path)
    for _, paths in routes:
        for copy in paths[1:]:
            write_atomically(copy, paths[0].read_bytes())
        report.routes += paths
    key = year.label + (f":{','.join(g.group.name for g in monitoring.groups)}" if suffix else "")
    with uow_factory() as uow:
        stamp = fingerprint(monitoring.as_json())
        for kind, title, path, layout in (
            (MONITORING_XLSX, f"{REPORT_TITLE}, {year.label}", workbook, (monitoring_xlsx,)),
            (ANALYTIC_NOTE, f"{NOTE_TITLE}, {year.label}", note_path, (analytic_note, charts)),
        ):
            uow.documents.register(
                RenderedDocument(
                    kind,
                    key,
                    title,
                    str(path),
                    f"sgo_model/diagnostics/documents/{layout[0].__name__.rsplit('.', 1)[-1]}.py",
                    code_sha256(*layout),
                    file_sha256(path),
                    stamp,
                )
            )
        uow.commit()
    return report


def _suffix(groups: Collection[str] | None, monitoring: Monitoring) -> str:
    if not groups:
        return ""
    names = ", ".join(g.group.name for g in monitoring.groups)
    return " " + safe_name(names, limit=PART_BYTES)


def _readers(uow: SqlUnitOfWork, monitoring: Monitoring) -> _Readers:
    route_ids = {c.pupil_id for g in monitoring.groups for c in monitoring.routes(g)}
    users = [u for u in uow.staff.users() if u.active]
    teachers = {
        u.login: set(uow.staff.led_groups(u.login)) for u in users if u.role is Role.TEACHER
    }
    methodists = [u for u in users if u.role is Role.METHODIST]
    employees = {e.id: e for e in uow.staff.employees()}
    signer = next(
        (employees[u.employee_id] for u in methodists if u.employee_id in employees), None
    )
    signatory = (
        f"{signer.post[:1].upper()}{signer.post[1:]} ____________________ {signer.name.signature}"
        if signer
        else "Старший воспитатель ____________________"
    )
    return _Readers(uow.pupils.names(route_ids), teachers, [u.login for u in methodists], signatory)


def _not_assessed(group: GroupDiagnostics) -> str:
    parts = []
    for period in Period:
        reasons = group.not_assessed.get(period) or {}
        if not reasons:
            continue
        counted = Counter(_DATED.sub("", reason) for reason in reasons.values())
        listed = ", ".join(f"{reason} — {count}" for reason, count in counted.most_common())
        children = plural(len(reasons), "ребёнок", "ребёнка", "детей")
        parts.append(f"на {period.label} — {children} ({listed})")
    return f"Не оценены: {'; '.join(parts)}." if parts else ""


def _write_note(monitoring: Monitoring, readers: _Readers, made_on: date, out: Path) -> None:
    write_analytic_note(_note(monitoring, readers, made_on), out)


def _note(monitoring: Monitoring, readers: _Readers, made_on: date) -> AnalyticNote:
    painter = ChartPainter()
    whole = monitoring.institution_shares()
    scopes = [
        NoteScope(
            "Учреждение в целом",
            whole,
            monitoring.institution_sentences(),
            painter.formed_by_area("Учреждение в целом: доля «сформирован», %", whole)
            if whole
            else None,
        )
    ]
    for group in monitoring.groups:
        shares = group.shares()
        title = f"Группа «{group.group.name}»"
        chart = (
            painter.formed_by_area(f"{title}: доля «сформирован», %", shares) if shares else None
        )
        scopes.append(
            NoteScope(title, shares, monitoring.group_sentences(group), chart, _not_assessed(group))
        )
    return AnalyticNote(
        monitoring.institution,
        monitoring.year.label,
        made_on,
        monitoring.rule,
        _summary(monitoring),
        scopes,
        _conclusions(monitoring),
        readers.signatory,
    )


def _in_groups(count: int) -> str:
    return f"в {plural(count, 'группе', 'группах', 'группах')}"


def _summary(monitoring: Monitoring) -> str:
    parts = []
    for period in Period:
        done = [g for g in monitoring.groups if g.results.get(period)]
        if not done:
            continue
        children = {r.child for g in done for r in g.results[period]}
        parts.append(f"на {period.label} {assessed(len(children))} {_in_groups(len(done))}")
    if not parts:
        return "Результаты диагностики за этот учебный год не представлены."
    return f"Диагностика проведена: {'; '.join(parts)}."


def _conclusions(monitoring: Monitoring) -> list[str]:
    lines = []
    whole = monitoring.institution_shares()
    latest = next((p for p in (Period.END, Period.START) if p in whole), None)
    if latest is not None:
        formed = {area: shares[Level.FORMED] for area, shares in whole[latest].items()}
        lowest = min(share.percent for share in formed.values())
        weakest = [area for area, share in formed.items() if share.percent == lowest]
        if len(weakest) == len(formed):
            lines.append(
                f"Доля детей со сформированными навыками на {latest.label} одинакова во всех "
                f"оценённых областях ({formed[weakest[0]].text})."
            )
        else:
            named = ", ".join(area.in_area for area in weakest)
            lines.append(
                f"Наименьшая доля детей со сформированными навыками на {latest.label} — "
                f"{named} ({formed[weakest[0]].text}): при планировании образовательной "
                f"деятельности {'этой области' if len(weakest) == 1 else 'этим областям'} "
                "следует уделить особое внимание."
            )
    routes = {g.group.name: monitoring.routes(g) for g in monitoring.groups}
    children = sum(len(r) for r in routes.values())
    with_routes = sum(1 for r in routes.values() if r)
    if children:
        lines.append(
            "Индивидуальный образовательный маршрут рекомендован "
            f"{plural(children, 'ребёнку', 'детям', 'детям')} {_in_groups(with_routes)}; "
            "поимённые списки переданы только воспитателям групп и старшему воспитателю."
        )
    for period in Period:
        missing = [g.group.name for g in monitoring.groups if not g.results.get(period)]
        if missing and any(g.results.get(period) for g in monitoring.groups):
            named = ", ".join(f"«{name}»" for name in missing)
            lines.append(
                f"Не представлены результаты диагностики на {period.label}: "
                f"{'группа' if len(missing) == 1 else 'группы'} {named}."
            )
    return lines or ["Результаты диагностики не представлены; выводы не сделаны."]


def _route_lists(
    site: Site, monitoring: Monitoring, readers: _Readers, made_on: date
) -> list[tuple[RouteList, list[Path]]]:
    """Each group's route list and where it goes: its teachers' and the methodists' folders."""
    lists = []
    for group in monitoring.groups:
        period = group.latest
        if period is None:
            continue
        lines = [
            RouteLine(
                readers.names[child.pupil_id][0].full,
                readers.names[child.pupil_id][1],
                "; ".join(f"{area.label} ({_score(score)})" for area, score in child.areas),
            )
            for child in monitoring.routes(group)
        ]
        routes = RouteList(
            monitoring.institution,
            group.group.name,
            monitoring.year.label,
            period.label,
            made_on,
            sorted(lines, key=lambda line: line.full_name),
        )
        name = safe_name(squeeze(group.group.name), limit=PART_BYTES)
        file_name = f"Индивидуальные маршруты {name} {monitoring.year.label.replace('/', '-')}.docx"
        logins = [login for login, led in readers.teachers.items() if group.group.name in led]
        paths = [
            inside(site.user_inbox(login), ROUTES_FOLDER, file_name)
            for login in [*logins, *readers.methodists]
        ]
        if paths:
            lists.append((routes, paths))
    return lists


def _score(value: Decimal) -> str:
    """«2,25», «2» (a decimal comma, no trailing zeros)."""
    return f"{value.normalize():f}".replace(".", ",")
