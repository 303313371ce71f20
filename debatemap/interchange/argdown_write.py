"""Argdown text written from a map (no Qt); the mapping is described in ``argdown.py``."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from debatemap.core.argmap import ArgumentMap
from debatemap.core.model import Edge, EdgeType, Node, NodeKind

_TO_ESCAPE = re.compile(r"([\\\[\]<>{}#@/*_])")
_RELATION_KINDS = {
    EdgeType.SUPPORT: "+>",
    EdgeType.ENTAILS: "+>",
    EdgeType.ATTACK: "->",
    EdgeType.CONTRARY: "->",
    EdgeType.UNDERCUT: "_>",
    EdgeType.CONTRADICTORY: "><",
}


def _escape(text: str) -> str:
    return _TO_ESCAPE.sub(r"\\\1", " ".join(text.split()))


def _tag(tag: str) -> str:
    tag = " ".join(tag.replace("(", " ").replace(")", " ").split())
    if not tag:
        return ""
    return "#" + tag if re.fullmatch(r"[\w\-]+", tag) else f"#({tag})"


def _generated_title(node: Node) -> str:
    return made_title(node.text, node.kind)


def made_title(text: str, kind: NodeKind | str = NodeKind.CLAIM) -> str:
    """The title the writer gives an untitled node: its first six words."""
    words = re.sub(r"[^\w\s\-'.,!?]", " ", text).split()[:6]
    return " ".join(words).strip(" .,") or (
        "Argument" if kind == NodeKind.ARGUMENT else "Statement"
    )


def is_made_title(title: str, text: str, kind: NodeKind | str = NodeKind.CLAIM) -> bool:
    """True when ``title`` is what the writer makes up for an untitled node with this text
    (``made_title``, perhaps with the " 2", " 3"... that keep titles unique)."""
    made = made_title(text, kind)
    return title == made or re.fullmatch(re.escape(made) + r" \d+", title) is not None


def _titles(amap: ArgumentMap) -> dict[str, str]:
    """Each node's Argdown title: its own title, or one made from its first words; unique
    among statements and among arguments (Argdown keeps ``[T]`` and ``<T>`` apart and tells
    titles apart by case).  A title of its own wins over a made one; of two nodes with the same
    title the first keeps it."""
    used: set[tuple[bool, str]] = set()
    titles: dict[str, str] = {}
    later: list[Node] = []
    for node in amap.nodes.values():
        key = (node.kind == NodeKind.ARGUMENT, _escape(node.title or ""))
        if node.title and key not in used:
            used.add(key)
            titles[node.id] = node.title
        else:
            later.append(node)
    for node in later:
        is_argument = node.kind == NodeKind.ARGUMENT
        base = " ".join((node.title or _generated_title(node)).split())
        title, n = base, 1
        while (is_argument, _escape(title)) in used:
            n += 1
            title = f"{base} {n}"
        used.add((is_argument, _escape(title)))
        titles[node.id] = title
    return {node_id: titles[node_id] for node_id in amap.nodes}


def _inferences_as_arguments(amap: ArgumentMap) -> ArgumentMap:
    """The map with every undercut support/attack link from a claim made an argument node
    (Argdown undercuts arguments only; the shape is described in ``argdown.py``)."""
    undercut = {
        e.target: amap.edges[e.target]
        for e in amap.edges.values()
        if e.type == EdgeType.UNDERCUT
        and e.target in amap.edges
        and amap.edges[e.target].type in (EdgeType.SUPPORT, EdgeType.ATTACK)
        and amap.edges[e.target].source in amap.nodes
        and amap.nodes[amap.edges[e.target].source].kind != NodeKind.ARGUMENT
    }
    if not undercut:
        return amap
    nodes = dict(amap.nodes)
    edges = {i: e for i, e in amap.edges.items() if i not in undercut}
    arguments: dict[str, str] = {}  # undercut link id -> the argument node standing for it
    for link in undercut.values():
        source, target = amap.nodes[link.source], amap.nodes[link.target]
        verb = "supports" if link.type == EdgeType.SUPPORT else "attacks"
        title = " ".join(
            [source.title or _generated_title(source), verb, target.title or _generated_title(target)]
        )
        argument = Node(
            id=f"{link.id}:argument",
            text=title,
            kind=NodeKind.ARGUMENT,
            tags=tuple(t for t in target.tags if t.startswith("section:")),
            title=title,
        )
        nodes[argument.id] = argument
        arguments[link.id] = argument.id
        if link.type == EdgeType.SUPPORT and target.kind != NodeKind.ARGUMENT:
            parts = [(EdgeType.PREMISE, source.id, argument.id),
                     (EdgeType.CONCLUSION, argument.id, target.id)]
        else:
            parts = [(EdgeType.SUPPORT, source.id, argument.id), (link.type, argument.id, target.id)]
        for n, (etype, from_id, to_id) in enumerate(parts):
            part = Edge(id=f"{link.id}:{n}", type=etype, source=from_id, target=to_id)
            edges[part.id] = part
    for edge_id, edge in edges.items():
        if edge.type == EdgeType.UNDERCUT and edge.target in arguments:
            edges[edge_id] = replace(edge, target=arguments[edge.target])
    return ArgumentMap.from_parts(amap.title, nodes.values(), edges.values())


def write_argdown(amap: ArgumentMap) -> str:
    """Argdown text of a map.  Reading it back gives the same nodes, titles, arguments and
    relations, with these changes of shape: entails/contrary are written as ``+>``/``->`` and
    read back as such only in strict mode, which is chosen when the map has entails/contrary and
    no support/attack between two claims (otherwise they come back as support/attack); an
    undercut support or attack from a claim becomes an argument (see ``argdown.py``); an
    undercut of a link from an argument, or of a premise link, undercuts that argument.
    """
    amap = _inferences_as_arguments(amap)
    titles = _titles(amap)
    nodes = amap.nodes

    def ref(node_id: str) -> str:
        node = nodes[node_id]
        title = _escape(titles[node_id])
        return f"<{title}>" if node.kind == NodeKind.ARGUMENT else f"[{title}]"

    premises: dict[str, list[str]] = {}
    conclusions: dict[str, list[str]] = {}
    relations: list[tuple[EdgeType, str, str]] = []
    for edge in amap.edges.values():
        etype = EdgeType(edge.type)
        if etype == EdgeType.PREMISE:
            premises.setdefault(edge.target, []).append(edge.source)
        elif etype == EdgeType.CONCLUSION:
            conclusions.setdefault(edge.source, []).append(edge.target)
        else:
            target = edge.target
            if target in amap.edges:  # the inference's argument: its source, or its target
                attacked = amap.edges[target]
                target = attacked.target if attacked.type == EdgeType.PREMISE else attacked.source
            relations.append((etype, edge.source, target))
    with_pcs = {a for a in premises if a in conclusions}
    # premises or a conclusion alone cannot form a structure: written as support relations
    for arg, stmts in premises.items():
        if arg not in with_pcs:
            relations += [(EdgeType.SUPPORT, s, arg) for s in stmts]
    for arg, stmts in conclusions.items():
        if arg not in with_pcs:
            relations += [(EdgeType.SUPPORT, arg, s) for s in stmts]
        else:
            relations += [(EdgeType.SUPPORT, arg, s) for s in stmts[1:]]

    def is_claim(node_id: str) -> bool:
        return nodes[node_id].kind != NodeKind.ARGUMENT

    claim_pairs = [t for t, s, d in relations if is_claim(s) and is_claim(d)]
    strict = any(t in (EdgeType.ENTAILS, EdgeType.CONTRARY) for t in claim_pairs) and not any(
        t in (EdgeType.SUPPORT, EdgeType.ATTACK) for t in claim_pairs
    )

    out: list[str] = []
    if amap.title or strict:
        out.append("===")
        if amap.title:
            out.append("title: " + json.dumps(" ".join(amap.title.split()), ensure_ascii=False))
        if strict:
            out += ["model:", "    mode: strict"]
        out += ["===", ""]
    sections: dict[str | None, list[Node]] = {}
    for node in nodes.values():
        section = next((t[len("section:") :] for t in node.tags if t.startswith("section:")), None)
        sections.setdefault(section, []).append(node)
    for section in sorted(sections, key=lambda s: s is not None):
        if section is not None:
            out += ["# " + _escape(section), ""]
        for node in sections[section]:
            tags = " ".join(
                filter(None, (_tag(t) for t in node.tags if not t.startswith("section:")))
            )
            # a node whose text is its title is written as the bare title, as it was read
            text = _escape(node.text)
            text = "" if text == _escape(titles[node.id]) else ": " + text
            out.append(ref(node.id) + text + (" " + tags if tags else ""))
            out.append("")
    # structures after every definition, so that a statement's first occurrence (which gives
    # its section) is its definition
    for node in nodes.values():
        if node.id in with_pcs:
            out += [ref(node.id), ""]
            n = 0
            for stmt in premises[node.id]:
                n += 1
                out.append(f"({n}) {ref(stmt)}")
            out.append("----")
            out.append(f"({n + 1}) {ref(conclusions[node.id][0])}")
            out.append("")
    by_source: dict[str, list[tuple[EdgeType, str]]] = {}
    for etype, source, target in relations:
        by_source.setdefault(source, []).append((etype, target))
    for source, targets in by_source.items():
        out.append(ref(source))
        for etype, target in targets:
            out.append(f"  {_RELATION_KINDS[etype]} {ref(target)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
