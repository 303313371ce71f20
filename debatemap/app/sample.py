"""The sample debate: a small, realistic map that shows every kind of link (no Qt)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from debatemap.core.ids import new_id
from debatemap.core.model import Edge, EdgeType, NodeKind
from debatemap.store.mapfile import SUFFIX
from debatemap.store.session import MapSession

SAMPLE_TITLE = "Should the city make public transport free?"

# key: (kind, text, x, y); positions are node centres, laid out in three rows.
SAMPLE_NODES: dict[str, tuple[NodeKind, str, float, float]] = {
    "thesis": (NodeKind.CLAIM, "The city should make public transport free.", 0, 0),
    "cars": (
        NodeKind.CLAIM,
        "Free fares would get people out of their cars, cutting congestion and emissions.",
        -420, 210,
    ),
    "fairness": (
        NodeKind.CLAIM,
        "Fares weigh most on poorer households; free transport helps them directly.",
        -140, 210,
    ),
    "boarding": (
        NodeKind.CLAIM,
        "Without tickets to check, boarding is faster and buses keep to their timetable.",
        140, 210,
    ),
    "cost": (
        NodeKind.OBJECTION,
        "Fares pay for about a third of running costs; the city would lose that money.",
        420, 210,
    ),
    "tallinn": (
        NodeKind.EVIDENCE,
        "When Tallinn made transport free for residents in 2013, ridership rose by about 14%.",
        -560, 420,
    ),
    "walkers": (
        NodeKind.OBJECTION,
        "Most new riders of free transport used to walk or cycle rather than drive.",
        -280, 420,
    ),
    "collection": (
        NodeKind.REBUTTAL,
        "Ticket machines, inspectors and fare collection cost money too, so the net loss"
        " is smaller.",
        280, 420,
    ),
    "budget": (
        NodeKind.EVIDENCE,
        "Last year fares brought in €48 million of the €150 million the network cost to run.",
        560, 420,
    ),
    "charge": (
        NodeKind.OBJECTION,
        "A congestion charge would cut car traffic too, and raise money instead of costing it.",
        -420, 0,
    ),
}

# (from, to, type); an undercut's target "a->b" names the link from a to b.
SAMPLE_LINKS: list[tuple[str, str, EdgeType]] = [
    ("cars", "thesis", EdgeType.SUPPORT),
    ("fairness", "thesis", EdgeType.SUPPORT),
    ("boarding", "thesis", EdgeType.SUPPORT),
    ("cost", "thesis", EdgeType.ATTACK),
    ("tallinn", "cars", EdgeType.SUPPORT),
    ("walkers", "cars", EdgeType.ATTACK),
    ("collection", "cost", EdgeType.ATTACK),
    ("budget", "cost", EdgeType.SUPPORT),
    ("charge", "cars->thesis", EdgeType.UNDERCUT),  # cars may be true, yet not call for free fares
]


def build_sample(session: MapSession) -> None:
    """Add the sample debate to an open (normally empty) map, as one action."""
    nodes = {}
    for key, (kind, text, x, y) in SAMPLE_NODES.items():
        nodes[key], _ = session.new_node(text, kind, x=x, y=y)
    edges: dict[str, Edge] = {}
    for source, target, edge_type in SAMPLE_LINKS:
        target_id = edges[target].id if "->" in target else nodes[target].id
        edges[f"{source}->{target}"] = Edge(
            id=new_id("e"), type=edge_type, source=nodes[source].id, target=target_id
        )
    session.add_items(list(nodes.values()), list(edges.values()), action="sample")


def write_sample(path: Path | str) -> Path:
    """Write the sample map at ``path``, replacing an older file there (atomically)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".sample-", suffix=SUFFIX, dir=path.parent)
    os.close(handle)
    os.unlink(temporary)  # MapSession.create wants to make the file itself
    try:
        with MapSession.create(temporary, SAMPLE_TITLE) as session:
            build_sample(session)
        for sidecar in ("-wal", "-shm"):  # left by an older sample that was not closed cleanly
            stale = path.with_name(path.name + sidecar)
            if stale.exists():
                stale.unlink()
        os.replace(temporary, path)
    finally:
        for leftover in (temporary, temporary + "-wal", temporary + "-shm"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    return path


def describe(path: Path | str) -> str:
    """One line saying what a map holds, e.g. for the headless fallback."""
    with MapSession.open(path, readonly=True) as session:
        amap = session.map
        kinds: dict[str, int] = {}
        for edge in amap.edges.values():
            kinds[str(edge.type)] = kinds.get(str(edge.type), 0) + 1
        links = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
        return f"“{amap.title}”: {len(amap.nodes)} nodes, {len(amap.edges)} links ({links})"
