"""Renders the README screenshot of the participants dock and the capture bar (sample map).

Run under a virtual X server so that the real xcb platform draws the window:
    xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python resources/make_participants_screenshot.py resources
It writes screenshot-participants.png: three participants, cards captured through the capture
bar by each of them (typed and entered as a facilitator would), the canvas highlighting one
participant's cards, and the capture bar's hint for the next line being typed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from debatemap.app.workshop_people import install

from screenshot_kit import grab_and_quit, main_window, sample_ids, sample_map, start_app

# (speaker number, card key of the sample to answer, line typed in the capture bar)
CAPTURES = [
    (1, "cost", "- The fare money mostly pays for collecting the fares"),
    (2, "cost", "? Who would pay for the new buses"),
    (2, "fairness", "+ Families with children spend the most on tickets"),
    (3, "boarding", "! Try one free line for six months first"),
    (1, "cars", "+ Park-and-ride users said price was their main reason"),
]
HIGHLIGHTED = 2  # whose cards stay at full strength
# left typed in the bar, not entered: Chen answers Bongani's card (the inspector shows its author)
TYPING = (3, "Families with children", "- 9 in 10 of them already ride at half price")


def main(folder: Path) -> int:
    app, workdir = start_app()
    sample = sample_map(workdir)

    window = main_window(app)
    people = install(window)
    window.show()
    window.open_path(sample)
    ids = sample_ids(window)
    for name in ("Ana", "Bongani", "Chen"):
        people.dock.add_participant(name)
    people.dock.show()
    window.document_panel.hide()  # room for the canvas
    bar = people.bar
    for number, parent, line in CAPTURES:
        people.pick_speaker(number)
        window.view.select_items([ids[parent]])
        bar.focus_line()
        QTest.keyClicks(bar.line, line)
        QTest.keyClick(bar.line, Qt.Key.Key_Return)
    highlighted = window.document.workshop.participants[HIGHLIGHTED - 1].id
    framed = [i for i, n in window.document.map.nodes.items() if n.author_id == highlighted]
    window.view.fit_rect(window.scene.visible_bounds(framed + [ids["thesis"]]))  # their cards
    people.dock.set_highlight(highlighted)
    number, parent, line = TYPING
    people.pick_speaker(number)
    window.view.select_items([n.id for n in window.document.map.nodes.values()
                              if n.text.startswith(parent)])
    bar.focus_line()
    QTest.keyClicks(bar.line, line)

    def grab() -> None:
        grab_and_quit(app, window, folder / "screenshot-participants.png")

    QTimer.singleShot(1200, grab)
    return app.exec()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the PNG")
    sys.exit(main(parser.parse_args().folder))
