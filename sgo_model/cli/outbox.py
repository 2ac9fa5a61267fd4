"""What leaves the site: report packages to the authority and notices to families
(``sgo outbox list|send|resend``)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sgo_model.cli.app import HomeOption, app, console, open_context
from sgo_model.intake.journal import record_act

outbox_app = typer.Typer(
    help="The outbox: report packages to the authority, notices to families.",
    no_args_is_help=True,
)
app.add_typer(outbox_app, name="outbox")


@outbox_app.command("list")
def outbox_list(home: HomeOption = None) -> None:
    """The report packages prepared, sent and replaced (notices: sgo notices list)."""
    from sgo_model.authority.kinds import ReportKind
    from sgo_model.authority.service import STATUS_LABELS

    with open_context(home) as ctx:
        ctx.require_initialised()
        with ctx.uow(read_only=True) as uow:
            packages = uow.packages.all()
    if not packages:
        console.print("No report packages in the outbox (notices to families: sgo notices list).")
        return
    table = Table("№", "report", "period", "status", "data", "prepared", "sent")
    for p in packages:
        table.add_row(
            str(p.id),
            ReportKind.parse(p.kind).label,
            p.period,
            STATUS_LABELS[p.status],
            "предварительные" if p.preliminary else "окончательные",
            f"{p.prepared_at:%d.%m.%Y %H:%M}",
            f"{p.sent_at:%d.%m.%Y %H:%M}" if p.sent_at else "",
        )
    console.print(table)
    for p in packages:
        console.print(f"№ {p.id}: {p.path}" + (f" → {p.sent_to}" if p.sent_to else ""))


@outbox_app.command("send")
def outbox_send(
    number: Annotated[
        int | None,
        typer.Argument(
            help="A report package's number (sgo outbox list); without it, the notices to "
            "families that are due go out by e-mail (password: $SGO_SMTP_PASSWORD)."
        ),
    ] = None,
    to: Annotated[
        Path | None, typer.Option(help="The authority's folder (default: authority_inbox).")
    ] = None,
    home: HomeOption = None,
) -> None:
    """Send a report package to the authority, or the notices that are due to families."""
    if number is None:
        _send_notices(home)
        return
    from sgo_model.authority.service import send_package

    with open_context(home) as ctx:
        ctx.require_initialised()
        console.print(f"sent: {send_package(ctx.uow, number, to)}")
        record_act(ctx.settings.site, "authority-send", package=number)


def _send_notices(home: Path | None) -> None:
    from sgo_model.families.service import send_notices

    with open_context(home) as ctx:
        ctx.require_initialised()
        report = send_notices(ctx.uow, datetime.now(UTC), ctx.settings.site)
    console.print(report.summary())
    if report.failed or report.uncertain:
        raise typer.Exit(1)


@outbox_app.command("resend")
def resend_command(
    delivery: Annotated[int, typer.Argument(help="The delivery's number (sgo notices list).")],
    home: HomeOption = None,
) -> None:
    """Queue again a notice's delivery that failed or was interrupted (after checking that
    it did not arrive)."""
    from sgo_model.families.service import resend

    with open_context(home) as ctx:
        ctx.require_initialised()
        resend(ctx.uow, delivery, ctx.settings.site)
    console.print(f"delivery {delivery} queued again; run `sgo outbox send`")
