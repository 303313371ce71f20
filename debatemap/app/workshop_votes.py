"""Voting and the parking lot in the main window: the Votes and Parking Lot docks, the Workshop
menu actions and keys, the card menu's Vote submenu, and the vote pills on the canvas.

``install(window)`` adds all of it and returns the WorkshopVotes controller. Keys (window-wide;
a text field being typed in keeps its own "." and ","): ``.`` puts a dot of the current
speaker on the selected card, ``,`` takes one back, Alt+1 … Alt+5 rate it -2 … +2 (a
five-point agreement scale, 1 = strongly disagree), Alt+0 takes the rating back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from debatemap.canvas.parked_drop import unpark_at
from debatemap.canvas.vote_sync import install_vote_sync
from debatemap.document.parking import park_nodes
from debatemap.widgets.parking_lot import ParkingLotDock
from debatemap.widgets.voting import (ADD_DOT, CLEAR_RATING, RATE, RATINGS, REMOVE_DOT, cast,
                                      rating_word, voter_line)
from debatemap.widgets.voting_panel import VotesDock

if TYPE_CHECKING:
    from debatemap.app.main_window import MainWindow

ADD_DOT_KEY, REMOVE_DOT_KEY = ".", ","
CLEAR_RATING_KEY = "Alt+0"
PARK_KEY = "Ctrl+Alt+K"
STATUS_MS = 6000


def rating_key(value: int) -> str:
    """Alt+1 … Alt+5 for -2 … +2."""
    return f"Alt+{value + 3}"


class WorkshopVotes(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.votes_dock = VotesDock(window)
        self.parking_dock = ParkingLotDock(window)
        window.addDockWidget(right, self.votes_dock)
        window.addDockWidget(right, self.parking_dock)
        self.votes_dock.hide()
        self.parking_dock.hide()
        self.votes_dock.nodeActivated.connect(window.show_node)
        self.votes_dock.message.connect(self._status)
        self.parking_dock.message.connect(self._status)
        self.parking_dock.parkSelectedRequested.connect(self.park_selected)
        self.parking_dock.placeRequested.connect(self.place_parked)
        self._build_menu(window.workshop_menu)
        window.view.node_menu_extensions = [*getattr(window.view, "node_menu_extensions", ()),
                                            self.extend_node_menu]
        window.view.selectionChangedIds.connect(self._selection_changed)
        window.documentChanged.connect(self._document_changed)
        self._document_changed(window.document)

    # ---- menus and keys ------------------------------------------------------------------

    def _action(self, menu: QMenu, text: str, slot, keys: str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.window.addAction(action)  # the keys work while the menu bar is hidden (presenting)
        return action

    def _build_menu(self, menu: QMenu) -> None:
        self.votes_toggle = self.votes_dock.toggleViewAction()
        self.votes_toggle.setText("&Votes")
        self.parking_toggle = self.parking_dock.toggleViewAction()
        self.parking_toggle.setText("Parking &Lot")
        menu.addSeparator()
        menu.addAction(self.votes_toggle)
        menu.addAction(self.parking_toggle)
        menu.addSeparator()
        self.add_dot_action = self._action(
            menu, "Add &Dot", lambda: self.vote(ADD_DOT), ADD_DOT_KEY,
            "Put one of the current speaker's dots on the selected card")
        self.remove_dot_action = self._action(
            menu, "&Remove Dot", lambda: self.vote(REMOVE_DOT), REMOVE_DOT_KEY,
            "Take one of the current speaker's dots back from the selected card")
        self.rate_menu = menu.addMenu("Ra&te")
        self.rate_actions = {}
        for value, words in RATINGS:
            self.rate_actions[value] = self._action(
                self.rate_menu, f"{rating_word(value)}  {words}",
                lambda v=value: self.vote(RATE, v), rating_key(value),
                f"The current speaker rates the selected card {rating_word(value)}")
        self.rate_menu.addSeparator()
        self.clear_rating_action = self._action(
            self.rate_menu, "&Clear Rating", lambda: self.vote(CLEAR_RATING), CLEAR_RATING_KEY,
            "Take the current speaker's rating of the selected card back")
        menu.addSeparator()
        self.park_action = self._action(
            menu, "&Park Selected Card", self.park_selected, PARK_KEY,
            "Move the selected cards off the map into the parking lot (one undo step)")
        self.vote_actions = [self.add_dot_action, self.remove_dot_action, self.clear_rating_action,
                             *self.rate_actions.values()]

    def extend_node_menu(self, menu: QMenu, node_id: str, targets: list[str]) -> None:
        """The card menu's Vote submenu (for the card right-clicked) and Park."""
        document = self.window.document
        if document is None:
            return
        workshop = document.workshop
        speaker = workshop.current_speaker
        share = workshop.tally(node_id).by_participant.get(speaker) if speaker else None
        vote = menu.addMenu("Vote")
        vote.addAction(voter_line(document)).setEnabled(False)
        vote.addSeparator()
        add = vote.addAction("Add Dot", lambda: self.vote(ADD_DOT, node_id=node_id))
        add.setShortcut(QKeySequence(ADD_DOT_KEY))
        remove = vote.addAction("Remove Dot", lambda: self.vote(REMOVE_DOT, node_id=node_id))
        remove.setShortcut(QKeySequence(REMOVE_DOT_KEY))
        remove.setEnabled(share is not None and share.dots > 0)
        vote.addSeparator()
        for value, words in RATINGS:
            action = vote.addAction(f"{rating_word(value)}  {words}",
                                    lambda v=value: self.vote(RATE, v, node_id=node_id))
            action.setShortcut(QKeySequence(rating_key(value)))
            action.setCheckable(True)
            action.setChecked(share is not None and share.rating == value)
        clear = vote.addAction("Clear Rating", lambda: self.vote(CLEAR_RATING, node_id=node_id))
        clear.setShortcut(QKeySequence(CLEAR_RATING_KEY))
        clear.setEnabled(share is not None and share.rating is not None)
        if speaker is None:  # the header line says why
            for action in vote.actions():
                action.setEnabled(False)
        menu.addAction("Park", lambda: self._park(targets)).setShortcut(QKeySequence(PARK_KEY))

    # ---- what they do --------------------------------------------------------------------

    def vote(self, action: str, value: int | None = None, node_id: str | None = None) -> bool:
        """Vote for the current speaker on ``node_id`` (the selected card when None); the
        outcome is said in the Votes panel and the status bar."""
        if node_id is None:
            node_id = self.window.view.current_node_id()
        outcome = cast(self.window.document, node_id, action, value)
        self.votes_dock.show_message(outcome.message, warning=not outcome.done)
        return outcome.done

    def park_selected(self) -> bool:
        return self._park(self.window.view.selected_node_ids())

    def _park(self, node_ids: list[str]) -> bool:
        if self.window.document is None:
            self._status("Open a map first.")
            return False
        done, message = park_nodes(self.window.document, node_ids)
        self._status(message)
        if done:
            self.parking_dock.show()
            self.parking_dock.raise_()
        return done

    def place_parked(self, item_id: str) -> str | None:
        """Bring a parked item back without a drag: under the selected card, else below the map."""
        view = self.window.view
        if view.map_scene() is None:
            return None
        anchor = view.current_node_id()
        node_id = unpark_at(view, item_id, anchor=anchor)
        if node_id is not None:
            view.select_items([node_id])
            view.center_on_node(node_id)
            how = " supporting the selected card" if anchor else " below the map"
            self._status(f"Brought the parked item back onto the map{how}.")
        return node_id

    # ---- following the window ------------------------------------------------------------

    def _document_changed(self, document) -> None:
        if self.window.scene is not None:
            install_vote_sync(self.window.scene)
        self.votes_dock.set_document(document)
        self.parking_dock.set_document(document)
        for action in (*self.vote_actions, self.park_action):
            action.setEnabled(document is not None)
        self._selection_changed(self.window.view.selected_node_ids(), [])

    def _selection_changed(self, node_ids: list, _edge_ids: list) -> None:
        self.votes_dock.set_current(self.window.view.current_node_id())
        self.parking_dock.set_selection_count(len(node_ids))

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)


def install(window: "MainWindow") -> WorkshopVotes:
    """Add voting and the parking lot to a main window (see the module docstring)."""
    return WorkshopVotes(window)
