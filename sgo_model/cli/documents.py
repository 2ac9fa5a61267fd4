"""Generated documents: the registry."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from sgo_model.cli.app import (
    HomeOption,
    console,
    documents_app,
    open_context,
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
