"""Renders the README screenshot of an agenda question presented with its timer (sample map).

Run under a virtual X server so that the real xcb platform draws the window:
    xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python resources/make_agenda_screenshot.py resources
It writes screenshot-agenda-timer.png: presentation mode (F5) on the current agenda question
"How would the city pay for free fares?" with the ideas captured under it, and the countdown
in the top-right corner (``--left SECONDS`` sets the time left; 45 shows the amber last
minute, a negative number the red overtime).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from debatemap.app.workshop_agenda import install

from screenshot_kit import grab_and_quit, main_window, sample_map, start_app

QUESTION = "? How would the city pay for free fares?"
IDEAS = ["! A congestion charge on cars entering the centre",
         "! Higher parking fees near the stations",
         "! A small local tax paid by every household"]
OBJECTION = "- It would hit the poorer households free fares are meant to help"
TIMEBOX = 10 * 60


class ScriptedClock:
    """Monotonic seconds the script sets, so the countdown shows exactly what is asked."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def main(folder: Path, left: float, name: str) -> int:
    app, workdir = start_app()
    sample = sample_map(workdir)

    window = main_window(app)
    window.show()
    window.open_path(sample)
    clock = ScriptedClock()
    agenda = install(window, clock)
    document = window.document
    shop = document.workshop
    thesis = next(n.id for n in document.map.nodes.values() if n.text.startswith("The city should"))
    question = shop.capture(QUESTION)
    ideas = [shop.capture(idea, question.id) for idea in IDEAS]
    shop.capture(OBJECTION, ideas[-1].id)
    later = shop.capture("? Which lines need more buses first?")
    for node_id in (question.id, later.id, thesis):
        shop.add_agenda_item(node_id, TIMEBOX)

    def present() -> None:
        agenda.run.start_item(shop.agenda[0].id)
        window.present_action.trigger()  # F5 (Xvfb has no window manager to activate it)
        agenda.show_item(question.id)
        clock.now += TIMEBOX - left
        agenda.countdown.refresh()
        QTimer.singleShot(1200, grab)

    def grab() -> None:
        grab_and_quit(app, window, folder / name)

    QTimer.singleShot(1200, present)
    return app.exec()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--left", type=float, default=7 * 60 + 32)
    parser.add_argument("--name", default="screenshot-agenda-timer.png")
    arguments = parser.parse_args()
    sys.exit(main(arguments.folder, arguments.left, arguments.name))
