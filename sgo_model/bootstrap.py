"""The composition root: settings, the store, and every capability's readers and publishers.

Only entry points (the CLI, the flows) call it. Nothing heavy is imported at import time:
``sgo --help`` must not pay for SQLAlchemy, openpyxl or python-docx.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sgo_model.office.municipality import Municipality, schema_of
from sgo_model.office.site import Site

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from sgo_model.domain.roles import FormKind
    from sgo_model.forms.spec import FormSpec
    from sgo_model.intake.pipeline import Intake, IntakeOptions, PassResult
    from sgo_model.intake.publishing import PublishContext, Published, Publisher
    from sgo_model.intake.receipts import Receipt
    from sgo_model.intake.registry import ReaderRegistry
    from sgo_model.store.uow import SqlUnitOfWork

REPOSITORY_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class Settings:
    """Where the site lives, which database holds the store, where the templates are."""

    home: Path
    database_url: str
    templates: Path

    @property
    def site(self) -> Site:
        """The site layout."""
        return Site(self.home)


def load_settings(home: Path | None = None, database_url: str | None = None) -> Settings:
    """Settings from arguments, then ``SGO_HOME``/``SGO_DATABASE_URL``/``SGO_TEMPLATES``; a
    site of a municipality takes the municipality's store (``SGO_DATABASE_URL`` then gives it
    with its password), in the site's own schema."""
    root = (home or Path(os.environ.get("SGO_HOME") or Path.cwd())).resolve()
    municipality = Municipality.of_site(root)
    shared = municipality.database_url if municipality else ""
    url = database_url or os.environ.get("SGO_DATABASE_URL") or shared
    if not url:
        url = Site(root).default_database_url
    elif municipality and not url.startswith("sqlite"):
        url = _institution_store(url, root.name)
    site_templates = root / "templates"
    default = site_templates if (site_templates / "documents").is_dir() else REPOSITORY_TEMPLATES
    templates = Path(os.environ.get("SGO_TEMPLATES") or default)
    return Settings(root, url, templates)


def _institution_store(url: str, code: str) -> str:
    """A municipal site's own schema of the shared PostgreSQL store (kept if ``url`` names
    one already, as a run's frozen parameter does)."""
    from sgo_model.store.engine import schema_in, with_schema

    return url if schema_in(url) else with_schema(url, schema_of(code))


def readers() -> ReaderRegistry:
    """Every capability's readers, in the order intake consults them."""
    from sgo_model.attendance import readers as attendance
    from sgo_model.diagnostics import readers as diagnostics
    from sgo_model.intake.registry import ReaderRegistry
    from sgo_model.movement import readers as movement
    from sgo_model.schedule import readers as schedule
    from sgo_model.setup import readers as setup
    from sgo_model.transfers import readers as transfers

    registry = ReaderRegistry()
    for capability in (setup, movement, attendance, schedule, diagnostics, transfers):
        capability.register(registry)
    return registry


def publishers() -> tuple[Publisher, ...]:
    """Every capability's publishers, in the order documents are refreshed."""
    from sgo_model.attendance.publish import PUBLISHERS as ATTENDANCE
    from sgo_model.diagnostics.watch import PUBLISHERS as DIAGNOSTICS
    from sgo_model.families.publish import PUBLISHERS as FAMILIES
    from sgo_model.movement.publish import PUBLISHERS as MOVEMENT
    from sgo_model.schedule.publish import PUBLISHERS as SCHEDULE
    from sgo_model.setup.publish import PUBLISHERS as SETUP
    from sgo_model.transfers.publish import PUBLISHERS as TRANSFERS

    return (*SETUP, *MOVEMENT, *ATTENDANCE, *SCHEDULE, *DIAGNOSTICS, *FAMILIES, *TRANSFERS)


def form_specs() -> list[FormSpec]:
    """Every workbook form of every capability, in set-up order."""
    return readers().specs


def spec_of(kind: FormKind) -> FormSpec:
    """The workbook form of a kind."""
    return next(spec for spec in form_specs() if spec.kind is kind)


def write_all_blanks(
    out: Path,
    lists: Mapping[str, Sequence[str]] | None = None,
    rows: Mapping[FormKind, Sequence[Mapping[str, object]]] | None = None,
) -> list[Path]:
    """The blank of every form (those in ``rows`` pre-filled), and the parent's Word
    application."""
    from sgo_model.forms.blanks import write_blanks
    from sgo_model.movement.forms.application import APPLICATION_BLANK, write_application_blank

    paths = write_blanks(out, form_specs(), lists, rows)
    paths.append(write_application_blank(out / APPLICATION_BLANK))
    return paths


class Store:
    """The store of a site: its engine and units of work (the engine is built on first use)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine."""
        if self._engine is None:
            from sgo_model.store.engine import make_engine

            self._engine = make_engine(self.url)
        return self._engine

    def uow(self, *, read_only: bool = False) -> SqlUnitOfWork:
        """A new unit of work (``read_only`` takes no write lock)."""
        from sgo_model.store.uow import SqlUnitOfWork

        return SqlUnitOfWork(self.engine, read_only=read_only)

    def migrate(self) -> None:
        """Bring the schema to the newest migration (``sgo init``, ``sgo migrate``, serve)."""
        from sgo_model.store.engine import migrate

        migrate(self.engine)

    def check(self) -> None:
        """Refuse a store whose schema is not the code's (``SchemaMismatch`` names the fix)."""
        from sgo_model.store.engine import check_schema

        check_schema(self.engine)

    def close(self) -> None:
        """Release the connections."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


def intake(
    settings: Settings,
    store: Store,
    options: IntakeOptions | None = None,
    today: date | None = None,
) -> Intake:
    """The intake of a site, with every capability's readers and publishers; ``today`` fixes
    the day it takes for today (default: the clock's)."""
    from sgo_model.intake.pipeline import Intake, IntakeOptions

    clock = date.today if today is None else lambda: today
    return Intake(
        settings.site, store.uow, readers(), publishers(), options or IntakeOptions(), clock
    )


def publish_context(settings: Settings, store: Store, today: date | None = None) -> PublishContext:
    """What publishers need to regenerate a site's documents."""
    from sgo_model.intake.publishing import PublishContext

    return PublishContext(settings.site, store.uow, settings.templates, today or date.today())


def ingest_and_publish(
    settings: Settings,
    store: Store,
    options: IntakeOptions | None = None,
    *,
    on_file: Callable[[Receipt], None] | None = None,
    today: date | None = None,
) -> tuple[PassResult, Published]:
    """What ``sgo ingest`` and the intake flow do: finish what a killed run left, take a pass
    over the inbox, regenerate the documents it changed (as of ``today``, default the clock's)."""
    from sgo_model.intake.pipeline import ingest_pass
    from sgo_model.intake.publishing import publish_pending, settle_interrupted

    settle_interrupted(settings.site, store.uow)
    work = intake(settings, store, options, today)
    result = ingest_pass(work, on_file=on_file)
    if result.receipts:
        from sgo_model.office.memory import release_memory

        release_memory()
    published = publish_pending(work.publishers, publish_context(settings, store, today))
    return result, published
