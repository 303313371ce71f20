"""Export speed: a 1,000-node, 999-link map rendered from its document (scene built, rendered
offscreen, written) to SVG and to PNG, as ``debatemap export`` does.

Against Argdown: the same map written as Argdown (our .argdown export) and drawn to SVG by
``npx --yes @argdown/cli@1.7.5 map FILE OUTDIR --format svg``, timed as a whole process (it lays
the map out with Graphviz itself; ours draws stored positions). Its row has no goal; its label
and ``compare`` give ours/argdown for SVG. Without npx, or with DEBATEMAP_NO_ARGDOWN_CLI set, the
row is skipped and the reason printed; a run past ARGDOWN_TIMEOUT is reported as a timeout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.timing import qt_app, row, timed

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NODES = 1000
GOALS = {"export_svg_1000": 1.0, "export_png_1000": 2.0}
LABELS = {
    "export_svg_1000": "export: 1,000-node map -> SVG (scene + render + write)",
    "export_png_1000": "export: 1,000-node map -> PNG at scale 1 (scene + render + write)",
}
ARGDOWN = ["npx", "--yes", "@argdown/cli@1.7.5"]
ARGDOWN_RUNS = 3
ARGDOWN_TIMEOUT = 600.0  # seconds for one run: the first may fetch the package from npm
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
            argdown = _argdown_row(document, folder, rows[0])  # rows[0]: our SVG
            if argdown:
                rows.append(argdown)
        finally:
            document.close()
    return rows


def _argdown_row(document, folder: Path, ours: dict) -> dict | None:
    """The same map exported as Argdown and drawn to SVG by the Argdown tool; None (with the
    reason printed) when it cannot run."""
    from debatemap.interchange.registry import writer_for

    if os.environ.get("DEBATEMAP_NO_ARGDOWN_CLI"):
        return _skipped("DEBATEMAP_NO_ARGDOWN_CLI is set")
    if shutil.which(ARGDOWN[0]) is None:
        return _skipped("node/npx is not installed")
    source = folder / "bench.argdown"
    source.write_text(writer_for(source)(document.map), encoding="utf-8")
    out = folder / "argdown-svg"
    try:  # fetches the package on first use, so not timed
        subprocess.run([*ARGDOWN, "--version"], check=True, capture_output=True,
                       timeout=ARGDOWN_TIMEOUT)
        times = [timed(lambda: _draw_with_argdown(source, out)) for _ in range(ARGDOWN_RUNS)]
    except subprocess.TimeoutExpired:
        return _skipped(f"timed out: one run took more than {ARGDOWN_TIMEOUT:.0f} s")
    except subprocess.CalledProcessError as error:
        reason = (error.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        return _skipped(f"exit {error.returncode}: {reason[-1] if reason else 'no message'}")
    except OSError as error:
        return _skipped(f"could not run: {error}")
    if not (out / "bench.svg").is_file():
        return _skipped(f"wrote no {out / 'bench.svg'}")
    theirs = row("export_svg_1000_argdown", "", times, None)
    ratio = ours["median_s"] / theirs["median_s"]
    theirs["label"] = f"argdown map --format svg, same map (ours/argdown = {ratio:.2f})"
    ours["compare"] = theirs["compare"] = (
        f"SVG: ours {ours['median_s']:.3f} s vs @argdown/cli 1.7.5 {theirs['median_s']:.3f} s:"
        f" ours/argdown = {ratio:.2f}")
    return theirs


def _draw_with_argdown(source: Path, out: Path) -> None:
    subprocess.run([*ARGDOWN, "map", str(source), str(out), "--format", "svg"], check=True,
                   capture_output=True, timeout=ARGDOWN_TIMEOUT)


def _skipped(reason: str) -> None:
    print(f"export: the @argdown/cli comparison row is skipped: {reason}")
    return None


if __name__ == "__main__":
    for figure in run():
        goal = (f"goal {figure['goal_s']:.1f} s, ratio {figure['ratio_to_goal']:.2f}, "
                if figure["goal_s"] else "")
        print(f"{figure['label']:<70} median {figure['median_s']:.3f} s  ({goal}min"
              f" {figure['min_s']:.3f}, max {figure['max_s']:.3f}, {figure['runs']} runs)")
        if figure.get("compare") and figure["goal_s"] is None:
            print(f"{'':<70} {figure['compare']}")
