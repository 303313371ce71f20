"""The modal dialogs the main window uses, as module functions so tests can replace them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from debatemap import __version__

MAP_FILTER = "Debatemap maps (*.debatemap);;All files (*)"


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message)


def show_notice(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def ask_open_path(parent: QWidget | None, directory: str = "") -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open Map", directory, MAP_FILTER)
    return Path(name) if name else None


def ask_save_path(
    parent: QWidget | None, caption: str, directory: str = "", *, confirm_overwrite: bool = True
) -> Path | None:
    options = QFileDialog.Option(0)
    if not confirm_overwrite:
        options |= QFileDialog.Option.DontConfirmOverwrite
    name, _ = QFileDialog.getSaveFileName(parent, caption, directory, MAP_FILTER, "", options)
    return Path(name) if name else None


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, accepted = QInputDialog.getText(parent, title, label, text=text)
    return value if accepted else None


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(
        parent,
        "About Debatemap",
        f"<h3>Debatemap {__version__}</h3>"
        "<p>Argument maps built from real documents: claims with their sources, linked as"
        " supports, attacks and undercuts.</p>"
        "<p>Each map is one SQLite file (<tt>.debatemap</tt>). Every change is saved to it as"
        " you make it, and every change can be undone.</p>"
        "<p>The same maps can be scripted: run <tt>debatemap --help</tt>.</p>",
    )
