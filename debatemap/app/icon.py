"""The application icon, shipped as package data next to this module."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

ICON_PATH = Path(__file__).resolve().with_name("icon.svg")


def app_icon() -> QIcon:
    return QIcon(str(ICON_PATH))
