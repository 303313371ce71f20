"""ArrangingMixin (for MapView): align, distribute, keyboard nudges and arrow-key navigation."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt

from debatemap.canvas.keyboard import DIRECTIONS, nearest_in_direction
from debatemap.canvas.placement import aligned, distributed


class ArrangingMixin:
    """Positions change through the scene's ``commit_move`` (one MoveNodes step) or, for
    nudges, the document's ``nudge_nodes`` intent (quick nudges merge into one step)."""

    def _selected_rects(self) -> dict[str, QRectF]:
        scene = self._map_scene
        return {i: scene.node_items[i].rect.translated(scene.node_items[i].pos())
                for i in self.selected_node_ids()} if scene else {}

    def _commit_positions(self, positions: dict[str, tuple[float, float]]) -> bool:
        scene = self._map_scene
        moved = {i: p for i, p in positions.items()
                 if (scene.node_items[i].pos().x(), scene.node_items[i].pos().y()) != p}
        return bool(moved) and scene.commit_move(moved)

    def align_selection(self, mode: str) -> bool:
        """Line the selected cards up: left, right, top, bottom, hcenter or vcenter."""
        return self._map_scene is not None and self._commit_positions(aligned(self._selected_rects(), mode))

    def distribute_selection(self, axis: str) -> bool:
        """Equal gaps between the selected cards along "horizontal" or "vertical"."""
        return self._map_scene is not None and self._commit_positions(distributed(self._selected_rects(), axis))

    def nudge_selection(self, dx: float, dy: float) -> bool:
        scene = self._map_scene
        ids = self.selected_node_ids()
        if scene is None or not ids:
            return False
        if scene.display_grid:  # shown positions are not the stored ones: write them all
            items = scene.node_items
            return scene.commit_move({i: (items[i].pos().x() + dx, items[i].pos().y() + dy) for i in ids})
        return scene.document.nudge_nodes(ids, dx, dy)

    def move_selection_focus(self, key: Qt.Key) -> bool:
        """Select the nearest node in the arrow's direction (from the current node, or the
        node nearest the view's centre when none is selected)."""
        scene = self._map_scene
        if scene is None or not scene.node_items:
            return False
        centers = {i: item.pos() for i, item in scene.node_items.items() if item.isVisible()}
        if not centers:
            return False
        current = self.current_node_id()
        if current is None or current not in centers:
            middle = self.mapToScene(self.viewport().rect().center())
            target = min(centers, key=lambda i: (centers[i] - middle).manhattanLength())
        else:
            target = nearest_in_direction(centers[current], centers, DIRECTIONS[key], skip=[current])
        if target is None:
            return False
        self.select_items([target])
        self.ensureVisible(scene.node_items[target], 60, 60)
        return True

