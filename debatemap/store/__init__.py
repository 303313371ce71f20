"""Persistence: the .debatemap SQLite file, its tables, migrations and the repository (no Qt)."""
