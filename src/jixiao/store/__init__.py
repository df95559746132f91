"""Storage: SQLAlchemy 2 schema, repository and Alembic migrations (SQLite default, PostgreSQL by URL)."""
