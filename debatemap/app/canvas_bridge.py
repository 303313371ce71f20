"""CanvasBridge: the main window's one way to ask the canvas view for selection and editing.

It calls the MapView's own API (selectionChangedIds, selected_node_ids, select_items, align_...)
and, for the parts of that API a given MapView does not have yet, falls back to the scene's
selection or does nothing, so that the window works against either version of the canvas.
"""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QObject, QPointF, Signal

from debatemap.canvas.view import MapView


class CanvasBridge(QObject):
    selectionChanged = Signal(list, list)  # node ids, edge ids
    goToSourceRequested = Signal(str)  # node id

    def __init__(self, view: MapView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self._scene = None
        self.native = hasattr(view, "selectionChangedIds")
        if self.native:
            view.selectionChangedIds.connect(self.selectionChanged)
        if hasattr(view, "goToSourceRequested"):
            view.goToSourceRequested.connect(self.goToSourceRequested)

    def has(self, name: str) -> bool:
        return callable(getattr(self.view, name, None))

    def scene_changed(self) -> None:
        """Call after ``view.set_map_scene``: follow the new scene's selection (fallback)."""
        if self.native:
            self.selectionChanged.emit(self.selected_node_ids(), self.selected_edge_ids())
            return
        if self._scene is not None:
            try:
                self._scene.selectionChanged.disconnect(self._scene_selection_changed)
            except (RuntimeError, TypeError):
                pass
        self._scene = self.view.map_scene()
        if self._scene is not None:
            self._scene.selectionChanged.connect(self._scene_selection_changed)
        self._scene_selection_changed()

    def _scene_selection_changed(self) -> None:
        self.selectionChanged.emit(self.selected_node_ids(), self.selected_edge_ids())

    # ---- selection -----------------------------------------------------------------------

    def selected_node_ids(self) -> list[str]:
        if self.has("selected_node_ids"):
            return list(self.view.selected_node_ids())
        scene = self.view.map_scene()
        return scene.selected_ids()[0] if scene is not None else []

    def selected_edge_ids(self) -> list[str]:
        if self.has("selected_edge_ids"):
            return list(self.view.selected_edge_ids())
        scene = self.view.map_scene()
        return scene.selected_ids()[1] if scene is not None else []

    def select_items(self, node_ids: Iterable[str], edge_ids: Iterable[str] = ()) -> None:
        node_ids, edge_ids = list(node_ids), list(edge_ids)
        if self.has("select_items"):
            self.view.select_items(node_ids, edge_ids)
            return
        scene = self.view.map_scene()
        if scene is None:
            return
        scene.clearSelection()
        for node_id in node_ids:
            if node_id in scene.node_items:
                scene.node_items[node_id].setSelected(True)
        for edge_id in edge_ids:
            if edge_id in scene.edge_items:
                scene.edge_items[edge_id].setSelected(True)

    def select_all(self) -> None:
        if self.has("select_all"):
            self.view.select_all()
            return
        scene = self.view.map_scene()
        if scene is not None:
            self.select_items(scene.node_items, scene.edge_items)

    def center_on_node(self, node_id: str) -> None:
        if self.has("center_on_node"):
            self.view.center_on_node(node_id)
            return
        scene = self.view.map_scene()
        if scene is not None and node_id in scene.node_items:
            self.view.centerOn(scene.node_items[node_id])

    def paste_position(self) -> tuple[float, float]:
        if self.has("paste_position"):
            x, y = self.view.paste_position()
            return float(x), float(y)
        centre: QPointF = self.view.mapToScene(self.view.viewport().rect().center())
        return centre.x(), centre.y()

    # ---- calls with nothing to fall back on ------------------------------------------------

    def call(self, name: str, *args) -> bool:
        """Call the view's ``name`` if it has it; False when this canvas lacks it."""
        method = getattr(self.view, name, None)
        if not callable(method):
            return False
        method(*args)
        return True
