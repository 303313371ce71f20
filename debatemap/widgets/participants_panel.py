"""ParticipantsDock: the workshop's participants in order, the current speaker, the author filter
and anonymous mode — every change through WorkshopDocument intents (one undo step each).

The list's selection is the current speaker: clicking a row (or pressing its number, see
app/workshop_people.py) makes that participant speak; "Nobody" (0) clears it. Rows show the
participant's colour with their number on it; double-click or F2 renames (not in anonymous
mode, where the list shows "Participant N"), Alt+Up/Down or a drag reorders.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QDrag, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from debatemap.core.model import Participant
from debatemap.document.mapdocument import MapDocument
from debatemap.widgets.following import refollow
from debatemap.widgets.participant_colors import colour_of, next_colour, swatch_icon
from debatemap.widgets.tone_label import ToneLabel

PARTICIPANT_MIME = "application/x-debatemap-participant"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SPEAKER_KEYS = 9  # participants 1..9 have a number key
NO_MAP = "Open a map to list its participants."
NOBODY_SPEAKING = "Nobody is speaking — click a name or press its number (0: nobody)."


def ask_colour(parent: QWidget | None, initial: str | None, title: str) -> str | None:
    """The colour picked ("#rrggbb"), or None when cancelled (tests replace this)."""
    colour = QColorDialog.getColor(QColor(initial or "#ffffff"), parent, title)
    return colour.name() if colour.isValid() else None


class ParticipantList(QListWidget):
    """The rows; drags and Alt+Up/Down ask for a move (the document does it, the dock redraws)."""

    moveRequested = Signal(str, int)  # participant id, new index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def participant_id(self, row: int) -> str | None:
        item = self.item(row)
        return item.data(ID_ROLE) if item is not None else None

    def row_of(self, participant_id: str) -> int:
        for row in range(self.count()):
            if self.item(row).data(ID_ROLE) == participant_id:
                return row
        return -1

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.RightButton:
            event.accept()  # the context menu acts on its row without making them speak
            return
        super().mousePressEvent(event)

    # ---- keys ------------------------------------------------------------------------------

    def event(self, event) -> bool:
        # F2 and Alt+Up/Down are the list's own while it has the focus, not the window's
        # (F2 is also Edit → Edit Text on the canvas).
        if event.type() == event.Type.ShortcutOverride and self._own_key(event):
            event.accept()
            return True
        return super().event(event)

    def _own_key(self, event: QKeyEvent) -> bool:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() == Qt.Key.Key_F2 and not mods:
            return True
        return mods == Qt.KeyboardModifier.AltModifier and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.AltModifier and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            row = self.currentRow()
            participant_id = self.participant_id(row)
            if participant_id is not None:
                step = -1 if event.key() == Qt.Key.Key_Up else 1
                if 0 <= row + step < self.count():
                    self.moveRequested.emit(participant_id, row + step)
            event.accept()
            return
        super().keyPressEvent(event)

    # ---- dragging rows ---------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [PARTICIPANT_MIME]

    def mimeData(self, items) -> QMimeData:
        data = QMimeData()
        if items:
            data.setData(PARTICIPANT_MIME, str(items[0].data(ID_ROLE)).encode())
        return data

    def startDrag(self, _actions) -> None:
        # Our own drag: QAbstractItemView's would delete the dragged row after a move drop,
        # while here the document reorders and the dock redraws from it.
        item = self.currentItem()
        if item is None:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([item]))
        drag.setPixmap(item.icon().pixmap(22, 22))
        drag.exec(Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(PARTICIPANT_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if not event.mimeData().hasFormat(PARTICIPANT_MIME):
            event.ignore()
            return
        super().dragMoveEvent(event)  # the drop indicator
        event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        if not event.mimeData().hasFormat(PARTICIPANT_MIME):
            event.ignore()
            return
        participant_id = bytes(event.mimeData().data(PARTICIPANT_MIME)).decode()
        source = self.row_of(participant_id)
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        if source < 0:
            return
        target = self.drop_row(event.position().toPoint())
        if target > source:
            target -= 1  # the row leaves its old place first
        if target != source:
            self.moveRequested.emit(participant_id, target)

    def drop_row(self, point: QPoint) -> int:
        """The place a row dropped at ``point`` goes: before the row under it (upper half) or
        after it (lower half); at the end below the last row."""
        index = self.indexAt(point)
        if not index.isValid():
            return self.count()
        rect = self.visualRect(index)
        return index.row() + (1 if point.y() > rect.center().y() else 0)


class ParticipantsDock(QDockWidget):
    """See the module docstring. ``highlightChanged`` says whose cards the canvas keeps at full
    strength (None: everyone's); ``message`` is for the status bar."""

    highlightChanged = Signal(object)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Participants", parent)
        self.setObjectName("participantsDock")
        self.document: MapDocument | None = None
        self._new_colour: str | None = None  # chosen for the next participant (None: automatic)
        self._rebuilding = False
        body = QWidget()
        layout = QVBoxLayout(body)
        self.speaker_label = QLabel()
        self.speaker_label.setWordWrap(True)
        self.speaker_label.setTextFormat(Qt.TextFormat.RichText)
        font = self.speaker_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.speaker_label.setFont(font)
        self.nobody_button = QToolButton()
        self.nobody_button.setText("Nobody (0)")
        self.nobody_button.setToolTip("Nobody is speaking: new cards get no author")
        self.nobody_button.clicked.connect(lambda: self.pick_speaker(None))
        speaking = QHBoxLayout()
        speaking.addWidget(self.speaker_label, 1)
        speaking.addWidget(self.nobody_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(speaking)

        self.list = ParticipantList()
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.itemChanged.connect(self._item_edited)
        self.list.moveRequested.connect(self.move_participant)
        self.list.customContextMenuRequested.connect(self._context_menu)
        layout.addWidget(self.list, 1)

        buttons = QHBoxLayout()
        self.rename_button = self._button("Rename", "Rename the participant (F2, or double-click)",
                                          self.rename_current)
        self.colour_button = self._button("Colour…", "Choose the participant's colour",
                                          self.recolour_current)
        self.up_button = self._button("▲", "Move up (Alt+Up, or drag the row)",
                                      lambda: self._step_current(-1))
        self.down_button = self._button("▼", "Move down (Alt+Down, or drag the row)",
                                        lambda: self._step_current(+1))
        self.remove_button = self._button("Remove", "Remove the participant with their votes;"
                                          " their cards stay, without author (Ctrl+Z undoes it)",
                                          self.remove_current)
        for button in (self.rename_button, self.colour_button, self.up_button, self.down_button,
                       self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        adding = QHBoxLayout()
        self.new_colour_button = self._button("", "Colour of the next participant (picked"
                                              " automatically unless you choose one)",
                                              self.choose_new_colour)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Add a participant: name, then Enter")
        self.name_edit.setClearButtonEnabled(True)
        self.name_edit.returnPressed.connect(self._add_typed)
        self.add_button = self._button("Add", "Add the participant at the end of the list",
                                       self._add_typed)
        adding.addWidget(self.new_colour_button)
        adding.addWidget(self.name_edit, 1)
        adding.addWidget(self.add_button)
        layout.addLayout(adding)

        filtering = QHBoxLayout()
        filtering.addWidget(QLabel("Highlight:"))
        self.highlight_combo = QComboBox()
        self.highlight_combo.setToolTip("Keep one participant's cards at full strength and dim"
                                        " the others")
        self.highlight_combo.currentIndexChanged.connect(self._highlight_picked)
        filtering.addWidget(self.highlight_combo, 1)
        layout.addLayout(filtering)
        self.anonymous_check = QCheckBox("Anonymous (show “Participant 1…N”)")
        self.anonymous_check.setToolTip("Hide names on screen and in exports (one undo step)")
        self.anonymous_check.toggled.connect(self._anonymous_toggled)
        layout.addWidget(self.anonymous_check)
        self.hint = ToneLabel("", "hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.setWidget(body)
        self.refresh()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # ---- the document ----------------------------------------------------------------------

    @property
    def workshop(self):
        return self.document.workshop if self.document is not None else None

    def set_document(self, document: MapDocument | None) -> None:
        refollow(self.document, document, self._connections)
        self.document = document
        self._new_colour = None
        self.refresh()
        self._set_highlight(None)

    def _connections(self, document: MapDocument):
        workshop = document.workshop
        return ((workshop.participantsChanged, self.refresh),
                (workshop.currentSpeakerChanged, self._speaker_changed),
                (workshop.settingsChanged, self.refresh))

    def participants(self) -> list[Participant]:
        return self.workshop.participants if self.workshop is not None else []

    def display_name(self, participant_id: str) -> str:
        return self.workshop.display_name(participant_id)

    # ---- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild the rows, the speaker line, the filter and the toggles from the document."""
        workshop = self.workshop
        participants = self.participants()
        anonymous = workshop is not None and workshop.settings.anonymous
        speaker = workshop.current_speaker if workshop is not None else None
        with self._quiet_list():
            self.list.clear()
            for index, participant in enumerate(participants):
                self.list.addItem(self._row(participant, index, speaker, anonymous))
            self._select_row_of(speaker)
        self._show_speaker()
        self._fill_highlight_combo()
        self.anonymous_check.blockSignals(True)
        self.anonymous_check.setChecked(anonymous)
        self.anonymous_check.blockSignals(False)
        has_map = workshop is not None
        for widget in (self.list, self.name_edit, self.add_button, self.new_colour_button,
                       self.highlight_combo, self.anonymous_check, self.nobody_button):
            widget.setEnabled(has_map)
        self._update_buttons()
        self.new_colour_button.setIcon(swatch_icon(self._next_colour()))
        if not has_map:
            self.hint.setText(NO_MAP)
        elif not participants:
            self.hint.setText("Add the people in the room; cards captured while someone is"
                              " speaking get them as author.")
        else:
            self.hint.setText("Click a name or press 1–9 to pick who speaks; drag or Alt+Up/Down"
                              " to reorder.")

    def _row(self, participant: Participant, index: int, speaker: str | None,
             anonymous: bool) -> QListWidgetItem:
        number = index + 1 if index < SPEAKER_KEYS else None
        item = QListWidgetItem(self.display_name(participant.id))
        item.setData(ID_ROLE, participant.id)
        speaking = participant.id == speaker
        item.setIcon(swatch_icon(colour_of(participant, index), number, ring=speaking))
        flags = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                 | Qt.ItemFlag.ItemIsDragEnabled)
        if not anonymous:
            flags |= Qt.ItemFlag.ItemIsEditable
        item.setFlags(flags)
        if speaking:
            font = QFont(self.list.font())
            font.setBold(True)
            item.setFont(font)
        key = f"press {number} or click" if number else "click"
        item.setToolTip(f"{key} to make them the current speaker")
        return item

    def _show_speaker(self) -> None:
        workshop = self.workshop
        speaker = workshop.current_speaker if workshop is not None else None
        if workshop is None:
            self.speaker_label.setText("")
            return
        if speaker is None or speaker not in workshop.document.map.participants:
            self.speaker_label.setText(NOBODY_SPEAKING)
            return
        index = workshop.model.index_of_participant(speaker)
        colour = colour_of(workshop.model.participant(speaker), index).name()
        name = _escape(self.display_name(speaker))
        self.speaker_label.setText(f"<span style='color:{colour}'>●</span> <b>{name}</b>"
                                   f" is speaking")

    def _speaker_changed(self, speaker) -> None:
        """Move the bold and the ring to the new speaker's row, in place: this runs inside the
        list's own click handling, which a rebuilt list would pull the rows from under."""
        workshop = self.workshop
        if workshop is None:
            return
        participants = self.participants()
        with self._quiet_list():
            for row, participant in enumerate(participants[:self.list.count()]):
                item = self.list.item(row)
                speaking = participant.id == speaker
                number = row + 1 if row < SPEAKER_KEYS else None
                item.setIcon(swatch_icon(colour_of(participant, row), number, ring=speaking))
                font = QFont(self.list.font())
                font.setBold(speaking)
                item.setFont(font)
            self._select_row_of(speaker)
        self._show_speaker()
        self._update_buttons()

    @contextmanager
    def _quiet_list(self) -> Iterator[None]:
        """Change the rows without the list's signals or the edits they would send."""
        self._rebuilding = True
        self.list.blockSignals(True)
        try:
            yield
        finally:
            self.list.blockSignals(False)
            self._rebuilding = False

    def _select_row_of(self, speaker: str | None) -> None:
        row = self.list.row_of(speaker) if speaker else -1
        if row >= 0:
            self.list.setCurrentRow(row)
        else:
            self.list.clearSelection()

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        chosen = self.workshop is not None and self.list.participant_id(row) is not None
        anonymous = self.workshop is not None and self.workshop.settings.anonymous
        self.rename_button.setEnabled(chosen and not anonymous)
        self.colour_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < self.list.count() - 1)

    # ---- the current speaker ---------------------------------------------------------------

    def _selection_changed(self) -> None:
        if self._rebuilding or self.workshop is None:
            return
        selected = self.list.selectedItems()
        self.pick_speaker(selected[0].data(ID_ROLE) if selected else None)

    def pick_speaker(self, participant_id: str | None) -> bool:
        """Make a participant the current speaker (None: nobody)."""
        if self.workshop is None:
            return False
        if participant_id == self.workshop.current_speaker:
            self._update_buttons()
            return True
        done = self.workshop.set_current_speaker(participant_id)
        if not done:
            self.refresh()
        return done

    # ---- editing ---------------------------------------------------------------------------

    def _next_colour(self) -> str:
        return self._new_colour or next_colour(p.color for p in self.participants())

    def choose_new_colour(self) -> None:
        colour = ask_colour(self, self._next_colour(), "Colour of the Next Participant")
        if colour is not None:
            self._new_colour = colour
            self.new_colour_button.setIcon(swatch_icon(colour))

    def add_participant(self, name: str, colour: str | None = None) -> Participant | None:
        """Add a participant at the end, in ``colour`` or the next palette colour."""
        if self.workshop is None:
            return None
        colour = colour or self._next_colour()
        added = self.workshop.add_participant(name, colour)
        if added is not None:
            self._new_colour = None
            self.refresh()
            self.message.emit(f"Added {self.display_name(added.id)} as participant"
                              f" {self.workshop.model.index_of_participant(added.id) + 1}.")
        return added

    def _add_typed(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            self.message.emit("Type the participant's name first.")
            return
        if self.add_participant(name) is not None:
            self.name_edit.clear()

    def current_participant(self) -> str | None:
        return self.list.participant_id(self.list.currentRow())

    def rename_current(self) -> None:
        item = self.list.currentItem()
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
            self.list.editItem(item)

    def _item_edited(self, item: QListWidgetItem) -> None:
        if self._rebuilding or self.workshop is None:
            return
        participant_id, name = item.data(ID_ROLE), " ".join(item.text().split())
        # After the editor has closed: renaming redraws the list the editor belongs to.
        QTimer.singleShot(0, lambda: self.rename_participant(participant_id, name))

    def rename_participant(self, participant_id: str, name: str) -> bool:
        workshop = self.workshop
        if workshop is None or participant_id not in workshop.document.map.participants:
            return False
        if not name or name == workshop.model.participant(participant_id).name:
            self.refresh()  # nothing to do: show the name as it is
            return False
        done = workshop.rename_participant(participant_id, name)
        if not done:
            self.refresh()  # refused (the document said why): the old name comes back
        return done

    def recolour_current(self) -> None:
        participant_id = self.current_participant()
        if participant_id is not None:
            self.recolour_participant(participant_id)

    def recolour_participant(self, participant_id: str) -> bool:
        workshop = self.workshop
        index = workshop.model.index_of_participant(participant_id)
        participant = workshop.model.participant(participant_id)
        colour = ask_colour(self, colour_of(participant, index).name(),
                            f"Colour of {self.display_name(participant_id)}")
        if colour is None or colour == participant.color:
            return False
        return workshop.recolour_participant(participant_id, colour)

    def remove_current(self) -> None:
        participant_id = self.current_participant()
        if participant_id is not None:
            self.remove_participant(participant_id)

    def remove_participant(self, participant_id: str) -> bool:
        name = self.display_name(participant_id)
        done = self.workshop.remove_participant(participant_id)
        if done:
            self.message.emit(f"Removed {name}; their cards stay without author (Ctrl+Z undoes it).")
        return done

    def move_participant(self, participant_id: str, index: int) -> bool:
        if self.workshop is None:
            return False
        return self.workshop.move_participant(participant_id, index)

    def _step_current(self, step: int) -> None:
        row = self.list.currentRow()
        participant_id = self.list.participant_id(row)
        if participant_id is not None and 0 <= row + step < self.list.count():
            self.move_participant(participant_id, row + step)

    def _context_menu(self, point: QPoint) -> None:
        item = self.list.itemAt(point)
        if item is None or self.workshop is None:
            return
        participant_id = item.data(ID_ROLE)
        row = self.list.row(item)
        menu = QMenu(self)
        rename = menu.addAction("&Rename", lambda: self.list.editItem(item))
        rename.setEnabled(bool(item.flags() & Qt.ItemFlag.ItemIsEditable))
        menu.addAction("&Colour…", lambda: self.recolour_participant(participant_id))
        menu.addAction("&Highlight Their Cards", lambda: self.set_highlight(participant_id))
        menu.addSeparator()
        up = menu.addAction("Move &Up", lambda: self.move_participant(participant_id, row - 1))
        up.setEnabled(row > 0)
        down = menu.addAction("Move &Down", lambda: self.move_participant(participant_id, row + 1))
        down.setEnabled(row < self.list.count() - 1)
        menu.addSeparator()
        menu.addAction("Re&move", lambda: self.remove_participant(participant_id))
        menu.exec(self.list.viewport().mapToGlobal(point))

    # ---- highlight and anonymity -----------------------------------------------------------

    def highlighted(self) -> str | None:
        return self.highlight_combo.currentData()

    def set_highlight(self, participant_id: str | None) -> None:
        """Keep this participant's cards at full strength (None: everyone's)."""
        index = self.highlight_combo.findData(participant_id) if participant_id else 0
        self.highlight_combo.setCurrentIndex(max(index, 0))

    def _fill_highlight_combo(self) -> None:
        chosen = self.highlighted()
        combo = self.highlight_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("Everyone", None)
        for index, participant in enumerate(self.participants()):
            combo.addItem(swatch_icon(colour_of(participant, index)),
                          self.display_name(participant.id), participant.id)
        found = combo.findData(chosen) if chosen else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)
        if chosen and found < 0:
            self.highlightChanged.emit(None)  # the highlighted participant was removed

    def _highlight_picked(self, _index: int) -> None:
        self.highlightChanged.emit(self.highlighted())

    def _set_highlight(self, participant_id: str | None) -> None:
        self.set_highlight(participant_id)
        self.highlightChanged.emit(self.highlighted())

    def _anonymous_toggled(self, checked: bool) -> None:
        if self.workshop is not None and not self.workshop.set_anonymous(checked):
            self.refresh()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
