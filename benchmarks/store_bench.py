"""Store figures: write a 10k-node/10k-edge map, reopen it, make one edit durable, and move
every node in one step (what Re-layout All writes)."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from debatemap.core.ids import new_id
from debatemap.core.model import Edge, EdgeType, Node, NodeKind
from debatemap.store.session import MapSession

from benchmarks.timing import row, timed

NODES = 10_000
EDGES = 10_000
GOALS = {"create": 1.0, "reopen": 1.0, "edit": 0.050, "text": 0.050, "add": 0.050,
         "relayout": 0.100}


def synthetic_map(seed: int = 7) -> tuple[list[Node], list[Edge]]:
    """A forest of debates: each node supports or attacks an earlier one, plus cross links."""
    rng = random.Random(seed)
    kinds = [k for k in NodeKind if k != NodeKind.ARGUMENT]
    nodes = [
        Node(id=new_id("n"), text=f"Claim {i}: " + " ".join(rng.choices(WORDS, k=rng.randint(6, 30))),
             kind=rng.choice(kinds), x=rng.uniform(0, 20000), y=rng.uniform(0, 20000))
        for i in range(NODES)
    ]
    edges: list[Edge] = []
    seen: set[tuple[str, str, str]] = set()
    while len(edges) < EDGES:
        a = rng.randrange(1, NODES)
        b = rng.randrange(0, a)
        edge_type = rng.choice((EdgeType.SUPPORT, EdgeType.ATTACK))
        key = (edge_type, nodes[a].id, nodes[b].id)
        if key not in seen:
            seen.add(key)
            edges.append(Edge(id=new_id("e"), type=edge_type, source=key[1], target=key[2]))
    return nodes, edges


WORDS = ("transit fares cities cars emissions cost budget riders fairness evidence study"
         " shows because however therefore income equity congestion bus rail").split()


def run(repeats: int = 5, edits: int = 100, relayouts: int = 3) -> list[dict]:
    create_times, reopen_times, edit_times, text_times, add_times = [], [], [], [], []
    relayout_times = []
    with tempfile.TemporaryDirectory() as folder:
        for round_ in range(repeats):
            nodes, edges = synthetic_map(seed=round_)
            path = Path(folder) / f"bench-{round_}.debatemap"

            def create() -> None:
                with MapSession.create(path) as session:
                    session.add_items(nodes, edges, action="bulk")

            create_times.append(timed(create))
            holder: list[MapSession] = []
            reopen_times.append(timed(lambda: holder.append(MapSession.open(path))))
            session = holder[0]
            assert len(session.map.nodes) == NODES and len(session.map.edges) == EDGES
            ids = list(session.map.nodes)
            for i in range(edits // repeats):
                node_id = ids[i * 37 % len(ids)]
                edit_times.append(timed(lambda: session.update_node(node_id, x=float(i))))
                text_times.append(timed(lambda: session.update_node(node_id, text=f"edited {i}")))
                add_times.append(timed(lambda: session.add_node(f"new claim {i}")))
            rng = random.Random(round_)
            for _ in range(relayouts):
                positions = {node_id: {"x": rng.uniform(0, 20000), "y": rng.uniform(0, 20000)}
                             for node_id in session.map.nodes}
                relayout_times.append(
                    timed(lambda: session.update_nodes(positions, action="layout")))
            session.close()
    rows = []
    for name, label, samples in (
        ("create", f"create map, {NODES:,} nodes + {EDGES:,} edges", create_times),
        ("reopen", "reopen it (file -> model)", reopen_times),
        ("edit", "one edit durable (move a node)", edit_times),
        ("text", "one edit durable (a node's text)", text_times),
        ("add", "one new node durable", add_times),
        ("relayout", f"update positions of {NODES // 1000}k nodes in one step", relayout_times),
    ):
        rows.append(row(name, label, samples, GOALS[name]))
    return rows


if __name__ == "__main__":
    for r in run():
        print(f"{r['label']:<45} median {r['median_s'] * 1000:8.1f} ms  min {r['min_s'] * 1000:8.1f}"
              f"  max {r['max_s'] * 1000:8.1f}  goal {r['goal_s'] * 1000:6.0f} ms  runs {r['runs']}")
