"""install(window): the Participants dock, the capture bar, the speaker's number keys and their
Workshop menu actions, following the window's open map.

The number keys 1–9 (participant N speaks) and 0 (nobody) are window-wide shortcuts of the
Workshop → Current Speaker actions. They never take a digit from a text field: Qt offers a
shortcut to the focused widget first (ShortcutOverride) and text fields — the capture line,
the find field, the inline card editor, spin boxes — claim printable keys there. For a widget
that edits text and does not claim them, SpeakerKeyAction's guard ignores the key too (choosing
the same action from the menu always works).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from debatemap.app import dialogs
from debatemap.widgets.author_highlight import AuthorHighlight
from debatemap.widgets.capture_bar import CaptureBar
from debatemap.widgets.participants_panel import SPEAKER_KEYS, ParticipantsDock

if TYPE_CHECKING:
    from debatemap.app.main_window import MainWindow


def install(window: "MainWindow") -> "WorkshopPeople":
    """Create the participants dock and the capture bar in ``window``; returns their controller."""
    return WorkshopPeople(window)


def typing_into(widget: QWidget | None) -> bool:
    """Whether ``widget`` takes typed characters (an editable text field has the focus)."""
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return not widget.isReadOnly()
    if isinstance(widget, QAbstractSpinBox):
        return not widget.isReadOnly()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return False


class SpeakerKeyAction(QAction):
    """A Current Speaker action whose number key does nothing while a text field has the focus."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut and typing_into(QApplication.focusWidget()):
            return True  # the key was meant as text; a menu click still triggers
        return super().event(event)


class WorkshopPeople(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.document = None
        self.dock = ParticipantsDock(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.bar = CaptureBar(window.view, window)
        window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self.bar)
        self.bar.follow_presentation(window.presentation)
        self.highlight = AuthorHighlight(self)
        self.dock.highlightChanged.connect(self.highlight.set_participant)
        for source in (self.dock, self.bar):
            source.message.connect(lambda text: window.statusBar().showMessage(text, 6000))
        self._build_actions()
        window.documentChanged.connect(self._document_changed)
        self._document_changed(window.document)

    # ---- actions ---------------------------------------------------------------------------

    def _action(self, text: str, slot, keys: str | None = None, tip: str = "",
                kind: type[QAction] = QAction) -> QAction:
        action = kind(text, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)  # the keys work wherever the focus is in the window
        return action

    def _build_actions(self) -> None:
        menu = self.window.workshop_menu
        self.participants_toggle = self.dock.toggleViewAction()
        self.participants_toggle.setText("&Participants")
        self.participants_toggle.setShortcut(QKeySequence("Ctrl+Alt+P"))
        self.window.addAction(self.participants_toggle)
        menu.addAction(self.participants_toggle)
        self.add_participant_action = self._action(
            "&Add Participant…", self.ask_participant,
            tip="Add a participant by name; their colour is picked from a colour-blind-safe palette")
        menu.addAction(self.add_participant_action)
        self.speaker_menu = menu.addMenu("Current &Speaker")
        self.nobody_action = self._action("&Nobody", lambda: self.pick_speaker(0), "0",
                                          "Nobody is speaking: new cards get no author",
                                          SpeakerKeyAction)
        self.speaker_menu.addAction(self.nobody_action)
        self.speaker_actions: list[QAction] = []
        for number in range(1, SPEAKER_KEYS + 1):
            action = self._action(f"Participant &{number}", lambda n=number: self.pick_speaker(n),
                                  str(number), kind=SpeakerKeyAction)
            self.speaker_actions.append(action)
            self.speaker_menu.addAction(action)
        self.anonymous_action = QAction("A&nonymous Mode", self.window)
        self.anonymous_action.setCheckable(True)
        self.anonymous_action.setStatusTip("Show “Participant 1…N” instead of names, on screen"
                                           " and in exports (one undo step)")
        self.anonymous_action.triggered.connect(self.set_anonymous)
        self.window.addAction(self.anonymous_action)
        menu.addAction(self.anonymous_action)
        menu.addSeparator()
        self.focus_capture_action = self._action(
            "&Focus Capture Bar", self.bar.focus_line, "Ctrl+K",
            tip="Type a card: ? question, + support, - objection, ! idea, n note; Enter adds it")
        menu.addAction(self.focus_capture_action)
        self.capture_bar_toggle = self.bar.toggleViewAction()
        self.capture_bar_toggle.setText("&Capture Bar")
        menu.addAction(self.capture_bar_toggle)

    # ---- following the open map ------------------------------------------------------------

    def _document_changed(self, document) -> None:
        if self.document is not None:
            workshop = self.document.workshop
            for signal in (workshop.participantsChanged, workshop.settingsChanged,
                           workshop.currentSpeakerChanged):
                try:
                    signal.disconnect(self._update_actions)
                except (RuntimeError, TypeError):
                    pass
        self.document = document
        self.highlight.set_scene(self.window.scene)
        self.dock.set_document(document)
        self.bar.set_document(document)
        if document is not None:
            workshop = document.workshop
            for signal in (workshop.participantsChanged, workshop.settingsChanged,
                           workshop.currentSpeakerChanged):
                signal.connect(self._update_actions)
        self._update_actions()

    def _update_actions(self, *_args) -> None:
        workshop = self.document.workshop if self.document is not None else None
        participants = workshop.participants if workshop is not None else []
        for action in (self.add_participant_action, self.anonymous_action, self.nobody_action,
                       self.focus_capture_action):
            action.setEnabled(workshop is not None)
        self.nobody_action.setCheckable(True)
        self.nobody_action.setChecked(workshop is not None and workshop.current_speaker is None)
        for number, action in enumerate(self.speaker_actions, start=1):
            there = number <= len(participants)
            action.setVisible(there)  # a hidden action's key does nothing
            action.setCheckable(there)
            if there:
                participant = participants[number - 1]
                action.setText(f"&{number} {workshop.display_name(participant.id)}")
                action.setChecked(participant.id == workshop.current_speaker)
        self.speaker_menu.setEnabled(workshop is not None)
        self.anonymous_action.setChecked(workshop is not None and workshop.settings.anonymous)

    # ---- what the actions do ---------------------------------------------------------------

    def pick_speaker(self, number: int) -> bool:
        """Participant ``number`` (1-based, in list order) speaks now; 0: nobody."""
        try:
            return self._pick_speaker(number)
        finally:
            self._update_actions()  # the checkable action that triggered ticked itself

    def _pick_speaker(self, number: int) -> bool:
        if self.document is None:
            return False
        workshop = self.document.workshop
        participants = workshop.participants
        if number > len(participants):
            self.window.statusBar().showMessage(
                f"There is no participant {number}: the list has {len(participants)}.", 5000)
            return False
        speaker = participants[number - 1].id if number else None
        done = self.dock.pick_speaker(speaker)
        if done:
            name = workshop.display_name(speaker) if speaker else "Nobody"
            self.window.statusBar().showMessage(f"{name} is speaking.", 3000)
        return done

    def ask_participant(self) -> None:
        if self.document is None:
            return
        name = dialogs.ask_text(self.window, "Add Participant", "Name:")
        if name is not None and name.strip():
            self.dock.add_participant(name)
            self.dock.show()

    def set_anonymous(self, anonymous: bool) -> None:
        if self.document is None or not self.document.workshop.set_anonymous(anonymous):
            self._update_actions()
