"""The unit of work: one database transaction holding the repositories of a use case."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Connection, Engine

from sgo_model.store.attendance import AttendanceRepository
from sgo_model.store.calendar import CalendarRepository
from sgo_model.store.counters import CounterRepository
from sgo_model.store.diagnostics import DiagnosticsRepository
from sgo_model.store.documents import DocumentRepository
from sgo_model.store.engine import READ_ONLY
from sgo_model.store.groups import GroupRepository
from sgo_model.store.institution import InstitutionRepository
from sgo_model.store.movement import MovementRepository
from sgo_model.store.notices import NoticeRepository
from sgo_model.store.orders import OrderRepository
from sgo_model.store.packages import PackageRepository
from sgo_model.store.pupils import PupilRepository
from sgo_model.store.refresh import RefreshRepository
from sgo_model.store.schedule import ScheduleRepository
from sgo_model.store.settings import SettingsRepository
from sgo_model.store.staff import StaffRepository
from sgo_model.store.submissions import SubmissionRepository
from sgo_model.store.transfers import TransferRepository
from sgo_model.store.years import YearRepository


class SqlUnitOfWork:
    """``with uow: … uow.commit()``; leaving the block without commit rolls everything back."""

    def __init__(self, engine: Engine, *, read_only: bool = False) -> None:
        self.engine = engine
        self.read_only = read_only
        self._connection: Connection | None = None

    def __enter__(self) -> SqlUnitOfWork:
        connection = self.engine.connect()
        if self.read_only:
            # Read-only work takes no write lock (SQLite: BEGIN DEFERRED, see store.engine).
            connection = connection.execution_options(**{READ_ONLY: True})
        self._connection = connection
        self._connection.begin()
        connection = self._connection
        self.institution = InstitutionRepository(connection)
        self.calendar = CalendarRepository(connection)
        self.submissions = SubmissionRepository(connection)
        self.staff = StaffRepository(connection)
        self.groups = GroupRepository(connection)
        self.pupils = PupilRepository(connection)
        self.documents = DocumentRepository(connection)
        self.movement = MovementRepository(connection)
        self.orders = OrderRepository(connection)
        self.counters = CounterRepository(connection)
        self.settings = SettingsRepository(connection)
        self.attendance = AttendanceRepository(connection)
        self.refresh = RefreshRepository(connection)
        self.schedule = ScheduleRepository(connection)
        self.diagnostics = DiagnosticsRepository(connection)
        self.packages = PackageRepository(connection)
        self.notices = NoticeRepository(connection)
        self.transfers = TransferRepository(connection)
        self.years = YearRepository(connection)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection = self._connection
        self._connection = None
        if connection is None:
            return
        try:
            if connection.in_transaction():
                connection.rollback()
        finally:
            connection.close()

    @property
    def connection(self) -> Connection:
        """The open connection (only inside the ``with`` block)."""
        if self._connection is None:
            raise RuntimeError("unit of work is not open")
        return self._connection

    def commit(self) -> None:
        """Commit the transaction; the unit of work may go on with a new one."""
        if self.read_only:
            raise RuntimeError("a read-only unit of work cannot commit")
        self.connection.commit()
        self.connection.begin()

    def rollback(self) -> None:
        """Undo everything since the last commit."""
        self.connection.rollback()
        self.connection.begin()
