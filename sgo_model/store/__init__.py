"""The domain store: SQLAlchemy tables, Alembic migrations, repositories and unit of work."""
