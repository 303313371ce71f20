"""Opening a large map: its cards are made behind a progress dialog; the window keeps
handling events meanwhile, and Cancel keeps the map that was open."""

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog

from debatemap.app import main_window
from debatemap.core.layout_samples import random_tree
from debatemap.store.session import MapSession


@pytest.fixture
def large_map(tmp_path, monkeypatch):
    monkeypatch.setattr(main_window, "LARGE_MAP_ITEMS", 400)  # a small "large" map keeps it quick
    path = tmp_path / "large.debatemap"
    amap = random_tree(600, seed=3)
    for i, node in enumerate(amap.nodes.values()):
        node.x, node.y = (i % 30) * 260.0, (i // 30) * 160.0
    MapSession.create_from(path, amap).close()
    return path


def test_the_event_loop_runs_while_the_cards_are_made(window, large_map, qtbot):
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(len(window.findChildren(QProgressDialog))))
    timer.start(1)
    assert window.open_path(large_map)
    timer.stop()
    assert ticks, "no event was handled while the map opened"
    assert any(count == 1 for count in ticks), "a progress dialog was up meanwhile"
    assert len(window.scene.node_items) == 600 and len(window.scene.edge_items) == 599
    assert window.findChildren(QProgressDialog) == [] or all(
        not dialog.isVisible() for dialog in window.findChildren(QProgressDialog))


def test_cancel_keeps_the_open_map(window, map_path, large_map, qtbot):
    assert window.open_path(map_path)
    before = window.document

    def cancel():
        for dialog in window.findChildren(QProgressDialog):
            dialog.cancel()

    timer = QTimer()
    timer.timeout.connect(cancel)
    timer.start(1)
    assert not window.open_path(large_map)
    timer.stop()
    assert window.document is before and window.document.path == map_path
    assert len(window.scene.node_items) == 3
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.open_path(large_map), "the same file opens afterwards"
    assert len(window.scene.node_items) == 600
