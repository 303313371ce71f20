"""Renders the README screenshots of presentation mode and of the audience window (sample map).

Run under a virtual X server so that the real xcb platform draws the windows:
    xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python resources/make_presentation_screenshots.py resources
It writes screenshot-presentation.png (F5 with the objection about cost selected: full screen,
projector style, its subtree framed) and screenshot-audience.png (the audience window full
screen, following the presented thesis, while the editor stays as it is). ``--focus KEY``
presents another node of the sample (a key of debatemap.app.sample.SAMPLE_NODES).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from debatemap.app.icon import app_icon
from debatemap.app.main_window import MainWindow
from debatemap.app.sample import SAMPLE_NODES, write_sample


def main(folder: Path, focus: str, audience_focus: str) -> int:
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
    by_text = {node.text: node.id for node in window.document.map.nodes.values()}
    ids = {key: by_text[text] for key, (_kind, text, _x, _y) in SAMPLE_NODES.items()}

    def present() -> None:
        window.view.select_items([ids[focus]])
        window.present_action.trigger()  # F5 (Xvfb has no window manager to activate the window)
        QTimer.singleShot(1200, grab_presentation)

    def grab_presentation() -> None:
        target = folder / "screenshot-presentation.png"
        app.primaryScreen().grabWindow(0).save(str(target))
        print(f"wrote {target}")
        window.presentation.leave()  # Esc
        window.view.select_items([])
        window.presentation.present_focus(ids[audience_focus])
        audience = window.audience.open()
        audience.setGeometry(app.primaryScreen().geometry())  # no window manager: by hand
        audience.showFullScreen()
        QTimer.singleShot(1200, grab_audience)

    def grab_audience() -> None:
        target = folder / "screenshot-audience.png"
        app.primaryScreen().grabWindow(0).save(str(target))
        print(f"wrote {target}")
        window.close()
        app.quit()

    QTimer.singleShot(1200, present)
    return app.exec()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--focus", default="cost", choices=sorted(SAMPLE_NODES))
    parser.add_argument("--audience-focus", default="thesis", choices=sorted(SAMPLE_NODES))
    arguments = parser.parse_args()
    sys.exit(main(arguments.folder, arguments.focus, arguments.audience_focus))
