"""Long computations run in a worker thread behind a cancellable busy dialog; a large map's
Re-layout All is one of them."""

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from debatemap.app import background, map_actions
from debatemap.app.background import Cancelled, run_in_background


def busy_dialog() -> QProgressDialog | None:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    return shown[0] if shown else None


def test_the_result_comes_back_and_the_event_loop_keeps_running(qtbot, window):
    beats = []
    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(lambda: beats.append(1))
    heartbeat.start()
    release = threading.Event()
    QTimer.singleShot(100, release.set)

    def work():
        release.wait(5)
        return 42

    assert run_in_background(window, "Working", "Working…", work) == 42
    heartbeat.stop()
    assert len(beats) >= 5  # the window's timers ran while the worker waited
    assert busy_dialog() is None


def test_the_work_s_error_is_raised_in_the_gui_thread(qtbot, window):
    def work():
        raise ValueError("no layout for you")

    with pytest.raises(ValueError, match="no layout for you"):
        run_in_background(window, "Working", "Working…", work)


def test_cancel_in_the_busy_dialog_abandons_the_work(qtbot, window, monkeypatch):
    monkeypatch.setattr(background, "SHOW_AFTER_MS", 20)
    release = threading.Event()

    def press_cancel():
        dialog = busy_dialog()
        if dialog is None:
            QTimer.singleShot(20, press_cancel)
            return
        assert dialog.windowModality() == Qt.WindowModality.WindowModal
        button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(40, press_cancel)
    try:
        with pytest.raises(Cancelled):
            run_in_background(window, "Working", "Working…", lambda: release.wait(10))
    finally:
        release.set()
    assert busy_dialog() is None


def test_re_layout_all_of_a_large_map_is_computed_in_the_background_as_one_undo_step(
        qtbot, window, map_path, monkeypatch):
    monkeypatch.setattr(map_actions, "BACKGROUND_LAYOUT_NODES", 1)  # the sample map counts as large
    workers = []
    original = threading.Thread.start
    monkeypatch.setattr(threading.Thread, "start", lambda self: (workers.append(self.name), original(self)))
    assert window.open_path(map_path)
    document = window.document
    before = {i: (n.x, n.y) for i, n in document.map.nodes.items()}
    steps = document.undo_stack.count()
    window.map_actions.relayout.trigger()
    assert any("Laying Out" in name for name in workers)
    after = {i: (n.x, n.y) for i, n in document.map.nodes.items()}
    assert after != before and document.undo_stack.count() == steps + 1
    document.undo_stack.undo()
    assert {i: (n.x, n.y) for i, n in document.map.nodes.items()} == before
