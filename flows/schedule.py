"""«Построить расписание НОД»: the schedule built by the solver as a new draft version, its
documents refreshed, the result and the explanation of an impossible week as artifacts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from flows.environment import artifact_key
from sgo_model.bootstrap import Settings, Store, load_settings, publish_context, publishers
from sgo_model.domain.errors import DomainError
from sgo_model.intake.journal import record_act
from sgo_model.schedule.service import BuildResult, build_schedule, built_arguments

DEPLOYMENT_NAME = "Построить расписание НОД"


@task(name="build-schedule")
def build(settings: Settings, time_limit: float, keep: bool) -> BuildResult:
    """Check the curriculum and solve the week (a new version when one is found)."""
    store = Store(settings.database_url)
    try:
        store.check()
        result = build_schedule(store.uow(), time_limit=time_limit, keep=keep)
        built = built_arguments(result)
        if built is not None:
            record_act(settings.site, "schedule-build", **built)
        return result
    finally:
        store.close()


@task(name="publish-schedule")
def publish(settings: Settings) -> list[str]:
    """Regenerate the schedule's documents."""
    from sgo_model.intake.publishing import publish_pending

    store = Store(settings.database_url)
    try:
        published = publish_pending(publishers(), publish_context(settings, store))
        return [d.path for d in published.documents]
    finally:
        store.close()


def explanation(result: BuildResult) -> str:
    """The build's outcome in Russian markdown: the version, or why there is none."""
    lines = [f"## {result.summary}"]
    if result.problems:
        lines += ["", "Учебный план не помещается в неделю:"]
        lines += [f"- {p.message}" for p in result.problems]
    solution = result.solution
    if solution is not None and solution.conflicts:
        lines += ["", "Противоречат друг другу правила:"]
        for conflict in solution.conflicts:
            lines.append(f"- {conflict.message}")
            lines += [f"  - {rule}" for rule in conflict.rules]
    if solution is not None and solution.found:
        lines += [
            "",
            f"Решатель: {solution.status}, цель {solution.objective:.0f}, "
            f"оценка {solution.bound:.0f}, {solution.seconds:.1f} с",
        ]
    if result.diff is not None and result.diff.changed and result.diff.unchanged:
        lines += ["", "Изменения против прежней версии:"]
        lines += [f"- {line}" for line in result.diff.lines()]
    return "\n".join(lines)


@flow(name="sgo-schedule", flow_run_name="Построить расписание НОД", log_prints=True)
def schedule_flow(
    home: str | None = None,
    database_url: str | None = None,
    time_limit: float = 5.0,
    keep: bool = False,
) -> dict[str, Any]:
    """Build the NOD schedule: a new draft version, or the reasons there can be none.

    ``time_limit`` is the solver's (deterministic seconds); ``keep`` holds every activity of
    the latest version that still fits.
    """
    settings = load_settings(Path(home) if home else None, database_url)
    try:
        result = build(settings, time_limit, keep)
    except DomainError as error:
        # Nothing to build from: the reason is the run's result, not a crash.
        create_markdown_artifact(
            markdown=f"## {error.message}",
            key=artifact_key("schedule-result", settings.home),
            description="Расписание НОД",
        )
        print(error.message)
        return {"built": False, "version": None, "summary": error.message, "conflicts": [],
                "problems": [error.message], "documents": []}  # fmt: skip
    documents = publish(settings) if result.built else []
    create_markdown_artifact(
        markdown=explanation(result),
        key=artifact_key("schedule-result", settings.home),
        description="Расписание НОД",
    )
    if result.solution is not None and result.solution.found:
        teachers = result.inputs
        create_table_artifact(
            table=[
                {
                    "Группа": s.group,
                    "День": s.when,
                    "Вид НОД": s.kind,
                    "Педагог": teachers.teacher_name(s.teacher),
                    "Помещение": s.room or "",
                }
                for s in result.solution.slots
            ],
            key=artifact_key("schedule-week", settings.home),
            description=result.summary,
        )
    print(result.summary)
    return {
        "built": result.built,
        "version": result.version.number if result.version else None,
        "summary": result.summary,
        "conflicts": [c.message for c in result.solution.conflicts] if result.solution else [],
        "problems": [p.message for p in result.problems],
        "documents": documents,
    }
