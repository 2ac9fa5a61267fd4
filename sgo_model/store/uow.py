"""The unit of work: one database transaction holding the repositories of a use case."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Connection, Engine

from sgo_model.store.attendance import AttendanceRepository
from sgo_model.store.calendar import CalendarRepository
from sgo_model.store.counters import CounterRepository
from sgo_model.store.documents import DocumentRepository
from sgo_model.store.groups import GroupRepository
from sgo_model.store.institution import InstitutionRepository
from sgo_model.store.movement import MovementRepository
from sgo_model.store.pupils import PupilRepository
from sgo_model.store.settings import SettingsRepository
from sgo_model.store.staff import StaffRepository
from sgo_model.store.submissions import SubmissionRepository


class SqlUnitOfWork:
    """``with uow: … uow.commit()``; leaving the block without commit rolls everything back."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._connection: Connection | None = None

    def __enter__(self) -> SqlUnitOfWork:
        self._connection = self.engine.connect()
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
        self.counters = CounterRepository(connection)
        self.settings = SettingsRepository(connection)
        self.attendance = AttendanceRepository(connection)
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
        self.connection.commit()
        self.connection.begin()

    def rollback(self) -> None:
        """Undo everything since the last commit."""
        self.connection.rollback()
        self.connection.begin()
