"""Reports to the education authority, both sides: «Отчёт в орган управления образованием»
(the institution counts a report, checks it, packages it and, if asked, sends it) and «Свод
отчётов учреждений» (the authority checks every institution's package and consolidates)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from flows.environment import artifact_key
from flows.refusal import tell_refusal
from sgo_model.authority.aggregate import (
    STATUS_LABELS,
    MunicipalSummary,
    aggregate_packages,
    role_inbox,
    write_summary,
)
from sgo_model.authority.kinds import ReportKind
from sgo_model.authority.service import PreparedPackage, package_report, send_package
from sgo_model.bootstrap import Settings, Store, load_settings
from sgo_model.domain.errors import DomainError
from sgo_model.domain.text import plural
from sgo_model.intake.journal import record_act

PACKAGE_DEPLOYMENT = "Отчёт в орган управления образованием"
AGGREGATE_DEPLOYMENT = "Свод отчётов учреждений"


@task(name="package-report")
def package(
    settings: Settings,
    kind: ReportKind,
    period: str,
    preliminary: bool,
    reason: str | None,
    send: bool,
    now: datetime | None,
) -> tuple[PreparedPackage, Path | None]:
    """Count, check and package the report (and send it when asked)."""
    store = Store(settings.database_url)
    try:
        store.check()
        prepared = package_report(
            store.uow,
            settings.site,
            settings.templates,
            kind,
            period,
            preliminary=preliminary,
            reason=reason,
            now=now,
        )
        record_act(settings.site, "authority-package", kind=kind.value, period=period)
        sent = send_package(store.uow, prepared.package.id, now=now) if send else None
        if send:
            record_act(settings.site, "authority-send", package=prepared.package.id)
        return prepared, sent
    finally:
        store.close()


def figures_table(prepared: PreparedPackage) -> list[dict[str, str]]:
    """Every printed figure of the report, a row per line."""
    rows = []
    report = prepared.report
    for section in report.template.sections:
        for line in section.lines:
            if not line.printed:
                continue
            row = {"Раздел": section.code, "Строка": line.number, "Показатель": line.label}
            for column in section.columns:
                value = report.figures[section.code].get(line.number, {}).get(column.number)
                row[f"гр. {column.number}"] = "" if value is None else str(value)
            rows.append(row)
    return rows


@flow(
    name="sgo-authority-package",
    flow_run_name="Отчёт в орган управления образованием за {period} год",
    log_prints=True,
)
def authority_package_flow(
    kind: str = "85k",
    period: str = "",
    home: str | None = None,
    database_url: str | None = None,
    preliminary: bool = False,
    reason: str | None = None,
    send: bool = False,
    today: date | None = None,
) -> dict[str, Any]:
    """Prepare the report's BagIt package in the outbox (and send it with ``send``); the
    reporting year ``period`` defaults to the last one, ``today`` to the clock's day."""
    settings = load_settings(Path(home) if home else None, database_url)
    try:
        chosen = ReportKind.parse(kind)
        now = datetime.now().astimezone()
        if today is not None:
            now = datetime.combine(today, now.timetz())
        year = period or str(now.year - 1)
        prepared, sent = package(settings, chosen, year, preliminary, reason, send, now)
    except DomainError as error:
        reason = tell_refusal(
            error.message,
            artifact_key("authority-package", settings.home),
            PACKAGE_DEPLOYMENT,
            "Отчёт не подготовлен",
        )
        return {"prepared": False, "reason": reason}
    create_table_artifact(
        table=figures_table(prepared),
        key=artifact_key("authority-figures", settings.home),
        description=f"{prepared.report.title}: {prepared.report.template.edition}",
    )
    state = "предварительные данные" if prepared.report.preliminary else "окончательные данные"
    lines = [
        f"## {prepared.report.title} — пакет № {prepared.package.id} ({state})",
        "",
        f"- Пакет BagIt: `{prepared.bag}`",
        f"- Расшифровка (только для учреждения): `{prepared.trace}`",
    ]
    if sent:
        lines.append(f"- Отправлен: `{sent}`")
    lines += [f"- {gap}" for gap in prepared.report.gaps]
    create_markdown_artifact(
        markdown="\n".join(lines),
        key=artifact_key("authority-package", settings.home),
        description=PACKAGE_DEPLOYMENT,
    )
    print(prepared.bag)
    return {
        "prepared": True,
        "package": prepared.package.id,
        "bag": str(prepared.bag),
        "preliminary": prepared.report.preliminary,
        "sent": str(sent) if sent else None,
    }


def _role_inbox(settings: Settings) -> Path:
    store = Store(settings.database_url)
    try:
        store.check()
        with store.uow(read_only=True) as uow:
            return role_inbox(uow, settings.site)
    finally:
        store.close()


@task(name="aggregate-packages")
def consolidate(
    inbox: Path, period: str, kind: ReportKind, out: Path
) -> tuple[MunicipalSummary, Path]:
    """Check every package and write the summary."""
    summary = aggregate_packages(inbox, period, kind)
    return summary, write_summary(summary, out, date.today())


@flow(name="sgo-authority-aggregate", flow_run_name="Свод за {period} год", log_prints=True)
def authority_aggregate_flow(
    period: str,
    inbox: str = "",
    kind: str = "85k",
    home: str | None = None,
    database_url: str | None = None,
) -> dict[str, Any]:
    """The authority's side: check the institutions' packages in ``inbox`` (a folder per
    institution; default: the inbox of the site's user with the authority's role) and write
    the municipal summary into the site's documents/Своды."""
    settings = load_settings(Path(home) if home else None, database_url)
    try:
        folder = Path(inbox) if inbox else _role_inbox(settings)
        summary, path = consolidate(
            folder, period, ReportKind.parse(kind), settings.site.documents / "Своды"
        )
    except DomainError as error:
        reason = tell_refusal(
            error.message,
            artifact_key("authority-summary", settings.home),
            AGGREGATE_DEPLOYMENT,
            "Свод не составлен",
        )
        return {"written": False, "reason": reason}
    create_table_artifact(
        table=[
            {
                "Папка": r.folder,
                "Учреждение": r.institution,
                "Пакет": r.name,
                "Состояние": STATUS_LABELS[r.status],
                "Причина": r.reason,
            }
            for r in summary.received
        ],
        key=artifact_key("authority-packages", settings.home),
        description=f"Пакеты за {period} год",
    )
    institutions = plural(len(summary.accepted), "учреждение", "учреждения", "учреждений")
    lines = [
        f"## Свод за {period} год: {institutions}",
        "",
        f"- Сводная таблица: `{path}`",
        f"- Не представили: {', '.join(summary.missing) if summary.missing else 'все представили'}",
    ]
    create_markdown_artifact(
        markdown="\n".join(lines),
        key=artifact_key("authority-summary", settings.home),
        description=AGGREGATE_DEPLOYMENT,
    )
    print(path)
    return {
        "written": True,
        "summary": str(path),
        "accepted": [r.folder for r in summary.accepted],
        "refused": [r.name for r in summary.received if r.status == "refused"],
        "missing": summary.missing,
    }
