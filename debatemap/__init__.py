"""Debatemap: argument maps built from real documents, kept in one SQLite file."""

__version__ = "0.1.0"
