"""Scale: cold start, opening 1k and 10k maps in the main window, frame, hit-test and drag times
at 10k, and peak memory, each measured in a fresh child process so one map's memory and caches
never flatter the next."""

from __future__ import annotations

import json
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.timing import qt_app, row

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOALS = {"scale_cold_start": 2.0, "scale_open_1k": 1.0, "scale_open_10k": 5.0,
         "scale_open_10k_graph": 5.0, "scale_frame_100_10k": 0.016,
         "scale_frame_out_10k": 0.050, "scale_hit_test_10k": 0.001,
         "scale_drag_10k": 0.016, "scale_stall_10k": 0.100, "scale_rss_10k": 300.0}
LABELS = {
    "scale_cold_start": "scale: cold start to a shown main window (empty)",
    "scale_open_1k": "scale: open 1k-node tree in the window (file -> scene shown)",
    "scale_open_10k": "scale: open 10k-node tree in the window",
    "scale_open_10k_graph": "scale: open 10k-node graph (shared reasons, cycles)",
    "scale_frame_100_10k": "scale: frame at 100% zoom, 10k map",
    "scale_frame_out_10k": "scale: frame zoomed out to the whole 10k map",
    "scale_hit_test_10k": "scale: hit-test (card under a point), 10k map",
    "scale_drag_10k": "scale: drag one node with its links, per move, 10k map",
    "scale_stall_10k": "scale: longest event-loop stall per step of ordinary use, 10k map",
    "scale_rss_10k": "scale: peak RSS with the 10k map open (MB)",
}


def make_map(path: Path, shape: str, count: int) -> None:
    """A laid-out synthetic map written as a .debatemap file (positions from our own layout)."""
    from debatemap.core.layout import layout
    from debatemap.core.layout_samples import random_graph, random_tree
    from debatemap.store.session import MapSession

    amap = random_tree(count, seed=11) if shape == "tree" else random_graph(count, seed=11)
    for node_id, (x, y) in layout(amap, move_all=True).items():
        amap.nodes[node_id].x, amap.nodes[node_id].y = x, y
    amap.title = f"{count}-node {shape}"
    MapSession.create_from(path, amap).close()


def child(map_path: str | None, detail: bool) -> dict:
    """Runs in a fresh process: show the window, open the map, measure; prints one JSON line."""
    began = time.perf_counter()
    app = qt_app()
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from debatemap.app.main_window import MainWindow

    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    result = {"shown_s": time.perf_counter() - began}
    if map_path is None:
        return _finish(window, result)
    start = time.perf_counter()
    window.open_path(Path(map_path))
    app.processEvents()
    result["open_s"] = time.perf_counter() - start
    view, scene = window.view, window.scene
    result["nodes"] = len(scene.node_items)
    result["rss_mb"] = peak_rss_mb()  # the peak of opening it, before the steps below
    if detail:
        viewport = view.viewport()
        rng = random.Random(5)
        items = list(scene.node_items.values())
        view.reset_zoom()
        frames = []
        for item in rng.sample(items, 20):
            view.centerOn(item)
            start = time.perf_counter()
            viewport.repaint()
            frames.append(time.perf_counter() - start)
        result["frame_100"] = frames
        view.fit_all()
        app.processEvents()
        frames = []
        for _ in range(10):
            start = time.perf_counter()
            viewport.repaint()
            frames.append(time.perf_counter() - start)
        result["frame_out"] = frames
        bounds = scene.itemsBoundingRect()
        points = [QPointF(rng.uniform(bounds.left(), bounds.right()),
                          rng.uniform(bounds.top(), bounds.bottom())) for _ in range(2000)]
        start = time.perf_counter()
        hits = sum(scene.node_item_at(p) is not None for p in points)
        result["hit_test"] = [(time.perf_counter() - start) / len(points)]
        result["hits"] = hits
        result["drag"] = _drag(app, view, scene, QEvent, QPointF, Qt, QMouseEvent, QApplication)
        result["stalls"] = _stalls(app, window, view, scene)
    result["rss_after_steps_mb"] = peak_rss_mb()
    return _finish(window, result)


def _drag(app, view, scene, QEvent, QPointF, Qt, QMouseEvent, QApplication) -> list[float]:
    """Drag the node with the most links, 60 moves, each move followed by its repaint."""
    document = scene.document
    degree: dict[str, int] = {}
    for edge in document.map.edges.values():
        for end in (edge.source, edge.target):
            degree[end] = degree.get(end, 0) + 1
    hub = max(degree, key=degree.get)
    view.reset_zoom()
    view.centerOn(scene.node_items[hub])
    app.processEvents()
    viewport = view.viewport()
    centre = view.mapFromScene(scene.node_items[hub].sceneBoundingRect().center())

    def send(kind, point, button, buttons):
        QApplication.sendEvent(viewport, QMouseEvent(
            kind, QPointF(point), QPointF(viewport.mapToGlobal(point)), button, buttons,
            Qt.KeyboardModifier.NoModifier))

    send(QEvent.Type.MouseButtonPress, centre, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton)
    times = []
    for step in range(1, 61):
        point = centre + type(centre)(int(math.sin(step / 7) * 80), step % 30 * 3)
        start = time.perf_counter()
        send(QEvent.Type.MouseMove, point, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
        app.processEvents()
        times.append(time.perf_counter() - start)
    send(QEvent.Type.MouseButtonRelease, point, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)
    app.processEvents()
    return times


def ordinary_steps(window, view, scene) -> dict:
    """Steps of ordinary use on the open map, {name: callable}: edit a card's text so that it
    grows (saved, evaluated, the minimap redrawn), undo it, zoom in and out, scroll, select a
    card, select all and none (Esc), select all and click on empty canvas, hide and show the evaluation labels (every card relabelled), mark
    a card rejected, add a card linked to another and delete it (both evaluated again, in the
    background), zoom out to the whole map, re-layout everything left to right through the
    menu action (computed in a worker, the cards sweep to their places)."""
    document = scene.document
    node_id = next(iter(document.map.nodes))
    longer = ("An edited claim, long enough that its card needs more lines than before, so the"
              " card grows, the links and the minimap follow and the scene's bounds are checked")

    made: list[str] = []

    def add_linked_card():
        anchor = document.map.nodes[node_id]
        node = document.add_linked_node(node_id, "A new reason for it", "claim", "support",
                                        x=anchor.x + 300, y=anchor.y + 200)
        made.append(node.id)

    def click_empty_canvas():
        """A click where there is no item (Qt unselects everything at once)."""
        from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
        from PySide6.QtGui import QMouseEvent
        from PySide6.QtWidgets import QApplication

        viewport = view.viewport()
        empty = next(QPoint(x, y) for y in range(10, viewport.height(), 40)
                     for x in range(10, viewport.width(), 40) if not view.items(QPoint(x, y)))
        for kind, buttons in ((QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
                              (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton)):
            QApplication.sendEvent(viewport, QMouseEvent(
                kind, QPointF(empty), QPointF(viewport.mapToGlobal(empty)), Qt.MouseButton.LeftButton,
                buttons, Qt.KeyboardModifier.NoModifier))

    def relayout_left_to_right():
        window.map_actions.set_direction("LR")
        window.map_actions.relayout.trigger()

    return {
        "edit text": lambda: document.set_node_text(node_id, longer, merge=False),
        "undo": document.undo_stack.undo,
        "zoom in": lambda: view.zoom_by(1.25),
        "zoom out": lambda: view.zoom_by(0.8),
        "scroll": lambda: view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 400),
        "select": lambda: view.select_items([node_id]),
        "select all": view.select_all,
        "select none": lambda: view.select_items([]),
        "select all again": view.select_all,
        "click on empty canvas": click_empty_canvas,
        "hide labels": lambda: view.set_labels_visible(False),
        "show labels": lambda: view.set_labels_visible(True),
        "mark rejected": lambda: document.set_mark([node_id], "reject"),
        "add a linked card": add_linked_card,
        "delete that card": lambda: document.remove_items(made[-1:], []),
        "whole map in view": view.fit_all,
        "re-layout all": relayout_left_to_right,
    }


def run_step(step, settle_s: float, during=None) -> float:
    """Run one step from the event loop and let what it set off run for ``settle_s``; the
    longest gap between the beats of a 5 ms heartbeat timer meanwhile (s)."""
    from PySide6.QtCore import QEventLoop, QTimer

    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
    loop = QEventLoop()
    heartbeat.start()
    QTimer.singleShot(30, step)
    QTimer.singleShot(int(settle_s * 1000), loop.quit)
    loop.exec()
    heartbeat.stop()
    return max(b - a for a, b in zip(beats, beats[1:])) if len(beats) > 1 else settle_s


def settle_time(name: str) -> float:
    return 3.0 if name == "re-layout all" else 1.5  # the sweep takes about a second at 10k


def _stalls(app, window, view, scene) -> dict[str, float]:
    """{step: longest event-loop stall in s} over ``ordinary_steps``."""
    return {name: run_step(step, settle_time(name))
            for name, step in ordinary_steps(window, view, scene).items()}


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started its program. Linux keeps
    ru_maxrss across exec, so a child of the big benchmark process would report the parent's
    peak; VmHWM belongs to the new program only."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _finish(window, result: dict) -> dict:
    window.close()
    return result


def _run_child(map_path: Path | None, detail: bool = False) -> dict:
    command = [sys.executable, "-m", "benchmarks.scale_bench", "--child", str(map_path or "-")]
    if detail:
        command.append("--detail")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"scale child failed ({done.returncode}): {done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_s"] = elapsed
    return result


def _row(name: str, samples: list[float], **extra) -> dict:
    return row(name, LABELS[name], samples, GOALS[name], **extra)


def run(repeats: int = 3) -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        maps = {"1k": folder / "tree1k.debatemap", "10k": folder / "tree10k.debatemap",
                "10k_graph": folder / "graph10k.debatemap"}
        make_map(maps["1k"], "tree", 1_000)
        make_map(maps["10k"], "tree", 10_000)
        make_map(maps["10k_graph"], "graph", 10_000)
        cold = [_run_child(None)["process_s"] for _ in range(repeats)]
        rows = [_row("scale_cold_start", cold)]
        for key in ("1k", "10k", "10k_graph"):
            runs = [_run_child(maps[key], detail=(key == "10k")) for i in range(repeats)]
            rows.append(_row(f"scale_open_{key}", [r["open_s"] for r in runs],
                             nodes=runs[0]["nodes"]))
            if key == "10k":
                detail = runs[0]
                steps = {step: round(statistics.median(r["stalls"][step] for r in runs), 4)
                         for step in detail["stalls"]}
                rows += [_row("scale_frame_100_10k", detail["frame_100"]),
                         _row("scale_frame_out_10k", detail["frame_out"]),
                         _row("scale_hit_test_10k", detail["hit_test"], hits=detail["hits"]),
                         _row("scale_drag_10k", detail["drag"]),
                         # each run's worst step; steps: each step's median over the runs
                         _row("scale_stall_10k", [max(r["stalls"].values()) for r in runs],
                              steps=steps)]
                rss = [r["rss_mb"] for r in runs]
                rows.append(_row("scale_rss_10k", rss, unit="MB",
                                 after_steps_mb=round(statistics.median(
                                     r["rss_after_steps_mb"] for r in runs))))
    return rows


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        target = None if sys.argv[2] == "-" else sys.argv[2]
        print(json.dumps(child(target, "--detail" in sys.argv)))
        sys.stdout.flush()
        os._exit(0)  # skip Qt teardown: it is not what is measured
    for figure in run():
        unit = figure.get("unit")
        value = (f"{figure['median_s']:.0f} MB" if unit == "MB"
                 else f"{figure['median_s'] * 1000:.1f} ms")
        print(f"{figure['label']:<62} median {value}  (goal {figure['goal_s']}, ratio"
              f" {figure['ratio_to_goal']:.2f}, runs {figure['runs']}, spread"
              f" {statistics.pstdev([figure['min_s'], figure['max_s']]):.3g})")
