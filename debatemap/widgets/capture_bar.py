"""CaptureBar: the workshop's quick-capture line below the canvas — type, Enter, and the card is on
the map under the selected one, by the current speaker (WorkshopDocument.capture, one undo step).

One-key prefixes set the kind (core/capture.py): ``?`` question, ``+`` support, ``-`` objection
(attacks), ``!`` idea, ``n `` note. A live hint says what Enter will do. After Enter the focus
stays in the line and the selected card stays selected, so a series of reasons lands under the
same claim (the usual rhythm when mapping a discussion); Shift+Enter selects the new card instead,
to go one level deeper. With nothing selected the new card is selected, so what follows answers it.
Up/Down recall earlier entries, Esc gives the focus back to the canvas. Errors show in the hint,
never in a dialog: the facilitator is typing in front of the room.

The bar is a QToolBar: presentation mode hides every toolbar, so ``follow_presentation`` shows it
again while presenting (in larger type) unless the user had hidden it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from debatemap.core.capture import Capture, parse_capture
from debatemap.core.errors import DebatemapError
from debatemap.core.model import EdgeType, Node
from debatemap.document.mapdocument import MapDocument
from debatemap.widgets.following import refollow
from debatemap.widgets.participant_colors import colour_of, swatch_icon
from debatemap.widgets.tone_label import tone_style

PREFIX_LABELS = {"?": "? question", "+": "+ support", "-": "− objection", "!": "! idea",
                 "n ": "n note", "": "claim"}
PREFIX_HELP = "? question · + support · - objection · ! idea · n note"
SHORT_TEXT = 22  # characters of a card's text quoted in the hint
PRESENTING_FONT_SCALE = 1.4
HISTORY_LIMIT = 200


def short(text: str, limit: int = SHORT_TEXT) -> str:
    """The first words of a card, whole words up to ``limit`` characters, then "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if text[limit] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]  # no half words
    return cut.rstrip(",;:.") + "…"


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


class CaptureLine(QLineEdit):
    """The text field: Enter / Shift+Enter submit, Up/Down walk the history, Esc leaves."""

    submitted = Signal(bool)  # True: select the new card (Shift+Enter)
    recallRequested = Signal(int)  # -1 an older entry (Up), +1 a newer one (Down)
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit(bool(mods & Qt.KeyboardModifier.ShiftModifier))
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods:
            self.recallRequested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif key == Qt.Key.Key_Escape:
            self.escaped.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class HintLabel(QLabel):
    """One line that elides what does not fit (the whole text is its tooltip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                                   max(self.width(), 40)))


class CaptureBar(QToolBar):
    """See the module docstring. ``view`` is the MapView whose selection is the parent."""

    captured = Signal(str)  # the new node's id
    message = Signal(str)  # for the status bar

    def __init__(self, view, parent: QWidget | None = None) -> None:
        super().__init__("Capture Bar", parent)
        self.setObjectName("captureBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.setAllowedAreas(Qt.ToolBarArea.BottomToolBarArea | Qt.ToolBarArea.TopToolBarArea)
        self.view = view
        self.document: MapDocument | None = None
        self.wanted = True  # the user's choice; presentation mode hides toolbars, not this wish
        self.presenting = False
        self._history: list[str] = []
        self._recall_at: int | None = None  # index into the history while walking it
        self._draft = ""
        self._note = ""  # what the last Enter did, shown until the next keystroke
        self._error = ""
        self._base_font = QFont(self.font())

        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 2)
        self.speaker_button = QToolButton()
        self.speaker_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.speaker_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.speaker_button.setToolTip("Who is speaking: new cards get them as author (keys 1–9, 0)")
        self.speaker_menu = QMenu(self.speaker_button)
        self.speaker_menu.aboutToShow.connect(self._fill_speaker_menu)
        self.speaker_button.setMenu(self.speaker_menu)
        self.line = CaptureLine()
        self.line.setObjectName("captureLine")
        self.line.setPlaceholderText(f"Capture (Ctrl+K): {PREFIX_HELP}")
        self.line.setClearButtonEnabled(True)
        self.line.submitted.connect(self.submit)
        self.line.recallRequested.connect(self.recall)
        self.line.escaped.connect(self.leave)
        self.line.textEdited.connect(self._edited)
        self.hint = HintLabel()
        self.hint.setObjectName("captureHint")
        layout.addWidget(self.speaker_button)
        layout.addWidget(self.line, 5)
        layout.addWidget(self.hint, 6)
        self.addWidget(body)
        self.toggleViewAction().triggered.connect(self._toggled_by_user)
        view.selectionChangedIds.connect(self._selection_changed)
        self.update_hint()

    # ---- the document ----------------------------------------------------------------------

    def set_document(self, document: MapDocument | None) -> None:
        refollow(self.document, document, self._connections)
        self.document = document
        self._note = self._error = ""
        self._recall_at = None
        self.line.setEnabled(document is not None)
        self.speaker_button.setEnabled(document is not None)
        self.update_hint()

    def _connections(self, document: MapDocument):
        workshop = document.workshop
        return ((workshop.currentSpeakerChanged, self._refresh),
                (workshop.participantsChanged, self._refresh),
                (workshop.settingsChanged, self._refresh),
                (document.nodesChanged, self._refresh),
                (document.itemsRemoved, self._refresh))

    def _refresh(self, *_args) -> None:
        self.update_hint()

    def parent_id(self) -> str | None:
        """The card a capture goes under: the canvas' current card (None: nothing selected)."""
        node_id = self.view.current_node_id()
        if self.document is None or node_id not in self.document.map.nodes:
            return None
        return node_id

    def speaker_name(self) -> str | None:
        workshop = self.document.workshop if self.document is not None else None
        speaker = workshop.current_speaker if workshop is not None else None
        if speaker is None or speaker not in self.document.map.participants:
            return None
        return workshop.display_name(speaker)

    # ---- the hint --------------------------------------------------------------------------

    def hint_text(self) -> str:
        """What Enter will do with the line as typed (or the error / the last capture)."""
        if self.document is None:
            return "Open a map to capture cards."
        if self._error:
            return self._error
        parent = self.parent_id()
        target = f"‘{short(self._title(parent))}’" if parent else ""
        who = self.speaker_name()
        by = f"by {who}" if who else "by nobody (press 1–9 to pick the speaker)"
        line = self.line.text()
        if not line.strip():
            if self._note:
                return self._note
            where = f"under {target}" if parent else "on its own (select a card to answer it)"
            return f"Type a card {where} {by} · {PREFIX_HELP} · Up: last entry"
        try:
            capture = parse_capture(line, has_parent=parent is not None)
        except DebatemapError as error:
            return _sentence(str(error))
        what = self._describe(capture, target)
        if parent is None:
            then = " · it gets selected, so what you type next answers it"
        else:
            then = f" · {target} stays selected for the next (Shift+Enter: go to the new card)"
        return f"Enter: {what} {by}{then}"

    def _describe(self, capture: Capture, target: str) -> str:
        label = PREFIX_LABELS.get(capture.prefix, str(capture.kind))
        if capture.link is None:
            return f"{label} on its own"
        if capture.link == EdgeType.ATTACK:
            return f"{label} attacking {target}"
        return f"{label} under {target}"

    def _title(self, node_id: str) -> str:
        node = self.document.map.nodes[node_id]
        return node.title or node.text

    def update_hint(self) -> None:
        self.hint.set_full_text(self.hint_text())
        self.hint.setStyleSheet(tone_style("warning" if self._error else "hint"))
        self._show_speaker()

    def _edited(self, _text: str) -> None:
        self._note = self._error = ""
        self._recall_at = None
        self.update_hint()

    def _selection_changed(self, _nodes: list, _edges: list) -> None:
        self._error = ""
        self.update_hint()

    # ---- capturing -------------------------------------------------------------------------

    def submit(self, go_to_new: bool = False) -> Node | None:
        """Add the typed line as a card (see the module docstring for what gets selected)."""
        if self.document is None:
            return None
        line = self.line.text()
        parent = self.parent_id()
        try:
            capture = parse_capture(line, has_parent=parent is not None)
        except DebatemapError as error:
            self._error = _sentence(str(error))
            self.update_hint()
            return None
        scene = self.view.map_scene()
        shown = None
        if scene is not None and scene.display_grid:  # a map made at 0,0: keep the grid shown
            shown = {i: (item.pos().x(), item.pos().y()) for i, item in scene.node_items.items()}
        node = self.document.workshop.capture(line, parent, shown=shown,
                                              sizes=scene.card_sizes() if scene else None)
        if node is None:
            return None  # refused: the document said why
        self._remember(line.strip())
        self.line.clear()
        who = self.speaker_name()
        target = f" under ‘{short(self._title(parent))}’" if parent else ""
        self._note = (f"✓ Added {PREFIX_LABELS.get(capture.prefix, str(capture.kind))}"
                      f" ‘{short(node.text)}’{target}{f' by {who}' if who else ''}."
                      f" Type the next one.")
        if parent is None or go_to_new:
            self.view.select_items([node.id])
        item = scene.node_items.get(node.id) if scene is not None else None
        if item is not None and not self.presenting:
            self.view.ensureVisible(item, 40, 40)  # presentation mode refits the focus itself
        self.update_hint()
        self.line.setFocus(Qt.FocusReason.OtherFocusReason)
        self.captured.emit(node.id)
        return node

    def _remember(self, line: str) -> None:
        if not self._history or self._history[-1] != line:
            self._history.append(line)
            del self._history[:-HISTORY_LIMIT]
        self._recall_at = None

    def recall(self, step: int) -> None:
        """Walk the entries typed before (Up: older, Down: newer, past the newest: the draft)."""
        if not self._history:
            return
        if self._recall_at is None:
            if step > 0:
                return
            self._draft = self.line.text()
            at = len(self._history) - 1
        else:
            at = self._recall_at + step
        if at < 0:
            return
        if at >= len(self._history):
            self._recall_at = None
            self.line.setText(self._draft)
        else:
            self._recall_at = at
            self.line.setText(self._history[at])
        self._note = self._error = ""
        self.update_hint()

    def history(self) -> list[str]:
        return list(self._history)

    # ---- focus and visibility --------------------------------------------------------------

    def focus_line(self) -> None:
        """Show the bar (it is wanted now) and put the cursor in it (Ctrl+K)."""
        self.wanted = True
        self.show()
        self.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.line.selectAll()

    def leave(self) -> None:
        """Give the keyboard back to the canvas (Esc); what was typed stays."""
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _toggled_by_user(self, checked: bool) -> None:
        self.wanted = checked

    def follow_presentation(self, presentation) -> None:
        """Stay on screen while ``presentation`` (app/presentation.py) is active: it hides every
        toolbar on entering; the bar comes back, in larger type, and leaving restores it."""
        presentation.activeChanged.connect(self._presentation_changed)

    def _presentation_changed(self, active: bool) -> None:
        self.presenting = active
        font = QFont(self._base_font)
        if active:
            font.setPointSizeF(font.pointSizeF() * PRESENTING_FONT_SCALE)
        for widget in (self.line, self.hint, self.speaker_button):
            widget.setFont(font)
        if active and self.wanted:
            self.show()
        self.update_hint()

    # ---- the speaker chip ------------------------------------------------------------------

    def _show_speaker(self) -> None:
        workshop = self.document.workshop if self.document is not None else None
        speaker = workshop.current_speaker if workshop is not None else None
        if speaker is None or speaker not in self.document.map.participants:
            self.speaker_button.setText("Nobody")
            self.speaker_button.setIcon(swatch_icon("#9e9e9e"))
            return
        index = workshop.model.index_of_participant(speaker)
        participant = workshop.model.participant(speaker)
        self.speaker_button.setText(workshop.display_name(speaker))
        self.speaker_button.setIcon(swatch_icon(colour_of(participant, index),
                                                index + 1 if index < 9 else None))

    def _fill_speaker_menu(self) -> None:
        menu = self.speaker_menu
        menu.clear()
        workshop = self.document.workshop if self.document is not None else None
        if workshop is None:
            return
        nobody = menu.addAction("0  Nobody", lambda: workshop.set_current_speaker(None))
        nobody.setCheckable(True)
        nobody.setChecked(workshop.current_speaker is None)
        for index, participant in enumerate(workshop.participants):
            key = f"{index + 1}  " if index < 9 else "    "
            action = menu.addAction(swatch_icon(colour_of(participant, index)),
                                    key + workshop.display_name(participant.id),
                                    lambda p=participant.id: workshop.set_current_speaker(p))
            action.setCheckable(True)
            action.setChecked(participant.id == workshop.current_speaker)
