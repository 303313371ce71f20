"""The list of recently opened maps, kept in QSettings (newest first, at most ten)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "recentFiles"
LIMIT = 10


class RecentFiles:
    """Reads and writes the list through a fresh QSettings() each time, so it always follows
    the application's current organisation/application name and settings path."""

    def paths(self) -> list[Path]:
        value = QSettings().value(KEY, [])
        if isinstance(value, str):  # an INI file gives back a one-element list as a string
            value = [value]
        return [Path(p) for p in (value or []) if p]

    def add(self, path: Path | str) -> None:
        path = Path(path).resolve()
        self._store([path, *(p for p in self.paths() if p != path)])

    def remove(self, path: Path | str) -> None:
        path = Path(path)
        self._store([p for p in self.paths() if p != path])

    def clear(self) -> None:
        QSettings().remove(KEY)

    def _store(self, paths: list[Path]) -> None:
        settings = QSettings()
        if paths:
            settings.setValue(KEY, [str(p) for p in paths[:LIMIT]])
        else:
            settings.remove(KEY)
