"""The reader registry: what each capability recognises in the inbox and how it applies it.

Intake knows no capability by name. A capability registers readers (a file it recognises,
e.g. an attendance sheet or an order's scan) and form families (workbook forms found by
their header row, e.g. the set-up forms); the registry screens a file, picks the reader,
and turns every reason to refuse it into a :class:`Refused` with a Russian message.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, Protocol, TypeVar

from sgo_model.domain.errors import DomainError
from sgo_model.domain.problems import Problem
from sgo_model.domain.roles import SETUP_ORDER, FormKind, Role, ensure_may_submit
from sgo_model.forms.reader import ParsedForm, UnknownForm, read_form
from sgo_model.forms.spec import FormSpec
from sgo_model.intake.outcome import Outcome
from sgo_model.intake.source import Source
from sgo_model.office.safety import Limits, UnacceptableFile, check_docx, check_xlsx
from sgo_model.store.uow import SqlUnitOfWork

_EXTENSION_REASONS = {
    ".xls": "Файл в старом формате Excel 97–2003 (.xls); сохраните его как «Книга Excel (*.xlsx)»",
    ".xlsm": "Книга с макросами (.xlsm) не принимается; сохраните её как «Книга Excel (*.xlsx)»",
    ".xlsb": "Двоичная книга Excel (.xlsb) не принимается; сохраните её как .xlsx",
    ".csv": "Файл CSV не принимается; заполните бланк формы в Excel (.xlsx)",
}
_SCREENS: dict[str, Callable[[bytes, Limits], None]] = {".xlsx": check_xlsx, ".docx": check_docx}


@dataclass(frozen=True)
class Submitter:
    """Who sent the file."""

    login: str
    role: Role


class Content(Protocol):
    """A file's content, read and validated, ready to apply."""

    @property
    def title(self) -> str:
        """What the receipt calls it."""

    @property
    def kind(self) -> str | None:
        """The form kind recorded with the submission (``None`` when it has none)."""

    @property
    def rank(self) -> int:
        """Place in a pass's apply order (staff before groups before pupils …)."""

    @property
    def rows(self) -> int:
        """Rows read."""

    @property
    def sheet(self) -> str | None:
        """Where in the file its data was."""

    @property
    def problems(self) -> list[Problem]:
        """Problems found while reading."""

    def check_rights(self, submitter: Submitter) -> None:
        """Raise :class:`DomainError` if the submitter may not send this."""

    def apply(
        self, uow: SqlUnitOfWork, submission_id: int, submitter: Submitter, today: date
    ) -> Outcome:
        """Apply to the store inside the file's transaction (the caller commits)."""


class Reader(Protocol):
    """A kind of file a capability takes from the inbox."""

    def recognises(self, source: Source) -> bool:
        """Whether the file is this reader's (cheap: its name, its declared metadata)."""

    def read(self, source: Source, today: date) -> Content:
        """Read and validate the file as of ``today`` (no store access)."""


ApplyForm = Callable[[ParsedForm, SqlUnitOfWork, int, date], Outcome]
"""How a capability applies a parsed form: (form, unit of work, submission id, today)."""


@dataclass(frozen=True)
class FormFamily:
    """Workbook forms a capability owns, found by their header row, and how it applies them."""

    specs: Sequence[FormSpec]
    apply: ApplyForm


@dataclass
class FilledForm:
    """A form read and validated (a workbook, or a Word application), ready to apply."""

    form: ParsedForm
    applier: ApplyForm

    @property
    def kind(self) -> str:
        return self.form.spec.kind.value

    @property
    def title(self) -> str:
        return self.form.spec.title

    @property
    def rank(self) -> int:
        return SETUP_ORDER.index(self.form.spec.kind)

    @property
    def rows(self) -> int:
        return self.form.rows

    @property
    def sheet(self) -> str | None:
        return self.form.sheet

    @property
    def problems(self) -> list[Problem]:
        return self.form.problems

    def check_rights(self, submitter: Submitter) -> None:
        ensure_may_submit(submitter.role, self.form.spec.kind, submitter.login)

    def apply(
        self, uow: SqlUnitOfWork, submission_id: int, submitter: Submitter, today: date
    ) -> Outcome:
        # Valid rows are applied even when others are bad (then rolled back), so the
        # receipt lists reference errors (unknown group, duplicate) alongside cell errors.
        return self.applier(self.form, uow, submission_id, today)


class SheetData(Protocol):
    """What a capability reads from a sheet of its own (a group's month, a group's period)."""

    @property
    def sheet(self) -> str:
        """The sheet's name."""

    @property
    def rows(self) -> Sequence[object]:
        """The rows read."""

    @property
    def problems(self) -> list[Problem]:
        """Problems found while reading."""


D = TypeVar("D", bound=SheetData)

ApplySheet = Callable[[D, SqlUnitOfWork, int, str, Role, date], Outcome]
"""How a capability applies its sheet: (data, unit of work, submission id, login, role, today)."""


@dataclass
class FilledSheet(Generic[D]):
    """A capability's own sheet (found by its hidden metadata), read and ready to apply."""

    form: FormKind
    title: str
    data: D
    applier: ApplySheet[D]

    @property
    def kind(self) -> str:
        return self.form.value

    @property
    def rank(self) -> int:
        return SETUP_ORDER.index(self.form)

    @property
    def rows(self) -> int:
        return len(self.data.rows)

    @property
    def sheet(self) -> str | None:
        return self.data.sheet

    @property
    def problems(self) -> list[Problem]:
        return self.data.problems

    def check_rights(self, submitter: Submitter) -> None:
        ensure_may_submit(submitter.role, self.form, submitter.login)

    def apply(
        self, uow: SqlUnitOfWork, submission_id: int, submitter: Submitter, today: date
    ) -> Outcome:
        return self.applier(self.data, uow, submission_id, submitter.login, submitter.role, today)


class Refused(Exception):
    """The file cannot be applied; ``reason`` and ``problems`` go into its receipt."""

    def __init__(self, reason: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.problems = list(problems)


@dataclass
class ReaderRegistry:
    """Every reader and form family the capabilities registered, in registration order."""

    readers: list[Reader] = field(default_factory=list)
    families: list[FormFamily] = field(default_factory=list)

    def add(self, reader: Reader) -> None:
        """Register a reader."""
        self.readers.append(reader)

    def add_forms(self, family: FormFamily) -> None:
        """Register a family of workbook forms found by their headers."""
        self.families.append(family)

    @property
    def specs(self) -> list[FormSpec]:
        """Every registered workbook form."""
        return [spec for family in self.families for spec in family.specs]

    def read(self, source: Source, limits: Limits, today: date) -> Content:
        """Screen the file and read it, as of ``today``, with the reader it belongs to;
        :class:`Refused` if none."""
        try:
            screen = _SCREENS.get(source.suffix)
            if screen is not None:
                screen(source.data, limits)
            for reader in self.readers:
                if reader.recognises(source):
                    return reader.read(source, today)
            if source.suffix == ".xlsx":
                return self._read_form(source, today)
        except UnacceptableFile as error:
            raise Refused(str(error)) from None
        except UnknownForm as error:
            raise Refused(str(error), error.problems) from None
        except DomainError as error:
            raise Refused(error.message) from None
        raise Refused(
            _EXTENSION_REASONS.get(
                source.suffix,
                f"Файлы «{source.suffix or 'без расширения'}» не принимаются: ожидается книга "
                "Excel (.xlsx) по бланку формы, заявление (.docx) или скан приказа (PDF)",
            )
        )

    def _read_form(self, source: Source, today: date) -> Content:
        form = read_form(source.workbook, self.specs, today=today)
        for family in self.families:
            if form.spec in family.specs:
                return FilledForm(form, family.apply)
        raise AssertionError(f"no family owns {form.spec.kind}")  # pragma: no cover
