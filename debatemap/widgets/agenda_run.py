"""AgendaRun: which agenda item is being discussed now, and its countdown.

Starting an item makes it the current one and runs a Countdown of its timebox from the time it
has already had. The time a run takes is recorded on the item (``add_spent_time``) when the
timer pauses, is reset, moves to another item or the item is finished; "next" finishes the
current item (its time and the done tick, one undo step) and starts the next open one. The
current item is not part of the map: it is the facilitator's state, like the current speaker.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from debatemap.core.model import AgendaItem
from debatemap.document.commands import shortened
from debatemap.document.mapdocument import MapDocument
from debatemap.widgets.following import refollow
from debatemap.widgets.workshop_timer import Countdown

TITLE_CHARS = 80


def node_label(document: MapDocument, node_id: str) -> str:
    """A node's title, else its text, on one line."""
    node = document.map.nodes.get(node_id)
    if node is None:
        return ""
    return " ".join((node.title or node.text).split())


class AgendaRun(QObject):
    currentChanged = Signal(object)  # the current agenda item id, or None
    itemStarted = Signal(str)  # the node of the item that became current: show it
    message = Signal(str)  # a short status line for the facilitator

    def __init__(self, countdown: Countdown, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.countdown = countdown
        self.document: MapDocument | None = None
        self._current: str | None = None

    # ---- the open map ----------------------------------------------------------------------

    def set_document(self, document: MapDocument | None) -> None:
        """Another map: nothing is current (the old map is closed; its unrecorded run is lost)."""
        refollow(self.document, document, self._connections)
        self.document = document
        self._set_current(None)

    def _connections(self, document: MapDocument):
        return [(document.workshop.agendaChanged, self._agenda_changed),
                (document.nodesChanged, self._nodes_changed)]

    # ---- reading ---------------------------------------------------------------------------

    @property
    def current_id(self) -> str | None:
        return self._current

    def current_item(self) -> AgendaItem | None:
        return self._item(self._current)

    def _item(self, item_id: str | None) -> AgendaItem | None:
        if self.document is None or item_id is None:
            return None
        return next((a for a in self.document.workshop.agenda if a.id == item_id), None)

    def title_of(self, item: AgendaItem) -> str:
        agenda = self.document.workshop.agenda
        position = next((i for i, a in enumerate(agenda) if a.id == item.id), 0) + 1
        return f"{position}/{len(agenda)} · {shortened(node_label(self.document, item.node_id), TITLE_CHARS)}"

    def live_spent(self, item: AgendaItem) -> float:
        """The item's recorded time plus what its running timer has not recorded yet."""
        if item.id != self._current:
            return item.spent
        return item.spent + self.countdown.unrecorded()

    def next_open(self) -> AgendaItem | None:
        """The first item not done, after the current one if it is still open."""
        if self.document is None:
            return None
        return next((a for a in self.document.workshop.agenda
                     if not a.done and a.id != self._current), None)

    # ---- acting ----------------------------------------------------------------------------

    def start_item(self, item_id: str) -> bool:
        """Make an item current and run its timer (it resumes if it is current already)."""
        item = self._item(item_id)
        if item is None:
            return False
        if item_id == self._current:
            self.countdown.start()
        else:
            self.record()
            self._set_current(item)
            self.countdown.start()
        self.itemStarted.emit(item.node_id)
        return True

    def toggle(self) -> bool:
        """Pause a running timer, resume a paused one, or start the first open item."""
        if self.countdown.is_running():
            self.pause()
            return True
        if self.current_item() is not None:
            self.countdown.start()
            return True
        item = self.next_open()
        if item is None:
            self.message.emit("Add a question to the agenda first." if self.document is not None
                              and not self.document.workshop.agenda else "Every agenda item is done.")
            return False
        return self.start_item(item.id)

    def pause(self) -> None:
        self.countdown.pause()
        self.record()

    def reset(self) -> None:
        """The current item's timer back to its whole timebox (the time run so far is kept)."""
        self.record()
        self.countdown.reset()

    def add_minute(self) -> None:
        self.countdown.add_minute()

    def record(self) -> bool:
        """Put the time run and not yet recorded on the current item (one merged undo step)."""
        seconds = self.countdown.take_unrecorded()
        item = self.current_item()
        if item is None or seconds <= 0 or self.document is None:
            return False
        return self.document.workshop.add_spent_time(item.id, seconds)

    def next_item(self) -> bool:
        """Finish the current item and start the next open one (or the first open one)."""
        if self.document is None:
            return False
        current = self.current_item()
        if current is not None:
            self.countdown.pause()
            self.finish(current.id)
        following = self.next_open()
        if following is None:
            self._set_current(None)
            self.message.emit("Every agenda item is done." if self.document.workshop.agenda
                              else "Add a question to the agenda first.")
            return current is not None
        return self.start_item(following.id)

    def finish(self, item_id: str) -> None:
        """Record the current run on the item and tick it done, as one undo step."""
        item = self._item(item_id)
        pending = self.countdown.take_unrecorded() if item_id == self._current else 0.0
        if item is None or (pending <= 0 and item.done):
            return
        stack = self.document.undo_stack
        stack.beginMacro(f"Finish “{shortened(node_label(self.document, item.node_id), 30)}”")
        try:
            if pending > 0:
                self.document.workshop.add_spent_time(item.id, pending)
            if not item.done:
                self.document.workshop.set_agenda_done(item.id, True)
        finally:
            stack.endMacro()

    # ---- following the map -----------------------------------------------------------------

    def _set_current(self, item: AgendaItem | None) -> None:
        new = item.id if item is not None else None
        if item is None:
            self.countdown.unload()
        else:
            self.countdown.load(item.timebox, self.title_of(item), item.spent)
        if new != self._current:
            self._current = new
            self.currentChanged.emit(new)

    def _agenda_changed(self) -> None:
        if self._current is None:
            return
        item = self.current_item()
        if item is None:  # removed (or its adding undone): its timer goes with it
            self._set_current(None)
            return
        self.countdown.set_base(item.timebox)
        self.countdown.set_title(self.title_of(item))

    def _nodes_changed(self, node_ids: list) -> None:
        item = self.current_item()
        if item is not None and item.node_id in node_ids:
            self.countdown.set_title(self.title_of(item))
