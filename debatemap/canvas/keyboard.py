"""Keyboard helpers: arrow directions, nudge steps, and the nearest node in an arrow's direction."""

from __future__ import annotations

from typing import Iterable, Mapping

from PySide6.QtCore import QPointF, Qt

NUDGE_STEP, NUDGE_FINE_STEP = 10.0, 1.0

DIRECTIONS = {
    Qt.Key.Key_Left: (-1.0, 0.0),
    Qt.Key.Key_Right: (1.0, 0.0),
    Qt.Key.Key_Up: (0.0, -1.0),
    Qt.Key.Key_Down: (0.0, 1.0),
}


def nearest_in_direction(
    origin: QPointF, centers: Mapping[str, QPointF], direction: tuple[float, float],
    skip: Iterable[str] = (),
) -> str | None:
    """The node whose centre lies most nearly ahead of ``origin`` in ``direction``: distance
    along the direction plus twice the sideways distance, inside a 60-degree half-cone first."""
    dx, dy = direction
    skipped = set(skip)
    best: tuple[float, str] | None = None
    fallback: tuple[float, str] | None = None
    for node_id, center in centers.items():
        if node_id in skipped:
            continue
        vx, vy = center.x() - origin.x(), center.y() - origin.y()
        ahead = vx * dx + vy * dy
        side = abs(vx * dy - vy * dx)
        if ahead <= 1.0:
            continue
        score = ahead + 2.0 * side
        if side <= ahead * 1.8:
            if best is None or score < best[0]:
                best = (score, node_id)
        elif fallback is None or score < fallback[0]:
            fallback = (score, node_id)
    chosen = best or fallback
    return chosen[1] if chosen else None
