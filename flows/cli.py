"""The full ``sgo`` command line: the service commands plus those that run Prefect flows."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from flows.environment import quiet_prefect
from sgo_model.cli.app import Context, HomeOption, app, console, open_context


@app.command()
def demo(
    home: Annotated[
        Path, typer.Option("--home", help="Folder for the demo site (created).")
    ] = Path("demo-site"),
    seed: Annotated[int, typer.Option(help="Seed of the fictional data.")] = 2026,
    today: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            help="Build the demo as of this day (attendance up to it, documents dated it).",
        ),
    ] = None,
) -> None:
    """Create a fictional kindergarten, drop its filled forms into the inbox, run the flow."""
    from sgo_model.demo.attendance import stage_attendance
    from sgo_model.demo.diagnostics import diagnostics_to_stage, stage_diagnostics
    from sgo_model.demo.stage import stage_demo, stage_signatures
    from sgo_model.domain.calendar import AcademicYear
    from sgo_model.setup.service import init_site

    quiet_prefect()
    day = today.date() if today else date.today()
    with open_context(home) as ctx:
        site = ctx.settings.site
        staged = stage_demo(site, seed)
        kg = staged.kindergarten
        kg_year = AcademicYear.parse(kg.year)
        ctx.migrate()
        init_site(site, ctx.uow(), kg.institution, kg.year)
        console.print(f"Dropped {len(staged.files)} filled forms into {site.inbox}")
        console.print("Running the intake flow (a local Prefect server starts first)…")
        from flows.intake import intake_flow

        where = {"home": str(ctx.settings.home), "database_url": ctx.settings.database_url}
        summary = intake_flow(**where, settle_seconds=0, today=day)
        _schedule(ctx, where, day)
        scans = stage_signatures(site, ctx.uow())
        console.print(f"The head signs {len(scans)} orders: their scans go to the head's inbox…")
        sheets = stage_attendance(site, ctx.uow(), day)
        console.print(f"Teachers drop {len(sheets)} monthly attendance sheets…")
        diagnostics = stage_diagnostics(site, ctx.uow(), day, seed)
        console.print(f"Teachers and specialists drop {len(diagnostics)} diagnostics sheets…")
        signed = intake_flow(**where, settle_seconds=0, today=day)
        for key in ("files", "accepted", "rejected"):
            summary[key] = int(summary[key]) + int(signed[key])
        _monitoring(where, sorted({y.label for y, _ in diagnostics_to_stage(kg_year, day)}))
        _authority(ctx, where, day, seed)
        _report(ctx, summary, day)


def _schedule(ctx: Context, where: dict[str, str], day: date) -> None:
    """Build the demo's NOD schedule with the flow and draft the orders approving it; and
    show what the solver says of a week it cannot build."""
    from flows.schedule import schedule_flow
    from sgo_model.demo.impossible import SHORT_RATE, short_of_hours
    from sgo_model.schedule.service import approve_schedule

    console.print("Building the NOD schedule (flow «Построить расписание НОД»)…")
    built = schedule_flow(**where, time_limit=5.0)
    console.print(f"  {built['summary']}")
    if built["built"]:
        approval = approve_schedule(ctx.uow(), day)
        numbers = ", ".join(f"№ {o.number} «{o.title}»" for o in approval.orders)
        console.print(f"  Drafted for the head's signature: {numbers}")
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
"""The demo's education authority: a site of its own beside the kindergarten's folders."""


def _authority(ctx: Context, where: dict[str, str], day: date, seed: int) -> None:
    """The kindergarten's 85-К package sent to the town's education authority, which
    consolidates it with the packages of a few kindergartens next door."""
    import json

    from flows.authority import authority_aggregate_flow, authority_package_flow
    from sgo_model.authority.kinds import ReportKind, template_data
    from sgo_model.demo.authority import neighbour_report, neighbours, send_neighbour_package
    from sgo_model.setup.service import set_setting

    authority = ctx.settings.home / AUTHORITY_HOME
    inbox = authority / "Входящие"
    inbox.mkdir(parents=True, exist_ok=True)
    with ctx.uow() as uow:
        for key, value in (
            ("inn", "6312045678"),
            ("okpo", "41234567"),
            ("oktmo", "36701000"),
            ("address", "446100, г. Энск, ул. Парковая, д. 12"),
            ("authority_inbox", str(inbox)),
        ):
            set_setting(uow, key, value)
        uow.commit()
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


def _report(ctx: Context, summary: dict[str, object], today: date) -> None:
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


@app.command()
def serve(
    home: HomeOption = None,
    polling: Annotated[
        bool, typer.Option(help="Poll the folder instead of file-system events (network shares).")
    ] = False,
    settle: Annotated[float, typer.Option(help="Seconds a file must be unchanged.")] = 3.0,
    rescan: Annotated[float, typer.Option(help="Seconds between full rescans.")] = 60.0,
) -> None:
    """Watch the inbox and run the intake flow for every batch of ready files."""
    quiet_prefect(keep_run_logs=True)
    with open_context(home) as ctx:
        ctx.migrate()  # a long-running server migrates once, at its start
        ctx.require_initialised()
    from flows.serve.site import serve_site

    serve_site(ctx.settings, polling=polling, settle_seconds=settle, rescan_seconds=rescan)


def main() -> None:
    """Entry point of ``sgo``."""
    app()
