"""Replay: a map (and its workshop) as it was after the first k events of its history.

Each event after the *baseline* records its change in full (core.changes), so the state after
k events is the baseline with those changes applied in turn. The baseline is a snapshot: of the
empty map when the file was made, or, for a file whose early events were written by an older
version of Debatemap (they hold only ids), of the whole map when this version first opened it
for editing. History before a baseline cannot be replayed: ``History.first`` says where replay
starts and ``state_at`` raises ReplayUnavailableError, with a sentence saying why, for earlier
points. An event after the baseline that records no change (only a hand-made or foreign one
could) ends the replayable stretch the same way (``History.last``).

Documents are rebuilt with the text the file holds now when it is the text they had then
(compared by SHA-256); a document the file no longer holds, or holds in a later version,
comes back with empty text and is listed in ``MapState.missing_texts``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Iterable, Mapping

from debatemap.core.argmap import ArgumentMap
from debatemap.core.changes import ORDERED, Change, text_hash
from debatemap.core.errors import DomainError, InvalidValueError
from debatemap.core.model import AgendaItem, Document, Edge, Event, Excerpt, Node, ParkedItem
from debatemap.core.model import Participant, Vote
from debatemap.core.workshop import DEFAULT_DOT_BUDGET, Workshop, WorkshopSettings

CHECKPOINT_EVERY = 64  # events between the states History keeps to start from


class ReplayUnavailableError(DomainError):
    """The history does not record enough to rebuild the map at that point."""


@dataclass(eq=False)
class MapState:
    """Everything replay rebuilds, as plain collections by id; the ordered ones (participants,
    agenda, parked) in their order. Two states are equal when all of it is, orders included;
    ``missing_texts`` is a note about the documents, not part of the state."""

    title: str = ""
    documents: dict[str, Document] = field(default_factory=dict)
    excerpts: dict[str, Excerpt] = field(default_factory=dict)
    participants: dict[str, Participant] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[str, Edge] = field(default_factory=dict)
    votes: dict[str, Vote] = field(default_factory=dict)
    agenda: dict[str, AgendaItem] = field(default_factory=dict)
    parked: dict[str, ParkedItem] = field(default_factory=dict)
    dot_budget: int = DEFAULT_DOT_BUDGET
    anonymous: bool = False
    missing_texts: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, amap: ArgumentMap, workshop: Workshop | None = None) -> "MapState":
        """The state of a live map and its workshop."""
        workshop = workshop or Workshop(amap)
        return cls(
            title=amap.title,
            documents=dict(amap.documents),
            excerpts=dict(amap.excerpts),
            participants=dict(amap.participants),
            nodes=dict(amap.nodes),
            edges=dict(amap.edges),
            votes={v.id: v for v in workshop.votes.values()},
            agenda={a.id: a for a in workshop.agenda},
            parked={p.id: p for p in workshop.parked},
            dot_budget=workshop.settings.dot_budget,
            anonymous=workshop.settings.anonymous,
        )

    def _key(self) -> tuple:
        return (
            self.title, self.documents, self.excerpts, list(self.participants.items()),
            self.nodes, self.edges, self.votes, list(self.agenda.items()),
            list(self.parked.items()), self.dot_budget, self.anonymous,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MapState) and self._key() == other._key()

    __hash__ = None  # mutable

    def copy(self) -> "MapState":
        """A copy that applying changes to leaves this one alone (records are never mutated
        in place, so copying the collections is enough)."""
        return replace(
            self,
            **{name: dict(getattr(self, name)) for name in _COLLECTIONS},
            missing_texts=set(self.missing_texts),
        )

    @property
    def settings(self) -> WorkshopSettings:
        return WorkshopSettings(dot_budget=self.dot_budget, anonymous=self.anonymous)

    def to_map(self) -> ArgumentMap:
        """An ArgumentMap of this state (for showing it; not validated again)."""
        return ArgumentMap.from_parts(
            self.title, self.nodes.values(), self.edges.values(), self.documents.values(),
            self.excerpts.values(), self.participants.values(),
        )

    def to_workshop(self, amap: ArgumentMap | None = None) -> Workshop:
        """A Workshop of this state over ``amap`` (a new ``to_map()`` when None)."""
        return Workshop.from_parts(
            amap if amap is not None else self.to_map(), self.votes.values(),
            self.agenda.values(), self.parked.values(), self.settings,
        )

    def as_change(self) -> Change:
        """This whole state as a snapshot: a reset Change that rebuilds it from anything."""
        return Change(
            reset=True,
            put={name: list(getattr(self, name).values()) for name in _COLLECTIONS},
            order={name: list(getattr(self, name)) for name in ORDERED},
            meta={"title": self.title, "dot_budget": self.dot_budget, "anonymous": self.anonymous},
        )

    def apply(self, change: Change, texts: "_Texts | None" = None) -> None:
        """Apply one change in place: removals, puts, patches, orders, then meta.

        Raises ValueError when the change does not fit this state (it was not made on it)."""
        if change.reset:
            fresh = MapState()
            for name in _COLLECTIONS:
                setattr(self, name, getattr(fresh, name))
            self.title, self.dot_budget, self.anonymous = "", DEFAULT_DOT_BUDGET, False
            self.missing_texts = set()
        for collection, ids in change.remove.items():
            records = getattr(self, collection)
            for record_id in ids:
                if records.pop(record_id, None) is None:
                    raise ValueError(f"removes {collection} {record_id}, which is not there")
                if collection == "documents":
                    self.missing_texts.discard(record_id)
        for collection, records in change.put.items():
            target = getattr(self, collection)
            for record in records:
                if collection == "documents":
                    record = self._with_text(record, change.text_hashes.get(record.id), texts)
                target[record.id] = record
        for collection, patches in change.patch.items():
            target = getattr(self, collection)
            for record_id, fields in patches.items():
                if record_id not in target:
                    raise ValueError(f"changes {collection} {record_id}, which is not there")
                target[record_id] = replace(target[record_id], **fields)
        for collection, ids in change.order.items():
            target = getattr(self, collection)
            if sorted(ids) != sorted(target):
                raise ValueError(f"orders {collection} that are not all there")
            if collection == "participants":
                setattr(self, collection, {i: target[i] for i in ids})
            else:
                setattr(self, collection, {
                    i: target[i] if target[i].ordinal == n else replace(target[i], ordinal=n)
                    for n, i in enumerate(ids)
                })
        for key, value in change.meta.items():
            setattr(self, key, value)

    def _with_text(self, document: Document, digest: str | None, texts: "_Texts | None"):
        text = texts.text_if(document.id, digest) if texts is not None and digest else None
        if text is None:
            self.missing_texts.add(document.id)
            return document
        self.missing_texts.discard(document.id)
        return replace(document, text=text)


_COLLECTIONS = ("documents", "excerpts", "participants", "nodes", "edges", "votes", "agenda",
                "parked")


class _Texts:
    """The document texts the file holds now, with their SHA-256 worked out when first asked."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = dict(texts)
        self.hashes: dict[str, str] = {}

    def text_if(self, document_id: str, digest: str) -> str | None:
        text = self.texts.get(document_id)
        if text is None:
            return None
        if document_id not in self.hashes:
            self.hashes[document_id] = text_hash(text)
        return text if self.hashes[document_id] == digest else None


class History:
    """A map's events and what they rebuild: ``state_at(k)`` is the map after the first k events.

    ``baseline`` is the snapshot (a reset Change) the replayable history starts from, taken
    after the event numbered ``baseline_seq`` (0: before any event); without one nothing can be
    replayed. ``texts`` are the document texts the file holds now. Events come in ``seq`` order;
    ``extend`` adds newer ones."""

    def __init__(
        self,
        events: Iterable[Event] = (),
        baseline: Change | None = None,
        baseline_seq: int = 0,
        texts: Mapping[str, str] | None = None,
    ) -> None:
        self.events: list[Event] = []
        self.baseline = baseline
        self.baseline_seq = baseline_seq
        self._texts = _Texts(texts or {})
        self._changes: list[Change | None] = []
        self._first: int | None = 0 if baseline is not None else None
        self._last: int | None = None  # index of the first event that ends replay
        self._checkpoints: dict[int, MapState] = {}
        self.extend(events)

    def extend(self, events: Iterable[Event]) -> None:
        for event in events:
            index = len(self.events)
            self.events.append(event)
            self._changes.append(None)  # decoded when first replayed
            if self.baseline is None:
                continue
            if event.seq is not None and event.seq <= self.baseline_seq:
                self._first = index + 1
            elif not Change.is_full(event.payload) and self._last is None:
                self._last = index

    @property
    def count(self) -> int:
        return len(self.events)

    @property
    def first(self) -> int | None:
        """The earliest point that can be replayed (None: none can)."""
        return self._first

    @property
    def last(self) -> int | None:
        """The latest point that can be replayed (None: none can)."""
        if self._first is None:
            return None
        return self._last if self._last is not None else self.count

    def can_replay(self, k: int) -> bool:
        return self._first is not None and self._first <= k <= self.last

    def index_at(self, moment: datetime) -> int:
        """How many events had been made at ``moment`` (the point to show for a clock time)."""
        return bisect.bisect_right([e.at for e in self.events], moment)

    def state_at(self, k: int) -> MapState:
        """The map after the first ``k`` events (0 <= k <= count)."""
        if not 0 <= k <= self.count:
            raise InvalidValueError(f"there are {self.count} events: pick a point from 0 to"
                                    f" {self.count}, not {k}")
        self._check_replayable(k)
        start = max((c for c in self._checkpoints if c <= k), default=None)
        if start is None:
            state, start = MapState(), self._first
            state.apply(self.baseline, self._texts)
            self._checkpoints[start] = state.copy()
        else:
            state = self._checkpoints[start].copy()
        for index in range(start, k):
            try:
                state.apply(self._change(index), self._texts)
            except (ValueError, TypeError, KeyError) as error:
                raise ReplayUnavailableError(
                    f"event {index + 1} ({self.events[index].kind}) does not fit the map before"
                    f" it ({error}); the history is damaged from there on"
                ) from None
            if (index + 1 - self._first) % CHECKPOINT_EVERY == 0:
                self._checkpoints[index + 1] = state.copy()
        return state

    def _change(self, index: int) -> Change:
        change = self._changes[index]
        if change is None:
            change = self._changes[index] = Change.from_payload(self.events[index].payload)
        return change

    def _check_replayable(self, k: int) -> None:
        if self._first is None:
            raise ReplayUnavailableError(
                "this map's history was recorded by an older version of Debatemap, which kept"
                " only which items each step touched; open the map for editing once and replay"
                " works from then on"
            )
        if k < self._first:
            raise ReplayUnavailableError(
                f"the first {self._first} events were recorded by an older version of Debatemap,"
                f" which kept only which items each step touched; replay starts after them"
                f" (at event {self._first})"
            )
        if k > self.last:
            event = self.events[self.last]
            raise ReplayUnavailableError(
                f"event {self.last + 1} ({event.kind}) does not record what it changed, so the"
                f" map after it cannot be rebuilt; replay ends before it"
            )

