"""Notices to families: ``sgo notices list`` (they go out with ``sgo outbox send``)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from sgo_model.cli.app import HomeOption, app, console, open_context

notices_app = typer.Typer(help="Notices to families: extracts, statements.", no_args_is_help=True)
app.add_typer(notices_app, name="notices")


@notices_app.command("list")
def list_command(
    pupil: Annotated[
        str | None, typer.Option(help="Only children whose name contains this.")
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(help="Only notices in this state: paper, pending, sent, failed, uncertain."),
    ] = None,
    home: HomeOption = None,
) -> None:
    """List notices with their delivery to each guardian."""
    from sgo_model.families.service import list_notices, notice_status, status_label

    with open_context(home) as ctx:
        ctx.require_initialised()
        with ctx.uow(read_only=True) as uow:
            notices = list_notices(uow, pupil, status)
    table = Table("№", "Ребёнок", "Уведомление", "Дата", "Состояние", "Кому")
    for notice in notices:
        whom = "; ".join(
            f"№ {d.id} {d.email}: {status_label(d.status)}" + (f" ({d.answer})" if d.answer else "")
            for d in notice.deliveries
        )
        table.add_row(
            str(notice.id),
            notice.pupil,
            notice.title + (f" (ред. {notice.revision})" if notice.revision > 1 else ""),
            f"{notice.issued_on:%d.%m.%Y}",
            status_label(notice_status(notice)),
            whom or "нет согласия на e-mail: распечатать",
        )
    console.print(table)
    console.print(f"{len(notices)} notice(s)")
