"""The deployments ``sgo serve`` serves: intake on demand, attendance blanks monthly, the
NOD schedule, the monitoring report and the reports to the authority from the UI
(«Построить расписание НОД», «Мониторинг качества образования», «Отчёт в орган управления
образованием», «Свод отчётов учреждений»)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import make_url

from sgo_model.bootstrap import Settings, Store

if TYPE_CHECKING:
    from prefect.deployments.runner import RunnerDeployment

FLOW_NAME = "sgo-intake"
DEPLOYMENT_NAME = "intake"
INTAKE_DEPLOYMENT = f"{FLOW_NAME}/{DEPLOYMENT_NAME}"
"""What the watcher's trigger asks Prefect to run."""


def site_parameters(settings: Settings) -> dict[str, Any]:
    """The site a deployment's runs work on, frozen: shown read-only in the UI, and a run asked
    for with another value is refused by the server (never a free path to type)."""
    from prefect.utilities.annotations import freeze

    url = settings.database_url
    # A URL with a password would be stored and shown by Prefect; the run's process
    # inherits SGO_DATABASE_URL and finds it there instead.
    shown = None if make_url(url).password else url
    return {"home": freeze(str(settings.home)), "database_url": freeze(shown)}


def site_time_zone(settings: Settings) -> str:
    """The kindergarten's ``time_zone`` setting, which its daily schedules keep."""
    store = Store(settings.database_url)
    try:
        with store.uow(read_only=True) as uow:
            return uow.settings.load().time_zone
    finally:
        store.close()


def deployment_name(name: str, institution: str | None) -> str:
    """A deployment's name on its server: a municipality's server carries every kindergarten's
    deployments, each named with the kindergarten's code («intake 015»)."""
    return f"{name} {institution}" if institution else name


def served_deployments(
    settings: Settings, settle_seconds: float, institution: str | None = None
) -> list[RunnerDeployment]:
    """The intake deployment, the monthly attendance blanks, the schedule and the monitoring
    report of a site (``institution``: its code, on a municipality's shared server).

    Call once Prefect's settings name the server: the flows are imported here.
    """

    def named(name: str) -> str:
        return deployment_name(name, institution)

    from prefect.deployments.runner import RunnerDeployment
    from prefect.types.entrypoint import EntrypointType

    from flows.intake import intake_flow

    time_zone = site_time_zone(settings)
    intake = intake_flow.to_deployment(
        name=named(DEPLOYMENT_NAME),
        parameters={**site_parameters(settings), "settle_seconds": settle_seconds},
        # A module path loads in the run's process whatever its working directory.
        entrypoint_type=EntrypointType.MODULE_PATH,
        description="Takes a batch of settled inbox files; receipts as a table artifact.",
    )
    assert isinstance(intake, RunnerDeployment)  # called from sync code: not a coroutine
    from prefect.schedules import Cron

    from flows.attendance import SCHEDULE, attendance_blanks_flow

    blanks = attendance_blanks_flow.to_deployment(
        name=named("monthly"),
        parameters=site_parameters(settings),
        # «07:00» on the kindergarten's clock, not in UTC.
        schedule=Cron(SCHEDULE, timezone=time_zone),
        entrypoint_type=EntrypointType.MODULE_PATH,
        description="On the month's first working day: attendance blanks for every teacher.",
    )
    assert isinstance(blanks, RunnerDeployment)
    from flows.schedule import DEPLOYMENT_NAME as SCHEDULE_DEPLOYMENT
    from flows.schedule import schedule_flow

    schedule = schedule_flow.to_deployment(
        name=named(SCHEDULE_DEPLOYMENT),
        parameters={
            **site_parameters(settings),
            "time_limit": 5.0,
            "keep": True,
        },
        entrypoint_type=EntrypointType.MODULE_PATH,
        description="Строит расписание НОД решателем (новая версия-проект); результат и "
        "объяснение невозможного расписания — в артефактах. Утверждение: sgo schedule approve.",
    )
    assert isinstance(schedule, RunnerDeployment)
    from flows.monitoring import DEPLOYMENT_NAME as MONITORING_DEPLOYMENT
    from flows.monitoring import monitoring_flow

    monitoring = monitoring_flow.to_deployment(
        name=named(MONITORING_DEPLOYMENT),
        parameters={
            **site_parameters(settings),
            "year": None,
            "period": None,
            "groups": None,
        },
        entrypoint_type=EntrypointType.MODULE_PATH,
        description="Отчёт мониторинга по результатам педагогической диагностики: таблицы с "
        "диаграммами и аналитическая справка; доли «сформирован» — в артефактах.",
    )
    assert isinstance(monitoring, RunnerDeployment)
    from flows.reminders import SCHEDULE as REMINDERS_SCHEDULE
    from flows.reminders import reminders_flow

    reminders = reminders_flow.to_deployment(
        name=named("daily"),
        parameters=site_parameters(settings),
        schedule=Cron(REMINDERS_SCHEDULE, timezone=time_zone),
        entrypoint_type=EntrypointType.MODULE_PATH,
        description="Каждое утро: напоминания тем, кто не сдал табель или диагностику в срок, "
        "и заведующему о неподписанных приказах.",
    )
    assert isinstance(reminders, RunnerDeployment)
    from flows.notices import DEPLOYMENT_NAME as NOTICES_DEPLOYMENT
    from flows.notices import SCHEDULE as NOTICES_SCHEDULE
    from flows.notices import notices_flow

    notices = notices_flow.to_deployment(
        name=named(NOTICES_DEPLOYMENT),
        parameters=site_parameters(settings),
        schedule=Cron(NOTICES_SCHEDULE, timezone=time_zone),
        entrypoint_type=EntrypointType.MODULE_PATH,
        description="Каждый день: уведомления семьям (выписки из приказов, справки о "
        "посещении) — по e-mail родителям, давшим согласие; без почтового сервера ждут в "
        "outbox/families для печати.",
    )
    assert isinstance(notices, RunnerDeployment)
    from flows.authority import (
        AGGREGATE_DEPLOYMENT,
        PACKAGE_DEPLOYMENT,
        authority_aggregate_flow,
        authority_package_flow,
    )

    report = authority_package_flow.to_deployment(
        name=named(PACKAGE_DEPLOYMENT),
        parameters={
            **site_parameters(settings),
            "kind": "85k",
            "period": "",
            "preliminary": False,
            "reason": None,
            "send": False,
        },
        entrypoint_type=EntrypointType.MODULE_PATH,
        description="Форма 85-К или отчёт о самообследовании за год: показатели, контрольные "
        "соотношения, пакет BagIt в outbox/ (send=true — сразу в папку органа управления).",
    )
    assert isinstance(report, RunnerDeployment)
    summary = authority_aggregate_flow.to_deployment(
        name=named(AGGREGATE_DEPLOYMENT),
        parameters={
            **site_parameters(settings),
            "inbox": "",
            "period": "",
            "kind": "85k",
        },
        entrypoint_type=EntrypointType.MODULE_PATH,
        description="Для органа управления образованием: проверка пакетов учреждений (папка на "
        "учреждение) и сводная таблица с диаграммами; кто не представил — в артефакте.",
    )
    assert isinstance(summary, RunnerDeployment)
    from flows.year_end import DEPLOYMENT_NAME as YEAR_DEPLOYMENT
    from flows.year_end import year_close_flow

    closing = year_close_flow.to_deployment(
        name=named(YEAR_DEPLOYMENT),
        parameters={
            **site_parameters(settings),
            "year": "",
            "dry_run": True,
            "override": None,
            "login": "admin",
        },
        entrypoint_type=EntrypointType.MODULE_PATH,
        description="Закрытие учебного года администратором: проверка полноты, выпуск, перевод "
        "групп, блокировка года, открытие следующего, архив. По умолчанию — пробный запуск; "
        "план и недостающее — в артефактах.",
    )
    assert isinstance(closing, RunnerDeployment)
    return [intake, blanks, schedule, monitoring, reminders, notices, report, summary, closing]
