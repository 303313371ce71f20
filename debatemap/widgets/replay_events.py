"""What the replay says under its slider: which event a point follows, when it happened, what it
did in words ("Added “It cuts traffic”"), and who acted (a number in anonymous mode)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

from debatemap.core.changes import Change
from debatemap.core.model import Event
from debatemap.core.replay import History, MapState

QUOTE_LIMIT = 48  # characters of a card's text quoted in a caption

#: an event's kind -> the verb its caption starts with (an unknown kind is spelled out)
VERBS = {
    "add": "Added", "add_node": "Added", "add_edge": "Linked", "remove": "Removed",
    "restore": "Brought back", "update_node": "Edited", "update_nodes": "Edited",
    "set_fields": "Changed", "set_kind": "Changed the kind of", "move": "Moved",
    "layout": "Laid out the map", "set_edge_type": "Changed the link of",
    "set_title": "Renamed the map", "import": "Imported", "reimport": "Re-imported",
    "remove_documents": "Removed", "convert": "Made the map",
    "add_participant": "Added participant", "update_participant": "Changed participant",
    "move_participant": "Reordered the participants", "remove_participant": "Removed participant",
    "restore_participant": "Brought back participant", "vote": "Voted on",
    "clear_vote": "Took back a vote on", "add_agenda_item": "Put on the agenda",
    "remove_agenda_item": "Took off the agenda", "move_agenda_item": "Reordered the agenda",
    "set_timebox": "Set the timebox of", "mark_done": "Marked", "add_spent_time": "Timed",
    "park": "Parked", "unpark": "Brought from the parking lot", "repark": "Parked again",
    "set_dot_budget": "Set the dot budget", "set_anonymous": "Switched anonymous mode",
}
#: kinds whose verb says it all (no subject is added)
_WHOLE = {"layout", "move_participant", "move_agenda_item", "convert"}


@dataclass(frozen=True)
class Moment:
    """The caption of replay point ``k``: the map after the first ``k`` of ``count`` events."""

    k: int
    count: int
    when: str = ""  # the local time of event k ("" at the start)
    what: str = ""  # the event in words
    who: str = ""  # who acted ("" when nobody was chosen)

    @property
    def position(self) -> str:
        if self.k == 0:
            return f"Start — before the first of {self.count} events"
        return f"Event {self.k} of {self.count}"

    def line(self) -> str:
        """When · what · who, as one line."""
        parts = [self.when, self.what, f"by {self.who}" if self.who else ""]
        return " · ".join(p for p in parts if p)


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    text = " ".join(str(text).split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def local_time(moment: datetime, today: datetime | None = None) -> str:
    """14:32:05, with the date in front when it is not today."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    local = moment.astimezone()
    today = (today or datetime.now().astimezone()).date()
    if local.date() == today:
        return local.strftime("%H:%M:%S")
    return local.strftime("%Y-%m-%d %H:%M:%S")


def participant_name(participant_id: str | None, states: list[MapState], anonymous: bool) -> str:
    """A participant's name in the first state that knows them ("Participant 2" in anonymous
    mode, numbered by their place then)."""
    if participant_id is None:
        return ""
    for state in states:
        if participant_id in state.participants:
            if anonymous:
                return f"Participant {list(state.participants).index(participant_id) + 1}"
            return state.participants[participant_id].name
    return "a participant since removed"


def describe(event: Event, after: MapState, before: Callable[[], MapState | None],
             anonymous: bool = False) -> str:
    """The event in words: its verb and what it was done to (participants numbered when
    ``anonymous``)."""
    verb = VERBS.get(event.kind) or event.kind.replace("_", " ").capitalize()
    if event.kind in _WHOLE or not Change.is_full(event.payload):
        return verb
    try:
        change = Change.from_payload(event.payload)
    except (ValueError, TypeError, KeyError):
        return verb
    subject = _subject(event.kind, change, after, before, anonymous)
    return f"{verb} {subject}" if subject else verb


def _subject(kind: str, change: Change, after: MapState, before, anonymous: bool) -> str:
    meta = change.meta
    if "title" in meta:
        return f"to {quoted(meta['title'])}"
    if "dot_budget" in meta:
        return f"to {meta['dot_budget']}"
    if "anonymous" in meta:
        return "on" if meta["anonymous"] else "off"
    nodes = [n.text for n in change.put.get("nodes", [])]
    nodes += [after.nodes[i].text for i in change.patch.get("nodes", {}) if i in after.nodes]
    if nodes:
        more = len(nodes) - 1
        return quoted(nodes[0]) + (f" and {more} more" if more else "")
    for record in change.put.get("votes", []) + change.put.get("agenda", []):
        if record.node_id in after.nodes:
            if kind == "mark_done":
                return f"{quoted(after.nodes[record.node_id].text)} {'done' if record.done else 'open'}"
            return quoted(after.nodes[record.node_id].text)
    for record in change.put.get("parked", []):
        return quoted(record.text)
    for record in change.put.get("participants", []):
        return participant_name(record.id, [after], anonymous)
    edges = change.put.get("edges", []) or [after.edges[i] for i in change.patch.get("edges", {})
                                            if i in after.edges]
    for edge in edges:
        source = after.nodes.get(edge.source)
        target = after.nodes.get(edge.target)
        if source is not None and target is not None:
            return f"{quoted(source.text, 24)} → {quoted(target.text, 24)} ({edge.type})"
    documents = change.put.get("documents", [])
    if documents:
        return quoted(documents[0].title) + (f" and {len(documents) - 1} more"
                                             if len(documents) > 1 else "")
    return _removed(change, before, anonymous) if change.remove else ""


def _removed(change: Change, before, anonymous: bool) -> str:
    """What a removal took away, read in the state before it."""
    earlier = before()
    if earlier is None:
        return ""
    removed = change.remove
    texts = [earlier.nodes[i].text for i in removed.get("nodes", []) if i in earlier.nodes]
    if texts:
        return quoted(texts[0]) + (f" and {len(texts) - 1} more" if len(texts) > 1 else "")
    for participant_id in removed.get("participants", []):
        return participant_name(participant_id, [earlier], anonymous)
    for collection in ("agenda", "votes"):
        for record_id in removed.get(collection, []):
            record = getattr(earlier, collection).get(record_id)
            if record is not None and record.node_id in earlier.nodes:
                return quoted(earlier.nodes[record.node_id].text)
    for record_id in removed.get("parked", []):
        if record_id in earlier.parked:
            return quoted(earlier.parked[record_id].text)
    return ""


def moment(history: History, k: int, after: MapState | None,
           before: Callable[[], MapState | None], anonymous: bool) -> Moment:
    """The caption of point ``k`` (``after``: the state there, None when it cannot be rebuilt;
    ``before``: the state at k - 1, asked only when needed)."""
    count = history.count
    if k == 0 or k > count:
        return Moment(min(k, count), count)
    event = history.events[k - 1]
    if after is None:
        return Moment(k, count, local_time(event.at),
                      VERBS.get(event.kind) or event.kind.replace("_", " ").capitalize())
    hidden = anonymous or after.anonymous
    return Moment(k, count, local_time(event.at), describe(event, after, before, hidden),
                  participant_name(event.participant_id, [after], hidden))
