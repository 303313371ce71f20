"""WorkshopDocument: the workshop half of an open map — intents, the current speaker, replay, signals.

``MapDocument.workshop`` is one of these. Workshop widgets (capture bar, participants panel,
agenda and timer, voting panel, parking lot, replay slider, handout) read the state here, call
the intent methods, and mirror the signals. Every intent is one undo step on the map's one
undo stack (document.workshop_commands); a refused one changes nothing and says why through
``MapDocument.errorOccurred``. The current speaker is not an edit and is not undoable: it is who
new nodes are attributed to and who every event records as acting.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from debatemap.core.capture import parse_capture
from debatemap.core.card_metrics import estimate_size
from debatemap.core.errors import DebatemapError
from debatemap.core.ids import new_id
from debatemap.core.layout import place_near
from debatemap.core.model import (
    AgendaItem,
    Edge,
    EdgeType,
    Node,
    NodeKind,
    ParkedItem,
    Participant,
)
from debatemap.core.replay import History, MapState
from debatemap.core.tallies import Tally
from debatemap.core.workshop import DEFAULT_TIMEBOX, Workshop, WorkshopSettings
from debatemap.document.commands import AddItems, MapCommand
from debatemap.document.workshop_commands import (
    AddAgendaItem,
    AddParticipant,
    AddSpentTime,
    DiscardParked,
    MoveAgendaItem,
    MoveParticipant,
    Park,
    RemoveAgendaItem,
    RemoveParticipant,
    SetAnonymous,
    SetDotBudget,
    SetVote,
    Unpark,
    UpdateAgendaItem,
    UpdateParticipant,
)
from debatemap.store.removal import Removal

if TYPE_CHECKING:
    from debatemap.document.mapdocument import MapDocument

ROW_GAP = 60.0  # between the map and a node placed below it, when there is no parent


class WorkshopDocument(QObject):
    """The workshop of one MapDocument (see the module docstring)."""

    participantsChanged = Signal()  # added, renamed, recoloured, removed or reordered
    currentSpeakerChanged = Signal(object)  # participant id, or None for nobody
    votesChanged = Signal(list)  # ids of the nodes whose votes changed
    agendaChanged = Signal()  # items added, removed, reordered, or timebox/done/spent changed
    parkingChanged = Signal()
    settingsChanged = Signal()  # dot budget or anonymous mode
    #: the event history grew or an undo/redo added events: read ``event_count()`` again
    historyChanged = Signal()

    def __init__(self, document: "MapDocument") -> None:
        super().__init__(document)
        self.document = document
        self._speaker = document.session.speaker_id
        document.undo_stack.indexChanged.connect(lambda _index: self.historyChanged.emit())

    # ---- reading ---------------------------------------------------------------------------

    @property
    def session(self):
        return self.document.session

    @property
    def model(self) -> Workshop:
        """The Workshop (core) of the map: read it, change it only through the intents."""
        return self.session.workshop

    @property
    def participants(self) -> list[Participant]:
        return self.model.participants

    @property
    def agenda(self) -> list[AgendaItem]:
        return list(self.model.agenda)

    @property
    def parked(self) -> list[ParkedItem]:
        return list(self.model.parked)

    @property
    def settings(self) -> WorkshopSettings:
        return self.model.settings

    def display_name(self, participant_id: str) -> str:
        """The name to show (a number in anonymous mode)."""
        return self.model.display_name(participant_id)

    def tallies(self) -> dict[str, Tally]:
        return self.model.tallies()

    def tally(self, node_id: str) -> Tally:
        return self.model.tally(node_id)

    def results(self, order: str = "dots") -> list[Tally]:
        """Voted nodes best first, by "dots" or by "rating" (see core.tallies.ranked)."""
        return self.model.results(order)

    def dots_left(self, participant_id: str | None = None) -> int:
        """Dots the participant (the current speaker when None) can still place."""
        participant_id = participant_id or self._speaker
        return self.model.dots_left(participant_id) if participant_id else 0

    # ---- the current speaker ---------------------------------------------------------------

    @property
    def current_speaker(self) -> str | None:
        return self._speaker

    def set_current_speaker(self, participant_id: str | None) -> bool:
        """Who is speaking now (None: nobody). Not undoable; new nodes get them as author."""
        try:
            self.session.set_speaker(participant_id)
        except DebatemapError as error:
            return self._refuse(f"Could not pick the speaker: {error}")
        self._speaker_maybe_changed()
        return True

    def participants_changed(self) -> None:
        """Emit participantsChanged (commands call this), and currentSpeakerChanged when the
        speaker was removed with their participant."""
        self.participantsChanged.emit()
        self._speaker_maybe_changed()

    def _speaker_maybe_changed(self) -> None:
        speaker = self.session.speaker_id
        if speaker != self._speaker:
            self._speaker = speaker
            self.currentSpeakerChanged.emit(speaker)

    # ---- participants ----------------------------------------------------------------------

    def add_participant(
        self, name: str, color: str | None = None, index: int | None = None
    ) -> Participant | None:
        """A new participant (at the end of the list, or at ``index``)."""
        participant = Participant(id=new_id("p"), name=" ".join(str(name).split()), color=color)
        return participant if self._push(AddParticipant(self.document, participant, index)) else None

    def rename_participant(self, participant_id: str, name: str) -> bool:
        if not self._known_participant(participant_id, "rename"):
            return False
        name = " ".join(str(name).split())
        return self._push(UpdateParticipant(self.document, participant_id, {"name": name},
                                            "Rename participant"))

    def recolour_participant(self, participant_id: str, color: str | None) -> bool:
        if not self._known_participant(participant_id, "recolour"):
            return False
        return self._push(UpdateParticipant(self.document, participant_id, {"color": color},
                                            "Change participant colour"))

    def move_participant(self, participant_id: str, index: int) -> bool:
        if not self._known_participant(participant_id, "move"):
            return False
        if self.model.index_of_participant(participant_id) == index:
            return False
        return self._push(MoveParticipant(self.document, participant_id, index))

    def remove_participant(self, participant_id: str) -> bool:
        """Remove a participant with their votes (their nodes stay, without author)."""
        if not self._known_participant(participant_id, "remove"):
            return False
        return self._push(RemoveParticipant(self.document, participant_id))

    # ---- votes -----------------------------------------------------------------------------

    def add_dot(self, node_id: str, participant_id: str | None = None) -> bool:
        """One more dot of the participant (the current speaker when None) on a node."""
        who = self._voter(participant_id)
        if who is None:
            return False
        vote = self.model.vote(node_id, who, "dot")
        return self._vote(node_id, who, "dot", (vote.value if vote else 0) + 1, "Add dot")

    def remove_dot(self, node_id: str, participant_id: str | None = None) -> bool:
        """One dot fewer of the participant (the current speaker when None) on a node."""
        who = self._voter(participant_id)
        if who is None:
            return False
        vote = self.model.vote(node_id, who, "dot")
        if vote is None:
            return self._refuse(f"{self.display_name(who)} has no dots on this node")
        value = vote.value - 1 if vote.value > 1 else None
        return self._vote(node_id, who, "dot", value, "Remove dot")

    def set_dots(self, node_id: str, count: int, participant_id: str | None = None) -> bool:
        """Set how many dots the participant has on a node (0 takes them all back)."""
        who = self._voter(participant_id)
        if who is None:
            return False
        return self._vote(node_id, who, "dot", count or None, "Set dots" if count else "Take dots back")

    def rate(self, node_id: str, value: int, participant_id: str | None = None) -> bool:
        """The participant's agreement with a node, -2 .. +2."""
        who = self._voter(participant_id)
        if who is None:
            return False
        text = f"Rate {value:+d}" if isinstance(value, int) else "Rate"
        return self._vote(node_id, who, "rating", value, text)

    def clear_rating(self, node_id: str, participant_id: str | None = None) -> bool:
        who = self._voter(participant_id)
        if who is None:
            return False
        if self.model.vote(node_id, who, "rating") is None:
            return False
        return self._vote(node_id, who, "rating", None, "Clear rating")

    def _vote(self, node_id: str, who: str, kind: str, value: int | None, text: str) -> bool:
        if value is None and self.model.vote(node_id, who, kind) is None:
            return False
        return self._push(SetVote(self.document, node_id, who, kind, value, text))

    def _voter(self, participant_id: str | None) -> str | None:
        """Who votes: the participant named, else the current speaker (None: refused)."""
        who = participant_id or self._speaker
        if who is None:
            self._refuse("Pick who is voting first: choose the current speaker")
            return None
        if who not in self.document.map.participants:
            self._refuse(f"Could not vote: no participant {who!r} in this map")
            return None
        return who

    # ---- agenda ----------------------------------------------------------------------------

    def add_agenda_item(
        self, node_id: str, timebox: int = DEFAULT_TIMEBOX, index: int | None = None
    ) -> AgendaItem | None:
        """Put a node (usually a question) on the agenda with a timebox in seconds."""
        item = AgendaItem(id=new_id("a"), node_id=node_id, ordinal=0, timebox=timebox)
        if not self._push(AddAgendaItem(self.document, item, index)):
            return None
        return self.model.agenda_item(item.id)

    def remove_agenda_item(self, item_id: str) -> bool:
        return self._known_agenda(item_id) and self._push(RemoveAgendaItem(self.document, item_id))

    def move_agenda_item(self, item_id: str, index: int) -> bool:
        return self._known_agenda(item_id) and self._push(MoveAgendaItem(self.document, item_id, index))

    def set_timebox(self, item_id: str, seconds: int) -> bool:
        return self._known_agenda(item_id) and self._push(UpdateAgendaItem(
            self.document, item_id, {"timebox": seconds}, "Set timebox", action="set_timebox"))

    def set_agenda_done(self, item_id: str, done: bool = True) -> bool:
        text = "Mark agenda item done" if done else "Mark agenda item open"
        return self._known_agenda(item_id) and self._push(UpdateAgendaItem(
            self.document, item_id, {"done": done}, text, action="mark_done"))

    def add_spent_time(self, item_id: str, seconds: float) -> bool:
        """Add the seconds an item's timer ran (call it when the timer stops, not per tick);
        consecutive additions to one item are one undo step."""
        return self._known_agenda(item_id) and self._push(AddSpentTime(self.document, item_id, seconds))

    # ---- parking lot -----------------------------------------------------------------------

    def park(self, text: str, kind: NodeKind | str = NodeKind.IDEA,
             author_id: str | None = None) -> ParkedItem | None:
        """Put an off-topic contribution in the parking lot (by the current speaker unless
        ``author_id`` says otherwise)."""
        if not str(text).strip():
            self._refuse("Could not park: the text is empty")
            return None
        item = ParkedItem(id=new_id("k"), text=str(text).strip(), ordinal=0, kind=kind,
                          author_id=author_id or self._speaker)
        if not self._push(Park(self.document, item)):
            return None
        return self.model.parked_item(item.id)

    def discard_parked(self, item_id: str) -> bool:
        return self._known_parked(item_id) and self._push(DiscardParked(self.document, item_id))

    def unpark(
        self,
        item_id: str,
        parent_id: str | None = None,
        *,
        x: float | None = None,
        y: float | None = None,
        edge_type: EdgeType | str = EdgeType.SUPPORT,
        sizes: dict[str, tuple[float, float]] | None = None,
    ) -> Node | None:
        """Bring a parked item onto the map as one step: a node at (x, y) — by default under
        ``parent_id``, or below the map — keeping its kind and author, linked to the parent
        by ``edge_type`` when there is one."""
        if not self._known_parked(item_id):
            return None
        item = self.model.parked_item(item_id)
        if parent_id is not None and parent_id not in self.document.map.nodes:
            self._refuse(f"Could not unpark: no node {parent_id!r} in this map")
            return None
        if x is None or y is None:
            x, y = self._spot(self.document.map, item.text, item.kind, parent_id, sizes)
        node = Node(id=new_id("n"), text=item.text, kind=item.kind, x=x, y=y,
                    author_id=item.author_id)
        edges = [] if parent_id is None else [
            Edge(id=new_id("e"), type=edge_type, source=node.id, target=parent_id)]
        if not self._push(Unpark(self.document, item_id, node, edges)):
            return None
        return self.document.map.nodes[node.id]

    # ---- settings --------------------------------------------------------------------------

    def set_dot_budget(self, budget: int) -> bool:
        if budget == self.settings.dot_budget:
            return False
        return self._push(SetDotBudget(self.document, budget))

    def set_anonymous(self, anonymous: bool) -> bool:
        if anonymous == self.settings.anonymous:
            return False
        return self._push(SetAnonymous(self.document, anonymous))

    # ---- quick capture ---------------------------------------------------------------------

    def capture(
        self,
        line: str,
        parent_id: str | None = None,
        *,
        sizes: dict[str, tuple[float, float]] | None = None,
        shown: dict[str, tuple[float, float]] | None = None,
    ) -> Node | None:
        """Add a node typed in the capture bar, as one step: the prefix sets its kind (see
        core.capture), it is placed under ``parent_id`` (or below the map) and linked to it,
        and the current speaker is its author. ``sizes``: real card sizes a view knows;
        ``shown``: where a view shows the nodes when that is not where they are stored (its
        display grid for a map made at 0,0): the new card is placed among those, and they are
        written down in the same step, so nothing jumps."""
        if parent_id is not None and parent_id not in self.document.map.nodes:
            self._refuse(f"Could not capture: no node {parent_id!r} in this map")
            return None
        try:
            captured = parse_capture(line, has_parent=parent_id is not None)
        except DebatemapError as error:
            self._refuse(f"Could not capture: {error}")
            return None
        amap = self.document.map
        if shown:
            amap = copy.copy(amap)
            amap.nodes = {i: replace(n, x=shown[i][0], y=shown[i][1]) if i in shown else n
                          for i, n in self.document.map.nodes.items()}
        x, y = self._spot(amap, captured.text, captured.kind, parent_id, sizes)
        node = Node(id=new_id("n"), text=captured.text, kind=captured.kind, x=x, y=y,
                    author_id=self._speaker)
        edges = [] if captured.link is None else [
            Edge(id=new_id("e"), type=captured.link, source=node.id, target=parent_id)]
        done = self.document.add_items_placing([node], edges, positions_to_write=shown,
                                               text=f"Capture {captured.kind}")
        return self.document.map.nodes[node.id] if done else None

    @staticmethod
    def _spot(amap, text: str, kind: str, parent_id: str | None,
              sizes: dict[str, tuple[float, float]] | None) -> tuple[float, float]:
        """Where a new card goes: free under its parent, else in a row below the whole map."""
        size = estimate_size(text, kind)
        if parent_id is not None:
            return place_near(amap, parent_id, size, sizes)
        if not amap.nodes:
            return 0.0, 0.0
        sizes = sizes or {}
        bottom = max(n.y + sizes.get(n.id, estimate_size(n.text, n.kind))[1] / 2
                     for n in amap.nodes.values())
        left = min(n.x for n in amap.nodes.values())
        return left, bottom + ROW_GAP + size[1] / 2

    # ---- replay ----------------------------------------------------------------------------

    def event_count(self) -> int:
        """How many events the map's history holds (the replay slider's maximum)."""
        return self.session.event_count()

    def history(self) -> History:
        """The events (time, kind, who acted) and what each rebuilds (core.replay)."""
        return self.session.history()

    def replay_range(self) -> tuple[int, int] | None:
        """The first and last point ``map_at`` can rebuild (None: only the present)."""
        history = self.history()
        return None if history.first is None else (history.first, history.last)

    def map_at(self, k: int) -> MapState:
        """The map, workshop included, as it was after the first ``k`` events
        (``to_map()``/``to_workshop()`` give models to show). Raises ReplayUnavailableError
        (a DebatemapError, with a sentence fit for the user) for points the history cannot
        rebuild: those before an older version's events, see ``replay_range``."""
        return self.session.state_at(k)

    # ---- helpers ---------------------------------------------------------------------------

    def _push(self, command: MapCommand) -> bool:
        return self.document.push(command)

    def _refuse(self, message: str) -> bool:
        self.document.errorOccurred.emit(message)
        return False

    def _known_participant(self, participant_id: str, verb: str) -> bool:
        if participant_id in self.document.map.participants:
            return True
        return self._refuse(f"Could not {verb} the participant: no participant"
                            f" {participant_id!r} in this map")

    def _known_agenda(self, item_id: str) -> bool:
        if any(a.id == item_id for a in self.model.agenda):
            return True
        return self._refuse(f"Could not change the agenda: no agenda item {item_id!r}")

    def _known_parked(self, item_id: str) -> bool:
        if any(p.id == item_id for p in self.model.parked):
            return True
        return self._refuse(f"Could not change the parking lot: no parked item {item_id!r}")

    def nodes_left_or_came_back(self, removal: Removal) -> None:
        """Removed nodes took their votes and agenda items along, or brought them back (an
        undo): commands call this so the workshop's views hear of it."""
        if removal.votes:
            self.votesChanged.emit(sorted({v.node_id for v in removal.votes}))
        if removal.agenda:
            self.agendaChanged.emit()
