"""Renders the README screenshot of voting and the parking lot (sample map).

Run under a virtual X server so that the real xcb platform draws the window:
    xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python resources/make_voting_screenshot.py resources
It writes screenshot-voting.png: three participants vote through the Workshop menu's actions
("." a dot, Alt+1..5 a rating) on the selected cards, the cards carry their tallies, the Votes dock lists the results
sorted by dots, and the parking lot holds two items typed in by two participants.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from debatemap.app.workshop_votes import install
from debatemap.widgets.voting_panel import DOTS

from screenshot_kit import grab_and_quit, main_window, sample_ids, sample_map, start_app

# participant: ([(card, dots)], [(card, rating)])
VOTES = {
    "Ben": ([("cost", 3), ("budget", 1), ("collection", 1)], [("thesis", -1), ("cost", 2)]),
    "Chen": ([("fairness", 2), ("boarding", 1), ("thesis", 1)],
             [("thesis", 1), ("fairness", 2), ("cost", 0)]),
    "Ada": ([("thesis", 2), ("cars", 1), ("cost", 1)],
            [("thesis", 2), ("cost", -1), ("fairness", 1)]),
}
PARKED = [("Ben", "Ask the bus drivers' union what free fares would mean for them"),
          ("Chen", "Night buses: a separate discussion")]
SELECTED = "fairness"


def main(folder: Path) -> int:
    app, workdir = start_app()
    sample = sample_map(workdir)

    window = main_window(app)
    tools = getattr(window, "workshop_tools", None)  # the window may install every tool itself
    votes = tools.votes if tools is not None else install(window)
    window.show()
    window.open_path(sample)
    ids = sample_ids(window)
    workshop = window.document.workshop
    people = {name: workshop.add_participant(name) for name in ("Ada", "Ben", "Chen")}
    window.document_panel.hide()  # room for the canvas and the two docks
    window.inspector.hide()
    if tools is not None:
        tools.people.dock.hide()
    votes.votes_dock.show()
    votes.parking_dock.show()
    window.splitDockWidget(votes.votes_dock, votes.parking_dock, Qt.Orientation.Vertical)
    window.resizeDocks([votes.votes_dock], [400], Qt.Orientation.Horizontal)
    window.resizeDocks([votes.votes_dock, votes.parking_dock], [470, 390], Qt.Orientation.Vertical)
    QApplication.processEvents()
    window.activateWindow()
    view = window.view
    for name, (dots, ratings) in VOTES.items():  # the Workshop menu's actions ("." and Alt+1..5)
        workshop.set_current_speaker(people[name].id)
        for card, count in dots:
            view.select_items([ids[card]])
            for _ in range(count):
                votes.add_dot_action.trigger()
        for card, value in ratings:
            view.select_items([ids[card]])
            votes.rate_actions[value].trigger()
    for name, text in PARKED:
        workshop.set_current_speaker(people[name].id)
        entry = votes.parking_dock.entry
        entry.setFocus()
        QTest.keyClicks(entry, text)
        QTest.keyClick(entry, Qt.Key.Key_Return)
    workshop.set_current_speaker(people["Ada"].id)
    votes.votes_dock.table.sortByColumn(DOTS, Qt.SortOrder.DescendingOrder)
    view.select_items([ids[SELECTED]])
    view.setFocus()

    def frame() -> None:  # once the docks have their sizes
        view.fit_all()
        center = window.scene.visible_bounds().center()
        view.zoom_by(1.06)  # the margin fit_all leaves is room enough for the tabs
        view.centerOn(center)

    def grab() -> None:
        grab_and_quit(app, window, folder / "screenshot-voting.png")

    QTimer.singleShot(500, frame)
    QTimer.singleShot(1200, grab)
    return app.exec()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the PNG")
    sys.exit(main(parser.parse_args().folder))
