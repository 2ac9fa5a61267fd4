"""Transfers between kindergartens: ``sgo transfers list|accept``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer
from rich.table import Table

from sgo_model.cli.app import HomeOption, app, console, open_context
from sgo_model.intake.journal import record_act

transfers_app = typer.Typer(
    help="Children transferred from and to other kindergartens.", no_args_is_help=True
)
app.add_typer(transfers_app, name="transfers")


@transfers_app.command("list")
def list_command(home: HomeOption = None) -> None:
    """The transfers received (drafts to enrol) and the bags sent to other kindergartens."""
    from sgo_model.transfers.outgoing import TRANSFER_BAG
    from sgo_model.transfers.service import list_arrivals

    with open_context(home) as ctx:
        ctx.require_initialised()
        with ctx.uow(read_only=True) as uow:
            arrivals = list_arrivals(uow)
            sent = uow.documents.list(TRANSFER_BAG)
    table = Table("№", "Ребёнок", "Дата рождения", "Откуда", "Получен", "Состояние")
    for state in arrivals:
        a = state.arrival
        table.add_row(
            str(a.id),
            a.name.full,
            f"{a.birth_date:%d.%m.%Y}",
            a.sender,
            f"{a.received_at:%d.%m.%Y}",
            state.status,
        )
    console.print(table)
    console.print(f"received: {len(arrivals)}; sent: {len(sent)}")
    for bag in sent:
        console.print(f"sent: {bag.title}: {bag.path}")


@transfers_app.command("accept")
def accept_command(
    number: Annotated[int, typer.Argument(help="The received transfer's number.")],
    group: Annotated[str, typer.Option("--group", help="The group to enrol the child in.")],
    on: Annotated[str, typer.Option("--date", help="The day of enrolment, DD.MM.YYYY.")],
    grounds: Annotated[
        str | None,
        typer.Option(
            help="The ground of the order (default: the parent's application «в "
            "порядке перевода из …»)."
        ),
    ] = None,
    home: HomeOption = None,
) -> None:
    """Enrol a child received by transfer: the enrolment order is drafted."""
    from sgo_model.bootstrap import publish_context, publishers
    from sgo_model.intake.publishing import publish_pending, triggered
    from sgo_model.transfers.service import accept_transfer

    try:
        day = datetime.strptime(on, "%d.%m.%Y").date()
    except ValueError:
        raise typer.BadParameter(f"expected DD.MM.YYYY, got {on!r}", param_hint="--date") from None
    today = date.today()
    with open_context(home) as ctx:
        ctx.require_initialised()
        served = publishers()
        with ctx.uow() as uow:
            said = accept_transfer(
                uow, number, group, day, today, triggered(served, "movement"), grounds
            )
            uow.commit()
        record_act(
            ctx.settings.site,
            "transfer-accept",
            number=number,
            group=group,
            day=day.isoformat(),
            today=today.isoformat(),
            grounds=grounds,
        )
        published = publish_pending(served, publish_context(ctx.settings, ctx.store, today))
    console.print(said)
    for document in published.documents:
        console.print(f"  {document.title}: {document.path}")
