"""Workshop: a map's participants (in order), votes, agenda, parking lot and settings, and their rules.

A Workshop sits beside its ArgumentMap and refers to it: participants live in
``amap.participants`` (in display order, the order of that dict) so that a node's ``author_id``
is checked where it always was; votes and agenda items refer to nodes of the map. Every mutation
validates first and changes nothing when it fails; it returns what an undo needs.

Invariants:
- a vote is a dot vote (value >= 1) or an agreement rating (value in -2..+2), of a node and a
  participant that exist; each participant has at most one dot row and one rating row per node;
- the dots a participant has placed never exceed the dot budget (the same for everyone);
- an agenda item's node exists and no node is on the agenda twice; timeboxes are 1 s .. 24 h;
- the agenda, the parking lot and the participants are ordered, and the ``ordinal`` of an agenda
  item or parked item is always its position (0, 1, 2...);
- participants have distinct, non-blank names and a colour that is "#rrggbb" or None.

Removing nodes is the map's business; ``detach_nodes``/``reattach`` take a node's votes and
agenda item away and put them back, so that deleting a node and undoing that is exact.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Iterable

from debatemap.core.errors import DomainError, InvalidValueError, MissingItemError
from debatemap.core.model import (
    RATING_RANGE,
    VOTE_KINDS,
    AgendaItem,
    NodeKind,
    ParkedItem,
    Participant,
    Vote,
)
from debatemap.core.tallies import Tally, ranked, tally_votes

if TYPE_CHECKING:
    from debatemap.core.argmap import ArgumentMap

DEFAULT_DOT_BUDGET = 5
MAX_DOT_BUDGET = 99
DEFAULT_TIMEBOX = 600  # seconds
MAX_TIMEBOX = 24 * 3600
MAX_NAME_LENGTH = 60
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_PARTICIPANT_FIELDS = frozenset({"name", "color"})
_AGENDA_FIELDS = frozenset({"timebox", "done", "spent"})

VoteKey = tuple[str, str, str]  # (node id, participant id, kind)


class VoteBudgetError(DomainError):
    """A participant would place more dots than the budget allows."""


@dataclass(frozen=True)
class WorkshopSettings:
    """Settings of a map's workshop (kept in the file's meta table)."""

    dot_budget: int = DEFAULT_DOT_BUDGET  # dots per participant
    anonymous: bool = False  # hide names on screen and in exports


@dataclass
class NodeTraces:
    """What the workshop held about some nodes: their votes and agenda items (with ordinals)."""

    votes: list[Vote] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.votes or self.agenda)


@dataclass
class ParticipantRemoval:
    """Everything removing a participant changed, enough to put it back exactly."""

    participant: Participant
    index: int
    votes: list[Vote] = field(default_factory=list)
    authored: list[str] = field(default_factory=list)  # node ids whose author it was
    parked: list[str] = field(default_factory=list)  # parked item ids whose author it was


class Workshop:
    """The workshop state of one ArgumentMap. Read the collections; change them only through
    the methods, which keep the invariants (see the module docstring)."""

    def __init__(self, amap: "ArgumentMap", settings: WorkshopSettings | None = None) -> None:
        self.map = amap
        self.settings = settings or WorkshopSettings()
        self.votes: dict[VoteKey, Vote] = {}
        self.agenda: list[AgendaItem] = []
        self.parked: list[ParkedItem] = []

    @classmethod
    def from_parts(
        cls,
        amap: "ArgumentMap",
        votes: Iterable[Vote] = (),
        agenda: Iterable[AgendaItem] = (),
        parked: Iterable[ParkedItem] = (),
        settings: WorkshopSettings | None = None,
    ) -> "Workshop":
        """A workshop from stored parts, in the order given, without re-validating them
        (``problems()`` does that)."""
        workshop = cls(amap, settings)
        workshop.votes = {_key(v): v for v in votes}
        workshop.agenda = list(agenda)
        workshop.parked = list(parked)
        return workshop

    # ---- participants ----------------------------------------------------------------------

    @property
    def participants(self) -> list[Participant]:
        """The participants in display order."""
        return list(self.map.participants.values())

    def participant(self, participant_id: str) -> Participant:
        try:
            return self.map.participants[participant_id]
        except KeyError:
            raise MissingItemError(f"no participant {participant_id!r} in this map") from None

    def index_of_participant(self, participant_id: str) -> int:
        self.participant(participant_id)
        return list(self.map.participants).index(participant_id)

    def display_name(self, participant_id: str) -> str:
        """The name to show: "Participant 2" in anonymous mode, else the participant's name."""
        if self.settings.anonymous:
            return f"Participant {self.index_of_participant(participant_id) + 1}"
        return self.participant(participant_id).name

    def authored(self, participant_id: str) -> list[str]:
        """The ids of the nodes this participant is the author of, in map order."""
        return [n.id for n in self.map.nodes.values() if n.author_id == participant_id]

    def validate_participant(self, participant: Participant, *, is_new: bool = True) -> None:
        if is_new and participant.id in self.map.participants:
            raise InvalidValueError(f"the id {participant.id!r} is already in use")
        name = participant.name
        if not isinstance(name, str) or not name.strip():
            raise InvalidValueError("a participant needs a name")
        if name != name.strip() or len(name) > MAX_NAME_LENGTH:
            raise InvalidValueError(
                f"a participant's name has no leading or trailing spaces and at most"
                f" {MAX_NAME_LENGTH} characters"
            )
        for other in self.map.participants.values():
            if other.id != participant.id and other.name.casefold() == name.casefold():
                raise InvalidValueError(f"there is already a participant called {other.name}")
        if participant.color is not None and not (
            isinstance(participant.color, str) and _COLOR.fullmatch(participant.color)
        ):
            raise InvalidValueError(f"{participant.color!r} is not a colour like #3366cc")

    def add_participant(self, participant: Participant, index: int | None = None) -> None:
        """Add a participant at ``index`` of the order (at the end when None)."""
        self.validate_participant(participant)
        order = list(self.map.participants)
        order.insert(_clamped(index, len(order)), participant.id)
        self.map.participants[participant.id] = participant
        self._order_participants(order)

    def update_participant(self, participant_id: str, **changes) -> Participant:
        """Rename or recolour (``name=``, ``color=``); returns the participant as it was."""
        unknown = set(changes) - _PARTICIPANT_FIELDS
        if unknown:
            raise InvalidValueError(f"participants have no field {', '.join(sorted(unknown))}")
        before = self.participant(participant_id)
        after = replace(before, **changes)
        self.validate_participant(after, is_new=False)
        self.map.participants[participant_id] = after
        return before

    def move_participant(self, participant_id: str, index: int) -> int:
        """Move a participant to ``index`` of the order; returns its old index."""
        order = list(self.map.participants)
        old = self.index_of_participant(participant_id)
        order.remove(participant_id)
        order.insert(_clamped(index, len(order)), participant_id)
        self._order_participants(order)
        return old

    def participant_removal(self, participant_id: str) -> ParticipantRemoval:
        """What removing a participant would take away (nothing is changed)."""
        return ParticipantRemoval(
            participant=self.participant(participant_id),
            index=self.index_of_participant(participant_id),
            votes=[v for v in self.votes.values() if v.participant_id == participant_id],
            authored=self.authored(participant_id),
            parked=[p.id for p in self.parked if p.author_id == participant_id],
        )

    def remove_participant(self, participant_id: str) -> ParticipantRemoval:
        """Remove a participant with their votes; their nodes and parked items keep no author."""
        removal = self.participant_removal(participant_id)
        for vote in removal.votes:
            del self.votes[_key(vote)]
        for node_id in removal.authored:
            self.map.nodes[node_id] = replace(self.map.nodes[node_id], author_id=None)
        self.parked = [
            replace(p, author_id=None) if p.id in removal.parked else p for p in self.parked
        ]
        del self.map.participants[participant_id]
        return removal

    def restore_participant(self, removal: ParticipantRemoval) -> None:
        """Undo ``remove_participant``: the participant at its place, its votes and authorship."""
        participant = removal.participant
        missing = [i for i in removal.authored if i not in self.map.nodes]
        missing += [i for i in removal.parked if self._parked_index(i) is None]
        if missing:
            raise MissingItemError(f"cannot restore {participant.name}: {missing[0]} is gone")
        self.add_participant(participant, removal.index)
        try:
            self._check_votes(removal.votes)
        except DomainError:
            self.remove_participant(participant.id)
            raise
        for vote in removal.votes:
            self.votes[_key(vote)] = vote
        for node_id in removal.authored:
            self.map.nodes[node_id] = replace(self.map.nodes[node_id], author_id=participant.id)
        self.parked = [
            replace(p, author_id=participant.id) if p.id in removal.parked else p
            for p in self.parked
        ]

    def _order_participants(self, order: list[str]) -> None:
        participants = self.map.participants
        ordered = {i: participants[i] for i in order}
        participants.clear()  # the same dict: the map and its users keep their reference
        participants.update(ordered)

    # ---- votes -----------------------------------------------------------------------------

    def vote(self, node_id: str, participant_id: str, kind: str) -> Vote | None:
        return self.votes.get((node_id, participant_id, kind))

    def dots_used(self, participant_id: str) -> int:
        return sum(
            v.value for v in self.votes.values()
            if v.participant_id == participant_id and v.kind == "dot"
        )

    def dots_left(self, participant_id: str) -> int:
        self.participant(participant_id)
        return self.settings.dot_budget - self.dots_used(participant_id)

    def validate_vote(self, vote: Vote) -> None:
        """Check one vote as it would replace the participant's current one of its kind."""
        self._check_votes([vote])

    def put_vote(self, vote: Vote) -> Vote | None:
        """Set a participant's dots on a node, or their rating of it, replacing the one they
        had of that kind; returns the replaced vote (None when there was none)."""
        self.validate_vote(vote)
        key = _key(vote)
        before = self.votes.get(key)
        self.votes[key] = vote
        return before

    def remove_vote(self, node_id: str, participant_id: str, kind: str) -> Vote:
        """Take back a participant's dots on (or rating of) a node; returns the removed vote."""
        vote = self.votes.pop((node_id, participant_id, kind), None)
        if vote is None:
            who = self.display_name(participant_id) if participant_id in self.map.participants \
                else participant_id
            what = "dots" if kind == "dot" else "rating" if kind == "rating" else f"{kind!r} vote"
            raise MissingItemError(f"{who} has no {what} on {node_id}")
        return vote

    def _check_votes(self, votes: list[Vote]) -> None:
        """Validate votes that would be added together (each replacing its key's old vote)."""
        ids = {v.id: _key(v) for v in self.votes.values()}
        extra_dots: dict[str, int] = {}
        for vote in votes:
            self.map.node(vote.node_id)
            self.participant(vote.participant_id)
            if vote.kind not in VOTE_KINDS:
                raise InvalidValueError(f"unknown vote kind {vote.kind!r} (one of: dot, rating)")
            if not isinstance(vote.value, int) or isinstance(vote.value, bool):
                raise InvalidValueError(f"a vote's value is a whole number, not {vote.value!r}")
            if vote.kind == "rating" and vote.value not in RATING_RANGE:
                raise InvalidValueError(
                    f"a rating is from {RATING_RANGE.start} to {RATING_RANGE.stop - 1},"
                    f" not {vote.value}"
                )
            if vote.kind == "dot" and vote.value < 1:
                raise InvalidValueError("dots on a node are 1 or more (take the vote back instead)")
            if ids.get(vote.id, _key(vote)) != _key(vote):
                raise InvalidValueError(f"the id {vote.id!r} is already in use")
            if vote.kind == "dot":
                old = self.votes.get(_key(vote))
                change = vote.value - (old.value if old else 0)
                extra_dots[vote.participant_id] = extra_dots.get(vote.participant_id, 0) + change
        budget = self.settings.dot_budget
        for participant_id, extra in extra_dots.items():
            used = self.dots_used(participant_id)
            if extra > 0 and used + extra > budget:
                left = budget - used
                who = self.display_name(participant_id)
                if left <= 0:
                    raise VoteBudgetError(f"{who} has no dots left (the budget is {budget})")
                raise VoteBudgetError(
                    f"{who} has only {left} of {budget} dot{'s' if budget != 1 else ''} left"
                )

    # ---- tallies ---------------------------------------------------------------------------

    def tallies(self) -> dict[str, Tally]:
        """The tally of every node somebody voted on, by node id."""
        return tally_votes(self.votes.values(), list(self.map.participants))

    def tally(self, node_id: str) -> Tally:
        """The votes on one node (an empty tally when nobody voted on it)."""
        self.map.node(node_id)
        return self.tallies().get(node_id, Tally(node_id))

    def results(self, order: str = "dots") -> list[Tally]:
        """The voted nodes, best first (see core.tallies.ranked); ties keep the map's order."""
        return ranked(self.tallies().values(), list(self.map.nodes), order)

    # ---- agenda ----------------------------------------------------------------------------

    def agenda_item(self, item_id: str) -> AgendaItem:
        index = self._agenda_index(item_id)
        if index is None:
            raise MissingItemError(f"no agenda item {item_id!r} in this map")
        return self.agenda[index]

    def agenda_item_for(self, node_id: str) -> AgendaItem | None:
        return next((a for a in self.agenda if a.node_id == node_id), None)

    def validate_agenda_item(self, item: AgendaItem, *, is_new: bool = True) -> None:
        if is_new and self._agenda_index(item.id) is not None:
            raise InvalidValueError(f"the id {item.id!r} is already in use")
        node = self.map.node(item.node_id)
        on_agenda = self.agenda_item_for(item.node_id)
        if on_agenda is not None and on_agenda.id != item.id:
            raise InvalidValueError(f"{_quoted(node.text)} is already on the agenda")
        if (not isinstance(item.timebox, int) or isinstance(item.timebox, bool)
                or not 1 <= item.timebox <= MAX_TIMEBOX):
            raise InvalidValueError(
                f"a timebox is from 1 second to 24 hours (in seconds), not {item.timebox!r}"
            )
        if not isinstance(item.done, bool):
            raise InvalidValueError(f"done is true or false, not {item.done!r}")
        if (not isinstance(item.spent, (int, float)) or isinstance(item.spent, bool)
                or not math.isfinite(item.spent) or item.spent < 0):
            raise InvalidValueError(f"the time spent is 0 seconds or more, not {item.spent!r}")

    def add_agenda_item(self, item: AgendaItem, index: int | None = None) -> AgendaItem:
        """Put a node on the agenda at ``index`` (the end when None); returns the item as
        stored (its ordinal is its position)."""
        self.validate_agenda_item(item)
        self.agenda.insert(_clamped(index, len(self.agenda)), item)
        self.agenda = _renumbered(self.agenda)
        return self.agenda_item(item.id)

    def remove_agenda_item(self, item_id: str) -> AgendaItem:
        """Take an item off the agenda; returns it (its ordinal is where it was)."""
        item = self.agenda_item(item_id)
        self.agenda = _renumbered([a for a in self.agenda if a.id != item_id])
        return item

    def move_agenda_item(self, item_id: str, index: int) -> int:
        """Move an item to ``index`` of the agenda; returns its old index."""
        item = self.agenda_item(item_id)
        old = self._agenda_index(item_id)
        rest = [a for a in self.agenda if a.id != item_id]
        rest.insert(_clamped(index, len(rest)), item)
        self.agenda = _renumbered(rest)
        return old

    def update_agenda_item(self, item_id: str, **changes) -> AgendaItem:
        """Change ``timebox`` (seconds), ``done`` or ``spent`` (seconds the timer has run);
        returns the item as it was."""
        unknown = set(changes) - _AGENDA_FIELDS
        if unknown:
            raise InvalidValueError(f"agenda items have no field {', '.join(sorted(unknown))}")
        before = self.agenda_item(item_id)
        after = replace(before, **changes)
        self.validate_agenda_item(after, is_new=False)
        self.agenda[self._agenda_index(item_id)] = after
        return before

    def _agenda_index(self, item_id: str) -> int | None:
        return next((i for i, a in enumerate(self.agenda) if a.id == item_id), None)

    # ---- parking lot -----------------------------------------------------------------------

    def parked_item(self, item_id: str) -> ParkedItem:
        index = self._parked_index(item_id)
        if index is None:
            raise MissingItemError(f"no parked item {item_id!r} in this map")
        return self.parked[index]

    def validate_parked_item(self, item: ParkedItem) -> None:
        if self._parked_index(item.id) is not None:
            raise InvalidValueError(f"the id {item.id!r} is already in use")
        if not isinstance(item.text, str) or not item.text.strip():
            raise InvalidValueError("there is nothing to park: the text is empty")
        if item.kind == NodeKind.ARGUMENT or item.kind not in set(NodeKind):
            kinds = ", ".join(k.value for k in NodeKind if k != NodeKind.ARGUMENT)
            raise InvalidValueError(f"a parked item's kind is one of: {kinds}, not {item.kind!r}")
        if item.author_id is not None:
            self.participant(item.author_id)

    def park(self, item: ParkedItem, index: int | None = None) -> ParkedItem:
        """Put an item in the parking lot at ``index`` (the end when None); returns it as
        stored (its ordinal is its position)."""
        self.validate_parked_item(item)
        if isinstance(item.kind, NodeKind):
            item = replace(item, kind=item.kind.value)  # stored and replayed as text
        self.parked.insert(_clamped(index, len(self.parked)), item)
        self.parked = _renumbered(self.parked)
        return self.parked_item(item.id)

    def unpark(self, item_id: str) -> ParkedItem:
        """Take an item out of the parking lot; returns it (its ordinal is where it was)."""
        item = self.parked_item(item_id)
        self.parked = _renumbered([p for p in self.parked if p.id != item_id])
        return item

    def _parked_index(self, item_id: str) -> int | None:
        return next((i for i, p in enumerate(self.parked) if p.id == item_id), None)

    # ---- nodes leaving and coming back -----------------------------------------------------

    def traces_of(self, node_ids: Iterable[str]) -> NodeTraces:
        """The votes and agenda items of these nodes (nothing is changed)."""
        ids = set(node_ids)
        return NodeTraces(
            votes=[v for v in self.votes.values() if v.node_id in ids],
            agenda=[a for a in self.agenda if a.node_id in ids],
        )

    def detach_nodes(self, node_ids: Iterable[str]) -> NodeTraces:
        """Drop the votes and agenda items of nodes that leave the map; returns them."""
        traces = self.traces_of(node_ids)
        for vote in traces.votes:
            del self.votes[_key(vote)]
        if traces.agenda:
            gone = {a.id for a in traces.agenda}
            self.agenda = _renumbered([a for a in self.agenda if a.id not in gone])
        return traces

    def reattach(self, traces: NodeTraces) -> None:
        """Put back what ``detach_nodes`` took (the nodes must be back): votes, and agenda
        items at their old places. All or nothing."""
        self._check_votes(traces.votes)
        added: list[str] = []
        try:
            for item in sorted(traces.agenda, key=lambda a: a.ordinal):
                self.add_agenda_item(item, item.ordinal)
                added.append(item.id)
        except DomainError:
            for item_id in added:
                self.remove_agenda_item(item_id)
            raise
        for vote in traces.votes:
            self.votes[_key(vote)] = vote

    # ---- settings --------------------------------------------------------------------------

    def set_dot_budget(self, budget: int) -> int:
        """Dots per participant; never below what somebody has placed. Returns the old budget."""
        if not isinstance(budget, int) or isinstance(budget, bool) or not 1 <= budget <= MAX_DOT_BUDGET:
            raise InvalidValueError(f"the dot budget is from 1 to {MAX_DOT_BUDGET}, not {budget!r}")
        for participant in self.map.participants.values():
            used = self.dots_used(participant.id)
            if used > budget:
                raise VoteBudgetError(
                    f"{self.display_name(participant.id)} has already placed {used} dots;"
                    f" take some back before lowering the budget to {budget}"
                )
        old = self.settings.dot_budget
        self.settings = replace(self.settings, dot_budget=budget)
        return old

    def set_anonymous(self, anonymous: bool) -> bool:
        """Hide participants' names (on screen and in exports); returns the old setting."""
        if not isinstance(anonymous, bool):
            raise InvalidValueError(f"anonymous mode is on or off, not {anonymous!r}")
        old = self.settings.anonymous
        self.settings = replace(self.settings, anonymous=anonymous)
        return old

    # ---- integrity -------------------------------------------------------------------------

    def problems(self) -> list[str]:
        """Every broken invariant of a workshop built with ``from_parts``, as sentences."""
        found: list[str] = []
        settings = self.settings
        if not (isinstance(settings.dot_budget, int) and 1 <= settings.dot_budget <= MAX_DOT_BUDGET):
            found.append(f"settings: the dot budget {settings.dot_budget!r} is out of range")
            settings = replace(settings, dot_budget=MAX_DOT_BUDGET)
        from debatemap.core.argmap import ArgumentMap

        shadow = ArgumentMap.from_parts(self.map.title, self.map.nodes.values())
        probe = Workshop(shadow, settings)
        for participant in self.map.participants.values():
            try:
                probe.add_participant(participant)
            except DomainError as error:
                found.append(f"participant {participant.id}: {error}")
                shadow.participants[participant.id] = participant
        for vote in self.votes.values():
            try:
                probe.put_vote(vote)
            except DomainError as error:
                found.append(f"vote {vote.id}: {error}")
        for label, items, add in (("agenda item", self.agenda, probe.add_agenda_item),
                                  ("parked item", self.parked, probe.park)):
            for index, item in enumerate(items):
                if item.ordinal != index:
                    found.append(f"{label} {item.id}: ordinal {item.ordinal} at place {index}")
                try:
                    add(item)
                except DomainError as error:
                    found.append(f"{label} {item.id}: {error}")
        return found


def _key(vote: Vote) -> VoteKey:
    return (vote.node_id, vote.participant_id, vote.kind)


def _clamped(index: int | None, length: int) -> int:
    if index is None:
        return length
    return max(0, min(int(index), length))


def _renumbered(items: list) -> list:
    """The items with ordinal = position (only changed ones are copied)."""
    return [item if item.ordinal == i else replace(item, ordinal=i) for i, item in enumerate(items)]


def _quoted(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"
