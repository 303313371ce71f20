"""Evaluation and analysis figures: grounded on 10k nodes, preferred on 200, findings on 10k."""

from __future__ import annotations

import random

from debatemap.core.analysis import findings
from debatemap.core.argmap import ArgumentMap
from debatemap.core.evaluation import evaluate
from debatemap.core.model import Edge, EdgeType, Node, NodeKind

from benchmarks.timing import measure, row

WORDS = ("transit fares cities cars emissions cost budget riders fairness evidence study"
         " shows because however therefore income equity congestion bus rail parking tax"
         " air noise safety access jobs rents schools").split()


def random_map(nodes: int, attacks: int, supports: int, seed: int = 7,
               undercuts: int = 0) -> ArgumentMap:
    """Random claims with random attacks and supports in both directions (cycles included)."""
    rng = random.Random(seed)
    kinds = [k for k in NodeKind if k != NodeKind.ARGUMENT]
    ids = [f"n{i:06}" for i in range(nodes)]
    parts = [
        Node(id=node_id, text=" ".join(rng.choices(WORDS, k=rng.randint(5, 16))),
             kind=rng.choice(kinds))
        for node_id in ids
    ]
    edges: list[Edge] = []
    seen: set[tuple] = set()
    for edge_type, count in ((EdgeType.ATTACK, attacks), (EdgeType.SUPPORT, supports)):
        made = 0
        while made < count:
            a, b = rng.sample(ids, 2)
            if (edge_type, a, b) not in seen:
                seen.add((edge_type, a, b))
                edges.append(Edge(id=f"e{len(edges):06}", type=edge_type, source=a, target=b))
                made += 1
    attack_ids = [e.id for e in edges if e.type == EdgeType.ATTACK]
    for i in range(undercuts):
        target = rng.choice(attack_ids)
        edges.append(Edge(id=f"u{i:06}", type=EdgeType.UNDERCUT, source=rng.choice(ids),
                          target=target))
    return ArgumentMap.from_parts("bench", parts, edges)


def run(repeats: int = 5) -> list[dict]:
    big = random_map(10_000, 10_000, 10_000, undercuts=500)
    small = random_map(200, 400, 100, seed=3)  # grounded leaves ~100 nodes undecided
    rows = [
        row("grounded-10k", "grounded labelling, 10k nodes, 10k attacks + 10k supports",
             measure(lambda: evaluate(big, "grounded"), repeats), 0.2),
        row("preferred-200", "preferred extensions, 200 nodes, 400 attacks + 100 supports",
             measure(lambda: evaluate(small, "preferred"), repeats), 1.0),
        row("findings-10k", "analysis findings, 10k nodes",
             measure(lambda: findings(big), max(1, repeats // 2)), 2.0),
    ]
    return rows


def main() -> None:
    rows = run()
    width = max(len(r["label"]) for r in rows)
    print(f"{'benchmark':<{width}}  {'median':>9}  {'min':>9}  {'max':>9}  {'goal':>9}  ratio  runs")
    for r in rows:
        print(f"{r['label']:<{width}}  {r['median_s'] * 1000:7.1f}ms  {r['min_s'] * 1000:7.1f}ms"
              f"  {r['max_s'] * 1000:7.1f}ms  {r['goal_s'] * 1000:7.0f}ms"
              f"  {r['ratio_to_goal']:5.2f}  {r['runs']:>4}")


if __name__ == "__main__":
    main()
