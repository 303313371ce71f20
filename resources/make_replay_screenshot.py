"""Renders the README screenshot of the Replay dock at an early point of a workshop session.

Run under a virtual X server so that the real xcb platform draws the window:
    xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python resources/make_replay_screenshot.py resources
It writes screenshot-replay.png: a session recorded from an empty map (three participants
capturing a question and its arguments, the agenda, a layout, votes), the canvas showing the
map as it is now, and the Replay dock showing it as it was after the first few captures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from debatemap.app.workshop_replay import install
from debatemap.document import MapDocument

from screenshot_kit import grab_and_quit, main_window, start_app

TITLE = "Free transport: city workshop"
# (speaker, parent key or None, key, line typed in the capture bar)
CAPTURES = [
    ("Ana", None, "question", "? Should the city make public transport free?"),
    ("Ana", "question", "cars", "+ Free fares get people out of their cars"),
    ("Bongani", "question", "cost", "- Fares pay a third of the running costs"),
    ("Chen", "question", "fair", "+ Fares weigh most on poorer households"),
    ("Bongani", "cars", "tallinn", "+ Tallinn saw 14 % more riders in the first year"),
    ("Chen", "cars", "walk", "- Most new riders walked or cycled before"),
    ("Ana", "cost", "charge", "! A congestion charge could make up the difference"),
    ("Bongani", None, "who", "? Who pays for the extra buses?"),
    ("Chen", "who", "region", "+ The regional transport budget"),
    ("Ana", "fair", "half", "- Half-price passes already exist for low incomes"),
    ("Bongani", "charge", "shops", "- Shops in the centre fear losing customers"),
]
EARLY = 11  # the point the dock shows: after the first six captures and the agenda


def record(path: Path) -> None:
    document = MapDocument.create(path, TITLE)
    shop = document.workshop
    people = {name: shop.add_participant(name).id for name in ("Ana", "Bongani", "Chen")}
    ids: dict[str, str] = {}
    for speaker, parent, key, line in CAPTURES:
        shop.set_current_speaker(people[speaker])
        ids[key] = shop.capture(line, ids.get(parent) if parent else None).id
        if key in ("question", "who"):
            shop.add_agenda_item(ids[key], 900 if key == "question" else 600)
    document.layout(move_all=True)
    for speaker, key, dots in (("Ana", "cars", 2), ("Bongani", "cost", 3), ("Chen", "fair", 2),
                               ("Chen", "charge", 1), ("Ana", "charge", 2)):
        shop.set_dots(ids[key], dots, people[speaker])
    shop.park("Night buses on weekends")
    document.close()


def main(folder: Path) -> int:
    app, workdir = start_app()
    path = workdir / "workshop.debatemap"
    record(path)

    window = main_window(app)
    tools = getattr(window, "workshop_tools", None)  # the window installs them all itself
    replay = tools.replay if tools is not None else install(window)
    window.show()
    window.open_path(path)
    for dock in window.findChildren(QDockWidget):  # room for the canvas and the replay
        dock.setVisible(dock is replay.dock)
    window.resizeDocks([replay.dock], [640], Qt.Orientation.Horizontal)

    def show_early() -> None:
        window.view.fit_all()  # the map as it is now, beside the dock's early moment
        replay.panel.slider.setFocus()
        replay.panel.slider.setValue(EARLY)

    def grab() -> None:
        grab_and_quit(app, window, folder / "screenshot-replay.png")

    QTimer.singleShot(600, show_early)
    QTimer.singleShot(1500, grab)
    return app.exec()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the PNG")
    sys.exit(main(parser.parse_args().folder))
