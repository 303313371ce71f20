"""What every benchmark shares: timing an action, the row each figure is reported as, and Qt."""

from __future__ import annotations

import os
import statistics
import time
from typing import Callable


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(action: Callable[[], object], runs: int) -> list[float]:
    return [timed(action) for _ in range(runs)]


def row(name: str, label: str, samples: list[float], goal: float | None, *,
        chars: int | None = None, **extra) -> dict:
    """One figure: median, min and max of the samples, and the median against its goal."""
    median = statistics.median(samples)
    result = {"name": name, "label": label, "median_s": median, "min_s": min(samples),
              "max_s": max(samples), "runs": len(samples), "goal_s": goal,
              "ratio_to_goal": median / goal if goal else None}
    if chars is not None:
        result["chars_per_s"] = chars / median if median else 0.0
    result.update(extra)
    return result


def qt_app():
    """The QApplication the canvas needs, offscreen unless a platform was chosen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])
