"""ParkingLotDock: the "Parking Lot" panel: off-topic items (text, author, time) kept off the map.

Type and Enter parks a new item; "Park Selected Card" asks for the selected cards to be moved
into the lot (``parkSelectedRequested``; ``document.parking.park_nodes`` does it in one undo
step); Discard deletes an item; an item dragged onto the canvas comes back as a node there (the
canvas reads ``canvas.parked_mime``), and "Place on Map" does the same without a drag
(``placeRequested``: the window places it under the selected card).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDrag, QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QDockWidget, QHBoxLayout, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from debatemap.canvas.parked_mime import PARKED_MIME_TYPE, parked_mime_data
from debatemap.core.model import ParkedItem
from debatemap.document.commands import shortened
from debatemap.widgets.following import refollow
from debatemap.widgets.tone_label import ToneLabel

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # the parked item's id
TEXT_ROLE = Qt.ItemDataRole.UserRole + 2  # its text alone (the row also shows the byline)


class ParkedList(QListWidget):
    """The items, newest last; dragging one carries ``application/x-debatemap-parked``."""

    discardRequested = Signal(str)  # item id (the Delete key)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.map_path = ""
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def mimeTypes(self) -> list[str]:
        return [PARKED_MIME_TYPE, "text/plain"]

    def drag_mime(self, item: QListWidgetItem) -> QMimeData:
        """What dragging this row carries: {map, id}, and its text for other applications."""
        return parked_mime_data(self.map_path, item.data(ITEM_ROLE), item.data(TEXT_ROLE))

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:
        return self.drag_mime(items[0]) if items else QMimeData()

    def startDrag(self, supported_actions) -> None:
        item = self.currentItem()
        if item is None:
            return
        drag = QDrag(self)
        drag.setMimeData(self.drag_mime(item))
        drag.exec(Qt.DropAction.MoveAction | Qt.DropAction.CopyAction, Qt.DropAction.MoveAction)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if item is not None and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.discardRequested.emit(item.data(ITEM_ROLE))
            event.accept()
            return
        super().keyPressEvent(event)


class ParkingLotDock(QDockWidget):
    parkSelectedRequested = Signal()  # move the selected cards into the lot
    placeRequested = Signal(str)  # item id: bring it onto the map without a drag
    message = Signal(str)  # what happened, for the status bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Parking Lot", parent)
        self.setObjectName("parkingLotDock")
        self.document = None
        self.selected_cards = 0  # cards selected on the canvas (Park Selected Card needs one)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.entry = QLineEdit()
        self.entry.setPlaceholderText("Park an off-topic point… (Enter)")
        self.entry.setClearButtonEnabled(True)
        self.entry.returnPressed.connect(self.park_typed)
        layout.addWidget(self.entry)
        self.list = ParkedList()
        self.list.discardRequested.connect(self.discard)
        self.list.currentItemChanged.connect(lambda *_args: self._update_buttons())
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.park_button = QPushButton("Park Selected Card")
        self.park_button.setToolTip("Move the selected cards off the map into the parking lot")
        self.park_button.clicked.connect(self.parkSelectedRequested)
        self.place_button = QPushButton("Place on Map")
        self.place_button.setToolTip("Bring the item back: under the selected card, else below"
                                     " the map (or drag it onto the map)")
        self.place_button.clicked.connect(self._place_current)
        self.discard_button = QPushButton("Discard")
        self.discard_button.setToolTip("Delete the item from the parking lot (Del)")
        self.discard_button.clicked.connect(lambda: self.discard(self.current_id()))
        for button in (self.park_button, self.place_button, self.discard_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.hint = ToneLabel("Drag an item onto the map to bring it back; dropped on a card it"
                              " supports that card (Shift: attacks).", tone="hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.setWidget(body)
        self.set_document(None)

    # ---- following the map ---------------------------------------------------------------

    def set_document(self, document) -> None:
        refollow(self.document, document, self._connections)
        self.document = document
        self.entry.setEnabled(document is not None)
        self.refresh()

    def _connections(self, document):
        workshop = document.workshop
        return ((workshop.parkingChanged, self.refresh),
                (workshop.participantsChanged, self.refresh),
                (workshop.settingsChanged, self.refresh))

    def refresh(self) -> None:
        current = self.current_id()
        self.list.clear()
        self.list.map_path = str(self.document.path) if self.document is not None else ""
        parked = self.document.workshop.parked if self.document is not None else []
        for item in parked:
            row = QListWidgetItem(f"{item.text}\n{self._byline(item)}")
            row.setData(ITEM_ROLE, item.id)
            row.setData(TEXT_ROLE, item.text)
            row.setToolTip(f"{item.text}\n\n{str(item.kind).capitalize()}, {self._byline(item)}."
                           "\nDrag it onto the map to bring it back.")
            self.list.addItem(row)
            if item.id == current:
                self.list.setCurrentItem(row)
        self._update_buttons()

    def _byline(self, item: ParkedItem) -> str:
        workshop = self.document.workshop
        author = (workshop.display_name(item.author_id)
                  if item.author_id and item.author_id in self.document.map.participants
                  else "no author")
        return f"{author} · {item.created.astimezone().strftime('%H:%M')}"

    def set_selection_count(self, count: int) -> None:
        self.selected_cards = count
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_item = self.current_id() is not None
        self.park_button.setEnabled(self.document is not None and self.selected_cards > 0)
        self.place_button.setEnabled(has_item)
        self.discard_button.setEnabled(has_item)

    # ---- what it does --------------------------------------------------------------------

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ITEM_ROLE) if item is not None else None

    def item_ids(self) -> list[str]:
        return [self.list.item(row).data(ITEM_ROLE) for row in range(self.list.count())]

    def park_typed(self) -> bool:
        text = self.entry.text().strip()
        if self.document is None or not text:
            return False
        if self.document.workshop.park(text) is None:
            return False
        self.entry.clear()
        self.message.emit(f"Parked “{shortened(text, 40)}”.")
        return True

    def discard(self, item_id: str | None) -> bool:
        if self.document is None or item_id is None:
            return False
        done = self.document.workshop.discard_parked(item_id)
        if done:
            self.message.emit("Discarded the parked item (Undo brings it back).")
        return done

    def _place_current(self) -> None:
        item_id = self.current_id()
        if item_id is not None:
            self.placeRequested.emit(item_id)
