"""Rebuilding a store from nothing: the site's journal replayed in order, each file from its
archived original as of the day it was taken, each act done without a file as it was done.

The replay works in a scratch site (its receipts and documents are thrown away: the users
were answered long ago) and writes to an empty store, whose digest is then compared with
the live one table by table (``store.digest``).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sgo_model.bootstrap import Settings, Store, intake, publish_context
from sgo_model.domain.roles import Role
from sgo_model.intake import inbox
from sgo_model.intake.journal import ActEntry, FileEntry, entries
from sgo_model.intake.pipeline import ingest_claimed, record_refusal
from sgo_model.intake.publishing import publish_pending
from sgo_model.office.site import Site
from sgo_model.schedule.service import approve_schedule, store_built
from sgo_model.setup.service import add_user, init_site, set_day, set_setting

Replayer = Callable[[Settings, Store, Mapping[str, Any]], object]


def _setting(settings: Settings, target: Store, arguments: Mapping[str, Any]) -> None:
    with target.uow() as uow:
        set_setting(uow, arguments["key"], arguments["value"])
        uow.commit()


def _close_year(settings: Settings, target: Store, arguments: Mapping[str, Any]) -> None:
    """Close the year as the administrator did: the same day, reason, renames and regrouping,
    the orders rendered before the groups move on, the year's report written."""
    from sgo_model.domain.calendar import AcademicYear
    from sgo_model.year_end.closing import close_year
    from sgo_model.year_end.report import write_result

    day = date.fromisoformat(arguments["day"])
    context = publish_context(settings, target, day)
    publishers = intake(settings, target).publishers

    def publish() -> None:
        publish_pending(publishers, context)

    result = close_year(
        target.uow, settings.site, AcademicYear.parse(arguments["year"]), arguments["login"],
        day, override=arguments["override"], renames=arguments["renames"],
        regroup=arguments["regroup"], publish=publish, templates=settings.templates,
    )  # fmt: skip
    publish()
    write_result(target.uow, settings.site, result, day)


def _notice_deliveries(settings: Settings, target: Store, arguments: Mapping[str, Any]) -> None:
    """What became of notices' deliveries (sent, failed, left uncertain, queued again): set
    again, never sent again."""
    from sgo_model.families.service import restore_deliveries

    with target.uow() as uow:
        restore_deliveries(uow, arguments["deliveries"])
        uow.commit()


def _accept_transfer(settings: Settings, target: Store, arguments: Mapping[str, Any]) -> None:
    from sgo_model.intake.publishing import triggered
    from sgo_model.transfers.service import accept_transfer

    today = date.fromisoformat(arguments["today"])
    served = intake(settings, target).publishers
    with target.uow() as uow:
        accept_transfer(
            uow, arguments["number"], arguments["group"], date.fromisoformat(arguments["day"]),
            today, triggered(served, "movement"), arguments["grounds"],
        )  # fmt: skip
        uow.commit()
    publish_pending(served, publish_context(settings, target, today))


REPLAYED: dict[str, Replayer] = {
    "init": lambda settings, target, a: init_site(
        settings.site, target.uow(), a["institution"], a["year"], a["admin"]
    ),
    "users-add": lambda settings, target, a: add_user(
        settings.site, target.uow(), a["login"], Role.parse(a["role"])
    ),
    "calendar-set": lambda settings, target, a: set_day(
        target.uow(), date.fromisoformat(a["day"]), a["working"], a["reason"]
    ),
    "settings-set": _setting,
    "schedule-build": lambda settings, target, a: store_built(target.uow(), a),
    "schedule-approve": lambda settings, target, a: approve_schedule(
        target.uow(), date.fromisoformat(a["day"])
    ),
    "year-close": _close_year,
    "transfer-accept": _accept_transfer,
    "notice-deliveries": _notice_deliveries,
}
"""The acts a replay can do again, by their journal name (a report package is not: it would
be sent to the authority again)."""


@dataclass
class Rebuilt:
    """What a replay did."""

    files: int = 0
    acts: int = 0
    not_replayed: list[ActEntry] = field(default_factory=list)
    """Acts not done again (report packages)."""
    missing: list[FileEntry] = field(default_factory=list)
    """Files whose original is not in the archive."""


def rebuild(live: Settings, target: Store) -> Rebuilt:
    """Replay ``live``'s journal into the empty store ``target`` (migrated here)."""
    target.migrate()
    result = Rebuilt()
    scratch = Path(tempfile.mkdtemp(prefix="sgo-rebuild-"))
    try:
        settings = Settings(scratch, target.url, live.templates)
        settings.site.ensure()
        for entry in entries(live.site):
            if isinstance(entry, ActEntry):
                replay = REPLAYED.get(entry.act)
                if replay is None:
                    result.not_replayed.append(entry)
                    continue
                replay(settings, target, entry.arguments)
                result.acts += 1
            elif _replay_file(live.site, settings, target, entry):
                result.files += 1
            else:
                result.missing.append(entry)
        publish_pending(intake(settings, target).publishers, publish_context(settings, target))
        _rebase_paths(target, scratch, live.home)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return result


def _rebase_paths(target: Store, scratch: Path, home: Path) -> None:
    """Stored paths into the scratch site (a signed scan's original, a document) name the
    live site's same files instead: the store is built to be used there."""
    from sqlalchemy import func, update

    from sgo_model.store.record_tables import report_packages
    from sgo_model.store.tables import documents, orders

    old, new = str(scratch), str(home)
    with target.engine.begin() as connection:
        stored = (
            (orders, orders.c.scan_path),
            (documents, documents.c.path),
            (report_packages, report_packages.c.path),
        )
        for table, column in stored:
            connection.execute(
                update(table)
                .where(column.startswith(old + "/") | column.startswith(old + "\\"))
                .values({column.name: func.replace(column, old, new)})
            )


def _replay_file(live: Site, settings: Settings, target: Store, entry: FileEntry) -> bool:
    """One file as it was taken: its bytes, sender, name, claim and day of receipt."""
    folder = settings.site.user_inbox(entry.login) / inbox.CLAIMS
    folder.mkdir(parents=True, exist_ok=True)
    held = folder / f"{entry.claim}{Path(entry.name).suffix.lower()}"
    claimed = inbox.ClaimedFile(held, entry.login, entry.name, entry.received_at, entry.claim)
    work = intake(settings, target, today=entry.today)
    if entry.reason is not None:  # refused before its original was kept: the same refusal
        record_refusal(claimed, entry.reason, work)
    elif entry.sha256 and inbox.archived(live, entry.name, entry.sha256):
        shutil.copyfile(inbox.archived_path(live, entry.name, entry.sha256), held)
        ingest_claimed([claimed], work)
    else:
        return False
    # Published as of the file's day, as the live site did: what it issued then (a notice to a
    # family about that month) is issued again.
    publish_pending(work.publishers, publish_context(settings, target, entry.today))
    return True
