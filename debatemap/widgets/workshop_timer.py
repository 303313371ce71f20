"""Workshop timers: the Countdown model, the TimerWidget that shows one, and the silence timer.

A Countdown reads an injectable clock (a callable returning monotonic seconds), so what it says
is exact under a mocked clock: its QTimer tick only repaints the displays and notices that the
time ran out. Running past zero is not an error: it counts on into overtime ("+01:05"). The
displays turn amber in the last minute and red (pulsing while it runs) at zero; nothing is ever
modal, so the facilitator is never stopped.

The silence timer is a short Countdown for a reflection round, shown as a large centred overlay
over the canvas (and the audience window); it ends by itself, and Esc ends it early.
"""

from __future__ import annotations

import math
import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

Clock = Callable[[], float]

TICK_MS = 200  # how often a running countdown repaints (the time itself comes from the clock)
WARNING_SECONDS = 60  # the last minute is amber
SILENCE_WARNING_SECONDS = 10  # a silence turns amber only just before it ends
MINUTE = 60

IDLE, CALM, WARNING, OVER = "idle", "calm", "warning", "over"

PANEL = QColor(27, 29, 33, 232)
CALM_TEXT = QColor("#ffffff")
WARNING_TEXT = QColor("#ffb300")
OVER_PANEL, OVER_PANEL_DIM = QColor("#c62828"), QColor("#7f1414")
TRACK = QColor(255, 255, 255, 60)
BAR = {IDLE: QColor("#9aa0a6"), CALM: QColor("#8ab4f8"), WARNING: WARNING_TEXT,
       OVER: QColor("#ffffff")}
SILENCE_VEIL = QColor(18, 20, 24, 226)


def clock_text(seconds: float) -> str:
    """Whole seconds as mm:ss (minutes keep counting past 59: "75:00")."""
    seconds = int(seconds)
    return f"{seconds // MINUTE:02d}:{seconds % MINUTE:02d}"


class Countdown(QObject):
    """A countdown of ``length`` seconds (a timebox plus the minutes added to it)."""

    changed = Signal()  # loaded, started, paused, reset, lengthened, retitled
    ticked = Signal()  # a moment passed while running: repaint
    expired = Signal()  # the time left reached zero (once, until it is lengthened or reset)

    def __init__(self, clock: Clock = time.monotonic, parent: QObject | None = None,
                 warning_seconds: float = WARNING_SECONDS) -> None:
        super().__init__(parent)
        self.clock = clock
        self.warning_seconds = warning_seconds  # the amber stretch before zero
        self.base = 0.0  # the loaded length (the timebox)
        self.extra = 0.0  # minutes added on top
        self.title = ""
        self._loaded = False
        self._elapsed = 0.0  # run before the current stretch
        self._since: float | None = None  # the clock when the current stretch began
        self._unrecorded = 0.0  # run since ``take_unrecorded`` last took it
        self._expired = False
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.refresh)

    # ---- reading ---------------------------------------------------------------------------

    @property
    def length(self) -> float:
        return self.base + self.extra

    def is_loaded(self) -> bool:
        return self._loaded

    def is_running(self) -> bool:
        return self._since is not None

    def is_paused(self) -> bool:
        return self._loaded and self._since is None

    def elapsed(self) -> float:
        running = self.clock() - self._since if self._since is not None else 0.0
        return self._elapsed + running

    def remaining(self) -> float:
        """Seconds left; negative in overtime."""
        return self.length - self.elapsed()

    def tone(self) -> str:
        if not self._loaded:
            return IDLE
        left = self.remaining()
        return CALM if left > self.warning_seconds else WARNING if left > 0 else OVER

    def text(self) -> str:
        """mm:ss left (rounded up, so it reads 00:00 exactly at zero), +mm:ss in overtime."""
        if not self._loaded:
            return "--:--"
        left = self.remaining()
        if left > 0:
            return clock_text(math.ceil(left - 1e-9))
        over = math.floor(-left + 1e-9)
        return "00:00" if over == 0 else "+" + clock_text(over)

    def fraction_left(self) -> float:
        """0..1 of the length still to run (0 in overtime)."""
        if not self._loaded or self.length <= 0:
            return 0.0
        return min(1.0, max(0.0, self.remaining() / self.length))

    def pulse_on(self) -> bool:
        """The bright half of the overtime pulse (every half second while running over)."""
        return not (self.is_running() and self.tone() == OVER) or int(-self.remaining() * 2) % 2 == 0

    # ---- changing --------------------------------------------------------------------------

    def load(self, length: float, title: str = "", elapsed: float = 0.0) -> None:
        """Set up a new countdown, stopped: ``length`` seconds, ``elapsed`` of them run already."""
        self._stop_stretch()
        self.base, self.extra, self.title = float(length), 0.0, title
        self._elapsed, self._unrecorded = max(0.0, float(elapsed)), 0.0
        self._loaded = True
        self._expired = self.remaining() <= 0  # an item already over its time does not ring again
        self._tick.stop()
        self.changed.emit()

    def unload(self) -> None:
        """No countdown (nothing on the clock); time not taken yet is dropped."""
        self._stop_stretch()
        self._loaded, self.base, self.extra, self.title = False, 0.0, 0.0, ""
        self._elapsed = self._unrecorded = 0.0
        self._tick.stop()
        self.changed.emit()

    def start(self) -> None:
        """Run from where it stands (a paused countdown resumes)."""
        if not self._loaded or self._since is not None:
            return
        self._since = self.clock()
        self._tick.start()
        self.changed.emit()

    def resume(self) -> None:
        if self.is_paused():
            self.start()

    def pause(self) -> None:
        if self._since is None:
            return
        self._stop_stretch()
        self._tick.stop()
        self.changed.emit()

    def reset(self) -> None:
        """Back to the whole length (minutes added are dropped), stopped."""
        if not self._loaded:
            return
        self._stop_stretch()
        self._elapsed, self.extra, self._expired = 0.0, 0.0, False
        self._tick.stop()
        self.changed.emit()

    def add_minute(self) -> None:
        self.add_seconds(MINUTE)

    def add_seconds(self, seconds: float) -> None:
        if not self._loaded:
            return
        self.extra += seconds
        if self.remaining() > 0:
            self._expired = False
        self.changed.emit()

    def set_base(self, length: float) -> None:
        """A new timebox for the loaded countdown (what has run stays)."""
        if not self._loaded or float(length) == self.base:
            return
        self.base = float(length)
        if self.remaining() > 0:
            self._expired = False
        self.changed.emit()

    def set_title(self, title: str) -> None:
        if title != self.title:
            self.title = title
            self.changed.emit()

    def unrecorded(self) -> float:
        """Seconds run since ``take_unrecorded`` last took them (nothing is changed)."""
        running = self.clock() - self._since if self._since is not None else 0.0
        return self._unrecorded + running

    def take_unrecorded(self) -> float:
        """Seconds run since the last call (for recording spent time), and start afresh."""
        if self._since is not None:
            now = self.clock()
            self._elapsed += now - self._since
            self._unrecorded += now - self._since
            self._since = now
        taken, self._unrecorded = self._unrecorded, 0.0
        return taken

    def refresh(self) -> None:
        """The tick: repaint, and say once that the time ran out."""
        if self._loaded and not self._expired and self.remaining() <= 0:
            self._expired = True
            self.ticked.emit()
            self.expired.emit()
            return
        self.ticked.emit()

    def _stop_stretch(self) -> None:
        if self._since is not None:
            run = self.clock() - self._since
            self._elapsed += run
            self._unrecorded += run
            self._since = None


class TimerWidget(QWidget):
    """Big mm:ss, the item's title and a thin bar of the time left, on a dark panel.

    ``compact`` for the Agenda dock; otherwise sized for a projector from the height of the
    view it sits on (the presentation and audience corner slots). Several widgets may show one
    Countdown.
    """

    def __init__(self, countdown: Countdown, *, compact: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.countdown = countdown
        self.compact = compact
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, not compact)
        self.setAccessibleName("Agenda timer")
        self._host: QWidget | None = None  # the view whose corner it sits in
        countdown.changed.connect(self._changed)
        countdown.ticked.connect(self._changed)

    def shown_text(self) -> str:
        return self.countdown.text()

    def tone(self) -> str:
        return self.countdown.tone()

    def caption(self) -> str:
        """The line above the digits: the title, with the state when it is not plain running."""
        countdown = self.countdown
        if not countdown.is_loaded():
            return "No agenda item started"
        state = ("Time is up · " if countdown.tone() == OVER
                 else "Paused · " if countdown.is_paused() else "")
        return state + countdown.title

    def digit_pixels(self) -> int:
        if self.compact:
            return 34
        host = self.parentWidget()
        height = host.height() if host is not None else 800
        return int(min(150, max(44, height * 0.10)))

    def _fonts(self) -> tuple[QFont, QFont]:
        digits = QFont(self.font())
        digits.setPixelSize(self.digit_pixels())
        digits.setBold(True)
        digits.setStyleHint(QFont.StyleHint.SansSerif)
        caption = QFont(self.font())
        caption.setPixelSize(max(12, round(self.digit_pixels() * 0.24)))
        caption.setBold(True)
        return digits, caption

    def sizeHint(self) -> QSize:
        digits, caption = self._fonts()
        pad = self.digit_pixels() * 0.22
        width = QFontMetricsF(digits).horizontalAdvance("+88:88") + 2 * pad
        height = (QFontMetricsF(caption).height() + QFontMetricsF(digits).capHeight() * 1.5
                  + self._bar_height() + 2.6 * pad)
        if self.compact:
            return QSize(math.ceil(width), math.ceil(height))
        return QSize(math.ceil(width * 1.35), math.ceil(height))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint() if not self.compact else QSize(120, self.sizeHint().height())

    def _bar_height(self) -> float:
        return max(4.0, self.digit_pixels() * 0.07)

    def _changed(self) -> None:
        self.setAccessibleDescription(f"{self.caption()} {self.shown_text()}")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_timer(painter, QRectF(self.rect()), self.countdown, self._fonts(), self.caption(),
                    self.digit_pixels() * 0.22, self._bar_height())
        painter.end()

    def showEvent(self, event) -> None:
        self.updateGeometry()
        super().showEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange:
            if self._host is not None:
                try:
                    self._host.removeEventFilter(self)
                except RuntimeError:
                    pass
            self._host = self.parentWidget()
            if self._host is not None:
                self._host.installEventFilter(self)
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize and not self.compact:
            # the size follows the host's height; and this asks the host's corner slot to place
            # the widget again once the host has laid out its viewport (a LayoutRequest), which
            # its Resize, seen before that layout, cannot do
            self.updateGeometry()
        return False


def paint_timer(painter: QPainter, rect: QRectF, countdown: Countdown, fonts: tuple[QFont, QFont],
                caption: str, pad: float, bar_height: float, panel: QColor = PANEL) -> None:
    """A countdown on a rounded panel: caption line, digits, bar (shared by both overlays)."""
    digits_font, caption_font = fonts
    tone = countdown.tone()
    over = tone == OVER
    background = (OVER_PANEL if countdown.pulse_on() else OVER_PANEL_DIM) if over else panel
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(background)
    painter.drawRoundedRect(rect, pad * 0.8, pad * 0.8)
    inner = rect.adjusted(pad, pad * 0.7, -pad, -pad * 0.8)
    caption_metrics = QFontMetricsF(caption_font)
    painter.setFont(caption_font)
    painter.setPen(QColor(255, 255, 255, 215))
    line = caption_metrics.elidedText(caption, Qt.TextElideMode.ElideRight, inner.width())
    caption_rect = QRectF(inner.left(), inner.top(), inner.width(), caption_metrics.height())
    painter.drawText(caption_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)
    bar = QRectF(inner.left(), inner.bottom() - bar_height, inner.width(), bar_height)
    digits_rect = QRectF(inner.left(), caption_rect.bottom(), inner.width(),
                         bar.top() - caption_rect.bottom())
    painter.setFont(digits_font)
    painter.setPen(WARNING_TEXT if tone == WARNING else CALM_TEXT)
    painter.drawText(digits_rect, Qt.AlignmentFlag.AlignCenter, countdown.text())
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(TRACK)
    painter.drawRoundedRect(bar, bar_height / 2, bar_height / 2)
    filled = bar.width() * (1.0 if over else countdown.fraction_left())
    if filled > 0:
        painter.setBrush(BAR[tone])
        painter.drawRoundedRect(QRectF(bar.left(), bar.top(), filled, bar_height),
                                bar_height / 2, bar_height / 2)


# ---- the silence timer ---------------------------------------------------------------------


class SilenceOverlay(QWidget):
    """A veil over a view's whole viewport with a large centred countdown; clicks pass through."""

    def __init__(self, countdown: Countdown, view: QAbstractScrollArea) -> None:
        super().__init__(view)
        self.countdown = countdown
        self.view = view
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName("Silence timer")
        countdown.changed.connect(self.update)
        countdown.ticked.connect(self.update)
        view.installEventFilter(self)
        self.place()

    def place(self) -> None:
        self.setGeometry(self.view.viewport().geometry())
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.place()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), SILENCE_VEIL)
        size = max(48.0, min(self.height() * 0.24, self.width() * 0.16))
        digits = QFont(self.font())
        digits.setPixelSize(round(size))
        digits.setBold(True)
        caption = QFont(self.font())
        caption.setPixelSize(max(14, round(size * 0.26)))
        caption.setBold(True)
        pad = size * 0.25
        width = QFontMetricsF(digits).horizontalAdvance("+88:88") + 2 * pad
        height = (QFontMetricsF(caption).height() + QFontMetricsF(digits).capHeight() * 1.6
                  + size * 0.07 + 2.4 * pad)
        panel = QRectF(0, 0, width, height)
        panel.moveCenter(QRectF(self.rect()).center())
        paint_timer(painter, panel, self.countdown, (digits, caption), "Silence — take a moment",
                    pad, max(5.0, size * 0.07), QColor(0, 0, 0, 0))
        painter.end()


class SilenceTimer(QObject):
    """A reflection round: a countdown shown big over the given views, ending by itself;
    Esc in a window of those views ends it early."""

    activeChanged = Signal(bool)
    finished = Signal()  # ran out by itself (not cancelled)

    def __init__(self, views: Callable[[], list[QAbstractScrollArea]],
                 clock: Clock = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._views = views
        self.countdown = Countdown(clock, self, warning_seconds=SILENCE_WARNING_SECONDS)
        self.countdown.expired.connect(self._ran_out)
        self._overlays: dict[int, SilenceOverlay] = {}

    def is_active(self) -> bool:
        return self.countdown.is_running()

    def overlays(self) -> list[SilenceOverlay]:
        return list(self._overlays.values())

    def start(self, seconds: float) -> None:
        """Silence for ``seconds`` (starting again if one is running)."""
        was_active = self.is_active()
        self.countdown.load(seconds, "Silence")
        self.countdown.start()
        self.sync_views()
        QApplication.instance().installEventFilter(self)
        if not was_active:
            self.activeChanged.emit(True)

    def cancel(self) -> None:
        self._end()

    def sync_views(self) -> None:
        """Cover the views shown now (an audience window opened meanwhile) and no others."""
        if not self.is_active():
            return
        views = {id(view): view for view in self._views()}
        for key in [k for k in self._overlays if k not in views]:
            self._drop(key)
        for key, view in views.items():
            if key not in self._overlays:
                overlay = SilenceOverlay(self.countdown, view)
                self._overlays[key] = overlay
                overlay.show()

    def _drop(self, key: int) -> None:
        overlay = self._overlays.pop(key)
        try:
            overlay.view.removeEventFilter(overlay)
            overlay.hide()
            overlay.deleteLater()
        except RuntimeError:  # its view (and so the overlay) is gone already
            pass

    def _ran_out(self) -> None:
        self._end()
        self.finished.emit()

    def _end(self) -> None:
        if not self.countdown.is_loaded():
            return
        self.countdown.unload()
        QApplication.instance().removeEventFilter(self)
        for key in list(self._overlays):
            self._drop(key)
        self.activeChanged.emit(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
                and event.key() == Qt.Key.Key_Escape and self._is_ours(watched)):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self._end()
            return True
        return False

    def _is_ours(self, watched: QObject) -> bool:
        """Esc typed in a window that shows the silence (not in a dialog of another)."""
        if not isinstance(watched, QWidget):
            return False
        windows = set()
        for overlay in self._overlays.values():
            try:
                windows.add(overlay.window())
            except RuntimeError:
                continue
        return watched.window() in windows
