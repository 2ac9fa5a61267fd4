"""Institution settings as key/value rows."""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select

from sgo_model.domain.settings import InstitutionSettings
from sgo_model.store.tables import settings


class SettingsRepository:
    """Reads and writes institution settings."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def load(self) -> InstitutionSettings:
        """The settings, defaults for those never set."""
        rows = self.connection.execute(select(settings.c.key, settings.c.value))
        return InstitutionSettings.from_mapping({key: value for key, value in rows})

    def set(self, key: str, value: str) -> None:
        """Store one setting."""
        self.connection.execute(delete(settings).where(settings.c.key == key))
        self.connection.execute(insert(settings).values(key=key, value=value))
