"""Selecting many items at once: up to SLICE items are selected (or unselected) on the spot, more
a slice per event-loop turn (at 10,000 cards and links, Qt's bookkeeping and one Python call per
card held the window 0.1-0.2 s), while the selected ids already say what the selection is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from debatemap.canvas.scene import MapScene

SLICE = 4000  # items selected per turn of the event loop


class SelectionSweep(QObject):
    """Makes what is left of a large change of the selection, a slice per turn; stops when the
    selection is changed any other way (a click, hiding), so it never overrides the user."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scene: MapScene | None = None
        self._pending: list[tuple[bool, str, bool]] = []  # (is a node, id, select it), in order
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    def running(self) -> bool:
        return bool(self._pending)

    def select(self, scene: "MapScene", node_ids: list[str], edge_ids: list[str]) -> None:
        """Select exactly these (ids no longer there are skipped); the scene's
        ``selection_changed`` is told the whole choice at once."""
        self.stop()
        before_nodes, before_edges = scene.selected_ids()
        if len(before_nodes) + len(before_edges) <= SLICE:
            scene.blockSignals(True)
            scene.clearSelection()
            scene.blockSignals(False)
            off: list[tuple[bool, str, bool]] = []
        else:  # unselected in slices too, those not chosen again
            keep_nodes, keep_edges = set(node_ids), set(edge_ids)
            off = ([(True, i, False) for i in before_nodes if i not in keep_nodes]
                   + [(False, i, False) for i in before_edges if i not in keep_edges])
        self._scene = scene
        self._pending = off + [(True, i, True) for i in node_ids] + [(False, i, True) for i in edge_ids]
        scene.selectionChanged.connect(self.stop)
        self._slice()
        scene.selection_changed((list(node_ids), list(edge_ids)))
        if self._pending:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._pending = []
        if self._scene is not None:
            try:
                self._scene.selectionChanged.disconnect(self.stop)
            except (RuntimeError, TypeError):
                pass
            self._scene = None

    def finish(self) -> None:
        """Select everything still pending now."""
        while self._pending:
            self._slice(len(self._pending))

    def _slice(self, count: int | None = None) -> None:
        scene = self._scene
        if scene is None:
            return
        batch, self._pending = self._pending[:count or SLICE], self._pending[count or SLICE:]
        nodes, edges = scene.node_items, scene.edge_items
        scene.blockSignals(True)  # one selectionChanged for the whole choice, from select()
        try:
            for is_node, item_id, selected in batch:
                item = nodes.get(item_id) if is_node else edges.get(item_id)
                if item is not None:
                    item.setSelected(selected)
        finally:
            scene.blockSignals(False)
        if not self._pending:
            self.stop()
