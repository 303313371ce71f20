"""Export speed: a 1,000-node, 999-link map rendered from its document (scene built, rendered
offscreen, written) to SVG and to PNG, as ``debatemap export`` does."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchmarks.timing import qt_app, row

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NODES = 1000
GOALS = {"export_svg_1000": 1.0, "export_png_1000": 2.0}
LABELS = {
    "export_svg_1000": "export: 1,000-node map -> SVG (scene + render + write)",
    "export_png_1000": "export: 1,000-node map -> PNG at scale 1 (scene + render + write)",
}
TEXTS = ("Free fares would get people out of their cars, cutting congestion and emissions.",
         "Fares pay for about a third of running costs.", "It costs too much & <more>.")


def _row(name: str, times: list[float]) -> dict:
    return row(name, LABELS[name], times, GOALS[name])


def make_map(path: Path, count: int = NODES) -> None:
    """A tree of ``count`` nodes, four children each, laid out in rows 40 cards wide."""
    from debatemap.core.model import EdgeType, NodeKind
    from debatemap.store.session import MapSession

    with MapSession.create(path, "Export benchmark") as session:
        ids = []
        for i in range(count):
            kind = NodeKind.OBJECTION if i % 3 == 2 else NodeKind.CLAIM
            node = session.add_node(f"{i}: {TEXTS[i % len(TEXTS)]}", kind,
                                    x=(i % 40) * 260.0, y=(i // 40) * 160.0)
            ids.append(node.id)
            if i:
                parent = ids[(i - 1) // 4]
                session.add_edge(node.id, parent,
                                 EdgeType.ATTACK if kind == NodeKind.OBJECTION else EdgeType.SUPPORT)


def run(repeats: int = 3) -> list[dict]:
    qt_app()
    from debatemap.canvas.export import render_document
    from debatemap.document import MapDocument

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        make_map(folder / "bench.debatemap")
        document = MapDocument.open(folder / "bench.debatemap")
        try:
            for name, suffix in (("export_svg_1000", ".svg"), ("export_png_1000", ".png")):
                times = []
                for _ in range(repeats):
                    start = time.perf_counter()
                    render_document(document, folder / f"out{suffix}")
                    times.append(time.perf_counter() - start)
                rows.append(_row(name, times))
        finally:
            document.close()
    return rows


if __name__ == "__main__":
    for figure in run():
        print(f"{figure['label']:<70} median {figure['median_s']:.3f} s  (goal {figure['goal_s']:.1f} s,"
              f" ratio {figure['ratio_to_goal']:.2f}, min {figure['min_s']:.3f}, max {figure['max_s']:.3f},"
              f" {figure['runs']} runs)")
