"""MapSession's workshop actions: participants, votes, agenda, parking lot and settings.

Mixed into MapSession (store.session). Each public method is one user action: the Workshop
validates and changes the model, one transaction writes it with one event that records the
change in full (core.changes), and when the write fails the model is put back. Each returns
what undoing it needs.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Iterable

from debatemap.core.changes import Change
from debatemap.core.errors import InvalidValueError
from debatemap.core.ids import new_id
from debatemap.core.model import AgendaItem, Edge, Node, ParkedItem, Participant, Vote
from debatemap.core.workshop import ParticipantRemoval, Workshop
from debatemap.store.removal import Removal
from debatemap.store.repository import Writer

if TYPE_CHECKING:
    from debatemap.core.argmap import ArgumentMap


class WorkshopActions:
    """The workshop half of MapSession (see the module docstring)."""

    workshop: Workshop
    map: "ArgumentMap"
    _speaker_id: str | None

    def _commit(self, kind: str, change: Change, write: Callable[[Writer], None],
                revert: Callable[[], object]) -> None:
        try:
            with self._action(kind, change) as writer:
                write(writer)
        except BaseException:
            revert()
            raise

    # ---- participants ----------------------------------------------------------------------

    def _participant_order(self) -> list[str]:
        return list(self.map.participants)

    def add_participant(self, participant: Participant, index: int | None = None) -> Participant:
        """Add a participant at ``index`` of the order (the end when None)."""
        return self.add_participants([participant], index)[0]

    def add_participants(
        self, participants: Iterable[Participant], index: int | None = None
    ) -> list[Participant]:
        """Add several participants, in this order from ``index`` on, as one action."""
        added: list[Participant] = []
        try:
            for offset, participant in enumerate(participants):
                self.workshop.add_participant(
                    participant, None if index is None else index + offset
                )
                added.append(participant)
        except BaseException:
            self._forget_participants(added)
            raise
        order = self._participant_order()

        def write(writer: Writer) -> None:
            writer.insert_participants(added)
            writer.order_participants(order)

        change = Change(put={"participants": added}, order={"participants": order})
        self._commit("add_participant", change, write, lambda: self._forget_participants(added))
        return added

    def _forget_participants(self, participants: list[Participant]) -> None:
        for participant in participants:
            self.workshop.remove_participant(participant.id)

    def update_participant(self, participant_id: str, **fields) -> Participant:
        """Rename or recolour (``name=``, ``color=``); returns the participant as it was."""
        before = self.workshop.update_participant(participant_id, **fields)
        after = self.workshop.participant(participant_id)

        def revert() -> None:
            self.map.participants[participant_id] = before

        self._commit("update_participant", Change(put={"participants": [after]}),
                     lambda writer: writer.update_participants([after]), revert)
        return before

    def move_participant(self, participant_id: str, index: int) -> int:
        """Move a participant to ``index`` of the order; returns the old index."""
        old = self.workshop.move_participant(participant_id, index)
        order = self._participant_order()
        self._commit("move_participant", Change(order={"participants": order}),
                     lambda writer: writer.order_participants(order),
                     lambda: self.workshop.move_participant(participant_id, old))
        return old

    def remove_participant(self, participant_id: str) -> ParticipantRemoval:
        """Remove a participant with their votes; their nodes and parked items keep no
        author. If they were the speaker, nobody is. Returns all of it for the undo."""
        removal = self.workshop.remove_participant(participant_id)
        speaker = self._speaker_id
        if speaker == participant_id:
            self._speaker_id = None
        order = self._participant_order()
        change = Change(
            remove={"participants": [participant_id], "votes": [v.id for v in removal.votes]},
            patch={"nodes": {i: {"author_id": None} for i in removal.authored},
                   "parked": {i: {"author_id": None} for i in removal.parked}},
            order={"participants": order},
        )

        def write(writer: Writer) -> None:
            writer.delete_participants([participant_id])  # votes, authorship: ON DELETE rules
            writer.order_participants(order)

        def revert() -> None:
            self.workshop.restore_participant(removal)
            self._speaker_id = speaker

        self._commit("remove_participant", change, write, revert)
        return removal

    def restore_participant(self, removal: ParticipantRemoval) -> None:
        """Undo ``remove_participant``: the participant at its place, votes and authorship."""
        self.workshop.restore_participant(removal)
        participant = removal.participant
        order = self._participant_order()
        change = Change(
            put={"participants": [participant], "votes": removal.votes},
            patch={"nodes": {i: {"author_id": participant.id} for i in removal.authored},
                   "parked": {i: {"author_id": participant.id} for i in removal.parked}},
            order={"participants": order},
        )

        def write(writer: Writer) -> None:
            writer.insert_participants([participant])
            writer.order_participants(order)
            writer.put_votes(removal.votes)
            writer.update_nodes([self.map.nodes[i] for i in removal.authored])
            if removal.parked:
                writer.replace_parked(self.workshop.parked)

        self._commit("restore_participant", change, write,
                     lambda: self.workshop.remove_participant(participant.id))

    # ---- votes -----------------------------------------------------------------------------

    def put_vote(self, vote: Vote, *, action: str = "vote") -> Vote | None:
        """Set a vote (dots or a rating), replacing the participant's vote of that kind on
        that node; returns the replaced one (None when there was none)."""
        before = self.workshop.put_vote(vote)
        change = Change(put={"votes": [vote]})
        if before is not None and before.id != vote.id:
            change.remove["votes"] = [before.id]

        def revert() -> None:
            self.workshop.remove_vote(vote.node_id, vote.participant_id, vote.kind)
            if before is not None:
                self.workshop.put_vote(before)

        self._commit(action, change, lambda writer: writer.put_votes([vote]), revert)
        return before

    def set_vote(self, node_id: str, participant_id: str, kind: str, value: int) -> Vote | None:
        """``put_vote`` with this value, keeping the vote's id when there is one already."""
        existing = self.workshop.vote(node_id, participant_id, kind)
        if existing is not None:
            vote = replace(existing, value=value)
        else:
            vote = Vote(id=new_id("v"), node_id=node_id, participant_id=participant_id,
                        kind=kind, value=value)
        return self.put_vote(vote)

    def clear_vote(self, node_id: str, participant_id: str, kind: str) -> Vote:
        """Take a participant's dots on (or rating of) a node back; returns the vote."""
        vote = self.workshop.remove_vote(node_id, participant_id, kind)
        self._commit("clear_vote", Change(remove={"votes": [vote.id]}),
                     lambda writer: writer.delete_votes([vote.id]),
                     lambda: self.workshop.put_vote(vote))
        return vote

    # ---- agenda ----------------------------------------------------------------------------

    def _agenda_change(self, **parts) -> Change:
        return Change(order={"agenda": [a.id for a in self.workshop.agenda]}, **parts)

    def _write_agenda(self, writer: Writer) -> None:
        writer.replace_agenda(self.workshop.agenda)

    def add_agenda_item(self, item: AgendaItem, index: int | None = None) -> AgendaItem:
        """Put a node on the agenda at ``index`` (the end when None); returns it as stored."""
        stored = self.workshop.add_agenda_item(item, index)
        self._commit("add_agenda_item", self._agenda_change(put={"agenda": [stored]}),
                     self._write_agenda, lambda: self.workshop.remove_agenda_item(item.id))
        return stored

    def remove_agenda_item(self, item_id: str) -> AgendaItem:
        """Take an item off the agenda; returns it (its ordinal is the place it had)."""
        item = self.workshop.remove_agenda_item(item_id)
        self._commit("remove_agenda_item", self._agenda_change(remove={"agenda": [item_id]}),
                     self._write_agenda,
                     lambda: self.workshop.add_agenda_item(item, item.ordinal))
        return item

    def move_agenda_item(self, item_id: str, index: int) -> int:
        """Move an item to ``index`` of the agenda; returns its old index."""
        old = self.workshop.move_agenda_item(item_id, index)
        self._commit("move_agenda_item", self._agenda_change(), self._write_agenda,
                     lambda: self.workshop.move_agenda_item(item_id, old))
        return old

    def update_agenda_item(self, item_id: str, *, action: str = "update_agenda_item",
                           **fields) -> AgendaItem:
        """Change ``timebox``, ``done`` or ``spent`` of an item; returns it as it was."""
        before = self.workshop.update_agenda_item(item_id, **fields)
        after = self.workshop.agenda_item(item_id)

        def revert() -> None:
            self.workshop.update_agenda_item(
                item_id, timebox=before.timebox, done=before.done, spent=before.spent
            )

        self._commit(action, Change(put={"agenda": [after]}), self._write_agenda, revert)
        return before

    def set_timebox(self, item_id: str, seconds: int) -> AgendaItem:
        return self.update_agenda_item(item_id, timebox=seconds, action="set_timebox")

    def set_agenda_done(self, item_id: str, done: bool = True) -> AgendaItem:
        return self.update_agenda_item(item_id, done=done, action="mark_done")

    def add_spent_time(self, item_id: str, seconds: float) -> AgendaItem:
        """Add the seconds an item's timer ran (when it stops, not every tick)."""
        if (not isinstance(seconds, (int, float)) or isinstance(seconds, bool)
                or not math.isfinite(seconds) or seconds <= 0):
            raise InvalidValueError(f"the time to add is more than 0 seconds, not {seconds!r}")
        spent = self.workshop.agenda_item(item_id).spent + seconds
        return self.update_agenda_item(item_id, spent=spent, action="add_spent_time")

    # ---- parking lot -----------------------------------------------------------------------

    def _parked_order(self) -> dict[str, list[str]]:
        return {"parked": [p.id for p in self.workshop.parked]}

    def _write_parked(self, writer: Writer) -> None:
        writer.replace_parked(self.workshop.parked)

    def park(self, item: ParkedItem, index: int | None = None) -> ParkedItem:
        """Put a text in the parking lot at ``index`` (the end when None)."""
        stored = self.workshop.park(item, index)
        change = Change(put={"parked": [stored]}, order=self._parked_order())
        self._commit("park", change, self._write_parked, lambda: self.workshop.unpark(item.id))
        return stored

    def unpark(
        self, item_id: str, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()
    ) -> ParkedItem:
        """Take an item out of the parking lot and add the node(s) made of it, with their
        links, as ONE action (no nodes: the item is discarded); returns the item (its
        ordinal is the place it had)."""
        item = self.workshop.unpark(item_id)
        change = Change(remove={"parked": [item_id]}, order=self._parked_order())
        try:
            self._add(Removal(list(nodes), list(edges)), "unpark", change,
                      also=self._write_parked)
        except BaseException:
            self.workshop.park(item, item.ordinal)
            raise
        return item

    def repark(self, item: ParkedItem, node_ids: Iterable[str]) -> Removal:
        """Undo ``unpark``: remove the nodes made of the item (with their links) and put the
        item back at its place, as one action; returns what was removed."""
        removal = self._removal(node_ids, ())
        stored = self.workshop.park(item, item.ordinal)
        change = Change(put={"parked": [stored]}, order=self._parked_order())
        try:
            self._remove(removal, "repark", change, also=self._write_parked)
        except BaseException:
            self.workshop.unpark(item.id)
            raise
        return removal

    # ---- settings --------------------------------------------------------------------------

    def set_dot_budget(self, budget: int) -> int:
        """Dots per participant (never below what somebody placed); returns the old budget."""
        old = self.workshop.set_dot_budget(budget)
        self._commit("set_dot_budget", Change(meta={"dot_budget": budget}),
                     lambda writer: writer.set_meta("dot_budget", str(budget)),
                     lambda: self.workshop.set_dot_budget(old))
        return old

    def set_anonymous(self, anonymous: bool) -> bool:
        """Hide names on screen and in exports; returns the old setting."""
        old = self.workshop.set_anonymous(anonymous)
        self._commit("set_anonymous", Change(meta={"anonymous": anonymous}),
                     lambda writer: writer.set_meta("anonymous", "1" if anonymous else "0"),
                     lambda: self.workshop.set_anonymous(old))
        return old
