"""Turning a document into PDF with LibreOffice, where it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CONVERT_SECONDS = 180


def office_program() -> str | None:
    """LibreOffice's command (``soffice``), if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(document: Path, out_dir: Path, program: str) -> Path:
    """Write ``document`` as PDF into ``out_dir`` with LibreOffice ``program``; the PDF's path.

    A profile of its own keeps the conversion apart from a LibreOffice the user has open.
    Raises :class:`RuntimeError` with LibreOffice's words when no PDF comes out.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sgo-office-") as profile:
        done = subprocess.run(
            [
                program,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(document),
            ],
            capture_output=True,
            text=True,
            timeout=CONVERT_SECONDS,
        )
    pdf = out_dir / f"{document.stem}.pdf"
    if done.returncode != 0 or not pdf.exists():
        said = (done.stderr or done.stdout).strip()
        raise RuntimeError(f"LibreOffice не сделал PDF из «{document.name}»: {said}")
    return pdf
