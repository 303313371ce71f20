"""Change: what one action did to a map, in full, and its JSON form (the payload of its event).

Every action of a MapSession records one Change in the event it appends, so that the history
can be replayed (see core.replay). A change holds, per collection:

- ``remove``: the ids that went (removals are applied first),
- ``put``: whole records that were added or replaced (in JSON: the field names once, then
  one row of values per record),
- ``patch``: for records that stayed, the fields that changed and their new values,
- ``order``: the new order of an ordered collection (participants, agenda, parked), given
  whenever it changed; agenda and parked items get ordinal = position,
- ``meta``: the map's title and workshop settings that changed,
- ``reset``: a snapshot (everything before it is replaced by what it puts).

Documents are recorded without their text (it stays in the document table), with the SHA-256
of the text instead, so that replay can tell whether the file still holds that very text.
The payload carries ``"v": FORMAT``; event payloads without it were written by older versions,
which recorded only ids, and cannot be replayed.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable

from debatemap.core.model import (
    AgendaItem,
    Document,
    Edge,
    EdgeType,
    Excerpt,
    Node,
    NodeKind,
    ParkedItem,
    Participant,
    Vote,
)

FORMAT = 2
#: collection name -> record type, in the order puts are applied
RECORD_TYPES: dict[str, type] = {
    "documents": Document,
    "excerpts": Excerpt,
    "participants": Participant,
    "nodes": Node,
    "edges": Edge,
    "votes": Vote,
    "agenda": AgendaItem,
    "parked": ParkedItem,
}
ORDERED = ("participants", "agenda", "parked")
META_KEYS = ("title", "dot_budget", "anonymous")


def _enum(kind: type[enum.Enum]) -> Callable[[Any], Any]:
    def decode(value):
        try:
            return kind(value)
        except ValueError:
            return value  # a foreign value: kept as text, as the repository does

    return decode


_DATE = datetime.fromisoformat
#: per record type, the fields whose JSON value needs converting back
_DECODERS: dict[type, dict[str, Callable[[Any], Any]]] = {
    Node: {"kind": _enum(NodeKind), "tags": tuple, "created": _DATE},
    Edge: {"type": _enum(EdgeType), "created": _DATE},
    Document: {"imported": _DATE},
    Vote: {"created": _DATE},
    ParkedItem: {"created": _DATE},
}


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


_PLAIN = frozenset({str, int, float, bool, type(None)})  # JSON as they are


def encode_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def record_fields(record_type: type) -> list[str]:
    """The fields a record of this type is written with (a document: no text, its hash)."""
    names = list(record_type.__slots__)
    if record_type is Document:
        names[names.index("text")] = "text_sha256"
    return names


def encode_records(record_type: type, records: list) -> dict[str, Any]:
    """Records of one type as ``{"fields": [...], "rows": [[...], ...]}`` (JSON-ready): the
    field names once, then one list of values per record; a third smaller and faster to
    write than one dict per record, which matters for a bulk addition of thousands."""
    if record_type is Node:  # the bulk cases, spelled out
        rows = [(n.id, n.text, n.kind, n.x, n.y, n.pinned, n.tags, n.color, n.author_id,
                 n.excerpt_id, n.created.isoformat(), n.mark, n.title) for n in records]
    elif record_type is Edge:
        rows = [(e.id, e.type, e.source, e.target, e.created.isoformat()) for e in records]
    elif record_type is Document:
        rows = [tuple(text_hash(d.text) if name == "text" else encode_value(getattr(d, name))
                      for name in Document.__slots__) for d in records]
    else:
        rows = [tuple(encode_value(getattr(r, name)) for name in record_type.__slots__)
                for r in records]
    return {"fields": record_fields(record_type), "rows": rows}


def decode_fields(record_type: type, fields: dict[str, Any]) -> dict[str, Any]:
    decoders = _DECODERS.get(record_type, {})
    return {k: (decoders[k](v) if k in decoders and v is not None else v) for k, v in fields.items()}


def decode_records(record_type: type, data: dict[str, Any]) -> tuple[list, dict[str, str]]:
    """The records ``encode_records`` wrote (documents with text ""), and the text hashes of
    documents by id."""
    names = list(data["fields"])
    records, hashes = [], {}
    for row in data["rows"]:
        fields = dict(zip(names, row, strict=True))
        if record_type is Document:
            hashes[fields["id"]] = fields.pop("text_sha256", "")
            fields["text"] = ""
        records.append(record_type(**decode_fields(record_type, fields)))
    return records, hashes


@dataclass
class Change:
    """What one action changed (see the module docstring). Records are domain objects."""

    put: dict[str, list] = field(default_factory=dict)
    patch: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    remove: dict[str, list[str]] = field(default_factory=dict)
    order: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    reset: bool = False
    #: document id -> SHA-256 of its text at the time (filled from ``put`` or a payload)
    text_hashes: dict[str, str] = field(default_factory=dict)

    def ids(self) -> dict[str, list[str]]:
        """Which records this change added, changed or removed, by collection (for a log)."""
        found: dict[str, list[str]] = {}
        for collection, records in self.put.items():
            found.setdefault(collection, []).extend(r.id for r in records)
        for collection, patches in self.patch.items():
            found.setdefault(collection, []).extend(patches)
        for collection, ids in self.remove.items():
            found.setdefault(collection, []).extend(ids)
        return found

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"v": FORMAT}
        if self.reset:
            payload["reset"] = True
        removals = {c: list(ids) for c, ids in self.remove.items() if ids}
        if removals:
            payload["remove"] = removals
        puts = {c: encode_records(RECORD_TYPES[c], records) for c, records in self.put.items()
                if records}
        if puts:
            payload["put"] = puts
        patches = {  # most values are plain: a Re-layout All patches 20,000 numbers
            c: {i: {k: v if type(v) in _PLAIN else encode_value(v) for k, v in fields.items()}
                for i, fields in p.items()}
            for c, p in self.patch.items() if p
        }
        if patches:
            payload["patch"] = patches
        if self.order:
            payload["order"] = {c: list(ids) for c, ids in self.order.items()}
        if self.meta:
            payload["meta"] = dict(self.meta)
        return payload

    @staticmethod
    def is_full(payload: Any) -> bool:
        """Whether an event payload records its change in full (else: an older id-only one)."""
        return isinstance(payload, dict) and payload.get("v") == FORMAT

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> "Change":
        """The change an event payload records; raises ValueError for one that does not."""
        if not cls.is_full(payload):
            raise ValueError("this event does not record what it changed")
        change = cls(reset=bool(payload.get("reset")))
        for collection, records in payload.get("put", {}).items():
            change.put[collection], hashes = decode_records(_record_type(collection), records)
            change.text_hashes.update(hashes)
        for collection, patches in payload.get("patch", {}).items():
            record_type = _record_type(collection)
            change.patch[collection] = {
                i: decode_fields(record_type, fields) for i, fields in patches.items()
            }
        for collection, ids in payload.get("remove", {}).items():
            _record_type(collection)
            change.remove[collection] = list(ids)
        for collection, ids in payload.get("order", {}).items():
            if collection not in ORDERED:
                raise ValueError(f"{collection!r} has no order")
            change.order[collection] = list(ids)
        change.meta = {k: v for k, v in payload.get("meta", {}).items() if k in META_KEYS}
        return change


def _record_type(collection: str) -> type:
    try:
        return RECORD_TYPES[collection]
    except KeyError:
        raise ValueError(f"unknown collection {collection!r}") from None
