"""ArrangementMotion: how the scene's cards reach the places a layout gave them: a short glide
for up to GLIDE_MAX cards, else a sweep that places them slice by slice between paints (at
10,000 cards, placing them all at once held the window for over a second)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEasingCurve, QObject, QPointF, QTimer, QVariantAnimation

from debatemap.canvas.node_item import NodeItem

if TYPE_CHECKING:
    from debatemap.canvas.edge_item import EdgeItem

ARRANGE_MS = 250  # how long cards take to glide to an arrangement
GLIDE_MAX = 1500  # more moved cards than this sweep (each glide frame would move them all)
SWEEP_SLICE_S = 0.04  # a sweep places cards for about this long, then lets the window paint
SWEEP_BATCH = 200  # cards placed between two looks at the clock


class ArrangementMotion(QObject):
    """Moves items from where they are to where they belong. ``finish`` puts every card in
    place at once (before another change, a press, an export); ``done`` is called when the
    cards are where the map says, whichever way they got there."""

    def __init__(self, items: dict[str, NodeItem], done: Callable[[], None], parent: QObject,
                 after_slice: Callable[[], None] = lambda: None) -> None:
        """``after_slice`` runs after each slice of a sweep (to spread follow-up work)."""
        super().__init__(parent)
        self._items = items
        self._done = done
        self._after_slice = after_slice
        self._animation: QVariantAnimation | None = None
        self._glide: dict[str, tuple[QPointF, QPointF]] = {}  # node id -> (from, to)
        self._sweep: list[tuple[str, QPointF]] = []  # still to place, in map order
        self._sweep_timer = QTimer(self)
        self._sweep_timer.setInterval(0)
        self._sweep_timer.timeout.connect(self._sweep_slice)

    def running(self) -> bool:
        return self._animation is not None or bool(self._sweep)

    def start(self, moves: dict[str, tuple[QPointF, QPointF]]) -> bool:
        """Move these cards (node id -> (from, to)); a running motion is finished first.
        True for a sweep: ``done`` is its only news (a glide also leaves the cards where they
        are until its first frame)."""
        self.finish(notify=False)
        if not moves:
            return False
        if len(moves) > GLIDE_MAX:
            self._sweep = [(node_id, end) for node_id, (_start, end) in moves.items()]
            self._sweep_timer.start()  # the first slice too: the step that moved them was work enough
            return True
        self._glide = moves
        animation = QVariantAnimation(self)
        animation.setDuration(ARRANGE_MS)
        animation.setStartValue(0.0)
        animation.setEndValue(1.0)
        animation.setEasingCurve(QEasingCurve.Type.InOutCubic)
        animation.valueChanged.connect(self._glide_step)
        animation.finished.connect(self.finish)
        self._animation = animation
        animation.start()
        return False

    def _glide_step(self, value) -> None:
        t = float(value)
        for node_id, (start, end) in self._glide.items():
            item = self._items.get(node_id)
            if item is not None:
                item.setPos(start + (end - start) * t)

    def _sweep_slice(self) -> None:
        deadline = time.perf_counter() + SWEEP_SLICE_S
        while self._sweep:
            batch, self._sweep = self._sweep[:SWEEP_BATCH], self._sweep[SWEEP_BATCH:]
            place(self._items, batch)
            if time.perf_counter() >= deadline:
                break
        self._after_slice()
        if not self._sweep:
            self._sweep_timer.stop()
            self._done()

    def finish(self, notify: bool = True) -> None:
        """Every moving card at its destination now; ``done`` is called if anything moved."""
        animation, self._animation = self._animation, None
        glide, self._glide = self._glide, {}
        sweep, self._sweep = self._sweep, []
        self._sweep_timer.stop()
        if animation is not None:
            animation.valueChanged.disconnect(self._glide_step)
            animation.finished.disconnect(self.finish)
            animation.stop()
            animation.deleteLater()
        place(self._items, [(node_id, end) for node_id, (_start, end) in glide.items()] + sweep)
        if (animation is not None or sweep) and notify:
            self._done()


def place(items: dict[str, NodeItem], moves: list[tuple[str, QPointF]]) -> None:
    """Put these cards at these points, laying out each of their links once afterwards
    (moving both ends of a link one by one would lay it out twice)."""
    links: dict[int, "EdgeItem"] = {}
    NodeItem.links_follow = False
    try:
        for node_id, end in moves:
            item = items.get(node_id)
            if item is not None:
                item.setPos(end)
                for edge in item.edges:
                    links[id(edge)] = edge
    finally:
        NodeItem.links_follow = True
    for edge in links.values():
        edge.update_geometry()
