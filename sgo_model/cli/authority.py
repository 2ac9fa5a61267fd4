"""Reports to the education authority: packages out (``sgo authority package``; sent with
``sgo outbox send``),
checking them (``sgo authority verify``) and the authority's summary (``sgo authority
aggregate``)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sgo_model.cli.app import HomeOption, app, console, errors, open_context
from sgo_model.intake.journal import record_act

authority_app = typer.Typer(
    help="Reports to the education authority: 85-К and the self-assessment as BagIt packages.",
    no_args_is_help=True,
)
app.add_typer(authority_app, name="authority")

KindArgument = Annotated[str, typer.Argument(help="85k or self-assessment.")]
PeriodOption = Annotated[str, typer.Option("--period", help="The reporting year: 2026.")]


@authority_app.command("package")
def package(
    kind: KindArgument,
    period: PeriodOption,
    preliminary: Annotated[
        bool, typer.Option(help="Allow incomplete data (the package says it is preliminary).")
    ] = False,
    reason: Annotated[
        str | None, typer.Option(help="Why this package replaces one already sent.")
    ] = None,
    pdf: Annotated[
        bool | None,
        typer.Option("--pdf/--no-pdf", help="Add a PDF (default: when LibreOffice is present)."),
    ] = None,
    send: Annotated[
        bool, typer.Option(help="Send it at once to the authority_inbox folder.")
    ] = False,
    home: HomeOption = None,
) -> None:
    """Count a report, check its control relations and write its BagIt bag into outbox/."""
    from sgo_model.authority.kinds import ReportKind
    from sgo_model.authority.service import package_report, send_package

    with open_context(home) as ctx:
        ctx.require_initialised()
        prepared = package_report(
            ctx.uow,
            ctx.settings.site,
            ctx.settings.templates,
            ReportKind.parse(kind),
            period,
            preliminary=preliminary,
            reason=reason,
            pdf=pdf,
        )
        record_act(ctx.settings.site, "authority-package", kind=kind, period=period)
        note = "" if prepared.new else " (the same figures were already packaged: reused)"
        console.print(f"package № {prepared.package.id}{note}: {prepared.bag}")
        console.print(f"trace (institution only): {prepared.trace}")
        for gap in prepared.report.gaps:
            console.print(f"[yellow]preliminary:[/] {gap}")
        if send:
            console.print(f"sent: {send_package(ctx.uow, prepared.package.id)}")
            record_act(ctx.settings.site, "authority-send", package=prepared.package.id)


@authority_app.command("verify")
def verify(
    bag: Annotated[Path, typer.Argument(help="The bag's folder.")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Re-hash every file of a bag and check its structure, fields, figures and relations."""
    from sgo_model.authority.verify import verify_bag

    checked = verify_bag(bag)
    if as_json:
        payload = {"bag": str(bag), "valid": checked.valid, "problems": checked.problems,
                   "info": checked.info}  # fmt: skip
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif checked.valid:
        status = "предварительные данные" if checked.preliminary else "окончательные данные"
        console.print(f"[green]Пакет «{bag.name}» проверен: ошибок нет ({status}).[/]")
    else:
        errors.print(f"[red]{checked.refusal()}[/]")
    if not checked.valid:
        raise typer.Exit(1)


@authority_app.command("aggregate")
def aggregate(
    inbox: Annotated[
        Path | None,
        typer.Argument(
            help="A folder per institution (default: inbox/<login> of the authority's user)."
        ),
    ] = None,
    *,
    period: PeriodOption,
    kind: Annotated[str, typer.Option(help="85k or self-assessment.")] = "85k",
    out: Annotated[
        Path | None, typer.Option(help="Folder for the summary (default: documents/Своды).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    home: HomeOption = None,
) -> None:
    """Check every institution's package and write the municipal summary.

    Tampered and duplicate packages are refused; the summary lists who has not sent.
    """
    from sgo_model.authority.aggregate import (
        STATUS_LABELS,
        aggregate_packages,
        role_inbox,
        write_summary,
    )
    from sgo_model.authority.kinds import ReportKind

    with open_context(home) as ctx:
        if inbox is None:
            ctx.require_initialised()
            with ctx.uow(read_only=True) as uow:
                inbox = role_inbox(uow, ctx.settings.site)
        summary = aggregate_packages(inbox, period, ReportKind.parse(kind))
        target = out or ctx.settings.site.documents / "Своды"
        path = write_summary(summary, target, date.today())
    if as_json:
        payload = {
            "summary": str(path),
            "accepted": [r.folder for r in summary.accepted],
            "refused": {r.name: r.reason for r in summary.received if r.status == "refused"},
            "missing": summary.missing,
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("folder", "package", "status", "reason")
    for received in summary.received:
        table.add_row(
            received.folder, received.name, STATUS_LABELS[received.status], received.reason
        )
    console.print(table)
    console.print(f"accepted: {len(summary.accepted)}; not sent: {len(summary.missing)}")
    for folder in summary.missing:
        console.print(f"[yellow]not sent:[/] {folder}")
    console.print(f"summary: {path}")
