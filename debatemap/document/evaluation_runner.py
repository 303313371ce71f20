"""EvaluationRunner: evaluates a large map in a worker thread (0.1-0.2 s of Python at 10,000
nodes, which held the window after every new link or mark) and hands the labels back to the
GUI thread; a result for a map that has changed since is thrown away and the newest asked for."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from debatemap.core.argmap import MapSnapshot
from debatemap.core.errors import DebatemapError
from debatemap.core.evaluation import Evaluation, evaluate

BACKGROUND_FROM_NODES = 3000  # smaller maps are evaluated on the spot (a few ms)


class EvaluationRunner(QObject):
    """One evaluation at a time; ``request`` while one runs queues the newest map."""

    #: generation, Evaluation or None, error message or "" (emitted in the GUI thread)
    finished = Signal(int, object, str)
    _done = Signal(int, object, str)  # from the worker thread: queued to this object's thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running = False
        self._queued: tuple | None = None
        self._closed = False
        self._done.connect(self._on_done)

    @property
    def running(self) -> bool:
        return self._running

    def request(self, amap, semantics: str, generation: int) -> None:
        """Evaluate a snapshot of ``amap`` taken now, labelled with ``generation``."""
        job = (MapSnapshot.of(amap), semantics, generation)
        if self._running:
            self._queued = job
            return
        self._start(job)

    def close(self) -> None:
        """No more results: the document is closing."""
        self._closed = True
        self._queued = None

    def _start(self, job: tuple) -> None:
        self._running = True
        amap, semantics, generation = job

        def run() -> None:
            try:
                result, error = evaluate(amap, semantics), ""
            except DebatemapError as failure:  # preferred too large: the document falls back
                result, error = None, str(failure)
            self._done.emit(generation, result, error)

        threading.Thread(target=run, name="debatemap: evaluation", daemon=True).start()

    def _on_done(self, generation: int, result: Evaluation | None, error: str) -> None:
        self._running = False
        if self._closed:
            return
        queued, self._queued = self._queued, None
        if queued is not None:
            self._start(queued)
        self.finished.emit(generation, result, error)
