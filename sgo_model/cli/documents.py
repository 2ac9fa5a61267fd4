"""Generated documents: the registry."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sgo_model.cli.app import (
    HomeOption,
    console,
    documents_app,
    open_context,
    templates_app,
)


@documents_app.command("list")
def documents_list(
    kind: Annotated[str | None, typer.Option(help="Only documents of this kind.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    home: HomeOption = None,
) -> None:
    """List generated documents with their hashes."""
    with open_context(home) as ctx:
        ctx.require_initialised()
        with ctx.uow() as uow:
            docs = uow.documents.list(kind)
    if as_json:
        rows = [
            {
                "kind": d.kind,
                "title": d.title,
                "version": d.version,
                "status": d.status,
                "generated_at": d.generated_at.isoformat(),
                "template": d.template,
                "template_sha256": d.template_sha256,
                "sha256": d.sha256,
                "path": d.path,
            }
            for d in docs
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("kind", "title", "status", "version", "generated", "sha256", "path")
    for doc in docs:
        table.add_row(
            doc.kind,
            doc.title,
            doc.status,
            str(doc.version),
            f"{doc.generated_at:%Y-%m-%d %H:%M}",
            doc.sha256[:12],
            doc.path,
        )
    console.print(table)


@documents_app.command("print")
def documents_print(
    number: Annotated[str, typer.Argument(help="The order's number, e.g. 12-д.")],
    year: Annotated[
        int | None, typer.Option(help="The order's year (default: the newest).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Folder for the copy (default: the site's outbox/Печать).")
    ] = None,
    home: HomeOption = None,
) -> None:
    """Write an order ready to print and sign (docx, and PDF when LibreOffice is installed)."""
    from sgo_model.movement.printing import print_order
    from sgo_model.movement.signing import OrderReference
    from sgo_model.office.pdf import office_program

    with open_context(home) as ctx:
        ctx.require_initialised()
        office = office_program()
        copy = print_order(
            ctx.uow(),
            OrderReference(number, year),
            out or ctx.settings.site.outbox / "Печать",
            office,
        )
    console.print(f"{copy.order}{' (draft: not signed yet)' if copy.draft else ''}")
    console.print(f"Word: {copy.docx}")
    if copy.pdf:
        console.print(f"PDF: {copy.pdf}")
    elif office is None:
        console.print("[yellow]LibreOffice is not installed: no PDF made.[/]")


@templates_app.command("check")
def templates_check(home: HomeOption = None) -> None:
    """Check every order template against ГОСТ Р 7.0.97-2025 and every report template's
    lines, columns and relations (exit 1 if any is broken)."""
    from sgo_model.authority.kinds import ReportKind, template_data, template_from, template_path
    from sgo_model.bootstrap import load_settings
    from sgo_model.domain.errors import DomainError
    from sgo_model.movement.documents.template_check import check_order_template

    templates = load_settings(home).templates
    folder = templates / "documents"
    broken = 0
    for template in sorted(folder.glob("order*.docx")):
        problems = check_order_template(template)
        if not problems:
            console.print(f"[green]OK[/] {template}")
            continue
        broken += 1
        console.print(f"[red]{template}[/]")
        for problem in problems:
            console.print(f"  – {problem}")
    for kind in ReportKind:
        path = template_path(templates, kind)
        try:
            checked = template_from(template_data(templates, kind), path.name)
        except DomainError as error:
            broken += 1
            console.print(f"[red]{path}[/]\n  – {error.message}")
            continue
        console.print(f"[green]OK[/] {path} ({checked.edition})")
    if broken:
        raise typer.Exit(1)
