"""MapView: the canvas widget: zoom, pan, minimap, selection API, and mouse/key dispatch."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (QColor, QContextMenuEvent, QCursor, QFont, QGuiApplication,
                           QKeyEvent, QKeySequence, QMouseEvent, QNativeGestureEvent, QPainter,
                           QPaintEvent, QResizeEvent, QWheelEvent)
from PySide6.QtWidgets import (QGraphicsScene, QGraphicsView, QRubberBand, QStyle,
                               QStyleOptionGraphicsItem, QStyleOptionRubberBand, QWidget)

from debatemap.canvas import menus, style
from debatemap.canvas.building import fragment_offset
from debatemap.canvas.dropping import DropMixin
from debatemap.canvas.edge_item import EdgeItem
from debatemap.canvas.editing import EditingMixin
from debatemap.canvas.arranging import ArrangingMixin
from debatemap.canvas.keyboard import DIRECTIONS, NUDGE_FINE_STEP, NUDGE_STEP
from debatemap.canvas.linking import LinkDragMixin
from debatemap.canvas.minimap import Minimap
from debatemap.canvas.navigation import NavigationMixin
from debatemap.canvas.node_item import NodeItem
from debatemap.canvas.scene import MapScene
from debatemap.canvas.selecting import SelectionSweep
from debatemap.document.clipboard import has_fragment

MIN_ZOOM, MAX_ZOOM = 0.1, 4.0  # a map too big for the view at MIN_ZOOM may zoom out until it fits
FLOOR_ZOOM = 0.0002
ZOOM_STEP = 1.2
FIT_MARGIN = 40.0


class MapView(DropMixin, LinkDragMixin, EditingMixin, ArrangingMixin, NavigationMixin, QGraphicsView):
    """Wheel or Ctrl+wheel zooms around the mouse, Shift+wheel scrolls, pinch zooms; space+drag
    or the middle button pans. Drops, links, inline editing, collapse and focus: see the mixins."""

    selectionChangedIds = Signal(object, object)  # node ids, edge ids: lists, not copied per receiver
    goToSourceRequested = Signal(str)  # node id
    statusMessage = Signal(str)  # something the status bar should say (e.g. a drop without source)
    whyRequested = Signal(str)  # node id: the user asked why it has its evaluation label
    focusChanged = Signal()  # focus on a node, whole map again, back or forward

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._map_scene: MapScene | None = None  # a Python reference keeps the scene alive
        self._placeholder = ""
        self._auto_fit = False  # keep fitting the map on resize until the user zooms
        self._pan_from: QPoint | None = None
        self._space_down = False
        self._current_node: str | None = None  # where arrow-key navigation starts
        # QGraphicsView paints no foreground without a scene, and the placeholder needs one.
        self._empty_scene = QGraphicsScene(self)
        self._empty_scene.setBackgroundBrush(style.palette().background)
        self.setScene(self._empty_scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        # one rectangle around what changed: Smart mode built a region from every dirty item,
        # 30 % slower when thousands change at once (select all at 10k), no faster for a few
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.minimap = Minimap(self)
        self.minimap.hide()
        self._minimap_wanted = True
        self._selection_sweep = SelectionSweep(self)
        self.init_editing()
        self.init_linking()
        self.init_navigation()

    # ---- the scene -----------------------------------------------------------------------

    def map_scene(self) -> MapScene | None:
        return self._map_scene

    def set_map_scene(self, scene: MapScene | None) -> None:
        self._selection_sweep.stop()
        self.close_editor()
        self.cancel_link_drag()
        old = self._map_scene
        if old is not None:
            for signal, slot in ((old.selectionChanged, self._emit_selection),
                                 (old.mapChanged, self.apply_visibility),
                                 (old.mapChanged, self.minimap.invalidate),
                                 (old.mapChanged, self.update_minimap)):
                try:
                    signal.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass
        self._map_scene = scene
        self._current_node = None
        self.setScene(scene if scene is not None else self._empty_scene)
        if scene is not None:
            scene.selectionChanged.connect(self._emit_selection)
            scene.mapChanged.connect(self.apply_visibility)  # before the minimap redraws
            scene.mapChanged.connect(self.minimap.invalidate)
            scene.mapChanged.connect(self.update_minimap)
        self.reset_navigation()
        self.resetTransform()
        self._auto_fit = False
        if scene is not None:
            self.fit_all()
        self.minimap.invalidate()
        self.update_minimap()
        self.viewport().update()

    def set_placeholder(self, text: str) -> None:
        """A hint drawn in the middle of the view when there is nothing to show."""
        self._placeholder = text
        self.viewport().update()

    # ---- selection API -------------------------------------------------------------------

    def selected_node_ids(self) -> list[str]:
        return self._map_scene.selected_ids()[0] if self._map_scene else []

    def selected_edge_ids(self) -> list[str]:
        return self._map_scene.selected_ids()[1] if self._map_scene else []

    def select_items(self, node_ids=(), edge_ids=()) -> None:
        """Select exactly these (very many are selected over a few turns of the event loop;
        the selected ids say the whole choice at once)."""
        scene = self._map_scene
        if scene is None:
            return
        node_ids, edge_ids = list(node_ids), list(edge_ids)
        present = [i for i in node_ids if i in scene.node_items]
        if present:
            self._current_node = present[-1]
        self._selection_sweep.select(scene, node_ids, edge_ids)
        self._emit_selection()

    def select_all(self) -> None:
        if self._map_scene is not None:
            self.select_items(list(self._map_scene.node_items), list(self._map_scene.edge_items))

    def delete_selection(self) -> bool:
        nodes, edges = self.selected_node_ids(), self.selected_edge_ids()
        if self._map_scene is None or not (nodes or edges):
            return False
        return self._map_scene.document.remove_items(nodes, edges)

    def center_on_node(self, node_id: str) -> None:
        item = self._map_scene.node_items.get(node_id) if self._map_scene else None
        if item is not None:
            self._auto_fit = False
            self.centerOn(item)

    def navigate_to(self, point: QPointF) -> None:
        self._auto_fit = False
        self.centerOn(point)
        self.update_minimap()

    def _emit_selection(self) -> None:
        try:
            nodes, edges = (self._map_scene.selected_ids() if self._map_scene else ([], []))
        except RuntimeError:  # the scene is being destroyed
            return
        if nodes and self._current_node not in nodes:
            self._current_node = nodes[0]
        self.selectionChangedIds.emit(nodes, edges)

    def current_node_id(self) -> str | None:
        nodes = self.selected_node_ids()
        if self._current_node in nodes:
            return self._current_node
        return nodes[0] if nodes else None

    # ---- zoom and pan --------------------------------------------------------------------

    def zoom_level(self) -> float:
        return self.transform().m11()

    def min_zoom(self) -> float:
        """MIN_ZOOM, or less for a map that does not fit the view at MIN_ZOOM: far enough out
        to see all of it (the view then draws the scene's overview instead of each card)."""
        if self._map_scene is None:
            return MIN_ZOOM
        bounds = self._map_scene.content_bounds.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
        if bounds.isEmpty():
            return MIN_ZOOM
        viewport = self.viewport().rect()
        fits = min(viewport.width() / bounds.width(), viewport.height() / bounds.height())
        return max(FLOOR_ZOOM, min(MIN_ZOOM, fits * 0.9))

    def overview_shown(self) -> bool:
        """Whether the view draws the scene's overview (miniature cards) rather than each item:
        below style.OVERVIEW_DETAIL a card's text cannot be read."""
        return self._map_scene is not None and self.zoom_level() < style.OVERVIEW_DETAIL

    def zoom_by(self, factor: float) -> None:
        self._auto_fit = False
        target = min(MAX_ZOOM, max(self.min_zoom(), self.zoom_level() * factor))
        factor = target / self.zoom_level()
        if abs(factor - 1.0) > 1e-6:
            self.scale(factor, factor)
            self.place_editor()
            self.update_minimap()

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def reset_zoom(self) -> None:
        """100%, keeping the centre of the view where it is."""
        center = self.mapToScene(self.viewport().rect().center())
        self._auto_fit = False
        self.resetTransform()
        self.centerOn(center)
        self.place_editor()

    def fit_all(self) -> None:
        """Show the whole map (what is not hidden), never enlarged beyond 100%, and keep doing
        so on resize."""
        if self._map_scene is None:
            return
        scene = self._map_scene
        self.fit_rect(scene.visible_bounds() if scene.hidden_nodes else scene.content_bounds)

    def fit_rect(self, bounds: QRectF) -> None:
        """Show this scene rectangle, never enlarged beyond 100%; keep fitting on resize."""
        if self._map_scene is None:
            return
        self._auto_fit = True
        if bounds.isNull():
            self.resetTransform()
            self.centerOn(0, 0)
            return
        bounds = bounds.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
        self.fitInView(bounds, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom_level() > 1.0:
            self.resetTransform()
        elif self.zoom_level() < self.min_zoom():
            self.resetTransform()
            self.scale(self.min_zoom(), self.min_zoom())
        self.centerOn(bounds.center())
        self.place_editor()


    def set_minimap_visible(self, visible: bool) -> None:
        """Allow the overview; it shows itself only while part of the map is out of view."""
        self._minimap_wanted = bool(visible)
        self.update_minimap()

    def update_minimap(self) -> None:
        minimap = getattr(self, "minimap", None)
        if minimap is None:
            return
        show = self._minimap_wanted and self._map_scene is not None and bool(self._map_scene.node_items)
        if show:
            visible = self.mapToScene(self.viewport().rect()).boundingRect()
            show = not visible.contains(self._map_scene.content_bounds)
        if show != minimap.isVisible():
            minimap.setVisible(show)
        if show:
            minimap.place()
            minimap.update()

    def minimap_visible(self) -> bool:
        return self._minimap_wanted

    def paste_position(self) -> tuple[float, float]:
        """The mouse position over the view if it is inside, else the view's centre (scene)."""
        local = self.viewport().mapFromGlobal(QCursor.pos())
        if not self.viewport().rect().contains(local):
            local = self.viewport().rect().center()
        point = self.mapToScene(local)
        return (point.x(), point.y())

    def paste_at(self, scene_pos: QPointF) -> list[str]:
        mime = QGuiApplication.clipboard().mimeData()
        if self._map_scene is None or not has_fragment(mime):
            return []
        ids = self._map_scene.document.paste_mime(mime, fragment_offset(mime, scene_pos))
        self.select_items(ids)
        return ids

    def _pan(self, delta: QPoint) -> None:
        self._auto_fit = False
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())

    # ---- events --------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                backward = event.key() == Qt.Key.Key_Backtab or bool(mods & Qt.KeyboardModifier.ShiftModifier)
                if self.current_node_id() is not None:
                    self.add_child("attack" if backward else "support")
                    return True
        if event.type() == QEvent.Type.NativeGesture and self._native_zoom(event):
            return True
        return super().event(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.NativeGesture and self._native_zoom(event):
            return True
        return super().viewportEvent(event)

    def _native_zoom(self, event: QNativeGestureEvent) -> bool:
        if event.gestureType() != Qt.NativeGestureType.ZoomNativeGesture:
            return False
        self.zoom_by(1.0 + event.value())
        event.accept()
        return True

    def focusNextPrevChild(self, next: bool) -> bool:
        if self.current_node_id() is not None:
            return True  # Tab belongs to the map while a node is selected (see event)
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        alt, shift = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ShiftModifier
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self.setDragMode(QGraphicsView.DragMode.NoDrag)
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        elif key in DIRECTIONS and mods & alt:
            step = NUDGE_FINE_STEP if mods & shift else NUDGE_STEP
            dx, dy = DIRECTIONS[key]
            if not self.nudge_selection(dx * step, dy * step):
                super().keyPressEvent(event)
        elif key in DIRECTIONS and not mods:
            if not self.move_selection_focus(key):
                super().keyPressEvent(event)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods and self.current_node_id():
            self.add_sibling()
        elif key == Qt.Key.Key_F2:
            self.edit_node()
        elif self._navigation_key(key, mods):
            pass
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selection()
        elif event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
        elif key == Qt.Key.Key_Escape:
            if self.link_dragging():
                self.cancel_link_drag()
            else:
                self.select_items([])
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _navigation_key(self, key: int, mods) -> bool:
        """Ctrl+Shift+C collapse/expand, Ctrl+Shift+F focus, Ctrl+[ / Ctrl+] back and forward
        through the focus history, Ctrl+Shift+0 the whole map (see shortcuts.py; the main
        window's View menu carries the same keys)."""
        ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        current = self.current_node_id()
        if mods == ctrl_shift and key == Qt.Key.Key_C and current:
            self.toggle_collapsed(current)
        elif mods == ctrl_shift and key == Qt.Key.Key_F and current:
            self.focus_on(current)
        elif mods == Qt.KeyboardModifier.ControlModifier and key == Qt.Key.Key_BracketLeft:
            self.focus_back()
        elif mods == Qt.KeyboardModifier.ControlModifier and key == Qt.Key.Key_BracketRight:
            self.focus_forward()
        elif mods == ctrl_shift and key in (Qt.Key.Key_0, Qt.Key.Key_ParenRight):
            self.clear_focus()
        else:
            return False
        return True

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = False
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._selection_sweep.finish()  # a drag moves the whole selection, a click replaces it
        if self.editor is not None:
            self.editor.commit()
        point = event.position().toPoint()
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self._space_down):
            self._pan_from = point
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if button == Qt.MouseButton.LeftButton and self._map_scene is not None:
            scene_pos = self.mapToScene(point)
            item = self._map_scene.node_item_at(scene_pos)
            alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if item is not None and (alt or item.handle_contains(scene_pos)):
                self.begin_link_drag(item, scene_pos)
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        if self._pan_from is not None:
            self._pan(point - self._pan_from)
            self._pan_from = point
            event.accept()
            return
        if self.link_dragging():
            self.update_link_drag(self.mapToScene(point))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None and event.button() in (Qt.MouseButton.MiddleButton, Qt.MouseButton.LeftButton):
            self._pan_from = None
            if self._space_down:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            event.accept()
            return
        if self.link_dragging() and event.button() == Qt.MouseButton.LeftButton:
            point = event.position().toPoint()
            self.finish_link_drag(self.mapToScene(point), self.viewport().mapToGlobal(point), event.modifiers())
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self._map_scene is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        scene_pos = self.mapToScene(event.position().toPoint())
        node = self._map_scene.node_item_at(scene_pos)
        if node is not None:
            self.edit_node(node.node_id)
        elif self._map_scene.edge_item_at(scene_pos) is None:
            self.start_new_node(scene_pos)
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self._map_scene is None:
            return
        menu = self.context_menu_at(event.pos())
        menu.exec(event.globalPos())
        event.accept()

    def context_menu_at(self, point: QPoint):
        """The menu a right-click at this viewport point opens (node, link or canvas)."""
        scene_pos = self.mapToScene(point)
        node = self._map_scene.node_item_at(scene_pos)
        if node is not None:
            return menus.node_menu(self, node.node_id)
        edge = self._map_scene.edge_item_at(scene_pos)
        if edge is not None:
            return menus.edge_menu(self, edge.edge_id)
        return menus.canvas_menu(self, scene_pos)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta == 0 or event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            super().wheelEvent(event)
            return
        self.zoom_by(1.0015**delta)  # one notch (120) is about 20%
        event.accept()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.place_editor()
        self.update_minimap()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._auto_fit:
            self.fit_all()
        self.update_minimap()
        self.place_editor()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            if self._map_scene is not None:
                self._map_scene.refresh_palette()
            else:
                style.refresh_palette()
            self._empty_scene.setBackgroundBrush(style.palette().background)
            self.resetCachedContent()
            self.minimap.invalidate()

    # ---- far out: the overview instead of every item --------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.overview_shown():
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        area = event.region().boundingRect()
        # one rectangle: while thousands of cards move, the region is thousands of rectangles
        # and clipping every line against it cost far more than drawing the whole map
        painter.setClipRect(area)
        painter.setTransform(self.viewportTransform())
        exposed = self.mapToScene(area.adjusted(-2, -2, 2, 2)).boundingRect()
        self.drawBackground(painter, exposed)
        self._map_scene.overview.draw(painter, selected=self.selected_node_ids())
        for item in [self._rubber, *self._ghosts]:  # a link being drawn, a card being written
            if item is not None and item.scene() is self._map_scene:
                painter.save()
                painter.setTransform(item.sceneTransform() * self.viewportTransform())
                item.paint(painter, QStyleOptionGraphicsItem(), self.viewport())
                painter.restore()
        self.drawForeground(painter, exposed)
        painter.resetTransform()
        band = self.rubberBandRect()
        if not band.isEmpty():  # QGraphicsView draws it in the paint pass this replaces
            option = QStyleOptionRubberBand()
            option.initFrom(self.viewport())
            option.rect = band
            option.shape = QRubberBand.Shape.Rectangle
            self.style().drawControl(QStyle.ControlElement.CE_RubberBand, option, painter, self.viewport())
        painter.end()

    # ---- placeholder ---------------------------------------------------------------------

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        super().drawForeground(painter, rect)
        empty = self._map_scene is None or not self._map_scene.node_items
        if not self._placeholder or not empty:
            return
        painter.save()
        painter.resetTransform()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        painter.setFont(font)
        painter.setPen(QColor(style.palette().muted))
        area = QRectF(self.viewport().rect()).adjusted(40, 40, -40, -40)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._placeholder)
        painter.restore()


__all__ = ["MapView", "NodeItem", "EdgeItem"]
