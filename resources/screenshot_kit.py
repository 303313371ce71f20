"""The set-up the README screenshot scripts share: an app with its own settings, the main window.

The scripts run under Xvfb with the xcb platform and no window manager, so the window is given
the screen's geometry by hand; the picture is the whole screen, grabbed once the script is done.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from debatemap.app.icon import app_icon
from debatemap.app.main_window import MainWindow
from debatemap.app.sample import SAMPLE_NODES, write_sample


def start_app() -> tuple[QApplication, Path]:
    """The QApplication and a fresh working folder (for the map file and the settings)."""
    workdir = Path(tempfile.mkdtemp(prefix="debatemap-shot-"))
    # Own settings, so that neither the user's window geometry nor recent list is used or changed.
    QCoreApplication.setOrganizationName("DebatemapScreenshot")
    QCoreApplication.setApplicationName("DebatemapScreenshot")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(workdir))
    app = QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    return app, workdir


def sample_map(workdir: Path) -> Path:
    return write_sample(workdir / "sample.debatemap")


def main_window(app: QApplication) -> MainWindow:
    """The main window over the whole available screen (not shown yet)."""
    window = MainWindow()
    window.setGeometry(app.primaryScreen().availableGeometry())
    return window


def sample_ids(window: MainWindow) -> dict[str, str]:
    """The open sample's node ids by their keys in debatemap.app.sample.SAMPLE_NODES."""
    by_text = {node.text: node.id for node in window.document.map.nodes.values()}
    return {key: by_text[text] for key, (_kind, text, _x, _y) in SAMPLE_NODES.items()}


def grab_screen(app: QApplication, target: Path) -> None:
    app.primaryScreen().grabWindow(0).save(str(target))
    print(f"wrote {target}")


def grab_and_quit(app: QApplication, window: MainWindow, target: Path) -> None:
    """The last picture: grab the screen, close the window and end the event loop."""
    grab_screen(app, target)
    window.close()
    app.quit()
