"""Generated argument maps for layout tests, benchmarks and pictures (seeded, reproducible)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from debatemap.core.argmap import ArgumentMap
from debatemap.core.model import Edge, EdgeType, Node, NodeKind

_T0 = datetime(2024, 1, 1, tzinfo=timezone.utc)
_WORDS = (
    "the claim holds because evidence from several sources shows that costs rise while benefits"
    " stay small and critics argue the study ignores local effects on prices wages and trust"
).split()


def sample_text(rng: random.Random, words: tuple[int, int] = (3, 30)) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(*words))).capitalize() + "."


class MapBuilder:
    """Adds nodes and edges with increasing creation times (so their order is well defined)."""

    def __init__(self, rng: random.Random | None = None, varied_text: bool = True) -> None:
        self.amap = ArgumentMap("sample")
        self.rng = rng or random.Random(0)
        self.varied = varied_text
        self.tick = 0

    def _time(self) -> datetime:
        self.tick += 1
        return _T0 + timedelta(seconds=self.tick)

    def node(self, node_id: str, kind: NodeKind = NodeKind.CLAIM, text: str | None = None, **kw) -> str:
        if text is None:
            text = sample_text(self.rng) if self.varied else f"claim {node_id}"
        self.amap.nodes[node_id] = Node(id=node_id, text=text, kind=kind, created=self._time(), **kw)
        return node_id

    def edge(self, edge_type: EdgeType, source: str, target: str, edge_id: str | None = None) -> str:
        edge_id = edge_id or f"e{len(self.amap.edges)}"
        self.amap.edges[edge_id] = Edge(
            id=edge_id, type=edge_type, source=source, target=target, created=self._time()
        )
        return edge_id


def random_tree(n: int, seed: int = 0, shape: str = "random", varied_text: bool = True) -> ArgumentMap:
    """A tree of ``n`` claims: ``random`` (random recursive), ``binary``, ``chain``,
    ``caterpillar`` (a spine with a leaf at every step) or ``broom`` (a long chain beside many
    leaves, the case a contour walk without threads gets quadratic on)."""
    rng = random.Random(seed)
    b = MapBuilder(rng, varied_text)
    b.node("n0")
    for i in range(1, n):
        if shape == "random":
            parent = rng.randrange(i)
        elif shape == "binary":
            parent = (i - 1) // 2
        elif shape == "chain":
            parent = i - 1
        elif shape == "caterpillar":
            parent = i - 1 if i % 2 else max(0, i - 2)
        elif shape == "broom":
            parent = i - 1 if i < n // 2 else rng.randrange(n // 2)
        else:
            raise ValueError(shape)
        kind = NodeKind.OBJECTION if rng.random() < 0.3 else NodeKind.CLAIM
        b.node(f"n{i}", kind)
        etype = EdgeType.ATTACK if kind == NodeKind.OBJECTION else EdgeType.SUPPORT
        b.edge(etype, f"n{i}", f"n{parent}")
    return b.amap


def random_graph(n: int, seed: int = 0, extra: float = 0.3, back: float = 0.05, roots: int = 3,
                 varied_text: bool = True) -> ArgumentMap:
    """A forest of ``roots`` trees plus shared reasons (``extra`` more parents per node) and
    cycles (``back`` of the nodes also support a descendant of theirs)."""
    rng = random.Random(seed)
    b = MapBuilder(rng, varied_text)
    parent_of = {}
    for i in range(n):
        kind = NodeKind.OBJECTION if rng.random() < 0.3 else NodeKind.CLAIM
        b.node(f"n{i}", kind)
        if i >= roots:
            p = rng.randrange(i)
            parent_of[i] = p
            b.edge(EdgeType.ATTACK if kind == NodeKind.OBJECTION else EdgeType.SUPPORT, f"n{i}", f"n{p}")
    seen = {(e.source, e.target) for e in b.amap.edges.values()}
    for i in range(roots, n):
        if rng.random() < extra:
            p = rng.randrange(i)
            if (f"n{i}", f"n{p}") not in seen:
                seen.add((f"n{i}", f"n{p}"))
                b.edge(EdgeType.SUPPORT, f"n{i}", f"n{p}")
        if rng.random() < back:
            # an ancestor supports this node: a cycle
            chain = []
            v = i
            while v in parent_of:
                v = parent_of[v]
                chain.append(v)
            if chain:
                a = rng.choice(chain)
                if (f"n{a}", f"n{i}") not in seen:
                    seen.add((f"n{a}", f"n{i}"))
                    b.edge(EdgeType.SUPPORT, f"n{a}", f"n{i}")
    return b.amap


def showcase(seed: int = 3) -> ArgumentMap:
    """About 40 nodes: two main claims with supports and objections, an argument with premises
    and a conclusion, a premise shared by two arguments, undercuts of a link, a support cycle,
    a contrary relation and a lone note."""
    rng = random.Random(seed)
    b = MapBuilder(rng)
    C, O, E, A = NodeKind.CLAIM, NodeKind.OBJECTION, NodeKind.EVIDENCE, NodeKind.ARGUMENT
    S, T, U, P, K = EdgeType.SUPPORT, EdgeType.ATTACK, EdgeType.UNDERCUT, EdgeType.PREMISE, EdgeType.CONCLUSION
    b.node("M1", C, "A city-wide four-day school week would improve learning.")
    b.node("M2", C, "The city budget should fund more teachers.")
    for i in range(1, 4):
        b.node(f"s{i}", C)
        b.edge(S, f"s{i}", "M1")
    for i in range(1, 3):
        b.node(f"o{i}", O)
        b.edge(T, f"o{i}", "M1")
    b.node("ev1", E, "Pilot study: test scores rose 4% in two districts.")
    link = b.edge(S, "ev1", "s1")
    b.node("u1", O, "The pilot districts were chosen for their good results.")
    b.edge(U, "u1", link)
    b.node("r1", NodeKind.REBUTTAL)
    b.edge(T, "r1", "o1")
    b.node("ev2", E)
    b.edge(S, "ev2", "o2")
    b.node("arg1", A, "Argument from teacher time")
    b.edge(K, "arg1", "M2")
    b.node("arg2", A, "Argument from class size")
    b.edge(K, "arg2", "M2")
    b.node("p1", C, "Teachers are overworked.")
    b.node("p2", C)
    b.node("p3", C)
    b.node("shared", E, "Class sizes average 31 pupils (city statistics 2023).")
    b.edge(P, "p1", "arg1")
    b.edge(P, "p2", "arg1")
    b.edge(P, "shared", "arg1")
    b.edge(P, "shared", "arg2")
    b.edge(P, "p3", "arg2")
    b.node("o3", O)
    b.edge(T, "o3", "M2")
    b.node("u2", O, "Workload is not the binding constraint.")
    b.edge(U, "u2", "arg1")
    # a cycle of mutual support
    b.node("c1", C, "People trust the schools.")
    b.node("c2", C, "The schools perform well.")
    b.edge(S, "c1", "p3")
    b.edge(S, "c2", "c1")
    b.edge(S, "c1", "c2")
    for i in range(4, 10):
        b.node(f"s{i}", C)
        b.edge(S, f"s{i}", rng.choice(["s1", "s2", "s3", "o1", "p1", "p2", "c2"]))
    for i in range(4, 8):
        b.node(f"o{i}", O)
        b.edge(T, f"o{i}", rng.choice(["s2", "s3", "ev1", "p2", "s5"]))
    b.node("x1", C, "A five-day week is the law.")
    b.edge(EdgeType.CONTRARY, "x1", "M1")
    b.edge(T, "x1", "s3")
    b.node("note", NodeKind.NOTE, "Ask the union for numbers.")
    return b.amap
