"""«Мониторинг качества образования»: the monitoring report of a year (its workbook with
charts and the analytic note, the route lists to the teachers and the methodist), with the
headline figures as artifacts."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from flows.environment import artifact_key
from flows.refusal import tell_refusal
from sgo_model.bootstrap import Settings, Store, load_settings
from sgo_model.diagnostics.report import MonitoringReport, write_monitoring_report
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.diagnostics import Level, Period
from sgo_model.domain.errors import DomainError

DEPLOYMENT_NAME = "Мониторинг качества образования"


@task(name="write-monitoring-report")
def write(settings: Settings, year: str | None, groups: list[str] | None) -> MonitoringReport:
    """Write the year's report (the current year by default)."""
    store = Store(settings.database_url)
    try:
        store.check()
        if year:
            chosen = AcademicYear.parse(year)
        else:
            with store.uow(read_only=True) as uow:
                chosen = uow.institution.year_of(date.today())
        return write_monitoring_report(store.uow, settings.site, chosen, groups)
    finally:
        store.close()


def headline(report: MonitoringReport, period: Period | None) -> list[dict[str, str]]:
    """Per scope and area, the share «сформирован» at each period asked for (all by default)."""
    periods = [period] if period else list(Period)
    rows = []
    for scope in report.monitoring.scopes():
        for area in EducationalArea:
            row = {"Подразделение": scope.title, "Область": area.label}
            for p in periods:
                share = scope.periods.get(p, {}).get(area)
                row[f"Сформирован, {p.label}"] = share[Level.FORMED].text if share else "—"
            rows.append(row)
    return rows


@flow(name="sgo-monitoring", flow_run_name="Мониторинг качества образования", log_prints=True)
def monitoring_flow(
    home: str | None = None,
    database_url: str | None = None,
    year: str | None = None,
    period: str | None = None,
    groups: list[str] | None = None,
) -> dict[str, Any]:
    """Write the monitoring report of ``year`` (default: the current one) for ``groups``
    (default: all); the artifacts show the share «сформирован» of ``period`` (start or end;
    default both)."""
    settings = load_settings(Path(home) if home else None, database_url)
    try:
        chosen = Period.parse(period) if period else None
        report = write(settings, year, groups or None)
    except DomainError as error:
        reason = tell_refusal(
            error.message, artifact_key("monitoring-result", settings.home), DEPLOYMENT_NAME
        )
        return {"written": False, "reason": reason}
    create_table_artifact(
        table=headline(report, chosen),
        key=artifact_key("monitoring-shares", settings.home),
        description=report.monitoring.rule,
    )
    summary = (
        f"## Мониторинг {report.monitoring.year.label}\n\n"
        f"- Таблицы и диаграммы: `{report.workbook}`\n"
        f"- Аналитическая справка: `{report.note}`\n"
        f"- Списки детей для индивидуальных маршрутов: {len(report.routes)} (только воспитателям "
        "групп и старшему воспитателю)"
    )
    create_markdown_artifact(
        markdown=summary,
        key=artifact_key("monitoring-result", settings.home),
        description=DEPLOYMENT_NAME,
    )
    print(f"{report.workbook}\n{report.note}")
    return {
        "written": True,
        "workbook": str(report.workbook),
        "note": str(report.note),
        "routes": len(report.routes),
        "shares": report.monitoring.as_json(),
    }
