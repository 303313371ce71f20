"""Presentation mode: the main window full screen, the canvas in the projector style, one
question and its subtree framed, stepped through with the keyboard; Esc restores the window.

The focus ("what is being presented") is a node whose subtree is fitted into view, or None for
the whole map. Entering takes the selected node, else the focus given last to
``present_focus`` (the agenda's current question), else the whole map. The audience window
follows the same focus. Large type comes from the framing: a small subtree is enlarged up to
3x, because a card's size and wrapping are shared by every view of the scene and by the layout.

Keys while presenting (on the canvas; an open inline editor keeps its own keys):
Space / Page Down: the next slide (see ``canvas/slides.py``), Shift+Space / Page Up: the
previous one, + / -: zoom, Home: fit the focus again, Esc (or F5): leave. The arrow keys walk
between cards and the other canvas keys edit, as in the editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (QByteArray, QEvent, QObject, QPointF, QRect, QRectF, QSize, Qt, QTimer,
                            Signal)
from PySide6.QtGui import QKeyEvent, QTransform
from PySide6.QtWidgets import QApplication, QDockWidget, QFrame, QToolBar, QWidget

from debatemap.canvas.audience_view import FIT_MARGIN, MAX_ZOOM, fitted_zoom
from debatemap.canvas.corner_overlay import CornerOverlay
from debatemap.canvas.presentation_style import set_presentation_style, set_spotlight
from debatemap.canvas.slides import step_slide, subtree

if TYPE_CHECKING:
    from debatemap.app.main_window import MainWindow

_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly
SETTLE_MS = 1500  # after leaving, how long the canvas waits for the window to get its size back
_NEXT_KEYS = {Qt.Key.Key_PageDown}
_PREVIOUS_KEYS = {Qt.Key.Key_PageUp}
_ZOOM_IN_KEYS = {Qt.Key.Key_Plus, Qt.Key.Key_Equal}
_ZOOM_OUT_KEYS = {Qt.Key.Key_Minus, Qt.Key.Key_Underscore}
_HANDLED = (_NEXT_KEYS | _PREVIOUS_KEYS | _ZOOM_IN_KEYS | _ZOOM_OUT_KEYS
            | {Qt.Key.Key_Space, Qt.Key.Key_Home, Qt.Key.Key_Escape})


@dataclass
class _WindowState:
    """Everything presentation mode changes, to put back on leaving."""

    window_state: Qt.WindowState
    geometry: QRect  # the window's own (normal) geometry
    docks_and_toolbars: QByteArray
    hidden: list[QWidget]  # docks and toolbars that were shown
    menu_bar: bool  # not hidden
    status_bar: bool
    transform: QTransform
    center: QPointF
    scroll: tuple[int, int]
    viewport_size: QSize
    minimap: bool
    scroll_bars: tuple[Qt.ScrollBarPolicy, Qt.ScrollBarPolicy]
    frame: QFrame.Shape


class Presentation(QObject):
    """Presentation mode of one main window; also the focus the audience window follows."""

    activeChanged = Signal(bool)
    focusChanged = Signal(object)  # the presented node id, or None for the whole map

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self._active = False
        self._focus: str | None = None
        self._saved: _WindowState | None = None
        self._framed: tuple[float, QPointF] | None = None  # zoom and centre of the last framing
        self._resized = False  # the view was resized while still framed: refit whatever moved
        self._scene = None
        self.overlay = CornerOverlay(window.view)
        self.overlay.set_shown(False)
        self._refit = QTimer(self)  # coalesces the refits after edits and resizes
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._refit_if_untouched)
        self._settling: _WindowState | None = None  # left presentation; the canvas resizes back
        self._settled = QTimer(self)
        self._settled.setSingleShot(True)
        self._settled.setInterval(SETTLE_MS)
        self._settled.timeout.connect(self._stop_settling)

    @property
    def view(self):
        return self.window.view

    def is_active(self) -> bool:
        return self._active

    def focus(self) -> str | None:
        """The presented node (None: the whole map)."""
        return self._focus

    def set_overlay_widget(self, widget: QWidget | None) -> None:
        """Put a small widget (a countdown) in the top-right corner while presenting."""
        self.overlay.set_widget(widget)

    # ---- entering and leaving ------------------------------------------------------------

    def toggle(self) -> None:
        if self._active:
            self.leave()
        else:
            self.enter()

    def enter(self) -> bool:
        """Full screen, no panels, projector style, the focus framed. False without a map."""
        window, view = self.window, self.view
        if self._active:
            return True
        if window.scene is None:
            window.statusBar().showMessage("Open a map to present it.", 5000)
            self.activeChanged.emit(False)  # a checkable action that was ticked unticks
            return False
        shown = [w for w in (window.findChildren(QDockWidget, options=_DIRECT)
                             + window.findChildren(QToolBar, options=_DIRECT)) if w.isVisible()]
        self._saved = _WindowState(
            window.windowState(), window.geometry(), window.saveState(), shown,
            not window.menuBar().isHidden(), not window.statusBar().isHidden(), view.transform(),
            view.mapToScene(view.viewport().rect().center()),
            (view.horizontalScrollBar().value(), view.verticalScrollBar().value()),
            view.viewport().size(), view.minimap_visible(),
            (view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy()), view.frameShape())
        self._active = True
        self._settled.stop()
        self._settling = None
        for widget in shown:
            widget.hide()
        window.menuBar().hide()
        window.statusBar().hide()
        view.set_minimap_visible(False)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setFrameShape(QFrame.Shape.NoFrame)
        set_presentation_style(view, True)
        window.showFullScreen()
        for watched in (view, view.viewport()):  # keys; resizes of both (scroll bars)
            watched.removeEventFilter(self)  # (still there while settling after the last time)
            watched.installEventFilter(self)
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        selected = view.selected_node_ids()
        focus = selected[0] if len(selected) == 1 else self._focus
        self.overlay.set_shown(True)
        self.activeChanged.emit(True)
        self.present_focus(focus)
        return True

    def leave(self) -> None:
        """Back to the window exactly as it was: state, geometry, docks, zoom, palette."""
        if not self._active:
            return
        window, view, saved = self.window, self.view, self._saved
        self._active = False
        self._refit.stop()
        self._framed = None
        self.overlay.set_shown(False)
        set_presentation_style(view, False)
        window.setWindowState(saved.window_state)
        if not saved.window_state & (Qt.WindowState.WindowMaximized
                                     | Qt.WindowState.WindowFullScreen):
            # not restoreGeometry: it moves a window that filled the screen, to show a title bar
            window.setGeometry(saved.geometry)
        window.restoreState(saved.docks_and_toolbars)
        for widget in saved.hidden:
            widget.show()
        window.menuBar().setVisible(saved.menu_bar)
        window.statusBar().setVisible(saved.status_bar)
        view.setHorizontalScrollBarPolicy(saved.scroll_bars[0])
        view.setVerticalScrollBarPolicy(saved.scroll_bars[1])
        view.setFrameShape(saved.frame)
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the docks take room
        self._settling = saved  # the window may shrink back later (a window manager's pace)
        self._restore_view()
        self._settled.start()
        view.set_minimap_visible(saved.minimap)
        self._saved = None
        self.activeChanged.emit(False)

    def _restore_view(self) -> None:
        """The canvas' zoom and scroll as before presenting, exactly once its size is back."""
        saved, view = self._settling, self.view
        if saved is None:
            return
        view.setSceneRect(QRectF())  # follow the scene's own rectangle again
        view.setTransform(saved.transform)
        if view.viewport().size() == saved.viewport_size:
            view.horizontalScrollBar().setValue(saved.scroll[0])
            view.verticalScrollBar().setValue(saved.scroll[1])
        else:  # still resizing: keep the centre (the view's resize anchor does so meanwhile)
            view.centerOn(saved.center)

    def _stop_settling(self) -> None:
        self._settling = None
        if not self._active:
            self.view.removeEventFilter(self)
            self.view.viewport().removeEventFilter(self)

    # ---- the focus -----------------------------------------------------------------------

    def present_focus(self, node_id: str | None) -> None:
        """Present this node and its subtree (None: the whole map). While presenting it is
        selected and framed at once; otherwise it is what the audience window shows and what
        the next F5 presents when nothing is selected."""
        scene = self.window.scene
        if scene is None or node_id not in scene.document.map.nodes:
            node_id = None
        self._focus = node_id
        if self._active:
            if node_id is not None:
                self.view.select_items([node_id])
            self.fit_focus()
        self.focusChanged.emit(node_id)

    def focus_rect(self) -> QRectF:
        """The scene rectangle of the focus' visible subtree (or of the whole visible map)."""
        scene = self.window.scene
        if scene is None:
            return QRectF()
        amap = scene.document.map
        if self._focus is not None and self._focus in amap.nodes:
            bounds = scene.visible_bounds(subtree(amap, self._focus))
            if not bounds.isNull():
                return bounds
        return scene.visible_bounds()

    def fit_focus(self) -> None:
        """Frame the focus' subtree: as large as fits, at most 3x (Home)."""
        view = self.view
        rect = self.focus_rect()
        self._update_spotlight()
        if rect.isNull():
            return
        viewport = view.viewport().rect()
        zoom = fitted_zoom(viewport.width(), viewport.height(), rect, MAX_ZOOM, FIT_MARGIN)
        view.reset_zoom()  # also ends the editor's fit-on-resize, which would show everything
        view.scale(zoom, zoom)
        # room to centre a subtree near the map's edge: the scroll bars stop at the scene's
        reach = QRectF(0, 0, viewport.width() / zoom, viewport.height() / zoom)
        reach.moveCenter(rect.center())
        view.setSceneRect(self.window.scene.sceneRect().united(reach))
        view.centerOn(rect.center())
        self._framed = (view.transform().m11(), view.mapToScene(viewport.center()))

    def lit_nodes(self) -> set[str] | None:
        """The presented subtree, which the spotlight keeps lit (None: the whole map)."""
        scene = self.window.scene
        if scene is None or self._focus is None:
            return None
        return subtree(scene.document.map, self._focus) or None

    def _update_spotlight(self) -> None:
        """Veil the cards outside the presented subtree (nothing for the whole map)."""
        if self._active:
            set_spotlight(self.view, self.lit_nodes())

    def step(self, delta: int) -> bool:
        """Present the next (+1) or previous (-1) slide from the selected card or the focus."""
        scene = self.window.scene
        if scene is None:
            return False
        current = self.view.current_node_id() or self._focus
        positions = {i: (item.pos().x(), item.pos().y()) for i, item in scene.node_items.items()}
        target = step_slide(scene.document.map, positions, current, delta)
        if target is None:
            return False
        self.present_focus(target)
        return True

    # ---- keeping the framing ---------------------------------------------------------------

    def document_switched(self) -> None:
        """Another map (or none): forget the focus; follow the new scene's changes."""
        if self._scene is not None:
            try:
                self._scene.mapChanged.disconnect(self._map_changed)
            except (RuntimeError, TypeError):
                pass
        self._scene = self.window.scene
        if self._scene is not None:
            self._scene.mapChanged.connect(self._map_changed)
        if self._active and self._scene is None:
            self.leave()
        self.present_focus(None)

    def _map_changed(self) -> None:
        if self._focus is not None and self._scene is not None \
                and self._focus not in self._scene.document.map.nodes:
            self._focus = None
            self.focusChanged.emit(None)
        if self._active:
            self._update_spotlight()  # the subtree may have grown, even if the view was moved
            self._refit.start()

    def _untouched(self) -> bool:
        """The view still shows what the last framing set (not zoomed or moved since)."""
        if self._framed is None:
            return False
        view = self.view
        zoom, center = self._framed
        now = view.mapToScene(view.viewport().rect().center())
        return abs(view.transform().m11() - zoom) < 1e-6 and (now - center).manhattanLength() < 2.0

    def _refit_if_untouched(self) -> None:
        resized, self._resized = self._resized, False
        if self._active and (resized or self._untouched()):
            self.fit_focus()

    # ---- keys ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and self._settling is not None:
            QTimer.singleShot(0, self._restore_view)  # after the view laid out its viewport
            return False
        if kind == QEvent.Type.Resize and self._active:
            if self._framed is not None and self._untouched_zoom():
                self._resized = True
                self._refit.start()  # after the view has laid out its new viewport
            return False
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not self._active or not self._handles(event):
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress:
            self._key(event)
        return True

    def _untouched_zoom(self) -> bool:
        return self._framed is not None and abs(self.view.transform().m11() - self._framed[0]) < 1e-6

    def _handles(self, event: QKeyEvent) -> bool:
        key = event.key()
        mods = event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier
                                     | Qt.KeyboardModifier.ShiftModifier)
        if key not in _HANDLED or mods:
            return False
        if key == Qt.Key.Key_Escape and self.view.link_dragging():
            return False  # Esc first cancels the link being drawn
        return True

    def _key(self, event: QKeyEvent) -> None:
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Escape:
            self.leave()
        elif key in _NEXT_KEYS or (key == Qt.Key.Key_Space and not shift):
            self.step(+1)
        elif key in _PREVIOUS_KEYS or key == Qt.Key.Key_Space:
            self.step(-1)
        elif key in _ZOOM_IN_KEYS:
            self.view.zoom_in()
        elif key in _ZOOM_OUT_KEYS:
            self.view.zoom_out()
        elif key == Qt.Key.Key_Home:
            self.fit_focus()
