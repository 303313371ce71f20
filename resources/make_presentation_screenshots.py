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
from pathlib import Path

from PySide6.QtCore import QTimer

from debatemap.app.sample import SAMPLE_NODES

from screenshot_kit import (grab_and_quit, grab_screen, main_window, sample_ids, sample_map,
                            start_app)


def main(folder: Path, focus: str, audience_focus: str) -> int:
    app, workdir = start_app()
    sample = sample_map(workdir)

    window = main_window(app)
    window.show()
    window.open_path(sample)
    ids = sample_ids(window)

    def present() -> None:
        window.view.select_items([ids[focus]])
        window.present_action.trigger()  # F5 (Xvfb has no window manager to activate the window)
        QTimer.singleShot(1200, grab_presentation)

    def grab_presentation() -> None:
        grab_screen(app, folder / "screenshot-presentation.png")
        window.presentation.leave()  # Esc
        window.view.select_items([])
        window.presentation.present_focus(ids[audience_focus])
        audience = window.audience.open()
        audience.setGeometry(app.primaryScreen().geometry())  # no window manager: by hand
        audience.showFullScreen()
        QTimer.singleShot(1200, grab_audience)

    def grab_audience() -> None:
        grab_and_quit(app, window, folder / "screenshot-audience.png")

    QTimer.singleShot(1200, present)
    return app.exec()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--focus", default="cost", choices=sorted(SAMPLE_NODES))
    parser.add_argument("--audience-focus", default="thesis", choices=sorted(SAMPLE_NODES))
    arguments = parser.parse_args()
    sys.exit(main(arguments.folder, arguments.focus, arguments.audience_focus))
