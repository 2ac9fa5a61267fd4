"""``sgo demo``: a fictional kindergarten lives its whole school year 2025/2026 through the
flows, the administrator closes it, and it goes on with the autumn of 2026/2027.

The previous year: set-up at the end of August 2025, the schedule approved, the clerk's
movement of the year, the head signing every order, the teachers' attendance from September
to August and the two diagnostics, the monitoring report; then «Закрытие учебного года» on
31 August 2026, first as a dry run. This year: the methodist's kinds of NOD, the enrolments of
1 September and of the autumn, the new schedule, attendance and the starting diagnostics up to
the demo's day, the report to the authority.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sgo_model.cli.app import Context, console
from sgo_model.demo.previous_year import PREVIOUS_YEAR_START
from sgo_model.intake.journal import record_act

if TYPE_CHECKING:
    from sgo_model.demo.data import DemoKindergarten

SET_UP_DAY = date(2025, 8, 29)
"""The day the demo kindergarten's forms of 2025/2026 are dropped (a Friday before the year);
the head approves its curriculum and schedule on its first day, 1 September 2025."""
CLOSING_DAY = date(2026, 8, 31)
"""The day the administrator closes 2025/2026."""
SCHEDULE_SECONDS = 1.0
"""The solver's time for each year's week: the best it finds by then is the demo's."""


def run_demo(ctx: Context, seed: int, day: date) -> None:
    """The whole demo on the site of ``ctx`` as of ``day`` (in 2026/2027)."""
    from sgo_model.demo.data import build_demo
    from sgo_model.setup.service import init_site

    kindergarten = build_demo(seed)
    previous = kindergarten.previous
    assert previous is not None
    ctx.migrate()
    init_site(ctx.settings.site, ctx.uow(), previous.institution, previous.year)
    record_act(
        ctx.settings.site,
        "init",
        institution=previous.institution,
        year=previous.year,
        admin="admin",
    )
    _institution_settings(ctx)
    where = {"home": str(ctx.settings.home), "database_url": str(ctx.settings.database_url)}
    console.print("Running the intake flow (a local Prefect server starts first)…")
    summary: Counter[str] = Counter()
    _previous_year(ctx, where, previous, seed, summary)
    _close(where, previous)
    _this_year(ctx, where, kindergarten, seed, day, summary)
    _transfer(ctx, where, seed, day, summary)
    _notices(ctx)
    _authority(ctx, where, day, seed)
    _report(ctx, summary, day)


def _institution_settings(ctx: Context) -> None:
    """The codes and address the reports carry, and where the authority takes packages."""
    from sgo_model.setup.service import set_setting

    inbox = ctx.settings.home / AUTHORITY_HOME / "Входящие"
    inbox.mkdir(parents=True, exist_ok=True)
    chosen = {
        "inn": "6312045678",
        "okpo": "41234567",
        "oktmo": "36701000",
        "address": "446100, г. Энск, ул. Парковая, д. 12",
        "authority_inbox": str(inbox),
    }
    with ctx.uow() as uow:
        for key, value in chosen.items():
            set_setting(uow, key, value)
        uow.commit()
    for key, value in chosen.items():
        record_act(ctx.settings.site, "settings-set", key=key, value=value)


def _intake(where: dict[str, str], day: date, summary: Counter[str]) -> None:
    from flows.intake import intake_flow

    done = intake_flow(**where, settle_seconds=0, today=day)
    for key in ("files", "accepted", "rejected"):
        summary[key] += int(done[key])


def _previous_year(
    ctx: Context,
    where: dict[str, str],
    previous: DemoKindergarten,
    seed: int,
    summary: Counter[str],
) -> None:
    """2025/2026 from its set-up to its last day."""
    from sgo_model.demo.attendance import stage_attendance
    from sgo_model.demo.diagnostics import stage_diagnostics
    from sgo_model.demo.stage import stage_forms, stage_setup, stage_signatures

    site = ctx.settings.site
    console.print(f"{previous.year}: the set-up forms of {SET_UP_DAY:%d.%m.%Y}…")
    stage_setup(site, previous)
    _intake(where, SET_UP_DAY, summary)
    _schedule(ctx, where, PREVIOUS_YEAR_START, explain=False)
    moved = stage_forms(site, previous.movement)
    console.print(f"{previous.year}: the clerk's movement of the year ({len(moved)} form)…")
    _intake(where, CLOSING_DAY, summary)
    scans = stage_signatures(site, ctx.uow(), unsigned=0)
    sheets = stage_attendance(site, ctx.uow(), CLOSING_DAY, seed, mistakes=False)
    diagnostics = stage_diagnostics(site, ctx.uow(), CLOSING_DAY, seed, mistakes=False)
    console.print(
        f"{previous.year}: the head signs {len(scans)} orders; teachers drop {len(sheets)} "
        f"attendance and {len(diagnostics)} diagnostics sheets…"
    )
    _intake(where, CLOSING_DAY, summary)
    _monitoring(where, [previous.year])


def _close(where: dict[str, str], previous: DemoKindergarten) -> None:
    """The administrator tries the closing of 2025/2026, then closes it."""
    from flows.year_end import year_close_flow

    asked = {"year": previous.year, "regroup": previous.regroup, "today": CLOSING_DAY}
    console.print(f"Closing {previous.year} (flow «Закрытие учебного года»), a dry run first…")
    tried = year_close_flow(**where, **asked, dry_run=True)
    console.print(f"  {tried.get('document') or tried.get('reason')}")
    closed = year_close_flow(**where, **asked, dry_run=False)
    if not closed["closed"]:
        raise RuntimeError(f"the demo's year did not close: {closed.get('reason')}")
    console.print(
        f"  graduates: {closed['graduates']}, groups moved up: {closed['promoted_groups']}; "
        f"{closed['document']}"
    )


def _this_year(
    ctx: Context,
    where: dict[str, str],
    kindergarten: DemoKindergarten,
    seed: int,
    day: date,
    summary: Counter[str],
) -> None:
    """2026/2027 from 1 September to ``day``."""
    from sgo_model.demo.attendance import stage_attendance
    from sgo_model.demo.diagnostics import stage_diagnostics
    from sgo_model.demo.stage import stage_autumn, stage_signatures

    site = ctx.settings.site
    staged = stage_autumn(site, kindergarten, seed)
    console.print(f"{kindergarten.year}: {len(staged)} forms dropped into {site.inbox}…")
    _intake(where, day, summary)
    _schedule(ctx, where, day, explain=True)
    scans = stage_signatures(site, ctx.uow())
    sheets = stage_attendance(site, ctx.uow(), day, seed)
    diagnostics = stage_diagnostics(site, ctx.uow(), day, seed)
    console.print(
        f"{kindergarten.year}: the head signs {len(scans)} orders; teachers drop {len(sheets)} "
        f"attendance and {len(diagnostics)} diagnostics sheets…"
    )
    _intake(where, day, summary)
    _monitoring(where, [kindergarten.year])


def _transfer(
    ctx: Context, where: dict[str, str], seed: int, day: date, summary: Counter[str]
) -> None:
    """The child withdrawn in November to the neighbouring kindergarten: the head signs the
    withdrawal, its bag goes to the neighbour (a second generated kindergarten, set up in
    ``NEIGHBOUR_HOME``), whose clerk takes it in and enrols the child."""
    from dataclasses import replace

    from sgo_model.bootstrap import (
        Settings,
        Store,
        ingest_and_publish,
        publish_context,
        publishers,
    )
    from sgo_model.demo.data import build_demo
    from sgo_model.demo.dates import workday
    from sgo_model.demo.movement import NEIGHBOUR, NEIGHBOUR_FULL_NAME
    from sgo_model.demo.stage import stage_setup, stage_signature
    from sgo_model.domain.roles import Role
    from sgo_model.intake.pipeline import IntakeOptions
    from sgo_model.intake.publishing import publish_pending, triggered
    from sgo_model.office.site import Site
    from sgo_model.setup.service import init_site
    from sgo_model.transfers.outgoing import TRANSFER_BAG
    from sgo_model.transfers.service import accept_transfer

    site = ctx.settings.site
    with ctx.uow(read_only=True) as uow:
        head = next(u.login for u in uow.staff.users() if u.role is Role.HEAD)
        withdrawals = [o for o in uow.orders.all(("withdraw",)) if not o.signed]
        leaving = [
            order
            for order in withdrawals
            if any(line.destination == NEIGHBOUR for line in uow.movement.order_lines(order.id))
        ]
    for order in leaving:
        stage_signature(site, head, order.number, order.order_date)
    if leaving:
        console.print(f"The head signs the withdrawal to {NEIGHBOUR}…")
        _intake(where, day, summary)
    with ctx.uow(read_only=True) as uow:
        bags = [d for d in uow.documents.list(TRANSFER_BAG) if NEIGHBOUR in d.title]
    if not bags:
        console.print(f"  no child is withdrawn to {NEIGHBOUR}: no transfer")
        return
    bag = Path(bags[0].path)
    console.print(f"  transfer bag: {bag}")

    neighbour = build_demo(seed + 1)
    neighbour = replace(neighbour, institution=NEIGHBOUR_FULL_NAME, short_name=NEIGHBOUR)
    home = ctx.settings.home / NEIGHBOUR_HOME
    other = Settings(home, Site(home).default_database_url, ctx.settings.templates)
    store = Store(other.database_url)
    try:
        store.migrate()
        init_site(other.site, store.uow(), neighbour.institution, neighbour.year)
        record_act(other.site, "init", institution=neighbour.institution, year=neighbour.year,
                   admin="admin")  # fmt: skip
        stage_setup(other.site, neighbour)
        ingest_and_publish(other, store, IntakeOptions(settle_seconds=0), today=day)
        clerk = neighbour.form("pupils").login
        shutil.copy(bag, other.site.user_inbox(clerk) / bag.name)
        result, _ = ingest_and_publish(other, store, IntakeOptions(settle_seconds=0), today=day)
        (receipt,) = result.receipts
        console.print(f"{NEIGHBOUR} ({home}) takes the bag in: {receipt.verdict.label}")
        with store.uow() as uow:
            (arrival,) = uow.transfers.all()
            category = json.loads(arrival.payload)["withdrawal"]["category"]
            group = next(g.name for g in uow.groups.groups() if g.category.label == category)
            on = workday(day)
            said = accept_transfer(
                uow, arrival.id, group, on, day, triggered(publishers(), "movement")
            )
            uow.commit()
        record_act(other.site, "transfer-accept", number=arrival.id, group=group,
                   day=on.isoformat(), today=day.isoformat(), grounds=None)  # fmt: skip
        published = publish_pending(publishers(), publish_context(other, store, day))
        console.print(f"  {said}")
        for document in published.documents:
            if document.kind == "order":
                console.print(f"  {document.title}: {document.path}")
    finally:
        store.close()


def _notices(ctx: Context) -> None:
    """What the families are sent: extracts and statements, by e-mail or on paper."""
    from sgo_model.families.service import PAPER, notice_status

    with ctx.uow(read_only=True) as uow:
        notices = uow.notices.all()
    kinds = Counter(n.kind for n in notices)
    paper = sum(1 for n in notices if notice_status(n) == PAPER)
    console.print(
        f"Notices to families: {kinds['notice_extract']} extracts from orders, "
        f"{kinds['notice_attendance']} attendance statements ({ctx.settings.site.outbox}/"
        f"families); {len(notices) - paper} wait to be e-mailed (sgo outbox send, once "
        f"smtp_host is set), {paper} are for paper (no e-mail or no consent)"
    )


def _schedule(ctx: Context, where: dict[str, str], day: date, *, explain: bool) -> None:
    """Build the demo's NOD schedule with the flow and draft the orders approving it; and,
    with ``explain``, show what the solver says of a week it cannot build."""
    from flows.schedule import schedule_flow
    from sgo_model.demo.impossible import SHORT_RATE, short_of_hours
    from sgo_model.schedule.service import approve_schedule

    console.print("Building the NOD schedule (flow «Построить расписание НОД»)…")
    built = schedule_flow(**where, time_limit=SCHEDULE_SECONDS)
    console.print(f"  {built['summary']}")
    if built["built"]:
        approval = approve_schedule(ctx.uow(), day)
        record_act(ctx.settings.site, "schedule-approve", day=day.isoformat())
        numbers = ", ".join(f"№ {o.number} «{o.title}»" for o in approval.orders)
        console.print(f"  Drafted for the head's signature: {numbers}")
    if not explain:
        return
    impossible = short_of_hours(ctx.uow())
    if impossible is not None and impossible.conflicts:
        console.print(
            f"Had the music director {str(SHORT_RATE).replace('.', ',')} of a rate, the week "
            "could not be built; the solver explains:"
        )
        for conflict in impossible.conflicts:
            console.print(f"  {conflict.message}")


def _monitoring(where: dict[str, str], years: list[str]) -> None:
    """The monitoring report of every year the demo has diagnostics for, with the flow."""
    from flows.monitoring import monitoring_flow

    for year in years:
        console.print(f"Monitoring report {year} (flow «Мониторинг качества образования»)…")
        result = monitoring_flow(**where, year=year)
        if not result["written"]:
            console.print(f"  {result['reason']}")
            continue
        shares = result["shares"]["institution"]
        for area, periods in shares.items():
            formed = ", ".join(
                f"{period}: {levels['formed']['percent']} %" for period, levels in periods.items()
            )
            console.print(f"  {area}: formed {formed}")
        console.print(f"  {result['note']}")


AUTHORITY_HOME = "Управление образования"
NEIGHBOUR_HOME = "Соседний детский сад"
"""The folder of the second generated kindergarten, which a demo child is transferred to."""
"""The demo's education authority: a site of its own beside the kindergarten's folders."""


def _authority(ctx: Context, where: dict[str, str], day: date, seed: int) -> None:
    """The kindergarten's 85-К package sent to the town's education authority, which
    consolidates it with the packages of a few kindergartens next door."""
    import json

    from flows.authority import authority_aggregate_flow, authority_package_flow
    from sgo_model.authority.kinds import ReportKind, template_data
    from sgo_model.demo.authority import neighbour_report, neighbours, send_neighbour_package

    authority = ctx.settings.home / AUTHORITY_HOME
    inbox = authority / "Входящие"
    period = str(day.year)
    console.print(f"Form 85-К for {period} (flow «Отчёт в орган управления образованием»)…")
    sent = authority_package_flow(
        **where,
        kind=ReportKind.FORM_85K.value,
        period=period,
        preliminary=True,
        send=True,
        today=day,
    )
    console.print(f"  {sent['bag'] if sent['prepared'] else sent['reason']}")
    template = template_data(ctx.settings.templates, ReportKind.FORM_85K)
    own = json.loads((Path(str(sent["bag"])) / "data" / "figures.json").read_text("utf-8"))
    working_days = int(own["figures"]["2.3"]["05"]["3"])
    made = datetime.combine(day, datetime.min.time()).astimezone()
    others = neighbours(5, seed)
    for neighbour in others[:4]:
        report = neighbour_report(
            neighbour, template, period, day, working_days, seed, list(own["gaps"][:1])
        )
        bag = send_neighbour_package(report, inbox, made)
    # A copy of the last package damaged on the way (one digit changed), and a kindergarten
    # that has sent nothing yet.
    damaged = bag.with_name(bag.name + " (копия)")
    shutil.copytree(bag, damaged)
    figures = damaged / "data" / "figures.json"
    data = bytearray(figures.read_bytes())
    digit = data.index(b'"701"') + data[data.index(b'"701"') :].index(b'"3": ') + 5
    data[digit] = ord("9") if data[digit] != ord("9") else ord("8")
    figures.write_bytes(bytes(data))
    (inbox / others[4].institution.inn).mkdir(exist_ok=True)
    console.print(f"The authority consolidates {period} (flow «Свод отчётов учреждений»)…")
    summary = authority_aggregate_flow(inbox=str(inbox), period=period, home=str(authority))
    if summary["written"]:
        console.print(f"  accepted: {len(summary['accepted'])}, refused: {summary['refused']}")
        console.print(f"  not sent: {', '.join(summary['missing'])}")
        console.print(f"  {summary['summary']}")
    else:
        console.print(f"  {summary['reason']}")


def _report(ctx: Context, summary: Counter[str], today: date) -> None:
    from sgo_model.status import site_status
    from sgo_model.store.documents import DocumentRecord

    site = ctx.settings.site
    console.print(
        f"Files: {summary['files']}, accepted: {summary['accepted']}, "
        f"rejected: {summary['rejected']}"
    )
    console.print("Receipts:")
    for folder in sorted(site.inbox.glob("*/accepted")) + sorted(site.inbox.glob("*/rejected")):
        console.print(f"  {folder}")
    with ctx.uow() as uow:
        documents = uow.documents.list()
    console.print(f"Documents ({len(documents)}, under {site.documents}):")
    by_kind: dict[str, list[DocumentRecord]] = {}
    for doc in documents:
        by_kind.setdefault(doc.kind, []).append(doc)
    for kind, docs in sorted(by_kind.items()):
        if len(docs) == 1:
            console.print(f"  {docs[0].title}: {docs[0].path}")
            continue
        signed = sum(d.status == "registered" for d in docs)
        state = f", {signed} signed" if kind == "order" else ""
        folder = (
            Path(docs[0].path).parent.parent if kind == "timesheet" else Path(docs[0].path).parent
        )
        console.print(f"  {len(docs)} × {kind}{state}: {folder}")
    state = site_status(ctx.uow(), today)
    console.print(
        f"Store: {state['pupils']} pupils, {state['groups']} groups, "
        f"{state['employees']} employees, {state['users']} users"
    )
