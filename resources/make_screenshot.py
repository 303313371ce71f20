"""Renders resources/screenshot.png for the README: the sample map in the main window.

Run under a virtual X server so that the real xcb platform draws the window:
    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python resources/make_screenshot.py resources/screenshot.png
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from debatemap.app.icon import app_icon
from debatemap.app.main_window import MainWindow
from debatemap.app.sample import write_sample


def main(output: Path) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="debatemap-shot-"))
    # Own settings, so that neither the user's window geometry nor recent list is used or changed.
    QCoreApplication.setOrganizationName("DebatemapScreenshot")
    QCoreApplication.setApplicationName("DebatemapScreenshot")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(workdir))
    app = QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    sample = write_sample(workdir / "sample.debatemap")

    window = MainWindow()
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.show()
    window.open_path(sample)
    window.statusBar().showMessage(f"Opened sample.debatemap. Every change is saved to the file as you make it.")

    def grab() -> None:
        window.view.fit_map()
        app.processEvents()
        app.primaryScreen().grabWindow(0).save(str(output))
        print(f"wrote {output}")
        window.close()
        app.quit()

    QTimer.singleShot(1500, grab)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshot.png").resolve()))
