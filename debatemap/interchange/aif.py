"""AIF JSON (Argument Interchange Format) and OVA's wrapper of it, read and written.

Mapping (AIF node type -> map node):

- ``I`` (information) -> a claim.
- ``RA`` (inference) -> an argument node tagged ``aif:RA``; its incoming edges become premise
  edges and its outgoing edges conclusion edges.
- ``CA`` (conflict) -> an argument-like node of kind argument tagged ``aif:CA`` that keeps the
  CA node's identity: the conflicting node is its premise and it *attacks* its target (an attack
  edge to a claim, an undercut edge to an argument node).  Export turns it back into one CA node
  with the same edges, so node-type and edge counts survive a round trip exactly.
- ``MA`` (rephrase) -> an argument node tagged ``aif:MA`` (premise in, conclusion out).
- ``PA`` (preference) and the dialogue nodes ``L`` (locution), ``YA`` (illocutionary anchor),
  ``TA`` (transition) -> notes tagged ``aif:PA``, ``aif:L``, ``aif:YA``, ``aif:TA``.  Every AIF
  edge that touches one of these notes becomes an ``entails`` edge, which is valid between any
  two nodes and carries no inferential weight in the evaluation.

The RA/CA/MA scheme name, when present, is kept as a tag ``aif:scheme=<name>``.  Node positions
come from (and go to) OVA's ``{"AIF": {...}, "OVA": {"nodes": [{"nodeID", "x", "y"}]}}``.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any

from debatemap.core.argmap import ArgumentMap
from debatemap.core.ids import new_id
from debatemap.core.model import Edge, EdgeType, Node, NodeKind
from debatemap.interchange.errors import FormatError

AIF_TYPES = ("I", "RA", "CA", "MA", "PA", "L", "YA", "TA")
_ARGUMENT_TYPES = {"RA", "CA", "MA"}
_NOTE_TYPES = {"PA", "L", "YA", "TA"}
_TAG = "aif:"
_SCHEME_TAG = "aif:scheme="
_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def looks_like_aif(text: str) -> bool:
    """True when ``text`` is JSON with AIF's nodes (with a type) and edges (fromID/toID)."""
    try:
        data = json.loads(text)
    except ValueError:
        return False
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):
        data = data["AIF"]
    if not isinstance(data, dict):
        return False
    nodes, edges = data.get("nodes"), data.get("edges")
    if not isinstance(nodes, list) or not isinstance(edges, list):
        return False
    return all(isinstance(n, dict) and "type" in n for n in nodes) and all(
        isinstance(e, dict) and "fromID" in e and "toID" in e for e in edges
    )


def _line_of(text: str, key: str, value: Any) -> int | None:
    """The line of ``"key": value`` in the JSON text, if it can be found."""
    match = re.search(r'"%s"\s*:\s*"?%s"?\s*[,}]' % (re.escape(key), re.escape(str(value))), text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _aif_type(node: Node) -> str:
    for tag in node.tags:
        if tag.startswith(_TAG) and tag[len(_TAG):] in AIF_TYPES:
            return tag[len(_TAG):]
    return "RA" if node.kind == NodeKind.ARGUMENT else "I"


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value, _TIME_FORMAT).replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def read_aif(text: str, name: str) -> ArgumentMap:
    """Read AIF JSON (plain or in OVA's wrapper) into a new map; FormatError when malformed."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(name, f"not valid JSON: {error.msg}", error.lineno) from None
    positions: dict[str, tuple[float, float]] = {}
    title = ""
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):
        ova = data.get("OVA")
        if isinstance(ova, dict):
            for entry in ova.get("nodes") or ():
                if isinstance(entry, dict) and "nodeID" in entry:
                    try:
                        positions[str(entry["nodeID"])] = (float(entry["x"]), float(entry["y"]))
                    except (KeyError, TypeError, ValueError):
                        pass
        data = data["AIF"]
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise FormatError(name, 'not AIF: no "nodes" list')
    if not isinstance(data.get("edges"), list):
        raise FormatError(name, 'not AIF: no "edges" list')
    if isinstance(data.get("title"), str):
        title = data["title"]

    nodes: dict[str, Node] = {}
    types: dict[str, str] = {}
    for raw in data["nodes"]:
        if not isinstance(raw, dict) or "nodeID" not in raw:
            raise FormatError(name, "a node without a nodeID")
        aif_id = str(raw["nodeID"])
        aif_type = raw.get("type")
        if aif_type not in AIF_TYPES:
            raise FormatError(
                name,
                f"node {aif_id} has unknown type {aif_type!r} (one of: {', '.join(AIF_TYPES)})",
                _line_of(text, "nodeID", raw["nodeID"]),
            )
        if aif_id in nodes:
            raise FormatError(
                name, f"node id {aif_id} is used twice", _line_of(text, "nodeID", raw["nodeID"])
            )
        node_text = raw.get("text")
        if not isinstance(node_text, str) or not node_text.strip():
            node_text = str(raw.get("scheme") or aif_type)
        if aif_type == "I":
            kind, tags = NodeKind.CLAIM, ()
        elif aif_type in _ARGUMENT_TYPES:
            kind, tags = NodeKind.ARGUMENT, (_TAG + aif_type,)
        else:
            kind, tags = NodeKind.NOTE, (_TAG + aif_type,)
        if raw.get("scheme"):
            tags += (_SCHEME_TAG + str(raw["scheme"]),)
        x, y = positions.get(aif_id, (0.0, 0.0))
        node = Node(new_id("n"), node_text, kind, x=x, y=y, tags=tags)
        created = _parse_time(raw.get("timestamp"))
        if created is not None:
            node.created = created
        nodes[aif_id] = node
        types[aif_id] = aif_type

    edges: list[Edge] = []
    seen: set[tuple[str, str]] = set()
    for raw in data["edges"]:
        if not isinstance(raw, dict) or "fromID" not in raw or "toID" not in raw:
            raise FormatError(name, "an edge without fromID/toID")
        src, dst = str(raw["fromID"]), str(raw["toID"])
        for end in (src, dst):
            if end not in nodes:
                line = _line_of(text, "edgeID", raw.get("edgeID")) if "edgeID" in raw else None
                raise FormatError(
                    name, f"edge {raw.get('edgeID', '?')} points at missing node {end}", line
                )
        if src == dst or (src, dst) in seen:
            line = _line_of(text, "edgeID", raw.get("edgeID")) if "edgeID" in raw else None
            raise FormatError(name, f"edge {raw.get('edgeID', '?')} repeats {src} -> {dst}", line)
        seen.add((src, dst))
        edges.append(Edge(new_id("e"), _edge_type(types[src], types[dst]), nodes[src].id, nodes[dst].id))
    return ArgumentMap.from_parts(title, nodes.values(), edges)


def _edge_type(src: str, dst: str) -> EdgeType:
    if src in _NOTE_TYPES or dst in _NOTE_TYPES:
        return EdgeType.ENTAILS
    if src == "CA":
        return EdgeType.UNDERCUT if dst in _ARGUMENT_TYPES else EdgeType.ATTACK
    if dst in _ARGUMENT_TYPES:
        return EdgeType.PREMISE
    if src in _ARGUMENT_TYPES:
        return EdgeType.CONCLUSION
    return EdgeType.ENTAILS  # I -> I: no inference of its own


def write_aif(amap: ArgumentMap, *, ova: bool = False) -> str:
    """The map as AIF JSON; with ``ova=True`` in OVA's wrapper with node positions.

    Map nodes keep their AIF type (from an ``aif:`` tag, else argument -> RA, other -> I).
    Edges between two claims, which AIF cannot hold directly, get a node of their own: support
    and entails -> RA, attack / contrary / contradictory -> CA.  An undercut of an edge points
    at the node standing for that edge (the argument end of a premise/conclusion edge).
    """
    counter = iter(range(1, 1 << 62))
    aif_nodes: list[dict[str, Any]] = []
    aif_edges: list[dict[str, Any]] = []
    ova_nodes: list[dict[str, Any]] = []
    ids: dict[str, str] = {}

    def add_node(text: str, aif_type: str, created: datetime, scheme: str | None,
                 x: float, y: float) -> str:
        node_id = str(next(counter))
        entry: dict[str, Any] = {"nodeID": node_id, "text": text, "type": aif_type,
                                 "timestamp": created.astimezone(timezone.utc).strftime(_TIME_FORMAT)}
        if scheme is not None:
            entry["scheme"] = scheme
        aif_nodes.append(entry)
        ova_nodes.append({"nodeID": node_id, "x": x, "y": y})
        return node_id

    def add_edge(src: str, dst: str) -> None:
        aif_edges.append({"edgeID": str(next(counter)), "fromID": src, "toID": dst,
                          "formEdgeID": None})

    for node in amap.nodes.values():
        scheme = next((t[len(_SCHEME_TAG):] for t in node.tags if t.startswith(_SCHEME_TAG)), None)
        ids[node.id] = add_node(node.text, _aif_type(node), node.created, scheme, node.x, node.y)

    edge_node: dict[str, str] = {}  # map edge id -> the AIF node that stands for it
    direct = {EdgeType.PREMISE, EdgeType.CONCLUSION}
    pending = []
    for edge in amap.edges.values():
        if edge.source not in ids:
            continue
        etype = EdgeType(edge.type)
        if etype == EdgeType.UNDERCUT:
            pending.append(edge)
            continue
        if edge.target not in ids:
            continue
        src, dst = ids[edge.source], ids[edge.target]
        types = (_aif_type(amap.nodes[edge.source]), _aif_type(amap.nodes[edge.target]))
        if (etype in direct or set(types) & _NOTE_TYPES
                or (etype == EdgeType.ATTACK and types[0] == "CA")):
            # premise / conclusion, the CA-node attack, and links of dialogue notes: as they are
            add_edge(src, dst)
            edge_node[edge.id] = (
                dst if types[1] in _ARGUMENT_TYPES else src if types[0] in _ARGUMENT_TYPES else dst
            )
            continue
        between = amap.nodes[edge.source]
        aif_type = "RA" if etype in (EdgeType.SUPPORT, EdgeType.ENTAILS) else "CA"
        mid = add_node(aif_type, aif_type, edge.created, None,
                       (between.x + amap.nodes[edge.target].x) / 2,
                       (between.y + amap.nodes[edge.target].y) / 2)
        add_edge(src, mid)
        add_edge(mid, dst)
        edge_node[edge.id] = mid
    for edge in pending:
        src = ids[edge.source]
        if edge.target in ids:
            dst = ids[edge.target]
        elif edge.target in edge_node:
            dst = edge_node[edge.target]
        else:
            continue
        if _aif_type(amap.nodes[edge.source]) == "CA":
            add_edge(src, dst)
        else:
            mid = add_node("CA", "CA", edge.created, None, amap.nodes[edge.source].x,
                           amap.nodes[edge.source].y)
            add_edge(src, mid)
            add_edge(mid, dst)

    aif = {"nodes": aif_nodes, "edges": aif_edges, "locutions": []}
    if amap.title:
        aif["title"] = amap.title
    data: dict[str, Any] = {"AIF": aif, "OVA": {"nodes": ova_nodes, "edges": []}} if ova else aif
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
