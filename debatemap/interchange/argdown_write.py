"""Argdown text written from a map (no Qt); the mapping is described in ``argdown.py``."""

from __future__ import annotations

import json
import re

from debatemap.core.argmap import ArgumentMap
from debatemap.core.model import EdgeType, Node, NodeKind

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


def _titles(amap: ArgumentMap) -> dict[str, str]:
    titles: dict[str, str] = {}
    used: set[str] = set()
    for node in amap.nodes.values():
        words = re.sub(r"[^\w\s\-'.,!?]", " ", node.text).split()[:6]
        base = " ".join(words).strip(" .,") or ("Argument" if node.kind == NodeKind.ARGUMENT else "Statement")
        title, n = base, 1
        while title.casefold() in used:
            n += 1
            title = f"{base} {n}"
        used.add(title.casefold())
        titles[node.id] = title
    return titles


def write_argdown(amap: ArgumentMap) -> str:
    """Argdown text of a map.  Reading it back gives the same nodes, arguments and relations.

    Losses: entails/contrary are written as ``+>``/``->`` and read back as such only in strict
    mode, which is chosen when the map has entails/contrary and no support/attack between two
    claims (otherwise they come back as support/attack); an undercut of a link becomes an
    undercut of the argument the link comes from (dropped when it comes from a claim).
    """
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
            if target in amap.edges:
                target = amap.edges[target].source
                if nodes[target].kind != NodeKind.ARGUMENT:
                    continue
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
            out.append(f"{ref(node.id)}: {_escape(node.text)}" + (" " + tags if tags else ""))
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
