"""The demo: a fictional kindergarten's filled forms dropped into the inbox as clerks would."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from sgo_model.domain.roles import FormKind
from sgo_model.forms.blanks import write_blank
from sgo_model.forms.registry import SPECS
from sgo_model.services.demo_data import DemoForm, DemoKindergarten, build_demo
from sgo_model.services.site import Site


@dataclass(frozen=True)
class StagedDemo:
    """The demo kindergarten and the files put into the inbox for it."""

    kindergarten: DemoKindergarten
    files: list[Path]


def _drop(site: Site, form: DemoForm, age_seconds: float) -> Path:
    path = write_blank(
        SPECS[FormKind(form.kind)], site.user_inbox(form.login) / form.file_name, rows=form.rows
    )
    # Dropped "a while ago": the files count as settled, and keep their set-up order.
    stamp = time.time() - age_seconds
    os.utime(path, (stamp, stamp))
    return path


def stage_demo(site: Site, seed: int = 2026) -> StagedDemo:
    """Fill the blanks with the demo kindergarten's data and drop them into users' inboxes."""
    kindergarten = build_demo(seed)
    site.ensure()
    count = len(kindergarten.forms)
    files = [
        _drop(site, form, age_seconds=60 + count - index)
        for index, form in enumerate(kindergarten.forms)
    ]
    files.append(_drop(site, kindergarten.broken, age_seconds=30))
    return StagedDemo(kindergarten, files)
