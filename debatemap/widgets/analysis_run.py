"""AnalysisRun: core.analysis findings of one map snapshot, computed on a daemon thread.

The thread touches no Qt object: it only fills ``result`` (or ``error``), and the GUI thread
asks ``done`` from a timer. So a window or dock that goes away while a run is under way
leaves nothing behind that could call into a deleted QObject; a daemon thread does not hold
up the interpreter's exit either. The analysis's cancel hook is also where the thread steps
aside now and then to let the GUI thread have the GIL (``WORK_S``, ``SLEEP_S``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from debatemap.core.analysis import AnalysisCancelled, Finding, MapSnapshot

# The GIL is shared with the GUI thread, which takes it back for every call from Qt into
# Python (paint, boundingRect, slots) and waits up to the 5 ms switch interval each time while
# the worker runs. Stepping aside for SLEEP_S after every WORK_S of analysis halves that: at
# 10,000 nodes a repaint at 100% zoom took 27 ms idle, 81-93 ms (median) beside an analysis that
# never sleeps and 54-56 ms beside one that does; the analysis takes 2.1 s instead of 1.2 s.
WORK_S = 0.002
SLEEP_S = 0.001
Analyse = Callable[..., list[Finding]]  # findings(snapshot, cancelled=...)


class AnalysisRun:
    """One analysis of ``snapshot``, tagged with the ``generation`` of the map it was taken at."""

    def __init__(self, snapshot: MapSnapshot, generation: int, analyse: Analyse) -> None:
        self.generation = generation
        self.result: list[Finding] | None = None
        self.error: str | None = None  # "<ExceptionType>: <message>" when the analysis failed
        self.started = time.perf_counter()
        self.duration = 0.0  # seconds, once done
        self._cancel = threading.Event()
        self._last_yield = time.perf_counter()
        self._thread = threading.Thread(target=self._work, args=(snapshot, analyse),
                                        name=f"analysis-{generation}", daemon=True)
        self._thread.start()

    def _work(self, snapshot: MapSnapshot, analyse: Analyse) -> None:
        try:
            self.result = analyse(snapshot, cancelled=self._stop_asked)
        except AnalysisCancelled:
            pass
        except Exception as error:  # shown in the dock: a worker's traceback would reach no one
            self.error = f"{type(error).__name__}: {error}"
        self.duration = time.perf_counter() - self.started

    def _stop_asked(self) -> bool:
        """The analysis's ``cancelled`` hook, asked every millisecond or so."""
        if time.perf_counter() - self._last_yield >= WORK_S:
            time.sleep(SLEEP_S)  # sleeping lets go of the GIL
            self._last_yield = time.perf_counter()
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the analysis to stop at its next check (a millisecond or so; 40 ms at most at
        10,000 nodes, in networkx's strongly connected components)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started
