"""GraphML export through networkx, with plain keys (label, title, kind, type, x, y) that yEd opens."""

from __future__ import annotations

import networkx as nx

from debatemap.core.argmap import ArgumentMap


def to_networkx(amap: ArgumentMap) -> nx.MultiDiGraph:
    """The map as a graph: every node and every edge.  An undercut of an edge points at that
    edge's target node and names the edge it undercuts in its ``undercuts`` attribute.  A node's
    ``title`` is "" when it has none (GraphML has no null)."""
    graph = nx.MultiDiGraph(title=amap.title)
    for node in amap.nodes.values():
        graph.add_node(node.id, label=node.text, title=node.title or "", kind=str(node.kind),
                       x=float(node.x),
                       y=float(node.y), tags=" ".join(node.tags))
    for edge in amap.edges.values():
        target, undercuts = edge.target, ""
        if target in amap.edges:
            undercuts, target = target, amap.edges[target].target
        if edge.source in amap.nodes and target in amap.nodes:
            graph.add_edge(edge.source, target, key=edge.id, type=str(edge.type),
                           label=str(edge.type), undercuts=undercuts)
    return graph


def write_graphml(amap: ArgumentMap) -> str:
    return "\n".join(nx.generate_graphml(to_networkx(amap), prettyprint=True)) + "\n"
