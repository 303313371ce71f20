"""AgendaPanel: the Agenda dock — the ordered agenda questions, their timeboxes and the timer.

Each row is an agenda item: done tick, "n. question", timebox (mm:ss; F2 or a double-click on
it edits the minutes in a spin box), time spent (live for the current item). Rows are
reordered by dragging or Alt+Up/Down; Del removes, Enter starts. Every change is one undo step
through the map's WorkshopDocument. Agenda items are questions: adding a node of another kind
asks first, then makes it a question and puts it on the agenda as one undo step (argument
nodes, whose kind is their structure, cannot be added).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDrag, QDropEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from debatemap.core.errors import DebatemapError
from debatemap.core.ids import new_id
from debatemap.core.model import AgendaItem, NodeKind
from debatemap.core.workshop import DEFAULT_TIMEBOX, MAX_TIMEBOX
from debatemap.document.commands import MapCommand, SetNodeKind, shortened
from debatemap.document.mapdocument import MapDocument
from debatemap.document.workshop_commands import AddAgendaItem
from debatemap.widgets.agenda_run import AgendaRun, node_label
from debatemap.widgets.following import refollow
from debatemap.widgets.tone_label import ToneLabel
from debatemap.widgets.workshop_timer import MINUTE, TimerWidget, clock_text

DONE, QUESTION, TIMEBOX, SPENT = range(4)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
AGENDA_MIME = "application/x-debatemap-agenda-item"
EMPTY_HINT = "No agenda yet. Select a question on the map and press Add Selected Question."


def ask_make_question(parent: QWidget | None, text: str, kind: str) -> bool:
    """Agenda items are questions: make this node one? (Tests replace this function.)"""
    answer = QMessageBox.question(
        parent,
        "Make it a question?",
        f"Agenda items are questions, and “{shortened(text, 60)}” is a {kind}.\n\n"
        "Make it a question and add it to the agenda? (One undo step undoes both.)",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


class AddQuestionToAgenda(MapCommand):
    """Make a node a question and put it on the agenda, as one step.

    WorkshopDocument has an intent for each half but not for both together; this composes the
    two document commands so that a failure of the second puts the kind back."""

    def __init__(self, document: MapDocument, node_id: str, timebox: int = DEFAULT_TIMEBOX):
        text = node_label(document, node_id)
        super().__init__(document, f"Make “{shortened(text, 30)}” a question on the agenda")
        self.kind = SetNodeKind(document, node_id, NodeKind.QUESTION)
        self.item = AgendaItem(id=new_id("a"), node_id=node_id, ordinal=0, timebox=timebox)
        self.add = AddAgendaItem(document, self.item)

    def apply(self) -> None:
        self.kind.apply()
        try:
            self.add.apply()
        except DebatemapError:
            self.kind.unapply()
            raise

    def reapply(self) -> None:
        self.kind.reapply()
        self.add.reapply()

    def unapply(self) -> None:
        self.add.unapply()
        self.kind.unapply()


class TimeboxDelegate(QStyledItemDelegate):
    """Edits an item's timebox in whole minutes; the change goes to the panel, not the cell."""

    def __init__(self, panel: "AgendaPanel") -> None:
        super().__init__(panel)
        self.panel = panel

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(1, MAX_TIMEBOX // MINUTE)
        editor.setSuffix(" min")
        editor.setAccessibleName("Timebox in minutes")
        return editor

    def setEditorData(self, editor: QSpinBox, index: QModelIndex) -> None:
        item = self.panel.agenda_item(index.siblingAtColumn(QUESTION).data(ID_ROLE))
        minutes = max(1, round(item.timebox / MINUTE)) if item is not None else 10
        editor.setProperty("initial", minutes)
        editor.setValue(minutes)

    def setModelData(self, editor: QSpinBox, model, index: QModelIndex) -> None:
        editor.interpretText()
        if editor.value() != editor.property("initial"):
            item_id = index.siblingAtColumn(QUESTION).data(ID_ROLE)
            seconds = editor.value() * MINUTE
            # after the view has closed this editor: the change rebuilds the rows
            QTimer.singleShot(0, self.panel, lambda: self.panel.set_timebox(item_id, seconds))


class NoEditor(QStyledItemDelegate):
    """For the columns that are not edited in place."""

    def createEditor(self, parent, option, index):
        return None


class AgendaList(QTreeWidget):
    """The rows; reorders by drag and drop and by keys through the panel."""

    def __init__(self, panel: "AgendaPanel") -> None:
        super().__init__()
        self.panel = panel
        self.setColumnCount(4)
        self.setHeaderLabels(["Done", "Question", "Timebox", "Spent"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QUESTION, QHeaderView.ResizeMode.Stretch)
        for column in (DONE, TIMEBOX, SPENT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.no_editor = NoEditor(self)
        for column in (DONE, QUESTION, SPENT):
            self.setItemDelegateForColumn(column, self.no_editor)
        self.timebox_delegate = TimeboxDelegate(panel)
        self.setItemDelegateForColumn(TIMEBOX, self.timebox_delegate)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    # ---- drag and drop ---------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [AGENDA_MIME]

    def mimeData(self, items) -> QMimeData:
        mime = QMimeData()
        if items:
            mime.setData(AGENDA_MIME, str(items[0].data(QUESTION, ID_ROLE)).encode())
        return mime

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def startDrag(self, supported_actions) -> None:
        # our own QDrag: the base class would delete the dragged row after a move; the agenda
        # is reordered by the command the drop pushes, and the rows are rebuilt from it
        item = self.currentItem()
        if item is None:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([item]))
        drag.exec(Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(AGENDA_MIME):
            super().dragEnterEvent(event)
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasFormat(AGENDA_MIME):
            super().dragMoveEvent(event)  # the drop indicator and auto-scrolling
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        if not event.mimeData().hasFormat(AGENDA_MIME):
            event.ignore()
            return
        item_id = bytes(event.mimeData().data(AGENDA_MIME)).decode()
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.panel.move_to(item_id, self.drop_row(event.position().toPoint()))

    def drop_row(self, point: QPoint) -> int:
        """The row a drop at ``point`` (viewport coordinates) lands before."""
        target = self.itemAt(point)
        if target is None:
            return self.topLevelItemCount()
        row = self.indexOfTopLevelItem(target)
        return row + 1 if point.y() > self.visualItemRect(target).center().y() else row

    # ---- keys ------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # the window's own shortcuts (Del deletes the canvas selection, F2 edits a card's text)
        # must not take the keys this list handles while it has the focus
        if event.type() == QEvent.Type.ShortcutOverride and self._handles(event):
            event.accept()
            return True
        return super().event(event)

    def _handles(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.AltModifier:
            return key in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        return not mods and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Return,
                                    Qt.Key.Key_Enter, Qt.Key.Key_F2, Qt.Key.Key_Space)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        alt = Qt.KeyboardModifier.AltModifier
        if mods == alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.panel.move_selected(-1 if key == Qt.Key.Key_Up else +1)
        elif not mods and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.panel.remove_selected()
        elif not mods and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and self.state() != QAbstractItemView.State.EditingState:
            self.panel.start_selected()
        elif not mods and key == Qt.Key.Key_F2 and self.currentItem() is not None:
            self.editItem(self.currentItem(), TIMEBOX)
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class AgendaPanel(QDockWidget):
    """The Agenda dock (see the module docstring)."""

    nodeActivated = Signal(str)  # show this node on the map

    def __init__(self, run: AgendaRun, parent: QWidget | None = None) -> None:
        super().__init__("Agenda", parent)
        self.setObjectName("agendaDock")
        self.run = run
        self.document: MapDocument | None = None
        self._selection: list[str] = []
        self._filling = False

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.timer_widget = TimerWidget(run.countdown, compact=True)
        layout.addWidget(self.timer_widget)
        controls = QHBoxLayout()
        self.toggle_button = QPushButton("Start")
        self.toggle_button.clicked.connect(self.run.toggle)
        self.reset_button = QPushButton("Reset")
        self.reset_button.setToolTip("Back to the whole timebox (the time run so far stays recorded)")
        self.reset_button.clicked.connect(self.run.reset)
        self.minute_button = QPushButton("+1 min")
        self.minute_button.setToolTip("One more minute on the clock for this item")
        self.minute_button.clicked.connect(self.run.add_minute)
        self.next_button = QPushButton("Next Item")
        self.next_button.setToolTip("Mark the current item done (with its time) and start the next")
        self.next_button.clicked.connect(self.run.next_item)
        for button in (self.toggle_button, self.reset_button, self.minute_button, self.next_button):
            controls.addWidget(button)
        layout.addLayout(controls)

        self.list = AgendaList(self)
        self.list.itemChanged.connect(self._item_changed)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(self._double_clicked)
        self.list.customContextMenuRequested.connect(self._context_menu)
        layout.addWidget(self.list, 1)
        self.hint = ToneLabel(EMPTY_HINT, "hint", "2px")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)

        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add Selected Question")
        self.add_button.clicked.connect(self.add_selected)
        self.start_button = QPushButton("Start Item")
        self.start_button.setToolTip("Make the selected item current: show it and run its timer (Enter)")
        self.start_button.clicked.connect(self.start_selected)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Take the selected item off the agenda (Del); the node stays")
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.add_button, self.start_button, self.remove_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.setWidget(body)

        run.countdown.changed.connect(self._update_buttons)
        run.countdown.ticked.connect(self._update_live_spent)
        run.currentChanged.connect(lambda _id: self.refill())
        self.refill()

    # ---- the open map ----------------------------------------------------------------------

    def set_document(self, document: MapDocument | None) -> None:
        refollow(self.document, document, self._connections)
        self.document = document
        self._selection = []
        self.refill()

    def _connections(self, document: MapDocument):
        return [(document.workshop.agendaChanged, self.refill),
                (document.nodesChanged, self._nodes_changed),
                (document.itemsRemoved, self._nodes_removed)]

    def set_selection(self, node_ids: list, _edge_ids: list = ()) -> None:
        """The nodes selected on the canvas (what Add Selected Question adds)."""
        self._selection = list(node_ids)
        self._update_buttons()

    # ---- reading ---------------------------------------------------------------------------

    def agenda_item(self, item_id: str | None) -> AgendaItem | None:
        if self.document is None or item_id is None:
            return None
        return next((a for a in self.document.workshop.agenda if a.id == item_id), None)

    def item_ids(self) -> list[str]:
        return [self.list.topLevelItem(i).data(QUESTION, ID_ROLE)
                for i in range(self.list.topLevelItemCount())]

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(QUESTION, ID_ROLE) if item is not None and item.isSelected() else None

    def row_of(self, item_id: str) -> QTreeWidgetItem | None:
        for i in range(self.list.topLevelItemCount()):
            row = self.list.topLevelItem(i)
            if row.data(QUESTION, ID_ROLE) == item_id:
                return row
        return None

    # ---- intents ---------------------------------------------------------------------------

    def add_selected(self) -> bool:
        """Put the selected node on the agenda (asking first to make a non-question a question)."""
        node = self._addable()
        if node is None:
            return False
        workshop = self.document.workshop
        if node.kind == NodeKind.QUESTION:
            added = workshop.add_agenda_item(node.id) is not None
        elif ask_make_question(self, node_label(self.document, node.id), str(node.kind)):
            added = self.document.push(AddQuestionToAgenda(self.document, node.id))
        else:
            return False
        if added:
            self._select(workshop.model.agenda_item_for(node.id).id)
        return added

    def _addable(self):
        """The selected node when it can go on the agenda, else None."""
        if self.document is None or len(self._selection) != 1:
            return None
        node = self.document.map.nodes.get(self._selection[0])
        if node is None or node.kind == NodeKind.ARGUMENT:
            return None
        if self.document.workshop.model.agenda_item_for(node.id) is not None:
            return None
        return node

    def remove_selected(self) -> bool:
        item_id = self.selected_id()
        if item_id is None:
            return False
        row = self.list.indexOfTopLevelItem(self.row_of(item_id))
        removed = self.document.workshop.remove_agenda_item(item_id)
        if removed and self.list.topLevelItemCount():
            self._select(self.item_ids()[min(row, self.list.topLevelItemCount() - 1)])
        return removed

    def move_selected(self, delta: int) -> bool:
        item_id = self.selected_id()
        if item_id is None:
            return False
        row = self.item_ids().index(item_id) + delta
        if not 0 <= row < self.list.topLevelItemCount():
            return False
        return self.move_to(item_id, row if delta < 0 else row + 1)

    def move_to(self, item_id: str, row: int) -> bool:
        """Move an item so that it lands before the row now at ``row`` (a drop's target)."""
        ids = self.item_ids()
        if item_id not in ids:
            return False
        old = ids.index(item_id)
        index = row - 1 if row > old else row
        if index == old:
            return False
        moved = self.document.workshop.move_agenda_item(item_id, index)
        self._select(item_id)
        return moved

    def set_timebox(self, item_id: str, seconds: int) -> bool:
        return self.document is not None and self.document.workshop.set_timebox(item_id, seconds)

    def start_selected(self) -> bool:
        item_id = self.selected_id()
        return item_id is not None and self.run.start_item(item_id)

    def set_done(self, item_id: str, done: bool) -> bool:
        return self.document is not None and self.document.workshop.set_agenda_done(item_id, done)

    # ---- the rows --------------------------------------------------------------------------

    def refill(self) -> None:
        """Rows from the agenda as it is now, keeping the selected item."""
        selected = self.selected_id()
        agenda = self.document.workshop.agenda if self.document is not None else []
        self._filling = True
        try:
            self.list.clear()
            for number, entry in enumerate(agenda, start=1):
                self.list.addTopLevelItem(self._row(number, entry))
        finally:
            self._filling = False
        self.hint.setVisible(self.document is not None and not agenda)
        if selected is not None and self.row_of(selected) is not None:
            self._select(selected)
        self._update_buttons()

    def _row(self, number: int, entry: AgendaItem) -> QTreeWidgetItem:
        label = node_label(self.document, entry.node_id)
        current = entry.id == self.run.current_id
        row = QTreeWidgetItem()
        row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                     | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable
                     | Qt.ItemFlag.ItemIsDragEnabled)
        row.setCheckState(DONE, Qt.CheckState.Checked if entry.done else Qt.CheckState.Unchecked)
        row.setToolTip(DONE, "Done" if entry.done else "Not done yet")
        row.setData(QUESTION, ID_ROLE, entry.id)
        row.setText(QUESTION, f"{'▶ ' if current else ''}{number}. {label}")
        row.setToolTip(QUESTION, label + ("\n(current item)" if current else ""))
        row.setText(TIMEBOX, clock_text(entry.timebox))
        row.setToolTip(TIMEBOX, "Timebox: F2 or double-click to change the minutes")
        spent = self.run.live_spent(entry)
        row.setText(SPENT, clock_text(spent))
        row.setToolTip(SPENT, self._spent_tip(entry, spent))
        if current or entry.done:
            font = QFont(self.list.font())
            font.setBold(current)
            font.setStrikeOut(entry.done and not current)
            row.setFont(QUESTION, font)
        return row

    @staticmethod
    def _spent_tip(entry: AgendaItem, spent: float) -> str:
        over = spent - entry.timebox
        tip = "Time spent on it"
        return tip + (f" ({clock_text(over)} over its timebox)" if over >= 1 else "")

    def _update_live_spent(self) -> None:
        entry = self.run.current_item()
        row = self.row_of(entry.id) if entry is not None else None
        if row is not None:
            spent = self.run.live_spent(entry)
            self._filling = True
            try:
                row.setText(SPENT, clock_text(spent))
                row.setToolTip(SPENT, self._spent_tip(entry, spent))
            finally:
                self._filling = False

    def _select(self, item_id: str) -> None:
        row = self.row_of(item_id)
        if row is not None:
            self.list.setCurrentItem(row)
            row.setSelected(True)

    def _item_changed(self, row: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != DONE:
            return
        item_id = row.data(QUESTION, ID_ROLE)
        done = row.checkState(DONE) == Qt.CheckState.Checked
        # the view is still inside the click that ticked the row: the change, which rebuilds
        # the rows, comes after it
        QTimer.singleShot(0, self, lambda: self._tick(item_id, done))

    def _tick(self, item_id: str, done: bool) -> None:
        item = self.agenda_item(item_id)
        if item is not None and item.done != done and not self.set_done(item_id, done):
            self.refill()  # refused: the tick goes back

    def _nodes_changed(self, node_ids: list) -> None:
        if self.document is not None and any(
                a.node_id in node_ids for a in self.document.workshop.agenda):
            self.refill()
        self._update_buttons()  # the selected node may have become a question or an argument

    def _nodes_removed(self, node_ids: list, _edge_ids: list) -> None:
        self._selection = [i for i in self._selection if i not in node_ids]
        self._update_buttons()

    def _double_clicked(self, row: QTreeWidgetItem, column: int) -> None:
        item = self.agenda_item(row.data(QUESTION, ID_ROLE))
        if item is not None and column in (DONE, QUESTION):
            self.nodeActivated.emit(item.node_id)

    def _update_buttons(self) -> None:
        has_map = self.document is not None
        selected = self.selected_id() is not None
        countdown = self.run.countdown
        self.add_button.setEnabled(self._addable() is not None)
        self.add_button.setToolTip(self._add_tip())
        self.start_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)
        self.toggle_button.setText("Pause" if countdown.is_running()
                                   else "Resume" if countdown.is_paused() and countdown.elapsed() > 0
                                   else "Start")
        self.toggle_button.setEnabled(has_map and (countdown.is_loaded() or self.run.next_open() is not None))
        for button in (self.reset_button, self.minute_button):
            button.setEnabled(countdown.is_loaded())
        self.next_button.setEnabled(has_map and (self.run.current_id is not None
                                                 or self.run.next_open() is not None))

    def _add_tip(self) -> str:
        if self.document is None:
            return "Open a map first"
        if len(self._selection) != 1:
            return "Select one question on the map to put it on the agenda"
        node = self.document.map.nodes.get(self._selection[0])
        if node is None:
            return ""
        if node.kind == NodeKind.ARGUMENT:
            return "Agenda items are questions; an argument node cannot become one"
        if self.document.workshop.model.agenda_item_for(node.id) is not None:
            return "The selected node is on the agenda already"
        if node.kind != NodeKind.QUESTION:
            return f"Agenda items are questions: this {node.kind} is made a question (you are asked first)"
        return "Put the selected question on the agenda (10 minutes; change the timebox in the list)"

    def _context_menu(self, point: QPoint) -> None:
        row = self.list.itemAt(point)
        if row is None:
            return
        self._select(row.data(QUESTION, ID_ROLE))
        self.context_menu(row.data(QUESTION, ID_ROLE)).exec(self.list.viewport().mapToGlobal(point))

    def context_menu(self, item_id: str) -> QMenu:
        """The actions on one row (Start, Show on Map, Done, Move, Remove)."""
        item = self.agenda_item(item_id)
        menu = QMenu(self)
        menu.addAction("Start", lambda: self.run.start_item(item_id))
        menu.addAction("Show on Map", lambda: self.nodeActivated.emit(item.node_id))
        menu.addAction("Mark Open" if item.done else "Mark Done",
                       lambda: self.set_done(item_id, not item.done))
        menu.addAction("Change Timebox…", lambda: self.list.editItem(self.row_of(item_id), TIMEBOX))
        menu.addSeparator()
        up = QAction("Move Up", menu)
        up.setShortcut("Alt+Up")
        up.triggered.connect(lambda: self.move_selected(-1))
        down = QAction("Move Down", menu)
        down.setShortcut("Alt+Down")
        down.triggered.connect(lambda: self.move_selected(+1))
        menu.addActions([up, down])
        menu.addSeparator()
        menu.addAction("Remove from Agenda", lambda: self._select(item_id) or self.remove_selected())
        return menu
