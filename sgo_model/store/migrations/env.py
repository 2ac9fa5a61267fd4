"""Alembic environment: runs migrations on the engine handed over by ``migrate``."""

from __future__ import annotations

from alembic import context

from sgo_model.store import record_tables  # noqa: F401 - registers its tables
from sgo_model.store.tables import metadata

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # A batch migration copies a table and drops the old one, which the rows referring to
        # it would forbid; SQLite takes this only outside a transaction, so it goes to the
        # driver before SQLAlchemy begins one. The keys are checked again at the end.
        connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=sqlite,
    )
    with context.begin_transaction():
        context.run_migrations()
        if sqlite:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"the migration left rows without their parents: {broken[:5]}")
    connection.commit()
    if sqlite:
        connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")
