"""Registering every kindergarten's deployments in the municipality's work pool."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flows.serve.deployments import DEPLOYMENT_NAME, FLOW_NAME, deployment_name, served_deployments
from sgo_model.bootstrap import load_settings
from sgo_model.office.municipality import Municipality

if TYPE_CHECKING:
    from prefect.client.orchestration import SyncPrefectClient

POOL = "sgo"
"""The process work pool every ``sgo worker`` polls."""
INSTITUTION_RUNS = 1
"""Flow runs of one kindergarten at a time (its queue's concurrency limit): its files are
taken in the order they came, and a long report does not starve its intake."""


def intake_deployment(code: str) -> str:
    """What the watcher asks Prefect to run for a kindergarten's inbox."""
    return f"{FLOW_NAME}/{deployment_name(DEPLOYMENT_NAME, code)}"


def deploy(municipality: Municipality, settle_seconds: float) -> dict[str, int]:
    """Create the work pool and each kindergarten's queue, register (or update) its
    deployments there; the number of deployments by kindergarten code.

    Call once Prefect's settings name the server.
    """
    from prefect.client.orchestration import get_client

    deployed: dict[str, int] = {}
    with get_client(sync_client=True) as client:
        _ensure_pool(client)
        for code in municipality.codes():
            _ensure_queue(client, code)
            settings = load_settings(municipality.site(code))
            deployments = served_deployments(settings, settle_seconds, institution=code)
            for deployment in deployments:
                deployment.work_queue_name = code
                deployment.apply(work_pool_name=POOL)
            deployed[code] = len(deployments)
    return deployed


def _ensure_pool(client: SyncPrefectClient) -> None:
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectNotFound
    from prefect.workers.process import ProcessWorker

    try:
        client.read_work_pool(POOL)
    except ObjectNotFound:
        template = ProcessWorker.get_default_base_job_template()
        client.create_work_pool(
            WorkPoolCreate(name=POOL, type="process", base_job_template=template)
        )


def _ensure_queue(client: SyncPrefectClient, code: str) -> None:
    from prefect.exceptions import ObjectNotFound

    try:
        queue = client.read_work_queue_by_name(code, work_pool_name=POOL)
    except ObjectNotFound:
        client.create_work_queue(
            name=code,
            work_pool_name=POOL,
            concurrency_limit=INSTITUTION_RUNS,
            description=f"Детский сад {code}",
        )
        return
    if queue.concurrency_limit != INSTITUTION_RUNS:
        client.update_work_queue(queue.id, concurrency_limit=INSTITUTION_RUNS)
