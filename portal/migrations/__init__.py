"""Alembic migrations of the portal schema (configured in code, no alembic.ini)."""
