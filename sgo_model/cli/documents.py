"""Generated documents: the registry."""

from __future__ import annotations

import json
import sys
from datetime import date
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


@documents_app.command("search")
def documents_search(
    kind: Annotated[str | None, typer.Option(help="Only documents of this kind.")] = None,
    status: Annotated[
        str | None,
        typer.Option(help="draft, final, signed, registered, sent or archived."),
    ] = None,
    number: Annotated[str | None, typer.Option(help="Registration number: 12-д.")] = None,
    pupil: Annotated[
        str | None, typer.Option(help="The start of a pupil's full name: their orders.")
    ] = None,
    first: Annotated[
        str | None, typer.Option("--from", help="Generated on or after (DD.MM.YYYY).")
    ] = None,
    last: Annotated[str | None, typer.Option("--to", help="Generated on or before.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    home: HomeOption = None,
) -> None:
    """Search the registry of documents: number, status, case of the номенклатура дел."""
    from datetime import datetime

    from sgo_model.records.registry import load_nomenclature, search_documents

    def day(text: str | None) -> date | None:
        return datetime.strptime(text, "%d.%m.%Y").date() if text else None

    with open_context(home) as ctx:
        ctx.require_initialised()
        nomenclature = load_nomenclature(ctx.settings.templates)
        with ctx.uow(read_only=True) as uow:
            cards = search_documents(uow, nomenclature, kind=kind, status=status, number=number,
                                     pupil=pupil, first=day(first), last=day(last))  # fmt: skip
    if as_json:
        rows = [
            {"id": c.record.id, "kind": c.record.kind, "number": c.number,
             "title": c.record.title, "status": c.record.status,
             "case": c.case.index if c.case else None,
             "retention": c.case.retention if c.case else None,
             "generated_at": c.record.generated_at.isoformat(), "path": c.record.path}
            for c in cards
        ]  # fmt: skip
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("№", "number", "title", "status", "case", "retention", "generated")
    for card in cards:
        table.add_row(
            str(card.record.id),
            card.number,
            card.record.title,
            card.status_label,
            card.case.index if card.case else "—",
            card.case.retention if card.case else "",
            f"{card.record.generated_at:%d.%m.%Y %H:%M}",
        )
    console.print(table)


@documents_app.command("show")
def documents_show(
    document: Annotated[int, typer.Argument(help="The document's № in the registry.")],
    home: HomeOption = None,
) -> None:
    """One document: its case, its history, and the submissions and rows that caused it."""
    from sgo_model.domain.records import STATUS_LABELS
    from sgo_model.records.registry import document_card, load_nomenclature

    with open_context(home) as ctx:
        ctx.require_initialised()
        nomenclature = load_nomenclature(ctx.settings.templates)
        with ctx.uow(read_only=True) as uow:
            card = document_card(uow, nomenclature, document)
    record = card.record
    console.print(f"№ {record.id}: {record.title}")
    console.print(f"kind: {record.kind}; status: {card.status_label}; version: {record.version}")
    if card.number:
        console.print(f"registration number: {card.number}")
    if card.case:
        console.print(f"case: {card.case.index} «{card.case.title}», kept {card.case.retention}")
    console.print(f"file: {record.path} (sha256 {record.sha256[:16]}…)")
    console.print("history:")
    for entry in card.history:
        note = f" — {entry.note}" if entry.note else ""
        label = STATUS_LABELS.get(entry.status, entry.status)
        console.print(f"  {entry.at:%d.%m.%Y %H:%M} v{entry.version} {label}{note}")
    if card.pupils:
        console.print("pupils:")
        for line in card.pupils:
            console.print(f"  {line}")
    console.print("caused by:" if card.causes else "caused by: (no submission: generated)")
    for cause in card.causes:
        rows = f", {cause.rows}" if cause.rows else ""
        console.print(f"  «{cause.file_name}» from {cause.login}, {cause.received}{rows}")


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
