"""VotesDock: the "Votes" panel: who is voting and their dots left, the dot budget, buttons that
vote on the selected card, and the results table (sortable by any column).

Clicking a result row asks for its card to be selected and centred (``nodeActivated``). Every
vote goes through ``widgets.voting.cast`` (one undo step each); what it says is shown in the
panel for a while and sent out as ``message`` (the main window's status bar).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDockWidget, QGridLayout, QHBoxLayout,
                               QHeaderView, QLabel, QPushButton, QSpinBox, QTableView,
                               QVBoxLayout, QWidget)

from debatemap.canvas.vote_badge import rating_text
from debatemap.core.workshop import MAX_DOT_BUDGET
from debatemap.document.commands import shortened
from debatemap.widgets.following import refollow
from debatemap.widgets.tone_label import ToneLabel
from debatemap.widgets.voting import (ADD_DOT, CLEAR_RATING, RATE, RATINGS, REMOVE_DOT,
                                      breakdown, cast, rating_word, voter_line)

CARD, DOTS, MEAN, RATINGS_COUNT = range(4)
HEADERS = ("Card", "Dots", "Mean rating", "Ratings")
SORT_ROLE = Qt.ItemDataRole.UserRole
NODE_ROLE = Qt.ItemDataRole.UserRole + 1
MESSAGE_MS = 8000  # how long the panel keeps saying what the last vote did
CARD_CHARS = 80


class VotesModel(QAbstractTableModel):
    """One row per voted card (best first by dots), with numbers to sort by in SORT_ROLE."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.document = None
        self.tallies: list = []

    def set_document(self, document) -> None:
        self.document = document
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.tallies = self.document.workshop.results("dots") if self.document is not None else []
        self.endResetModel()

    def node_id(self, row: int) -> str:
        return self.tallies[row].node_id

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.tallies)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        tally = self.tallies[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == CARD:
                node = self.document.map.nodes.get(tally.node_id)
                return shortened(node.text, CARD_CHARS) if node is not None else tally.node_id
            if column == DOTS:
                return str(tally.dots)
            if column == MEAN:
                return rating_text(tally.rating_mean) if tally.rating_mean is not None else "—"
            return str(tally.rating_count)
        if role == SORT_ROLE:
            if column == CARD:
                node = self.document.map.nodes.get(tally.node_id)
                return (node.text if node is not None else "").casefold()
            if column == DOTS:
                return tally.dots
            if column == MEAN:  # unrated cards below every rated one
                return tally.rating_mean if tally.rating_mean is not None else -math.inf
            return tally.rating_count
        if role == NODE_ROLE:
            return tally.node_id
        if role == Qt.ItemDataRole.ToolTipRole:
            node = self.document.map.nodes.get(tally.node_id)
            text = node.text if node is not None else tally.node_id
            return f"{text}\n\n{breakdown(self.document.workshop, tally)}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column != CARD:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class VotesDock(QDockWidget):
    nodeActivated = Signal(str)  # a result row was clicked: select and centre this card
    message = Signal(str)  # what the last vote did, or why it did not

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Votes", parent)
        self.setObjectName("votesDock")
        self.document = None
        self.node_id: str | None = None  # the card the buttons vote on (the canvas selection)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.voter_label = QLabel()
        self.voter_label.setWordWrap(True)
        font = self.voter_label.font()
        font.setBold(True)
        self.voter_label.setFont(font)
        layout.addWidget(self.voter_label)
        budget_row = QHBoxLayout()
        budget_row.addWidget(QLabel("Dots per person:"))
        self.budget_spin = QSpinBox()
        self.budget_spin.setRange(1, MAX_DOT_BUDGET)
        self.budget_spin.setKeyboardTracking(False)
        self.budget_spin.valueChanged.connect(self._budget_edited)
        budget_row.addWidget(self.budget_spin)
        budget_row.addStretch(1)
        layout.addLayout(budget_row)
        self.card_label = ToneLabel(tone="hint")
        self.card_label.setWordWrap(True)
        layout.addWidget(self.card_label)
        layout.addLayout(self._vote_buttons())
        self.message_label = ToneLabel(tone="warning")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        layout.addWidget(self.message_label)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(MESSAGE_MS)
        self._message_timer.timeout.connect(self.message_label.hide)
        self.model = VotesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DOTS, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(CARD, QHeaderView.ResizeMode.Stretch)
        for column in (DOTS, MEAN, RATINGS_COUNT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.clicked.connect(self._row_chosen)
        self.table.activated.connect(self._row_chosen)
        layout.addWidget(self.table, 1)
        self.empty_label = ToneLabel("No votes yet. Select a card and press . for a dot,"
                                     " or Alt+1 … Alt+5 to rate it.", tone="hint")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.empty_label, 1)  # takes the table's room while there are no votes
        self.setWidget(body)
        self.set_document(None)

    def _vote_buttons(self) -> QGridLayout:
        grid = QGridLayout()
        self.add_dot_button = QPushButton("+ Dot")
        self.add_dot_button.setToolTip("Put one of the current speaker's dots on the card (.)")
        self.add_dot_button.clicked.connect(lambda: self.vote(ADD_DOT))
        self.remove_dot_button = QPushButton("− Dot")
        self.remove_dot_button.setToolTip("Take one of the current speaker's dots back (,)")
        self.remove_dot_button.clicked.connect(lambda: self.vote(REMOVE_DOT))
        grid.addWidget(self.add_dot_button, 0, 0, 1, 3)
        grid.addWidget(self.remove_dot_button, 0, 3, 1, 3)
        self.rate_buttons: dict[int, QPushButton] = {}
        for column, (value, words) in enumerate(RATINGS):
            button = QPushButton(rating_word(value))
            button.setToolTip(f"Rate the card {rating_word(value)}: {words.lower()}"
                              f" (Alt+{column + 1})")
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, v=value: self._rate_clicked(v))
            grid.addWidget(button, 1, column)
            self.rate_buttons[value] = button
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Take the current speaker's rating back (Alt+0)")
        self.clear_button.clicked.connect(lambda: self.vote(CLEAR_RATING))
        grid.addWidget(self.clear_button, 1, len(RATINGS))
        return grid

    # ---- following the map ---------------------------------------------------------------

    def set_document(self, document) -> None:
        refollow(self.document, document, self._connections)
        self.document = document
        self.node_id = None
        self.model.set_document(document)
        self.refresh()

    def _connections(self, document):
        workshop = document.workshop
        return ((workshop.votesChanged, self._votes_changed),
                (workshop.currentSpeakerChanged, self._refresh_voter),
                (workshop.participantsChanged, self._votes_changed),
                (workshop.settingsChanged, self._votes_changed),
                (document.nodesChanged, self._nodes_changed),
                (document.itemsRemoved, self._items_removed))

    def set_current(self, node_id: str | None) -> None:
        """The card the buttons vote on (the canvas's current card)."""
        self.node_id = node_id
        self._refresh_card()

    def _votes_changed(self, *_args) -> None:
        self.model.refresh()
        self.refresh()

    def _nodes_changed(self, node_ids: list) -> None:
        if any(t.node_id in node_ids for t in self.model.tallies):
            self.model.refresh()
        self._refresh_card()

    def _items_removed(self, node_ids: list, _edge_ids: list) -> None:
        if self.node_id in node_ids:
            self.node_id = None
        self._votes_changed()

    def refresh(self) -> None:
        self._refresh_voter()
        self._refresh_budget()
        self._refresh_card()
        has_votes = self.model.rowCount() > 0
        self.table.setVisible(has_votes)
        self.empty_label.setVisible(not has_votes and self.document is not None)

    def _refresh_voter(self, *_args) -> None:
        self.voter_label.setText(voter_line(self.document))
        self._refresh_card()

    def _refresh_budget(self) -> None:
        has_map = self.document is not None
        self.budget_spin.setEnabled(has_map)
        if not has_map:
            return
        workshop = self.document.workshop
        used = max((workshop.model.dots_used(p.id) for p in workshop.participants), default=0)
        self.budget_spin.blockSignals(True)
        self.budget_spin.setMinimum(max(1, used))
        self.budget_spin.setValue(workshop.settings.dot_budget)
        self.budget_spin.blockSignals(False)
        self.budget_spin.setToolTip(
            "How many dots each participant can place" + (
                f" (not below {used}: that many are placed by one participant)" if used > 1 else ""))

    def _refresh_card(self) -> None:
        document = self.document
        node = document.map.nodes.get(self.node_id) if document and self.node_id else None
        can_vote = node is not None and document.workshop.current_speaker is not None
        for button in (self.add_dot_button, self.remove_dot_button, self.clear_button,
                       *self.rate_buttons.values()):
            button.setEnabled(can_vote)
        mine = None
        if node is None:
            self.card_label.setText("Select a card on the map to vote on it.")
        else:
            workshop = document.workshop
            tally = workshop.tally(node.id)
            shares = tally.by_participant.get(workshop.current_speaker) if can_vote else None
            mine = shares.rating if shares is not None else None
            dots = shares.dots if shares is not None else 0
            own = f" — your dots here: {dots}" if can_vote else ""
            self.card_label.setText(f"On “{shortened(node.text, 60)}”{own}")
        for value, button in self.rate_buttons.items():
            button.setChecked(mine == value)

    # ---- voting --------------------------------------------------------------------------

    def vote(self, action: str, value: int | None = None) -> bool:
        outcome = cast(self.document, self.node_id, action, value)
        self.show_message(outcome.message, warning=not outcome.done)
        self._refresh_card()
        return outcome.done

    def _rate_clicked(self, value: int) -> None:
        if not self.vote(RATE, value):
            self._refresh_card()  # a refused click must not leave the button toggled

    def show_message(self, text: str, warning: bool = False) -> None:
        """Say what a vote did in the panel (warnings stand out) and in the status bar."""
        self.message_label.tone = "warning" if warning else "hint"
        self.message_label.follow_palette()
        self.message_label.setText(text)
        self.message_label.show()
        self._message_timer.start()
        self.message.emit(text)

    def _budget_edited(self, value: int) -> None:
        if self.document is not None and value != self.document.workshop.settings.dot_budget:
            if not self.document.workshop.set_dot_budget(value):
                self._refresh_budget()

    def _row_chosen(self, index: QModelIndex) -> None:
        node_id = self.proxy.data(index, NODE_ROLE)
        if node_id:
            self.set_current(node_id)
            self.nodeActivated.emit(node_id)

    def row_texts(self, column: int = CARD) -> list[str]:
        """The table's column as shown, top to bottom (tests and scripts read it)."""
        return [self.proxy.data(self.proxy.index(row, column)) for row in range(self.proxy.rowCount())]
