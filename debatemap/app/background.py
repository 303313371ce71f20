"""Background work: run a pure computation in a worker thread while the window keeps painting
behind a window-modal busy dialog that can cancel (the result is then thrown away)."""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")
POLL_MS = 15
SHOW_AFTER_MS = 400  # quick work finishes before any dialog flashes up


class Cancelled(Exception):
    """The user pressed Cancel: the work's result was not used."""


def run_in_background(parent: QWidget, title: str, label: str, work: Callable[[], T]) -> T:
    """``work()``'s result (or its exception), computed in a worker thread. ``work`` must not
    touch Qt objects, and must read only what the modal dialog keeps the user from changing.
    Raises Cancelled when the user cancelled."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as error:  # handed to the GUI thread, raised there
            outcome["error"] = error

    worker = threading.Thread(target=run, name=f"debatemap: {title}", daemon=True)
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(2**30)  # never by itself: shown in phase two
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(POLL_MS)
    poll.timeout.connect(lambda: loop.quit() if not worker.is_alive() else None)
    dialog.canceled.connect(loop.quit)
    worker.start()
    poll.start()
    try:
        # phase one: paint and run timers, but hold the user's input back (the dialog that
        # would block it is not up yet, and quick work never shows it)
        if worker.is_alive():
            QTimer.singleShot(SHOW_AFTER_MS, loop.quit)
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        # phase two: the modal dialog blocks the window and offers Cancel
        if worker.is_alive():
            dialog.show()
            loop.exec()
    finally:
        poll.stop()
        cancelled = dialog.wasCanceled() and worker.is_alive()
        dialog.close()
        dialog.deleteLater()
    if cancelled:
        raise Cancelled(title)
    worker.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]
