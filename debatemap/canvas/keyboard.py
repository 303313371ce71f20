"""Keyboard helpers: the nearest node in an arrow's direction, and nudges that merge into one step."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Iterable, Mapping

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QUndoCommand

from debatemap.document.commands import MoveNodes

if TYPE_CHECKING:
    from debatemap.document.mapdocument import MapDocument

NUDGE_COMMAND_ID = 2001
NUDGE_MERGE_SECONDS = 2.0  # nudges closer together than this are one undo step
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


class NudgeNodes(MoveNodes):
    """A keyboard nudge; consecutive nudges of the same nodes merge into one undo step.

    (A candidate for document/commands.py; it lives here until the document layer owns it.)"""

    def __init__(self, document: "MapDocument", positions: dict[str, tuple[float, float]]) -> None:
        super().__init__(document, positions)
        self.setText("Nudge node" if len(positions) == 1 else f"Nudge {len(positions)} nodes")
        self.stamp = time.monotonic()

    def id(self) -> int:
        return NUDGE_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, NudgeNodes) or set(other.positions) != set(self.positions):
            return False
        if other.stamp - self.stamp > NUDGE_MERGE_SECONDS:
            return False
        self.positions = dict(other.positions)
        self.stamp = other.stamp
        start = {n.id: (n.x, n.y) for n in self.before}
        self.setObsolete(all(start.get(i) == p for i, p in self.positions.items())
                         and all(n.pinned for n in self.before))
        return True
