"""One watcher per kindergarten's inbox, each asking the server for keyed intake runs."""

from __future__ import annotations

import hashlib

from flows.municipal.deploy import intake_deployment
from flows.serve.trigger import IntakeTrigger
from sgo_model.intake import inbox
from sgo_model.intake.watcher import InboxWatcher, is_user_folder
from sgo_model.office.municipality import Municipality
from sgo_model.office.site import Site


def batch_key(code: str, site: Site) -> str:
    """The idempotency key of an intake run: the kindergarten and the files now waiting
    (path, size, change time). Two watchers, or a watcher restarted, that see the same files
    ask for the same key, and Prefect makes no second run."""
    waiting = sorted(
        (str(c.path.relative_to(site.inbox)), c.size, c.changed)
        for c in inbox.candidates(site)
        if is_user_folder(c.login)
    )
    digest = hashlib.sha256(repr(waiting).encode("utf-8")).hexdigest()[:32]
    return f"{code}:intake:{digest}"


def watchers(
    municipality: Municipality,
    ui_url: str,
    *,
    polling: bool,
    settle_seconds: float,
    rescan_seconds: float,
) -> list[tuple[InboxWatcher, IntakeTrigger]]:
    """Every kindergarten's watcher and the trigger it calls (not started)."""
    pairs = []
    for code in municipality.codes():
        site = Site(municipality.site(code))
        trigger = IntakeTrigger(
            intake_deployment(code),
            ui_url,
            key=lambda code=code, site=site: batch_key(code, site),
            label=f"{code}: ",
        )
        watcher = InboxWatcher(
            site,
            settle_seconds=settle_seconds,
            rescan_seconds=rescan_seconds,
            polling=polling,
            on_ready=trigger,
        )
        pairs.append((watcher, trigger))
    return pairs
