"""The audience window: a second top-level window (for a second screen) showing the map read-only
in the projector style, following the facilitator, while the main window keeps the full editor.

It is one more view (``AudienceView``) on the main window's own MapScene, so every edit shows at
once. It follows either the presented focus (the question framed in presentation mode or given
to ``Presentation.present_focus``; the whole map when there is none) or mirrors the area the
editor's canvas shows. With more than one screen it opens full screen on a screen other than the
main window's. Closing it only hides it (it lets go of the scene); opening it again reuses it.
F11 in it toggles full screen, Esc leaves full screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRectF, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from debatemap.canvas.audience_view import AudienceView
from debatemap.canvas.corner_overlay import CornerOverlay
from debatemap.canvas.presentation_style import set_spotlight

if TYPE_CHECKING:
    from debatemap.app.main_window import MainWindow
    from debatemap.app.presentation import Presentation
    from debatemap.canvas.scene import MapScene

FOLLOW_FOCUS = "focus"  # fit the presented question's subtree
MIRROR_VIEW = "mirror"  # show what the editor's canvas shows
FOLLOW_KEY = "audience/follow"
WINDOW_SIZE = (1024, 640)  # on a single screen: a window beside the editor, not over it
MIRROR_MAX_ZOOM = 4.0  # as far as the editor itself zooms


class AudienceWindow(QWidget):
    """The bare window around the audience view: no menus, no toolbars, no status bar."""

    closed = Signal()

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle("Debatemap — Audience")
        self.view = AudienceView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.overlay = CornerOverlay(self.view)
        self.resize(*WINDOW_SIZE)
        # the facilitator's keys stay with the editor when this window opens
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F11:
            self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)
        elif event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()


class Audience(QObject):
    """Opens, places and feeds the one audience window of a main window."""

    openChanged = Signal(bool)

    def __init__(self, window: "MainWindow", presentation: "Presentation") -> None:
        super().__init__(window)
        self.window = window
        self.presentation = presentation
        self.audience_window: AudienceWindow | None = None  # made on first opening, then reused
        self._scene: "MapScene | None" = None
        self._actions: list = []  # see share_actions
        self._follow = self._stored_follow()
        self._sync = QTimer(self)  # coalesces the many changes of one event-loop turn
        self._sync.setSingleShot(True)
        self._sync.setInterval(0)
        self._sync.timeout.connect(self.sync_now)
        presentation.focusChanged.connect(self._changed)
        presentation.activeChanged.connect(self._presentation_toggled)
        editor = window.view
        editor.viewport().installEventFilter(self)  # paints and resizes: the editor's view moved
        editor.horizontalScrollBar().valueChanged.connect(self._mirror_moved)
        editor.verticalScrollBar().valueChanged.connect(self._mirror_moved)

    # ---- opening and closing -------------------------------------------------------------

    def is_open(self) -> bool:
        return self.audience_window is not None and self.audience_window.isVisible()

    def set_open(self, wanted: bool) -> None:
        if wanted:
            self.open()
        else:
            self.close()

    def open(self) -> AudienceWindow:
        """Show the audience window (made once, reused), on another screen if there is one."""
        shown = self._window()
        if shown.view.map_scene() is not self._scene:
            shown.view.set_map_scene(self._scene)
        if not shown.isVisible():
            self._place(shown)
            if self.window.isVisible():
                self.window.activateWindow()  # the facilitator's keys stay with the editor
        shown.raise_()
        self.sync_now()
        self.openChanged.emit(True)
        return shown

    def _place(self, shown: AudienceWindow) -> None:
        here = self.window.screen()
        others = [s for s in QGuiApplication.screens() if s is not here]
        if others:
            screen = others[0]
            shown.setScreen(screen)
            shown.setGeometry(screen.geometry())
            shown.showFullScreen()
        else:
            shown.show()

    def close(self) -> None:
        if self.audience_window is not None and self.audience_window.isVisible():
            self.audience_window.close()  # -> _closed

    def _closed(self) -> None:
        if self.audience_window is not None:
            self.audience_window.view.set_map_scene(None)  # a hidden view need not follow
        self.openChanged.emit(False)

    def set_overlay_widget(self, widget: QWidget | None) -> None:
        """A small widget (a countdown) in the audience window's top-right corner."""
        self._window().overlay.set_widget(widget)

    def share_actions(self, actions) -> None:
        """Actions whose shortcuts also work while the audience window has the keyboard."""
        self._actions = list(actions)
        if self.audience_window is not None:
            self.audience_window.addActions(self._actions)

    def _window(self) -> AudienceWindow:
        if self.audience_window is None:
            self.audience_window = AudienceWindow()
            self.audience_window.closed.connect(self._closed)
            self.audience_window.addActions(self._actions)
        return self.audience_window

    # ---- what it follows -----------------------------------------------------------------

    @staticmethod
    def _stored_follow() -> str:
        value = str(QSettings().value(FOLLOW_KEY, FOLLOW_FOCUS))
        return value if value in (FOLLOW_FOCUS, MIRROR_VIEW) else FOLLOW_FOCUS

    def follow_mode(self) -> str:
        return self._follow

    def set_follow_mode(self, mode: str) -> None:
        """FOLLOW_FOCUS: fit the presented question's subtree; MIRROR_VIEW: the editor's area."""
        if mode not in (FOLLOW_FOCUS, MIRROR_VIEW):
            raise ValueError(f"unknown audience mode: {mode}")
        self._follow = mode
        QSettings().setValue(FOLLOW_KEY, mode)
        self.sync_now()

    def set_map_scene(self, scene: "MapScene | None") -> None:
        """The main window switched maps (the old scene already let go of this view)."""
        if self._scene is not None:
            try:
                self._scene.mapChanged.disconnect(self._changed)
            except (RuntimeError, TypeError):
                pass
        self._scene = scene
        if scene is not None:
            scene.mapChanged.connect(self._changed)
        if self.is_open():
            self.audience_window.view.set_map_scene(scene)
            self.sync_now()

    def target_rect(self) -> QRectF:
        """The scene rectangle the audience should see now."""
        if self._follow == MIRROR_VIEW:
            editor = self.window.view
            return editor.mapToScene(editor.viewport().rect()).boundingRect()
        return self.presentation.focus_rect()

    def sync_now(self) -> None:
        self._sync.stop()
        if not self.is_open() or self._scene is None:
            return
        view = self.audience_window.view
        presentation = self.presentation
        lit = self._follow == FOLLOW_FOCUS or presentation.is_active()
        set_spotlight(view, presentation.lit_nodes() if lit else None)
        rect = self.target_rect()
        if rect.isNull():
            return
        if self._follow == MIRROR_VIEW:
            if rect != view.shown_rect():
                view.show_rect(rect, MIRROR_MAX_ZOOM, margin=0.0)
        elif rect != view.shown_rect():
            view.show_rect(rect)

    def _changed(self, *_args) -> None:
        if self.is_open():
            self._sync.start()

    def _presentation_toggled(self, _active: bool) -> None:
        # Presentation style paints the editor's viewport from an event filter that takes the
        # paint event; filters run newest first, so this one moves back in front of it.
        viewport = self.window.view.viewport()
        viewport.removeEventFilter(self)
        viewport.installEventFilter(self)
        self._changed()

    def _mirror_moved(self, *_args) -> None:
        if self._follow == MIRROR_VIEW:
            self._changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._follow == MIRROR_VIEW and event.type() in (QEvent.Type.Paint, QEvent.Type.Resize):
            self._changed()  # a zoom repaints the editor's viewport; compare and follow
        return False
