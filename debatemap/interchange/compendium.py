"""Compendium's XML export (the Open University's IBIS dialogue-mapping tool), read into a map.

Compendium writes ``<model rootview="ID">`` holding ``<views>`` (one ``<view viewref noderef
XPosition YPosition>`` per node placed in a map or list view), ``<nodes>`` (typed nodes with a
label, ``<details>`` pages, a ``<source>`` and ``<coderefs>``), ``<links>`` (typed ``from`` ->
``to``) and ``<codes>`` (its tags).  The codes are those of CompendiumNG's ICoreConstants.

Nodes (``compendium:<type>`` tag on each):

- Question (3) -> question; Answer/Position (4) -> idea; Argument (5), Pro (6), Con (7) and the
  unused General (0) -> claim; Decision (8) -> claim tagged ``decision``; Reference (9) and
  Note (10) -> note.
- Map (2), List (1) and Movie map (22) nodes -> a note standing for the container, since links
  in the outer view may point at it.  Their views are flattened into the one map: each node
  inside is tagged ``view:<container label>`` and placed below what is already placed (a list's
  nodes in a column, in list order; a map's keeping its shape).
- Shortcuts (11-20, 32) become their original node (found through its ``<shortcutrefs>``); a
  shortcut whose original is not in the file becomes a node of the original's type.
- The root view node is the map (its label the title); the trash bin (51), the inbox (52) and
  nodes placed only inside them are left out, with their links.

Text: the label, then each non-empty detail page (page order) and a Reference's source, as
paragraphs; so details survive every export format.  Compendium's codes become tags.

Links (from -> to): Supports (40) and Resolves (47) -> support; Objects To (41) and
Challenges (42) -> attack; Responds To (39) -> attack when the responding node is a Con, else
support.  Specializes (43), Expands On (44), Related To (45), About (46) and custom link types
-> entails, which joins any two nodes and carries no inferential weight in the evaluation (as
the AIF reader does for dialogue links).  Link labels and author names are not kept.

Positions come from the views, spread by ``SPREAD`` because Compendium draws a node as a small
icon with its label beside it, where a card here is ``NODE_WIDTH`` wide.

Safety: the file is first read by expat, which stops at the first entity declaration (so no
"billion laughs" and no external entity is ever expanded or fetched); lxml then builds the
tree without loading any DTD or touching the network.
"""

from __future__ import annotations

import xml.parsers.expat
from dataclasses import dataclass, field
from datetime import datetime, timezone

from lxml import etree

from debatemap.core.argmap import ArgumentMap
from debatemap.core.card_metrics import NODE_WIDTH
from debatemap.core.ids import new_id
from debatemap.core.model import Edge, EdgeType, Node, NodeKind
from debatemap.interchange.errors import FormatError

#: node type code -> (name used in the ``compendium:`` tag, kind here)
NODE_TYPES: dict[int, tuple[str, NodeKind]] = {
    0: ("general", NodeKind.CLAIM),
    1: ("list", NodeKind.NOTE),
    2: ("map", NodeKind.NOTE),
    3: ("question", NodeKind.QUESTION),
    4: ("answer", NodeKind.IDEA),
    5: ("argument", NodeKind.CLAIM),
    6: ("pro", NodeKind.CLAIM),
    7: ("con", NodeKind.CLAIM),
    8: ("decision", NodeKind.CLAIM),
    9: ("reference", NodeKind.NOTE),
    10: ("note", NodeKind.NOTE),
    22: ("movie map", NodeKind.NOTE),
}
#: shortcut type -> the type of the node it stands for
SHORTCUT_TYPES = {**{code: code - 10 for code in range(11, 21)}, 32: 22}
SYSTEM_TYPES = {51: "trash bin", 52: "inbox"}
LIST_TYPE, CON_TYPE, REFERENCE_TYPE, DECISION_TYPE = 1, 7, 9, 8
CONTAINER_TYPES = {1, 2, 22}
RESPONDS_TO = "39"
LINK_EDGE_TYPES = {
    "40": EdgeType.SUPPORT,  # supports
    "41": EdgeType.ATTACK,  # objects to
    "42": EdgeType.ATTACK,  # challenges
    "47": EdgeType.SUPPORT,  # resolves
}
#: Compendium's placeholders for an empty label or detail page (its ICoreConstants)
NO_LABEL, NO_DETAIL = "(No Label)", "(No Detail)"
EMPTY_LABEL = "(no label)"
TAG_PREFIX = "compendium:"
VIEW_TAG_PREFIX = "view:"

#: Compendium's icons are ~32 px with the label to their right and siblings ~40-60 px apart;
#: our cards are NODE_WIDTH wide and 60-110 px tall, so the layout is stretched to fit them.
SPREAD = (1.5, 2.0)
VIEW_GAP = 240.0  # between the blocks of flattened views
LIST_STEP = 140.0  # between the nodes of a flattened list
ROW_STEP = NODE_WIDTH + 40.0  # nodes placed in no view go in a row at the bottom


class _EntityRefused(Exception):
    pass


@dataclass
class _Raw:
    """One ``<node>`` as read, before shortcuts are merged."""

    cid: str
    type: int
    label: str
    line: int
    details: list[tuple[int, str]] = field(default_factory=list)
    source: str = ""
    codes: list[str] = field(default_factory=list)
    shortcuts: list[str] = field(default_factory=list)
    created: datetime | None = None


def read_compendium(data: bytes, name: str) -> ArgumentMap:
    """Read a Compendium XML export (any encoding its declaration names) into a new map.

    FormatError, naming the line, when the file is not well-formed XML, declares entities,
    is not a Compendium ``<model>``, or has nodes, views or links that do not fit together.
    """
    _refuse_entities(data, name)
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=False, remove_comments=True, remove_pis=True)
        model = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise FormatError(name, f"not well-formed XML: {_short(error.msg)}", error.lineno) from None
    if model.tag != "model":
        raise FormatError(name, f"not a Compendium export: the root element is <{model.tag}>,"
                          " not <model rootview=...>", model.sourceline)
    root_view = model.get("rootview")
    if not root_view:
        raise FormatError(name, "not a Compendium export: <model> has no rootview", model.sourceline)
    nodes_element = model.find("nodes")
    if nodes_element is None:
        raise FormatError(name, "no <nodes> in the <model>", model.sourceline)

    codes = {c.get("id"): c.get("name", "").strip() for c in model.iterfind("codes/code")}
    raw = _read_nodes(nodes_element, codes, name)
    views = _read_views(model, raw, root_view, name)
    original = _shortcut_originals(raw)

    def resolve(cid: str) -> str:
        return original.get(cid, cid)

    left_out = {root_view} | {cid for cid, r in raw.items() if r.type in SYSTEM_TYPES}
    system_views = {cid for cid, r in raw.items() if r.type in SYSTEM_TYPES}
    homes: dict[str, set[str]] = {}  # node -> the views it is placed in
    for view, members in views.items():
        for cid, _x, _y in members:
            homes.setdefault(resolve(cid), set()).add(view)
    for cid, in_views in homes.items():
        if in_views <= system_views:
            left_out.add(cid)  # deleted or not yet filed: only in the trash bin or inbox

    nodes: dict[str, Node] = {}
    for cid, r in raw.items():
        if cid in original or cid in left_out:
            continue
        nodes[cid] = _node(r)
    _place(nodes, views, raw, root_view, system_views, resolve)

    edges = _read_links(model, raw, nodes, resolve, name)
    title_node = raw.get(root_view)
    title = _label(title_node.label) if title_node is not None else ""
    return ArgumentMap.from_parts(title, nodes.values(), edges)


def _refuse_entities(data: bytes, name: str) -> None:
    """Check well-formedness with expat, stopping at the first entity declaration."""
    checker = xml.parsers.expat.ParserCreate()

    def refuse(entity, *_):
        raise _EntityRefused(entity)

    checker.EntityDeclHandler = refuse
    try:
        checker.Parse(data, True)
    except _EntityRefused as refused:
        raise FormatError(name, f"declares the XML entity {refused.args[0]!r}; entity declarations"
                          " are refused (they can expand without bound or read other files)",
                          checker.CurrentLineNumber) from None
    except xml.parsers.expat.ExpatError as error:
        reason = xml.parsers.expat.errors.messages.get(error.code, str(error))
        raise FormatError(name, f"not well-formed XML: {reason}", error.lineno) from None


def _short(message: str) -> str:
    """lxml's message without its trailing ", line N, column M" (the line is given apart)."""
    return message.split(", line ")[0].strip() if message else "unreadable"


def _label(text: str | None) -> str:
    text = (text or "").strip()
    return "" if text == NO_LABEL else text


def _read_nodes(nodes_element, codes: dict[str, str], name: str) -> dict[str, _Raw]:
    raw: dict[str, _Raw] = {}
    for element in nodes_element.iterfind("node"):
        line = element.sourceline
        cid = element.get("id")
        if not cid:
            raise FormatError(name, "a <node> without an id", line)
        if cid in raw:
            raise FormatError(name, f"node id {cid} is used twice", line)
        try:
            code = int(element.get("type", ""))
        except ValueError:
            raise FormatError(name, f"node {cid} has type {element.get('type')!r}, not a number",
                              line) from None
        if code not in NODE_TYPES and code not in SHORTCUT_TYPES and code not in SYSTEM_TYPES:
            raise FormatError(name, f"node {cid} has unknown type {code}", line)
        node = _Raw(cid, code, _label(element.get("label")), line)
        old_detail = element.findtext("detail")  # before Compendium 1.3.04: one <detail>
        if old_detail is not None:
            node.details.append((0, old_detail))
        for page in element.iterfind("details/page"):
            try:
                number = int(page.get("pageno", "0"))
            except ValueError:
                number = 0
            node.details.append((number, page.text or ""))
        node.source = (element.findtext("source") or "").strip()
        node.codes = [codes[ref] for ref in
                      (c.get("coderef") for c in element.iterfind("coderefs/coderef"))
                      if codes.get(ref)]
        node.shortcuts = [s.get("shortcutref") for s in element.iterfind("shortcutrefs/shortcutref")
                          if s.get("shortcutref")]
        node.created = _time(element.get("created"))
        raw[cid] = node
    return raw


def _time(millis: str | None) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(millis) / 1000, tz=timezone.utc)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _read_views(model, raw: dict[str, _Raw], root_view: str,
                name: str) -> dict[str, list[tuple[str, float, float]]]:
    """view id -> [(node, x, y)] in file order; the root view first."""
    views: dict[str, list[tuple[str, float, float]]] = {root_view: []}
    for element in model.iterfind("views/view"):
        line = element.sourceline
        view, cid = element.get("viewref"), element.get("noderef")
        if not view or not cid:
            raise FormatError(name, "a <view> entry without viewref or noderef", line)
        if cid not in raw:
            raise FormatError(name, f"a <view> entry places node {cid}, which is not among the"
                              " <nodes>", line)
        if view not in raw and view != root_view:
            raise FormatError(name, f"a <view> entry names view {view}, which is not among the"
                              " <nodes>", line)
        try:
            x, y = float(element.get("XPosition", "")), float(element.get("YPosition", ""))
        except ValueError:
            raise FormatError(name, f"node {cid} has a position that is not a number", line) from None
        views.setdefault(view, []).append((cid, x, y))
    return views


def _shortcut_originals(raw: dict[str, _Raw]) -> dict[str, str]:
    """shortcut node -> the node it stands for, where both are in the file."""
    original = {}
    for node in raw.values():
        for ref in node.shortcuts:
            if ref in raw and raw[ref].type in SHORTCUT_TYPES and ref != node.cid:
                original[ref] = node.cid
    return original


def _base_type(node: _Raw) -> int:
    return SHORTCUT_TYPES.get(node.type, node.type)


def _node(r: _Raw) -> Node:
    code = _base_type(r)
    type_name, kind = NODE_TYPES[code]
    pages = [text.strip() for _, text in sorted(r.details, key=lambda page: page[0])]
    parts = [r.label] + [p for p in pages if p and p != NO_DETAIL]
    if code == REFERENCE_TYPE and r.source and r.source not in parts:
        parts.append(r.source)
    text = "\n\n".join(p for p in parts if p) or EMPTY_LABEL
    tags = [TAG_PREFIX + type_name] + (["decision"] if code == DECISION_TYPE else [])
    tags += [c for c in dict.fromkeys(r.codes) if c not in tags]
    node = Node(new_id("n"), text, kind, tags=tuple(tags))
    if r.created is not None:
        node.created = r.created
    return node


def _place(nodes: dict[str, Node], views, raw: dict[str, _Raw], root_view: str,
           system_views: set[str], resolve) -> None:
    """Positions from the views: the root view as drawn, nested views stacked below it."""
    order = [root_view]
    for view in order:  # breadth first through the containers, then any view not reached
        for cid, _x, _y in views.get(view, ()):
            target = resolve(cid)
            if target in views and target not in order and target not in system_views:
                order.append(target)
    order += [v for v in views if v not in order and v not in system_views]

    placed: set[str] = set()
    for view in order:
        members = [(resolve(cid), x * SPREAD[0], y * SPREAD[1])
                   for cid, x, y in views.get(view, ()) if resolve(cid) in nodes]
        if view != root_view and view in raw:
            tag = VIEW_TAG_PREFIX + (_label(raw[view].label) or EMPTY_LABEL)
            for cid in dict.fromkeys(cid for cid, _, _ in members):
                if tag not in nodes[cid].tags:
                    nodes[cid].tags += (tag,)
        members = [m for m in members if m[0] not in placed]
        if not members:
            continue
        if view != root_view:
            if view in raw and _base_type(raw[view]) == LIST_TYPE:
                members.sort(key=lambda m: m[2])
                members = [(cid, 0.0, i * LIST_STEP) for i, (cid, _, _) in enumerate(members)]
            members = _below(members, [nodes[c] for c in placed])
        for cid, x, y in members:
            if cid not in placed:
                nodes[cid].x, nodes[cid].y = x, y
                placed.add(cid)
    rest = [cid for cid in nodes if cid not in placed]
    if rest:
        row = _below([(cid, i * ROW_STEP, 0.0) for i, cid in enumerate(rest)],
                     [nodes[c] for c in placed])
        for cid, x, y in row:
            nodes[cid].x, nodes[cid].y = x, y


def _below(members: list[tuple[str, float, float]], above: list[Node]):
    """``members`` moved, keeping their shape, to start a gap below the nodes ``above``."""
    left = min((n.x for n in above), default=0.0)
    top = max((n.y for n in above), default=-VIEW_GAP) + VIEW_GAP
    dx = left - min(x for _, x, _ in members)
    dy = top - min(y for _, _, y in members)
    return [(cid, x + dx, y + dy) for cid, x, y in members]


def _read_links(model, raw: dict[str, _Raw], nodes: dict[str, Node], resolve,
                name: str) -> list[Edge]:
    edges: list[Edge] = []
    seen: set[tuple[EdgeType, str, str]] = set()
    for element in model.iterfind("links/link"):
        line = element.sourceline
        link_type, ends = element.get("type"), (element.get("from"), element.get("to"))
        if not link_type or not all(ends):
            raise FormatError(name, "a <link> without type, from or to", line)
        for end in ends:
            if end not in raw:
                raise FormatError(name, f"link {element.get('id', '?')} points at node {end},"
                                  " which is not among the <nodes>", line)
        source, target = (resolve(end) for end in ends)
        if source == target or source not in nodes or target not in nodes:
            continue  # a link to itself, or to something left out (the trash bin, the map)
        if link_type == RESPONDS_TO:
            con = _base_type(raw[source]) == CON_TYPE
            edge_type = EdgeType.ATTACK if con else EdgeType.SUPPORT
        else:
            edge_type = LINK_EDGE_TYPES.get(link_type, EdgeType.ENTAILS)
        key = (edge_type, nodes[source].id, nodes[target].id)
        if key in seen:
            continue  # the same link drawn in two views, or through a shortcut
        seen.add(key)
        edges.append(Edge(new_id("e"), edge_type, key[1], key[2]))
    return edges
