"""The Replay dock: a slider over a map's history and the map as it was at that point, drawn
read-only with the canvas's own cards; step, jump, play, and show it full screen as slides.

Nothing here changes the map: the panel only reads the workshop's history (``event_count``,
``history``, ``replay_range``, ``map_at``) and shows each moment in its own SnapshotScene.
Point k is the map after the first k events (0: before any). Points the history cannot
rebuild (events written by an older version) say why instead of showing a map.

Keys (in the dock and in the slides window): Left / Right the previous / next event, Home / End
the first / last point, Space play or pause (in the slides window Space is "next", as a
presentation clicker sends it, and P plays).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDockWidget, QFrame, QHBoxLayout, QLabel,
                               QSizePolicy, QSlider, QStackedWidget, QStyle,
                               QToolButton, QVBoxLayout, QWidget)

from debatemap.canvas import style
from debatemap.canvas.audience_view import AudienceView
from debatemap.canvas.display import needs_grid
from debatemap.canvas.presentation_style import set_presentation_style
from debatemap.canvas.snapshot import SnapshotScene
from debatemap.core.argmap import ArgumentMap
from debatemap.core.card_metrics import estimate_size
from debatemap.core.errors import DebatemapError
from debatemap.core.replay import MapState
from debatemap.widgets.replay_events import Moment, moment

SPEEDS = (("Fast (½ s)", 500), ("1 s per event", 1000), ("2 s per event", 2000),
          ("Slow (5 s)", 5000))
DEFAULT_SPEED = 1  # index in SPEEDS
DOCK_MAX_ZOOM = 1.0  # a few early cards are not blown up in the small dock
SCREEN_MAX_ZOOM = 2.0
EMPTY_RECT = QRectF(-200, -150, 400, 300)
_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Space}


class ReplayScreen(QWidget):
    """The replay as slides: a bare window (full screen) showing the same snapshot scene in the
    projector style, with the moment's caption below. Its keys step the replay."""

    stepRequested = Signal(int)  # -1 / +1
    jumpRequested = Signal(bool)  # False: the first point, True: the last
    playRequested = Signal()  # play or pause
    closed = Signal()

    def __init__(self, scene: SnapshotScene) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle("Debatemap — Replay")
        self.view = AudienceView(self)
        self.view.set_map_scene(scene)
        palette = style.presentation_palette()
        caption = QFrame(self)
        caption.setObjectName("replayCaption")
        caption.setStyleSheet(f"#replayCaption {{ background: {palette.node_border.name()}; }}"
                              "QLabel { color: white; }")
        self.position_label = QLabel(caption)
        self.position_label.setStyleSheet("font-size: 22pt; font-weight: 600;")
        self.line_label = QLabel(caption)
        self.line_label.setStyleSheet("font-size: 18pt;")
        self.line_label.setWordWrap(True)
        row = QHBoxLayout(caption)
        row.setContentsMargins(24, 12, 24, 12)
        row.addWidget(self.position_label)
        row.addSpacing(24)
        row.addWidget(self.line_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        layout.addWidget(caption)
        self.resize(1024, 700)

    def show_caption(self, position: str, line: str) -> None:
        self.position_label.setText(position)
        self.line_label.setText(line)

    def present(self, screen: QScreen | None) -> None:
        """Full screen on ``screen`` (this window's current screen when None)."""
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_Down):
            self.stepRequested.emit(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace, Qt.Key.Key_Up):
            self.stepRequested.emit(-1)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self.jumpRequested.emit(key == Qt.Key.Key_End)
        elif key == Qt.Key.Key_P:
            self.playRequested.emit()
        elif key == Qt.Key.Key_F11:
            self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        super().closeEvent(event)
        self.closed.emit()


class ReplayPanel(QWidget):
    """The slider, the controls, the caption and the read-only map of one moment."""

    positionChanged = Signal(int)  # the point shown (k)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = None
        self.scene = SnapshotScene(parent=self)  # a view does not own its scene
        self.screen_window: ReplayScreen | None = None
        self.choose_screen = lambda: None  # the app may pick the audience's screen
        self._k = 0
        self._state: MapState | None = None  # the state shown (None: none could be rebuilt)
        self._before: tuple[int, MapState | None] | None = None  # cached state at k - 1
        self._message = ""
        self._moment = Moment(0, 0)
        self._session_rect: QRectF | None = None  # the still frame's area, worked out once
        self._stale = True  # the history changed while the panel was hidden
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._build()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for widget in [self] + self.findChildren(QWidget):
            widget.installEventFilter(self)
        self._update_controls()

    def _build(self) -> None:
        self.position_label = QLabel(self)
        self.position_label.setStyleSheet("font-weight: 600;")
        self.line_label = QLabel(self)
        self.line_label.setWordWrap(True)
        self.line_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: palette(mid); font-style: italic;")
        self.note_label.hide()
        self.view = AudienceView(self)
        set_presentation_style(self.view, False)
        self.view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.view.setFrameShape(QFrame.Shape.StyledPanel)
        self.view.set_map_scene(self.scene)
        self.view.setToolTip("The map as it was at this point (read-only)")
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setMargin(24)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.message_label)
        self.stack.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setPageStep(10)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.valueChanged.connect(self._slid)
        self.slider.setToolTip("Drag through the history: each step is one event")
        icons = self.style()
        self.first_button = self._button(QStyle.StandardPixmap.SP_MediaSkipBackward,
                                         "First point (Home)", lambda: self.jump(False))
        self.previous_button = self._button(QStyle.StandardPixmap.SP_MediaSeekBackward,
                                            "Previous event (Left)", lambda: self.step(-1))
        self.play_button = self._button(QStyle.StandardPixmap.SP_MediaPlay,
                                        "Play / pause (Space)", self.toggle_play)
        self.next_button = self._button(QStyle.StandardPixmap.SP_MediaSeekForward,
                                        "Next event (Right)", lambda: self.step(1))
        self.last_button = self._button(QStyle.StandardPixmap.SP_MediaSkipForward,
                                        "Last point: now (End)", lambda: self.jump(True))
        self._play_icon = icons.standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        self._pause_icon = icons.standardIcon(QStyle.StandardPixmap.SP_MediaPause)
        self.speed_box = QComboBox(self)
        for text, ms in SPEEDS:
            self.speed_box.addItem(text, ms)
        self.speed_box.setCurrentIndex(DEFAULT_SPEED)
        self.speed_box.setToolTip("How long Play shows each event")
        self.speed_box.currentIndexChanged.connect(self._speed_changed)
        self.still_box = QCheckBox("Still frame", self)
        self.still_box.setToolTip("Keep the whole session's area in view, so cards stay where"
                                  " they are as the map grows (off: zoom to this moment's cards)")
        self.still_box.toggled.connect(lambda _on: self._fit())
        self.screen_button = QToolButton(self)
        self.screen_button.setText("Slides")
        self.screen_button.setToolTip("Show the replay full screen as slides (on the audience's"
                                      " screen when there is one). Esc closes it.")
        self.screen_button.clicked.connect(self.show_screen)
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        for button in (self.first_button, self.previous_button, self.play_button,
                       self.next_button, self.last_button):
            controls.addWidget(button)
        controls.addWidget(self.speed_box)
        controls.addStretch(1)
        controls.addWidget(self.still_box)
        controls.addWidget(self.screen_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.slider)
        layout.addWidget(self.position_label)
        layout.addWidget(self.line_label)
        layout.addLayout(controls)
        layout.addWidget(self.note_label)

    def _button(self, icon: QStyle.StandardPixmap, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(self.style().standardIcon(icon))
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # ---- the document ----------------------------------------------------------------------

    def set_document(self, document) -> None:
        """Follow this MapDocument (None: nothing); the panel starts at the present."""
        self.pause()
        if document is None:
            self.close_screen()
        if self.document is not None:
            try:
                self.document.workshop.historyChanged.disconnect(self._history_changed)
            except (RuntimeError, TypeError):
                pass
        self.document = document
        self.scene.snapshot.semantics = document.semantics if document is not None else "grounded"
        self.scene.show(ArgumentMap())
        self._state, self._before, self._session_rect = None, None, None
        if document is not None:
            document.workshop.historyChanged.connect(self._history_changed)
        self._stale = True
        if self.isVisible() or document is None:
            self.refresh()

    def refresh(self, position: int | None = None) -> None:
        """Read the history again and show ``position`` (the present when None)."""
        count = self._read_range()
        self.show_point(count if position is None else max(0, min(position, count)))

    def _read_range(self) -> int:
        """The slider's range and the note from the history as it is now; its event count."""
        self._stale = False
        self._session_rect = None
        count = self.event_count()
        self.slider.blockSignals(True)
        self.slider.setRange(0, count)
        self.slider.setTickInterval(max(1, count // 20))
        self.slider.blockSignals(False)
        self._update_note()
        return count

    def event_count(self) -> int:
        return self.document.workshop.event_count() if self.document is not None else 0

    def _history_changed(self) -> None:
        if not self.isVisible():
            self._stale = True
            return
        following = self._k >= self.slider.maximum()  # at the present: stay there
        self.refresh(None if following else self._k)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # ---- which point -----------------------------------------------------------------------

    def position(self) -> int:
        return self._k

    def shown_state(self) -> MapState | None:
        """The state drawn now (None when this point cannot be rebuilt)."""
        return self._state

    def message(self) -> str:
        """Why nothing is drawn at this point ("" when the map is)."""
        return self._message

    def current_moment(self) -> Moment:
        return self._moment

    def replay_range(self) -> tuple[int, int] | None:
        return self.document.workshop.replay_range() if self.document is not None else None

    def step(self, delta: int) -> None:
        self.show_point(max(0, min(self._k + delta, self.slider.maximum())))

    def jump(self, to_end: bool) -> None:
        """Home: the first point that can be replayed (0 when none can); End: the present."""
        if to_end:
            self.show_point(self.slider.maximum())
        else:
            span = self.replay_range()
            self.show_point(span[0] if span is not None else 0)

    def show_point(self, k: int) -> None:
        """Show the map after the first ``k`` events."""
        if self._stale:
            k = min(k, self._read_range())
        if self.slider.value() != k:
            self.slider.blockSignals(True)
            self.slider.setValue(k)
            self.slider.blockSignals(False)
        self._k = k
        self._before = None
        self._state, self._message = None, ""
        if self.document is None:
            self._message = "No map is open."
        else:
            try:
                self._state = self.document.workshop.map_at(k)
            except DebatemapError as error:
                self._message = _sentence(f"Point {k} cannot be replayed: {error}")
        if self._state is not None:
            amap = self._state.to_map()
            self.scene.show(amap, self._state.to_workshop(amap).tallies())
            self.stack.setCurrentWidget(self.view)
        else:
            self.scene.show(ArgumentMap())
            self.message_label.setText(self._message)
            self.stack.setCurrentWidget(self.message_label)
        self._caption()
        self._fit()
        self._update_controls()
        self.positionChanged.emit(k)

    def _slid(self, value: int) -> None:
        if value != self._k:
            self.show_point(value)

    def _state_before(self) -> MapState | None:
        if self._before is None:
            state = None
            if self.document is not None and self._k > 0:
                try:
                    state = self.document.workshop.map_at(self._k - 1)
                except DebatemapError:
                    state = None
            self._before = (self._k - 1, state)
        return self._before[1]

    def _caption(self) -> None:
        if self.document is None:
            self._moment = Moment(0, 0)
            self.position_label.setText("No map is open")
            self.line_label.setText("")
        else:
            anonymous = self.document.workshop.settings.anonymous
            self._moment = moment(self.document.workshop.history(), self._k, self._state,
                                  self._state_before, anonymous)
            self.position_label.setText(self._moment.position)
            self.line_label.setText(self._moment.line() or "The map as the history starts")
        if self.screen_window is not None:
            self.screen_window.show_caption(self.position_label.text(), self.line_label.text())

    def _update_note(self) -> None:
        note = ""
        count = self.event_count()
        span = self.replay_range()
        if self.document is not None and count and span is None:
            note = ("This map's history was recorded by an older version of Debatemap and cannot"
                    " be replayed; replay works for what is done from now on.")
        elif span is not None and span[0] > 0:
            note = (f"The first {span[0]} events were recorded by an older version of Debatemap"
                    f" and cannot be replayed; replay starts after event {span[0]}.")
        if span is not None and span[1] < count:
            note += ("" if not note else " ") + (
                f"Event {span[1] + 1} does not record what it changed: replay ends before it.")
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))

    def _update_controls(self) -> None:
        has = self.document is not None
        top = self.slider.maximum()
        for widget in (self.slider, self.play_button, self.speed_box, self.still_box,
                       self.screen_button):
            widget.setEnabled(has)
        self.first_button.setEnabled(has and self._k > 0)
        self.previous_button.setEnabled(has and self._k > 0)
        self.next_button.setEnabled(has and self._k < top)
        self.last_button.setEnabled(has and self._k < top)
        self.play_button.setIcon(self._pause_icon if self.is_playing() else self._play_icon)

    # ---- framing ---------------------------------------------------------------------------

    def frame_rect(self) -> QRectF:
        """The scene area the views fit: this moment's cards, or with "Still frame" the whole
        session's area as well."""
        rect = self.scene.cards_bounds()
        if self.still_box.isChecked():
            rect = rect.united(self._session_bounds())
        return rect if not rect.isNull() else QRectF(EMPTY_RECT)

    def _session_bounds(self) -> QRectF:
        """The present map's cards, from their stored places and estimated sizes."""
        if self._session_rect is None:
            self._session_rect = QRectF()
            span = self.replay_range()
            state = None
            if span is not None:
                try:
                    state = self.document.workshop.map_at(span[1])
                except DebatemapError:
                    state = None
            if state is not None and not needs_grid(state.nodes):
                for node in state.nodes.values():
                    width, height = estimate_size(node.text, node.kind, title=node.title,
                                                  has_source=bool(node.excerpt_id))
                    self._session_rect = self._session_rect.united(
                        QRectF(node.x - width / 2, node.y - height / 2, width, height))
        return QRectF(self._session_rect)

    def _fit(self) -> None:
        rect = self.frame_rect()
        self.view.show_rect(rect, DOCK_MAX_ZOOM, margin=24.0)
        if self.screen_window is not None and self.screen_window.isVisible():
            self.screen_window.view.show_rect(rect, SCREEN_MAX_ZOOM)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    # ---- playing ---------------------------------------------------------------------------

    def is_playing(self) -> bool:
        return self._timer.isActive()

    def play(self) -> None:
        """Step forward every few seconds (the speed box) until the last point."""
        if self.document is None:
            return
        span = self.replay_range()
        if self._k >= self.slider.maximum() or (span is not None and self._k < span[0]):
            self.jump(False)  # from the start again
        self._timer.start(int(self.speed_box.currentData()))
        self._update_controls()

    def pause(self) -> None:
        self._timer.stop()
        self._update_controls()

    def toggle_play(self) -> None:
        self.pause() if self.is_playing() else self.play()

    def _tick(self) -> None:
        if self._k >= self.slider.maximum():
            self.pause()
            return
        self.step(1)
        if self._k >= self.slider.maximum():
            self.pause()

    def _speed_changed(self, _index: int) -> None:
        if self.is_playing():
            self._timer.start(int(self.speed_box.currentData()))

    # ---- slides ----------------------------------------------------------------------------

    def show_screen(self) -> ReplayScreen | None:
        """The replay full screen (on the screen ``choose_screen`` gives, else another screen
        than this window's when there is one)."""
        if self.document is None:
            return None
        if self._stale:
            self.refresh()
        if self.screen_window is None:
            self.screen_window = ReplayScreen(self.scene)
            self.screen_window.stepRequested.connect(self.step)
            self.screen_window.jumpRequested.connect(self.jump)
            self.screen_window.playRequested.connect(self.toggle_play)
        screen = self.choose_screen()
        if screen is None:
            here = self.window().screen()
            others = [s for s in QGuiApplication.screens() if s is not here]
            screen = others[0] if others else here
        self.screen_window.present(screen)
        self.screen_window.show_caption(self.position_label.text(), self.line_label.text())
        self._fit()
        return self.screen_window

    def close_screen(self) -> None:
        if self.screen_window is not None:
            self.screen_window.close()

    # ---- keys ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and self._handles(event):
            event.accept()  # the key comes here as a key press, not as some window shortcut
            return True
        if kind == QEvent.Type.KeyPress and self._handles(event):
            key = event.key()
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                self.step(-1 if key == Qt.Key.Key_Left else 1)
            elif key in (Qt.Key.Key_Home, Qt.Key.Key_End):
                self.jump(key == Qt.Key.Key_End)
            else:
                self.toggle_play()
            return True
        return False

    @staticmethod
    def _handles(event: QKeyEvent) -> bool:
        return (event.key() in _KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)


class ReplayDock(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Replay", parent)
        self.setObjectName("replayDock")
        self.panel = ReplayPanel(self)
        self.setWidget(self.panel)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
