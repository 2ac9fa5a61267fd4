"""The ``sgo`` command line's shared parts: the apps, the consoles, the command context.

Commands import what they need inside their bodies: ``sgo --help`` loads typer and nothing
of the engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from sgo_model.bootstrap import Settings, Store, load_settings

if TYPE_CHECKING:
    from sgo_model.store.uow import SqlUnitOfWork

app = typer.Typer(
    rich_markup_mode="markdown",
    name="sgo",
    help="sgo: a document workflow engine for kindergartens, driven from a shared inbox.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
users_app = typer.Typer(help="User accounts (logins are inbox folder names).", no_args_is_help=True)
documents_app = typer.Typer(help="Generated documents.", no_args_is_help=True)
templates_app = typer.Typer(help="The document templates.", no_args_is_help=True)
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
app.add_typer(templates_app, name="templates")
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
    """What every command needs: settings and the site's store."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = Store(settings.database_url)
        self._checked = False

    def check_schema(self) -> None:
        """Refuse a store whose schema is not the code's (once per command)."""
        if not self._checked:
            self.store.check()
            self._checked = True

    def uow(self, *, read_only: bool = False) -> SqlUnitOfWork:
        """A new unit of work on a store whose schema is the code's."""
        self.check_schema()
        return self.store.uow(read_only=read_only)

    def migrate(self) -> None:
        """Bring the store's schema up to date (``init``, ``migrate``)."""
        self.store.migrate()
        self._checked = True

    def is_initialised(self) -> bool:
        """Whether ``sgo init`` has run on this site's store (creates nothing)."""
        from sgo_model.store.engine import is_initialised

        if not is_initialised(self.store.engine):
            return False
        with self.uow(read_only=True) as uow:
            return uow.institution.get() is not None

    def require_initialised(self) -> None:
        """Refuse to work on a site nobody ran ``sgo init`` on."""
        if not self.is_initialised():
            raise SiteNotInitialised(
                f"the site at {self.settings.home} is not initialised; run `sgo init` first"
            )

    def close(self) -> None:
        """Release database connections."""
        self.store.close()


@contextmanager
def open_context(home: Path | None) -> Iterator[Context]:
    """The command's context; expected errors become one line instead of a traceback."""
    from sqlalchemy.exc import OperationalError

    from sgo_model.domain.errors import DomainError
    from sgo_model.store.engine import SchemaMismatch

    ctx = Context(load_settings(home))
    try:
        yield ctx
    except DomainError as error:
        errors.print(f"[red]Ошибка:[/red] {error.message}")
        raise typer.Exit(1) from None
    except (SiteNotInitialised, SchemaMismatch) as error:
        errors.print(f"[red]Error:[/red] {error}")
        raise typer.Exit(2) from None
    except OperationalError as error:
        errors.print(f"[red]Cannot use the database:[/red] {error.orig}")
        raise typer.Exit(2) from None
    finally:
        ctx.close()
