"""The ``sgo`` command line (service commands; Prefect-backed ones are added in ``flows.cli``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from sgo_model.domain.attendance import month_start
from sgo_model.domain.errors import DomainError
from sgo_model.domain.roles import Role
from sgo_model.domain.settings import InstitutionSettings, check_setting
from sgo_model.forms.blanks import write_all_blanks
from sgo_model.services import inbox
from sgo_model.services.attendance_documents import prepare_blanks, render_timesheets
from sgo_model.services.forms import form_lists
from sgo_model.services.intake import IntakeOptions, PassResult, ingest_pass
from sgo_model.services.publishing import refresh_documents
from sgo_model.services.receipts import Receipt, Verdict
from sgo_model.services.reports import write_attendance_report
from sgo_model.services.setup import add_user, init_site, set_day, working_calendar
from sgo_model.services.status import site_status
from sgo_model.settings import Settings, load_settings
from sgo_model.store.attendance import month_end
from sgo_model.store.engine import is_initialised, make_engine, migrate
from sgo_model.store.uow import SqlUnitOfWork

app = typer.Typer(
    name="sgo",
    help="sgo: a document workflow engine for kindergartens, driven from a shared inbox.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
users_app = typer.Typer(help="User accounts (logins are inbox folder names).", no_args_is_help=True)
documents_app = typer.Typer(help="Generated documents.", no_args_is_help=True)
calendar_app = typer.Typer(help="The working calendar.", no_args_is_help=True)
forms_app = typer.Typer(help="Blank forms to fill in and drop into the inbox.")
report_app = typer.Typer(
    help="Reports: timesheets and attendance indicators.", no_args_is_help=True
)
settings_app = typer.Typer(
    help="Institution settings: letterhead, signatory, order registers.", no_args_is_help=True
)
app.add_typer(users_app, name="users")
app.add_typer(documents_app, name="documents")
app.add_typer(calendar_app, name="calendar")
app.add_typer(settings_app, name="settings")
app.add_typer(forms_app, name="forms")
app.add_typer(report_app, name="report")

console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)

HomeOption = Annotated[
    Path | None,
    typer.Option("--home", help="Site folder (default: $SGO_HOME or the current directory)."),
]


class SiteNotInitialised(Exception):
    """The site has no store yet."""


class Context:
    """What every command needs: settings, the engine, a unit-of-work factory."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._engine: Engine | None = None
        self._migrated = False

    @property
    def engine(self) -> Engine:
        """The store's engine, migrated to the newest schema."""
        if self._engine is None:
            self._engine = make_engine(self.settings.database_url)
        if not self._migrated:
            migrate(self._engine)
            self._migrated = True
        return self._engine

    def uow(self) -> SqlUnitOfWork:
        """A new unit of work."""
        return SqlUnitOfWork(self.engine)

    def is_initialised(self) -> bool:
        """Whether ``sgo init`` has run on this site's store (creates nothing)."""
        if self._engine is None:
            self._engine = make_engine(self.settings.database_url)
        if not is_initialised(self._engine):
            return False
        with self.uow() as uow:
            return uow.institution.get() is not None

    def require_initialised(self) -> None:
        """Refuse to work on a site nobody ran ``sgo init`` on."""
        if not self.is_initialised():
            raise SiteNotInitialised(
                f"the site at {self.settings.home} is not initialised; run `sgo init` first"
            )

    def close(self) -> None:
        """Release database connections."""
        if self._engine is not None:
            self._engine.dispose()


@contextmanager
def open_context(home: Path | None) -> Iterator[Context]:
    """The command's context; expected errors become one line instead of a traceback."""
    ctx = Context(load_settings(home))
    try:
        yield ctx
    except DomainError as error:
        errors.print(f"[red]Ошибка:[/red] {error.message}")
        raise typer.Exit(1) from None
    except SiteNotInitialised as error:
        errors.print(f"[red]Error:[/red] {error}")
        raise typer.Exit(2) from None
    except OperationalError as error:
        errors.print(f"[red]Cannot use the database:[/red] {error.orig}")
        raise typer.Exit(2) from None
    finally:
        ctx.close()


@app.command()
def init(
    institution: Annotated[str, typer.Option(help="Full name of the institution.")],
    year: Annotated[str, typer.Option(help="Academic year, e.g. 2026/2027.")],
    admin: Annotated[str, typer.Option(help="Login of the administrator.")] = "admin",
    home: HomeOption = None,
) -> None:
    """Create the site: store, folders, academic year, calendar, SanPiN limits, admin account."""
    with open_context(home) as ctx:
        result = init_site(ctx.settings.site, ctx.uow(), institution, year, admin)
    console.print(f"Site ready at [bold]{ctx.settings.home}[/bold]")
    console.print(f"Institution: {result.institution}; academic year {result.year.label}")
    state = "created" if result.admin_created else "already existed"
    console.print(
        f"Administrator '{result.admin}' {state}; drop the staff list into "
        f"{ctx.settings.site.user_inbox(result.admin)}"
    )


@forms_app.callback(invoke_without_command=True)
def forms(
    typer_context: typer.Context,
    out: Annotated[
        Path | None, typer.Option(help="Folder to write the blank set-up forms into.")
    ] = None,
    home: HomeOption = None,
) -> None:
    """Write blank intake forms, with drop-down lists of what the store already knows."""
    if typer_context.invoked_subcommand is not None:
        return
    if out is None:
        raise typer.BadParameter("give --out DIR (or a subcommand, e.g. `forms attendance`)")
    with open_context(home) as ctx:
        lists = form_lists(ctx.uow()) if ctx.is_initialised() else None
        paths = write_all_blanks(out, lists) if lists else write_all_blanks(out)
    for path in paths:
        console.print(str(path))


@forms_app.command("attendance")
def forms_attendance(
    month: Annotated[str, typer.Option(help="Month as YYYY-MM.")],
    out: Annotated[
        Path | None,
        typer.Option(help="Folder for the sheets (default: each teacher's inbox/<login>/бланки)."),
    ] = None,
    home: HomeOption = None,
) -> None:
    """Write each group's attendance sheet for a month, pre-filled with its pupils."""
    with open_context(home) as ctx:
        ctx.require_initialised()
        first = month_start(month)
        site = None if out else ctx.settings.site
        paths = prepare_blanks(ctx.uow, first, out, site)
    for path in paths:
        console.print(str(path))


@users_app.command("add")
def users_add(
    login: Annotated[str, typer.Argument(help="Login (lower-case Latin).")],
    role: Annotated[str, typer.Option(help="Role: " + ", ".join(r.value for r in Role))],
    home: HomeOption = None,
) -> None:
    """Create or change a user account."""
    with open_context(home) as ctx:
        ctx.require_initialised()
        created = add_user(ctx.settings.site, ctx.uow(), login, Role.parse(role))
    console.print(f"User '{login}' {'created' if created else 'updated'}")


@users_app.command("list")
def users_list(home: HomeOption = None) -> None:
    """List user accounts."""
    with open_context(home) as ctx:
        ctx.require_initialised()
        with ctx.uow() as uow:
            accounts = uow.staff.users()
            groups = {u.login: uow.staff.led_groups(u.login) for u in accounts}
    table = Table("login", "role", "groups", "active")
    for user in accounts:
        table.add_row(user.login, user.role.value, ", ".join(groups[user.login]), str(user.active))
    console.print(table)


@calendar_app.command("set")
def calendar_set(
    day: Annotated[datetime, typer.Argument(formats=["%Y-%m-%d", "%d.%m.%Y"])],
    reason: Annotated[str, typer.Option(help="Why (shown in documents).")],
    working: Annotated[bool, typer.Option("--working/--closed")] = False,
    home: HomeOption = None,
) -> None:
    """Mark a day as closed (summer closure, repair) or working, overriding the calendar."""
    with open_context(home) as ctx:
        ctx.require_initialised()
        set_day(ctx.uow(), day.date(), working, reason)
    console.print(f"{day:%d.%m.%Y}: {'working' if working else 'closed'} ({reason})")


@calendar_app.command("show")
def calendar_show(
    month: Annotated[str, typer.Option(help="Month as YYYY-MM.")],
    home: HomeOption = None,
) -> None:
    """Show the working days of a month."""
    with open_context(home) as ctx:
        ctx.require_initialised()
        calendar = working_calendar(ctx.uow())
    year, number = (int(p) for p in month.split("-"))
    first = date(year, number, 1)
    last = date(year + number // 12, number % 12 + 1, 1).toordinal() - 1
    table = Table("date", "working", "why not")
    count = 0
    for ordinal in range(first.toordinal(), last + 1):
        day = date.fromordinal(ordinal)
        why = calendar.why_closed(day)
        count += why is None
        table.add_row(f"{day:%d.%m.%Y %a}", "yes" if why is None else "", why or "")
    console.print(table)
    console.print(f"{count} working days")


@settings_app.command("show")
def settings_show(home: HomeOption = None) -> None:
    """Show the institution settings."""
    with open_context(home) as ctx:
        ctx.require_initialised()
        with ctx.uow() as uow:
            current = uow.settings.load()
    table = Table("key", "value")
    for key in InstitutionSettings.names():
        table.add_row(key, str(getattr(current, key)))
    console.print(table)


@settings_app.command("set")
def settings_set(
    key: Annotated[str, typer.Argument(help=", ".join(InstitutionSettings.names()))],
    value: Annotated[str, typer.Argument(help="New value.")],
    home: HomeOption = None,
) -> None:
    """Change an institution setting (e.g. `sgo settings set place "г. Энск"`)."""
    with open_context(home) as ctx:
        ctx.require_initialised()
        checked = check_setting(key, value)
        with ctx.uow() as uow:
            uow.settings.set(key, checked)
            uow.commit()
    console.print(f"{key} = {checked}")


def _day_or_month(text: str, *, end: bool) -> date:
    """``2026-10`` (a whole month) or ``2026-10-15`` / ``15.10.2026`` (a day)."""
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    first = month_start(text)
    return month_end(first) if end else first


@report_app.command("timesheet")
def report_timesheet(
    group: Annotated[str, typer.Option(help="Group name.")],
    month: Annotated[str, typer.Option(help="Month as YYYY-MM.")],
    home: HomeOption = None,
) -> None:
    """Render the timesheet 0504608 of a group for a month (from its current sheet)."""
    with open_context(home) as ctx:
        ctx.require_initialised()
        first = month_start(month)
        with ctx.uow() as uow:
            found = [g for g in uow.groups.groups() if g.name.lower() == group.strip().lower()]
            submitted = found and uow.attendance.current(found[0].id, first)
        if not found:
            raise DomainError(f"Группа «{group}» не найдена")
        if not submitted:
            raise DomainError(f"Лист посещаемости группы «{group}» за {month} не сдан")
        records = render_timesheets(ctx.settings.site, ctx.uow, only={(found[0].id, first)})
    for record in records:
        console.print(f"{record.title}: {record.path}")


@report_app.command("attendance")
def report_attendance(
    first: Annotated[str, typer.Option("--from", help="First month (YYYY-MM) or day.")],
    last: Annotated[str, typer.Option("--to", help="Last month (YYYY-MM) or day.")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    home: HomeOption = None,
) -> None:
    """Attendance indicators per group and institution, written as xlsx with a chart."""
    with open_context(home) as ctx:
        ctx.require_initialised()
        indicators, path = write_attendance_report(
            ctx.settings.site,
            ctx.uow,
            _day_or_month(first, end=False),
            _day_or_month(last, end=True),
        )
    if as_json:
        payload = {
            "path": str(path),
            "rows": [row.__dict__ for row in indicators.rows],
            "monthly": indicators.monthly,
            "missing": [{"group": g, "month": f"{m:%Y-%m}"} for g, m in indicators.missing],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("group", "avg list", "working days", "attended", "missed", "illness", "%")
    for row in indicators.rows:
        table.add_row(
            row.scope,
            f"{row.average_headcount:.1f}",
            str(row.working_days),
            str(row.attended),
            str(row.missed),
            str(row.missed_illness),
            f"{row.attendance_percent:.1f}",
        )
    console.print(table)
    for group_name, month in indicators.missing:
        console.print(f"[yellow]not submitted:[/] {group_name} {month:%Y-%m}")
    console.print(f"Written: {path}")


def _progress_reporter(progress: Progress, task: TaskID) -> Callable[[Receipt], None]:
    def report(receipt: Receipt) -> None:
        progress.update(task, advance=1, description=receipt.file_name[:40])

    return report


def print_pass(result: PassResult) -> None:
    """Summary table of a pass."""
    if not result.receipts:
        console.print("No files ready in the inbox.")
        return
    table = Table("login", "file", "form", "result", "details")
    style = {Verdict.ACCEPTED: "green", Verdict.REJECTED: "red", Verdict.DUPLICATE: "yellow"}
    for r in result.receipts:
        details = (
            f"{r.rows} rows, +{r.created} ~{r.updated}"
            if r.verdict is Verdict.ACCEPTED
            else (f"{len(r.errors)} errors" if r.errors else (r.reason or ""))
        )
        table.add_row(
            r.login,
            r.file_name,
            r.form or "",
            f"[{style[r.verdict]}]{r.verdict.value}[/]",
            details[:80],
        )
    console.print(table)


def run_ingest_pass(ctx: Context, options: IntakeOptions) -> PassResult:
    """One pass with a progress bar; documents are refreshed when set-up data changed."""
    site = ctx.settings.site
    total = len(inbox.ready(inbox.candidates(site), options.settle_seconds))
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True, disable=total < 2) as progress:
        task = progress.add_task("intake", total=total)
        result = ingest_pass(
            site,
            ctx.uow,
            options,
            on_file=_progress_reporter(progress, task),
        )
    if result.accepted:
        refresh_documents(site, ctx.uow, ctx.settings.templates)
    return result


@app.command()
def ingest(
    strict: Annotated[bool, typer.Option(help="Exit 1 if any file was rejected.")] = False,
    settle: Annotated[float, typer.Option(help="Seconds a file must be unchanged.")] = 3.0,
    claim_ttl: Annotated[
        float, typer.Option(help="Seconds after which a dead worker's claim on a file expires.")
    ] = 600.0,
    home: HomeOption = None,
) -> None:
    """One pass over the inbox: apply every ready file or reject it, with receipts."""
    with open_context(home) as ctx:
        ctx.require_initialised()
        result = run_ingest_pass(
            ctx, IntakeOptions(settle_seconds=settle, claim_ttl_seconds=claim_ttl)
        )
    print_pass(result)
    if strict and result.rejected:
        raise typer.Exit(1)


@app.command()
def status(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    home: HomeOption = None,
) -> None:
    """Counts of pupils, groups, employees, users, submissions and documents."""
    with open_context(home) as ctx:
        ctx.require_initialised()
        state = site_status(ctx.uow())
    if as_json:
        sys.stdout.write(json.dumps(state, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("what", "value")
    gaps: list[dict[str, str]] = []
    for key, value in state.items():
        if isinstance(value, dict):
            for sub, count in value.items():
                table.add_row(f"{key}: {sub}", str(count))
        elif isinstance(value, list):
            gaps = value
        else:
            table.add_row(key, str(value))
    console.print(table)
    if gaps:
        missing = Table("group", "month", "attendance sheet", "due")
        for gap in gaps:
            missing.add_row(gap["group"], gap["month"], gap["state"], gap["due"])
        console.print(missing)


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


def main() -> None:
    """Entry point of ``sgo`` without Prefect commands."""
    app()
