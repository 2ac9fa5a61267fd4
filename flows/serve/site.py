"""Serving one site: the server if needed, the deployments, the watcher and the runner."""

from __future__ import annotations

import asyncio
import os
import signal
import time

import typer

from flows.environment import quiet_prefect
from flows.serve.deployments import INTAKE_DEPLOYMENT, served_deployments
from flows.serve.server import DEFAULT_PORT, LocalServer, ServerError
from flows.serve.stop import SHUTDOWN_GRACE_SECONDS, GracefulStop, graceful_runner, stop_on_sigterm
from flows.serve.terminal import say, warn
from flows.serve.trigger import IntakeTrigger
from sgo_model.bootstrap import Settings
from sgo_model.intake.watcher import InboxWatcher


def serve_site(
    settings: Settings, *, polling: bool, settle_seconds: float, rescan_seconds: float
) -> None:
    """Serve the intake deployment and start a run whenever inbox files have settled.

    Blocks until Ctrl-C or SIGTERM; then stops the watcher and the server it started.
    """
    quiet_prefect(keep_run_logs=True)
    server: LocalServer | None = None
    with stop_on_sigterm():
        try:
            api_url = os.environ.get("PREFECT_API_URL")
            if not api_url:
                say("Starting a local Prefect server…")
                began = time.monotonic()
                server = LocalServer.start(settings.home / ".prefect")
                api_url = os.environ["PREFECT_API_URL"] = server.api_url
                if server.reused:
                    say(
                        f"Reusing the Prefect server a stopped sgo serve left running "
                        f"(pid {server.pid}, port {server.port})"
                    )
                else:
                    say(
                        f"Prefect server up in {time.monotonic() - began:.0f} s "
                        f"(log: {server.log_path})"
                    )
                if server.port != DEFAULT_PORT:
                    say(f"Port {DEFAULT_PORT} is taken: the server is on port {server.port}")
            ui_url = api_url.rstrip("/").removesuffix("/api")
            say(f"Prefect UI: [bold]{ui_url}[/bold]")
            _serve(settings, polling, settle_seconds, rescan_seconds, ui_url)
        except ServerError as error:
            warn(f"[red]Cannot start the Prefect server:[/red] {error}")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            pass
        finally:
            # A second Ctrl-C must not interrupt the clean-up and leave the server running.
            interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)
            if server is not None:
                server.stop()
            signal.signal(signal.SIGINT, interrupt)
    say("Stopped.")


def _serve(
    settings: Settings, polling: bool, settle_seconds: float, rescan_seconds: float, ui_url: str
) -> None:
    from prefect.context import refresh_global_settings_context

    # Prefect may have been imported before PREFECT_API_URL was set (tests, embedding).
    refresh_global_settings_context()
    deployments = served_deployments(settings, settle_seconds)
    trigger = IntakeTrigger(INTAKE_DEPLOYMENT, ui_url)
    watcher = InboxWatcher(
        settings.site,
        settle_seconds=settle_seconds,
        rescan_seconds=rescan_seconds,
        polling=polling,
        on_ready=trigger,
    )
    stop = GracefulStop(watcher, trigger, SHUTDOWN_GRACE_SECONDS)
    runner = graceful_runner(stop)
    # Registered before the watcher starts, so its first run request finds the deployment.
    for deployment in deployments:
        runner.add_deployment(deployment)
    watcher.start()
    mode = "polling" if polling else "file-system events"
    say(
        f"Watching {settings.site.inbox} ({mode}; settle {settle_seconds:g} s, "
        f"rescan {rescan_seconds:g} s). Ctrl-C stops."
    )
    previous = signal.getsignal(signal.SIGINT)
    if previous is not signal.SIG_IGN:  # started in the background: Ctrl-C is not for us
        signal.signal(signal.SIGINT, stop)
    try:
        asyncio.run(runner.start())
    finally:
        signal.signal(signal.SIGINT, previous)
        watcher.stop()
