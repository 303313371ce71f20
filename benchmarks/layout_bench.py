"""Layout speed: a 1k-node tree, a 10k-node tree, a 1k-node graph with shared premises and cycles.

When Graphviz ``dot`` is on PATH the same graphs (parents -> reasons, fixed-size boxes of the
same sizes) are laid out by ``dot -Tplain`` in the same run, timed as a whole process, and each
of our rows gets a ``compare`` string with the ratio ours/dot; the dot timings are extra rows.
Without dot those rows are skipped. ``python -m benchmarks.layout_bench`` prints the rows.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.timing import measure, row

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

GOALS = {"layout_tree_1k": 0.05, "layout_tree_10k": 0.5, "layout_graph_1k": 1.0}
LABELS = {
    "layout_tree_1k": "layout: 1,000-node tree (tidy tree)",
    "layout_tree_10k": "layout: 10,000-node tree (tidy tree)",
    "layout_graph_1k": "layout: 1,000-node graph, shared premises + cycles (layered)",
}
RUNS = {"layout_tree_1k": 15, "layout_tree_10k": 5, "layout_graph_1k": 5}
DOT_RUNS = 3
DOT_TIMEOUT = 300.0


def _maps():
    from debatemap.core.layout_samples import random_graph, random_tree

    return {
        "layout_tree_1k": random_tree(1000, seed=1),
        "layout_tree_10k": random_tree(10_000, seed=2),
        "layout_graph_1k": random_graph(1000, seed=3, extra=0.3, back=0.05, roots=5),
    }


def _sizes(amap) -> dict:
    from debatemap.core.layout import estimate_size

    return {i: estimate_size(n.text, n.kind) for i, n in amap.nodes.items()}


def _dot_source(amap, sizes) -> str:
    """The hierarchy as DOT: parent -> reason, boxes of the cards' size in inches."""
    from debatemap.core.model import EdgeType

    lines = ["digraph G {", "  node [shape=box, fixedsize=true, label=\"\"];",
             "  nodesep=0.55; ranksep=0.8;"]
    for node_id in sorted(amap.nodes):
        w, h = sizes[node_id]
        lines.append(f'  "{node_id}" [width={w / 72:.3f}, height={h / 72:.3f}];')
    for edge in sorted(amap.edges.values(), key=lambda e: e.id):
        parent = edge.target
        if edge.type == EdgeType.UNDERCUT and parent in amap.edges:
            parent = amap.edges[parent].target
        if parent in amap.nodes and edge.source in amap.nodes:
            lines.append(f'  "{parent}" -> "{edge.source}";')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _time_dot(dot: str, path: Path) -> list[float] | None:
    times = []
    for _ in range(DOT_RUNS):
        start = time.perf_counter()
        try:
            subprocess.run([dot, "-Tplain", str(path)], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=DOT_TIMEOUT)
        except (subprocess.SubprocessError, OSError):
            return None
        times.append(time.perf_counter() - start)
        if times[-1] > 5.0:  # a slow one is measured once (dot takes tens of seconds on 10k)
            break
    return times


def run() -> list[dict]:
    from debatemap.core.layout import layout

    dot = shutil.which("dot")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, amap in _maps().items():
            sizes = _sizes(amap)
            layout(amap, sizes, move_all=True)  # warm up
            times = measure(lambda: layout(amap, sizes, move_all=True), RUNS[name])
            ours = row(name, LABELS[name], times, GOALS[name])
            rows.append(ours)
            if dot:
                path = Path(folder) / f"{name}.dot"
                path.write_text(_dot_source(amap, sizes), encoding="utf-8")
                dot_times = _time_dot(dot, path)
                if dot_times:
                    dot_row = row(f"{name}_dot", f"graphviz dot -Tplain, same graph ({name})",
                                   dot_times, None)
                    ratio = ours["median_s"] / dot_row["median_s"]
                    ours["compare"] = (f"ours {ours['median_s'] * 1000:.1f} ms vs dot"
                                      f" {dot_row['median_s'] * 1000:.1f} ms: ours/dot = {ratio:.3f}")
                    dot_row["compare"] = ours["compare"]
                    rows.append(dot_row)
    return rows


def main() -> int:
    rows = run()
    width = max(len(r["label"]) for r in rows)
    print(f"{'benchmark':<{width}}  {'median':>10}  {'min':>10}  {'max':>10}  {'goal':>9}  ratio  runs")
    for r in rows:
        goal = f"{r['goal_s'] * 1000:.0f} ms" if r["goal_s"] else "-"
        ratio = f"{r['ratio_to_goal']:5.2f}" if r["ratio_to_goal"] is not None else "    -"
        print(f"{r['label']:<{width}}  {r['median_s'] * 1000:8.1f} ms  {r['min_s'] * 1000:7.1f} ms"
              f"  {r['max_s'] * 1000:7.1f} ms  {goal:>9}  {ratio}  {r['runs']:>4}")
    for r in rows:
        if r.get("compare") and not r["name"].endswith("_dot"):
            print(f"{r['name']}: {r['compare']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
