"""The undo commands of a workshop: participants, votes, agenda, parking lot and settings.

Each is one session action on do, undo and redo, followed by the signals of ``document.workshop``
(a WorkshopDocument) and, where nodes change too, of the MapDocument.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from debatemap.core.errors import DebatemapError
from debatemap.core.model import AgendaItem, Edge, Node, ParkedItem, Participant, Vote
from debatemap.core.workshop import ParticipantRemoval
from debatemap.document.commands import MapCommand, shortened
from debatemap.store.removal import Removal

if TYPE_CHECKING:
    from debatemap.document.mapdocument import MapDocument

SPENT_TIME_COMMAND_ID = 3001  # consecutive "add spent time" of one agenda item merge


class WorkshopCommand(MapCommand):
    @property
    def workshop(self):
        """The WorkshopDocument whose signals this command emits."""
        return self.document.workshop


# ---- participants --------------------------------------------------------------------------


class AddParticipant(WorkshopCommand):
    def __init__(self, document: "MapDocument", participant: Participant, index: int | None = None):
        super().__init__(document, f"Add participant {shortened(participant.name, 30)}")
        self.participant = participant
        self.index = index

    def apply(self) -> None:
        self.session.add_participant(self.participant, self.index)
        self.workshop.participants_changed()

    def unapply(self) -> None:
        self.session.remove_participant(self.participant.id)  # nothing of theirs is left yet
        self.workshop.participants_changed()


class UpdateParticipant(WorkshopCommand):
    """Rename or recolour a participant."""

    def __init__(self, document: "MapDocument", participant_id: str, fields: dict, text: str):
        super().__init__(document, text)
        self.participant_id = participant_id
        self.fields = dict(fields)
        self.before: Participant | None = None

    def apply(self) -> None:
        self.before = self.session.update_participant(self.participant_id, **self.fields)
        self.workshop.participants_changed()

    def unapply(self) -> None:
        self.session.update_participant(
            self.participant_id, **{f: getattr(self.before, f) for f in self.fields}
        )
        self.workshop.participants_changed()


class MoveParticipant(WorkshopCommand):
    def __init__(self, document: "MapDocument", participant_id: str, index: int):
        super().__init__(document, "Reorder participants")
        self.participant_id = participant_id
        self.index = index
        self.old = 0

    def apply(self) -> None:
        self.old = self.session.move_participant(self.participant_id, self.index)
        self.workshop.participants_changed()

    def unapply(self) -> None:
        self.session.move_participant(self.participant_id, self.old)
        self.workshop.participants_changed()


class RemoveParticipant(WorkshopCommand):
    """Remove a participant with their votes; their nodes and parked items lose the author.
    Undo brings all of it back."""

    def __init__(self, document: "MapDocument", participant_id: str):
        name = document.map.participants[participant_id].name
        super().__init__(document, f"Remove participant {shortened(name, 30)}")
        self.participant_id = participant_id
        self.removal: ParticipantRemoval | None = None

    def apply(self) -> None:
        self.removal = self.session.remove_participant(self.participant_id)
        self._changed()

    def unapply(self) -> None:
        self.session.restore_participant(self.removal)
        self._changed()

    def _changed(self) -> None:
        removal = self.removal
        self.workshop.participants_changed()
        if removal.votes:
            self.workshop.votesChanged.emit(sorted({v.node_id for v in removal.votes}))
        if removal.parked:
            self.workshop.parkingChanged.emit()
        if removal.authored:
            self.document.nodesChanged.emit(list(removal.authored))


# ---- votes ---------------------------------------------------------------------------------


class SetVote(WorkshopCommand):
    """Set a participant's dots on a node or their rating of it; ``value`` None takes it back."""

    def __init__(self, document: "MapDocument", node_id: str, participant_id: str, kind: str,
                 value: int | None, text: str):
        super().__init__(document, text)
        self.node_id, self.participant_id, self.kind = node_id, participant_id, kind
        self.value = value
        self.before: Vote | None = None
        self.after: Vote | None = None

    def apply(self) -> None:
        if self.value is None:
            self.before = self.session.clear_vote(self.node_id, self.participant_id, self.kind)
        else:
            self.before = self.session.set_vote(
                self.node_id, self.participant_id, self.kind, self.value
            )
            self.after = self.session.workshop.vote(self.node_id, self.participant_id, self.kind)
        self._changed()

    def unapply(self) -> None:
        self._put(self.before)

    def reapply(self) -> None:
        self._put(self.after)

    def _put(self, vote: Vote | None) -> None:
        if vote is None:
            self.session.clear_vote(self.node_id, self.participant_id, self.kind)
        else:
            self.session.put_vote(vote)
        self._changed()

    def _changed(self) -> None:
        self.workshop.votesChanged.emit([self.node_id])


# ---- agenda --------------------------------------------------------------------------------


class AddAgendaItem(WorkshopCommand):
    def __init__(self, document: "MapDocument", item: AgendaItem, index: int | None = None):
        super().__init__(document, "Add to agenda")
        self.item = item
        self.index = index

    def apply(self) -> None:
        stored = self.session.add_agenda_item(self.item, self.index)
        self.index = stored.ordinal  # redo puts it back at the same place
        self.workshop.agendaChanged.emit()

    def unapply(self) -> None:
        self.session.remove_agenda_item(self.item.id)
        self.workshop.agendaChanged.emit()


class RemoveAgendaItem(WorkshopCommand):
    def __init__(self, document: "MapDocument", item_id: str):
        super().__init__(document, "Remove from agenda")
        self.item_id = item_id
        self.removed: AgendaItem | None = None

    def apply(self) -> None:
        self.removed = self.session.remove_agenda_item(self.item_id)
        self.workshop.agendaChanged.emit()

    def unapply(self) -> None:
        self.session.add_agenda_item(self.removed, self.removed.ordinal)
        self.workshop.agendaChanged.emit()


class MoveAgendaItem(WorkshopCommand):
    def __init__(self, document: "MapDocument", item_id: str, index: int):
        super().__init__(document, "Reorder agenda")
        self.item_id = item_id
        self.index = index
        self.old = 0

    def apply(self) -> None:
        self.old = self.session.move_agenda_item(self.item_id, self.index)
        self.workshop.agendaChanged.emit()

    def unapply(self) -> None:
        self.session.move_agenda_item(self.item_id, self.old)
        self.workshop.agendaChanged.emit()


class UpdateAgendaItem(WorkshopCommand):
    """Set an agenda item's timebox, done flag or time spent (``action`` names the event)."""

    def __init__(self, document: "MapDocument", item_id: str, fields: dict, text: str,
                 action: str = "update_agenda_item"):
        super().__init__(document, text)
        self.item_id = item_id
        self.fields = dict(fields)
        self.action = action
        self.before: AgendaItem | None = None

    def apply(self) -> None:
        self.before = self.session.update_agenda_item(self.item_id, action=self.action,
                                                      **self.fields)
        self.workshop.agendaChanged.emit()

    def unapply(self) -> None:
        self.session.update_agenda_item(
            self.item_id, action=self.action, **{f: getattr(self.before, f) for f in self.fields}
        )
        self.workshop.agendaChanged.emit()


class AddSpentTime(UpdateAgendaItem):
    """Time an item's timer ran; consecutive additions to the same item are one undo step."""

    def __init__(self, document: "MapDocument", item_id: str, seconds: float):
        super().__init__(document, item_id, {}, "Record time spent", action="add_spent_time")
        self.seconds = seconds

    def apply(self) -> None:
        if not self.fields:  # the first time: the new total (redo writes the same again)
            seconds = self.seconds
            if (isinstance(seconds, bool) or not isinstance(seconds, (int, float))
                    or not seconds > 0):
                raise DebatemapError(f"the time to add is more than 0 seconds, not {seconds!r}")
            item = self.session.workshop.agenda_item(self.item_id)
            self.fields = {"spent": item.spent + seconds}
        super().apply()

    def id(self) -> int:
        return SPENT_TIME_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, AddSpentTime) or other.item_id != self.item_id:
            return False
        self.fields = dict(other.fields)  # the before of the first, the after of the last
        return True


# ---- parking lot ---------------------------------------------------------------------------


class Park(WorkshopCommand):
    def __init__(self, document: "MapDocument", item: ParkedItem, index: int | None = None):
        super().__init__(document, f"Park “{shortened(item.text, 30)}”")
        self.item = item
        self.index = index

    def apply(self) -> None:
        stored = self.session.park(self.item, self.index)
        self.index = stored.ordinal
        self.workshop.parkingChanged.emit()

    def unapply(self) -> None:
        self.session.unpark(self.item.id)
        self.workshop.parkingChanged.emit()


class DiscardParked(WorkshopCommand):
    """Delete an item from the parking lot (no node is made of it)."""

    def __init__(self, document: "MapDocument", item_id: str):
        text = document.session.workshop.parked_item(item_id).text
        super().__init__(document, f"Delete parked “{shortened(text, 30)}”")
        self.item_id = item_id
        self.item: ParkedItem | None = None

    def apply(self) -> None:
        self.item = self.session.unpark(self.item_id)
        self.workshop.parkingChanged.emit()

    def unapply(self) -> None:
        self.session.park(self.item, self.item.ordinal)
        self.workshop.parkingChanged.emit()


class Unpark(WorkshopCommand):
    """Bring a parked item onto the map: the item leaves the parking lot and a node (linked to
    a parent when there is one) is added, as one step."""

    def __init__(self, document: "MapDocument", item_id: str, node: Node, edges: list[Edge]):
        super().__init__(document, f"Unpark “{shortened(node.text, 30)}”")
        self.item_id = item_id
        self.nodes, self.edges = [node], list(edges)
        self.item: ParkedItem | None = None
        self.removal: Removal | None = None

    def apply(self) -> None:
        self.item = self.session.unpark(self.item_id, self.nodes, self.edges)
        self._added(self.nodes, self.edges)

    def reapply(self) -> None:
        self.session.unpark(self.item_id, self.removal.nodes, self.removal.edges)
        self._added(self.removal.nodes, self.removal.edges)

    def unapply(self) -> None:
        self.removal = self.session.repark(self.item, [n.id for n in self.nodes])
        self.workshop.parkingChanged.emit()
        self.document.itemsRemoved.emit([n.id for n in self.removal.nodes],
                                        [e.id for e in self.removal.edges])

    def _added(self, nodes: list[Node], edges: list[Edge]) -> None:
        self.workshop.parkingChanged.emit()
        self.document.nodesAdded.emit([n.id for n in nodes])
        if edges:
            self.document.edgesAdded.emit([e.id for e in edges])


# ---- settings ------------------------------------------------------------------------------


class SetDotBudget(WorkshopCommand):
    def __init__(self, document: "MapDocument", budget: int):
        super().__init__(document, f"Set dot budget to {budget}")
        self.budget = budget
        self.old = budget

    def apply(self) -> None:
        self.old = self.session.set_dot_budget(self.budget)
        self.workshop.settingsChanged.emit()

    def unapply(self) -> None:
        self.session.set_dot_budget(self.old)
        self.workshop.settingsChanged.emit()


class SetAnonymous(WorkshopCommand):
    def __init__(self, document: "MapDocument", anonymous: bool):
        super().__init__(document, "Anonymous mode on" if anonymous else "Anonymous mode off")
        self.anonymous = anonymous
        self.old = anonymous

    def apply(self) -> None:
        self.old = self.session.set_anonymous(self.anonymous)
        self.workshop.settingsChanged.emit()

    def unapply(self) -> None:
        self.session.set_anonymous(self.old)
        self.workshop.settingsChanged.emit()
