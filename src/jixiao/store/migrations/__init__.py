"""Alembic migrations for the jixiao store (shipped as package data; run by ``jixiao db upgrade``)."""
