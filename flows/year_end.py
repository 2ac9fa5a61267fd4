"""«Закрытие учебного года»: the administrator closes a school year from the Prefect UI (or
tries it first with ``dry_run``); the gate's gaps and the plan are the run's artifacts."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from flows.environment import artifact_key
from flows.refusal import tell_refusal
from sgo_model.bootstrap import Settings, Store, load_settings, publish_context, publishers
from sgo_model.domain.calendar import AcademicYear
from sgo_model.domain.errors import DomainError
from sgo_model.domain.text import plural
from sgo_model.domain.year_end import YearEndPlan
from sgo_model.intake.journal import record_act
from sgo_model.intake.publishing import publish_pending
from sgo_model.year_end.closing import GateClosed, close_year
from sgo_model.year_end.gate import Gap
from sgo_model.year_end.report import dry_run as plan_only
from sgo_model.year_end.report import write_result

DEPLOYMENT_NAME = "Закрытие учебного года"


@task(name="close-year")
def close(
    settings: Settings,
    year: str,
    login: str,
    dry_run: bool,
    override: str | None,
    renames: dict[str, str],
    regroup: dict[str, str],
    today: date,
) -> tuple[YearEndPlan, list[Gap], Path, dict[str, Any]]:
    """The dry run, or the closing with the documents it asks for rendered."""
    store = Store(settings.database_url)
    try:
        store.check()
        if dry_run:
            planned = plan_only(store.uow, settings.site, year, login, today, renames, regroup)
            return planned.plan, planned.gaps, planned.document, {}

        def publish() -> None:
            publish_pending(publishers(), publish_context(settings, store, today))

        result = close_year(
            store.uow, settings.site, AcademicYear.parse(year), login, today,
            override=override, renames=renames, regroup=regroup, publish=publish,
            templates=settings.templates,
        )  # fmt: skip
        publish()
        record_act(
            settings.site, "year-close", year=year, login=login, day=today.isoformat(),
            override=override, renames=renames, regroup=regroup,
        )  # fmt: skip
        path = write_result(store.uow, settings.site, result, today)
        return result.plan, result.gaps, path, result.done
    finally:
        store.close()


def _gaps_table(gaps: list[Gap]) -> list[dict[str, str]]:
    return [
        {"Вид": gap.kind, "Чего нет": gap.what, "Ответственные": ", ".join(gap.responsible)}
        for gap in gaps
    ]


@flow(name="sgo-year-close", flow_run_name="Закрытие {year} учебного года", log_prints=True)
def year_close_flow(
    year: str,
    dry_run: bool = True,
    override: str | None = None,
    login: str = "admin",
    renames: dict[str, str] | None = None,
    regroup: dict[str, str] | None = None,
    home: str | None = None,
    database_url: str | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """Close ``year`` (by default only a dry run) as ``login``, who must be the
    administrator; ``override`` is the written reason to close despite the gaps."""
    settings = load_settings(Path(home) if home else None, database_url)
    day = today or date.today()
    try:
        plan, gaps, path, done = close(
            settings, year, login, dry_run, override, renames or {}, regroup or {}, day
        )
    except GateClosed as refused:
        create_table_artifact(
            table=_gaps_table(refused.gaps),
            key=artifact_key("year-gaps", settings.home),
            description=f"Чего не хватает для закрытия {year}",
        )
        reason = tell_refusal(
            refused.message, artifact_key("year-close", settings.home), DEPLOYMENT_NAME
        )
        return {"closed": False, "reason": reason, "gaps": len(refused.gaps)}
    except DomainError as error:
        return {
            "closed": False,
            "reason": tell_refusal(
                error.message, artifact_key("year-close", settings.home), DEPLOYMENT_NAME
            ),
        }
    if gaps:
        create_table_artifact(
            table=_gaps_table(gaps),
            key=artifact_key("year-gaps", settings.home),
            description=f"Чего не хватает для закрытия {year}",
        )
    children = plural(len(plan.graduates), "выпускник", "выпускника", "выпускников")
    groups = plural(len(plan.promotions), "группа", "группы", "групп")
    state = "План закрытия (пробный запуск)" if dry_run else "Учебный год закрыт"
    create_markdown_artifact(
        markdown=(
            f"## {state}: {year}\n\n- {children}; в следующую возрастную группу: {groups}\n"
            f"- Остаются без перевода: {len(plan.staying)}\n- Документ: `{path}`"
        ),
        key=artifact_key("year-close", settings.home),
        description=DEPLOYMENT_NAME,
    )
    print(path)
    return {
        "closed": not dry_run,
        "dry_run": dry_run,
        "document": str(path),
        "graduates": len(plan.graduates),
        "promoted_groups": len(plan.promotions),
        "steps": sorted(done),
    }
