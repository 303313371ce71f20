"""Shared by the agenda and timer tests: a clock the test moves, the map, the installed tool.

A test module takes the fixtures with ``clock, opened, agenda = agenda_fixtures()``."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from debatemap.app.workshop_agenda import install


class FakeClock:
    """Monotonic seconds that only move when the test says so."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def clock():
    return FakeClock()


def opened(window, map_path, qtbot):
    """The small transit map open, with two questions under its thesis; ids by role."""
    assert window.open_path(map_path)
    document = window.document
    by_text = {n.text: n.id for n in document.map.nodes.values()}
    thesis = by_text["Make transit free"]
    first = document.workshop.capture("? Who pays for it?", thesis)
    second = document.workshop.capture("? What do riders need most?", thesis)
    qtbot.wait(10)
    return {"thesis": thesis, "reason": by_text["It cuts traffic"],
            "cost": by_text["It costs too much"], "q1": first.id, "q2": second.id}


def agenda(window, opened, clock):
    """The agenda tool installed on the window with the fake clock, its dock shown."""
    tool = install(window, clock=clock)
    tool.panel.show()
    return tool


def agenda_fixtures():
    """The fixtures ``clock``, ``opened`` and ``agenda`` for the module that assigns them."""
    return pytest.fixture(clock), pytest.fixture(opened), pytest.fixture(agenda)


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, modifier)
    qtbot.wait(5)


CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
