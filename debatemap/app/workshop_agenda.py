"""The agenda and timers in the main window: the Agenda dock, the timer overlays of presentation
mode and the audience window, the silence timer, and their Workshop menu actions.

``install(window)`` adds all of it and returns the WorkshopAgenda controller. Starting an agenda
item selects its question on the canvas and makes it the presented focus (framed at once while
presenting; what the audience window follows and the next F5 presents otherwise). The timer's
overlays are in their corner slots while an item is current; they repaint from the one
Countdown. When the time is up the status bar says so and, unless switched off, the system
beeps once; nothing modal ever opens.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget

from debatemap.document.commands import shortened
from debatemap.widgets.agenda_panel import AgendaPanel
from debatemap.widgets.agenda_run import AgendaRun, node_label
from debatemap.widgets.workshop_timer import Clock, Countdown, SilenceTimer, TimerWidget

if TYPE_CHECKING:
    from debatemap.app.main_window import MainWindow

BEEP_KEY = "workshop/timerBeep"
SILENCE_MINUTES = (1, 2, 3)
CUSTOM_SILENCE_DEFAULT = 90  # seconds
# Ubuntu's desktop takes Ctrl+Alt+T (a terminal) and Cinnamon's and Xfce's Ctrl+Alt+Right (the
# next workspace) before the application sees them: F8 and F9 do the same everywhere
TOGGLE_KEYS = ("Ctrl+Alt+T", "F8")
NEXT_KEYS = ("Ctrl+Alt+Right", "F9")
MINUTE_KEYS = ("Ctrl+Alt+M",)


def ask_silence_seconds(parent: QWidget | None) -> int | None:
    """How long a custom silence lasts, in seconds (None: cancelled). Tests replace this."""
    seconds, ok = QInputDialog.getInt(parent, "Silence", "Seconds of silence:",
                                      CUSTOM_SILENCE_DEFAULT, 5, 3600, 15)
    return seconds if ok else None


class WorkshopAgenda(QObject):
    """The agenda dock, the timers and their actions of one main window."""

    def __init__(self, window: "MainWindow", clock: Clock = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.countdown = Countdown(clock, self)
        self.run = AgendaRun(self.countdown, self)
        self.panel = AgendaPanel(self.run, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        self.panel.hide()
        # two displays of the one countdown: presentation mode's corner and the audience's
        self.presentation_timer = TimerWidget(self.countdown)
        self.audience_timer = TimerWidget(self.countdown)
        self.silence = SilenceTimer(self._silence_views, clock, self)
        self.actions: list[QAction] = []
        self._build_actions()

        window.documentChanged.connect(self._document_changed)
        window.view.selectionChangedIds.connect(self.panel.set_selection)
        window.audience.openChanged.connect(self._audience_toggled)
        window.installEventFilter(self)  # closing: record the running time before the map closes
        self.panel.nodeActivated.connect(window.show_node)
        self.run.itemStarted.connect(self.show_item)
        self.run.message.connect(self._status)
        self.run.currentChanged.connect(lambda _id: self._update_overlays())
        self.countdown.changed.connect(self._update_actions)
        self.countdown.expired.connect(self._time_up)
        self.silence.activeChanged.connect(lambda _active: self._update_actions())
        self.silence.finished.connect(self._silence_over)
        self._document_changed(window.document)

    # ---- actions ---------------------------------------------------------------------------

    def _build_actions(self) -> None:
        window, menu = self.window, self.window.workshop_menu
        self.agenda_toggle = self.panel.toggleViewAction()
        self.agenda_toggle.setText("&Agenda")
        self.agenda_toggle.setStatusTip("Show or hide the Agenda panel")
        menu.addAction(self.agenda_toggle)
        self.add_action = self._action("Add Selected &Question to Agenda", self.panel.add_selected)
        menu.addSeparator()
        self.toggle_action = self._action("&Start Timer", self.run.toggle, TOGGLE_KEYS)
        self.next_action = self._action("&Next Agenda Item", self.run.next_item, NEXT_KEYS)
        self.minute_action = self._action("Add a &Minute", self.run.add_minute, MINUTE_KEYS)
        self.reset_action = self._action("&Reset Timer", self.run.reset)
        self.beep_action = self._action("&Beep When Time Is Up", self._set_beep)
        self.beep_action.setCheckable(True)
        self.beep_action.setChecked(QSettings().value(BEEP_KEY, True, type=bool))
        for action in (self.add_action, self.toggle_action, self.next_action, self.minute_action,
                       self.reset_action, self.beep_action):
            menu.addAction(action)
        menu.addSeparator()
        self.silence_menu = menu.addMenu("S&ilence")
        self.silence_actions: list[QAction] = []
        for minutes in SILENCE_MINUTES:
            action = self._action(f"{minutes} Minute{'s' if minutes > 1 else ''}",
                                  lambda _=False, m=minutes: self.start_silence(m * 60))
            self.silence_actions.append(action)
            self.silence_menu.addAction(action)
        self.custom_silence_action = self._action("&Custom…", self.ask_silence)
        self.end_silence_action = self._action("&End Silence", self.silence.cancel)
        self.end_silence_action.setStatusTip("Esc also ends the silence")
        self.silence_menu.addAction(self.custom_silence_action)
        self.silence_menu.addSeparator()
        self.silence_menu.addAction(self.end_silence_action)
        window.addAction(self.agenda_toggle)
        self._update_actions()

    def _action(self, text: str, slot, keys: tuple[str, ...] = ()) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(lambda _checked=False: slot())
        action.setShortcuts([QKeySequence(k) for k in keys])
        # on the window too: its shortcuts work while presenting hides the menu bar
        self.window.addAction(action)
        self.actions.append(action)
        return action

    def _update_actions(self) -> None:
        has_map = self.window.document is not None
        countdown = self.countdown
        self.toggle_action.setText("&Pause Timer" if countdown.is_running()
                                   else "Re&sume Timer" if countdown.is_paused()
                                   and countdown.elapsed() > 0 else "&Start Timer")
        self.toggle_action.setEnabled(has_map)
        self.next_action.setEnabled(has_map)
        self.add_action.setEnabled(has_map)
        for action in (self.minute_action, self.reset_action):
            action.setEnabled(countdown.is_loaded())
        self.end_silence_action.setEnabled(self.silence.is_active())

    def _set_beep(self) -> None:
        QSettings().setValue(BEEP_KEY, self.beep_action.isChecked())

    # ---- the open map ----------------------------------------------------------------------

    def _document_changed(self, document) -> None:
        self.run.set_document(document)
        self.panel.set_document(document)
        self.panel.set_selection(self.window.view.selected_node_ids())
        self._update_overlays()
        self._update_actions()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.run.pause()  # records the running stretch while the map is still open
        return False

    # ---- the current item ------------------------------------------------------------------

    def show_item(self, node_id: str) -> None:
        """The started item's question: selected and, while presenting, framed; otherwise
        brought into view and made the focus the audience follows and F5 presents."""
        window = self.window
        if window.presentation.is_active():
            window.presentation.present_focus(node_id)  # selects it and frames its subtree
            return
        window.view.select_items([node_id])
        window.view.center_on_node(node_id)
        window.presentation.present_focus(node_id)

    def _update_overlays(self) -> None:
        """The timer displays are in their corners while an agenda item is current."""
        shown = self.countdown.is_loaded()
        presentation = self.window.presentation
        if shown:
            presentation.set_overlay_widget(self.presentation_timer)
        elif presentation.overlay.widget() is self.presentation_timer:
            presentation.set_overlay_widget(None)
        audience = self.window.audience.audience_window  # made on its first opening
        if audience is not None:
            if shown:
                self.window.audience.set_overlay_widget(self.audience_timer)
            elif audience.overlay.widget() is self.audience_timer:
                self.window.audience.set_overlay_widget(None)

    def _audience_toggled(self, opened: bool) -> None:
        if opened:
            audience = self.window.audience.audience_window
            audience.addActions(self.actions)  # the timer keys work there too
            if self.countdown.is_loaded():
                self.window.audience.set_overlay_widget(self.audience_timer)
        self.silence.sync_views()

    def _time_up(self) -> None:
        item = self.run.current_item()
        what = f" for “{shortened(node_label(self.window.document, item.node_id), 50)}”" \
            if item is not None and self.window.document is not None else ""
        self._status(f"Time is up{what}; the timer counts on into overtime.")
        self._beep()

    def _beep(self) -> None:
        if self.beep_action.isChecked():
            QApplication.beep()

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    # ---- silence ---------------------------------------------------------------------------

    def start_silence(self, seconds: float) -> None:
        self.silence.start(seconds)
        self._status(f"Silence for {round(seconds)} seconds; Esc ends it.")

    def ask_silence(self) -> bool:
        seconds = ask_silence_seconds(self.window)
        if seconds is None:
            return False
        self.start_silence(seconds)
        return True

    def _silence_views(self) -> list:
        views = [self.window.view]
        if self.window.audience.is_open():
            views.append(self.window.audience.audience_window.view)
        return views

    def _silence_over(self) -> None:
        self._status("The silence is over.")
        self._beep()


def install(window: "MainWindow", clock: Clock = time.monotonic) -> WorkshopAgenda:
    """Add the Agenda dock, the timer overlays, the silence timer and their Workshop menu
    actions to a main window; ``clock`` (monotonic seconds) is for tests."""
    return WorkshopAgenda(window, clock)
