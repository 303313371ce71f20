"""Canvas speed: a node made by a real drop, a node with 20 links dragged, a 2,000-node scene,
relabelling a 2,000-node map after an edit that flips every label."""

from __future__ import annotations

import math
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.timing import qt_app, row

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

GOALS = {"canvas_drop": 0.050, "canvas_drag_move": 0.016, "canvas_build_2000": 1.0,
         "canvas_relabel_2000": 0.050, "canvas_mark_roundtrip_2000": 0.100}
LABELS = {
    "canvas_drop": "canvas: new node by drop (enter+move+drop+paint)",
    "canvas_drag_move": "canvas: drag node with 20 links, per move",
    "canvas_build_2000": "canvas: scene for 2,000 nodes + 2,000 links",
    "canvas_relabel_2000": "canvas: evaluationChanged -> 2,000 badges + paint",
    "canvas_mark_roundtrip_2000": "canvas: mark intent + evaluation + relabel + paint",
}
TEXT = ("Fares cover a small share of running costs. Free buses would fill up quickly.\n\n"
        "Crowded buses push riders back into cars. " * 20)


def _row(name: str, times: list[float]) -> dict:
    return row(name, LABELS[name], times, GOALS[name])


def _open(folder: Path, name: str):
    from debatemap.core.ids import new_id
    from debatemap.core.model import Document
    from debatemap.document import MapDocument
    from debatemap.store.imports import DocumentImport

    document = MapDocument.create(folder / f"{name}.debatemap", name)
    source = Document(id=new_id("d"), title="Bench essay", text=TEXT, format="txt",
                      encoding="utf-8", sha256=new_id("sha"))
    document.import_documents([DocumentImport(source, [], [(0, 43)])])
    return document, source


def _view(document):
    from debatemap.canvas import MapScene, MapView

    scene = MapScene(document)
    view = MapView()
    view.set_map_scene(scene)
    view.resize(1200, 800)
    view.show()
    view.reset_zoom()
    view.centerOn(0, 0)
    return scene, view


def _close(view, scene, document) -> None:
    view.set_map_scene(None)
    view.close()
    view.deleteLater()
    scene.detach()
    scene.deleteLater()
    document.close()
    qt_app().processEvents()


def bench_drop(folder: Path, runs: int = 40) -> list[float]:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    from debatemap.document.excerpt_mime import ExcerptPayload, excerpt_mime_data

    app = qt_app()
    document, source = _open(folder, "drop")
    for i in range(30):  # a map that is not empty
        document.add_node(f"Existing claim number {i}", x=(i % 6) * 260 - 700, y=(i // 6) * 120 - 300)
    scene, view = _view(document)
    app.processEvents()
    times = []
    for i in range(runs):
        payload = ExcerptPayload(str(document.path), source.id, 0, 43, TEXT[:43])
        mime = excerpt_mime_data(payload)
        point = view.mapFromScene(QPointF(-500 + (i % 8) * 130, 420 + (i // 8) * 90))
        start = time.perf_counter()
        for event in (QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                      Qt.KeyboardModifier.NoModifier),
                      QDragMoveEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                     Qt.KeyboardModifier.NoModifier),
                      QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                 Qt.KeyboardModifier.NoModifier)):
            QApplication.sendEvent(view.viewport(), event)
        app.processEvents()
        times.append(time.perf_counter() - start)
    assert len(document.map.nodes) == 30 + runs, "every drop made a node"
    _close(view, scene, document)
    return times


def bench_drag(folder: Path, moves: int = 120) -> list[float]:
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from debatemap.core.model import EdgeType

    app = qt_app()
    document, _source = _open(folder, "drag")
    hub = document.add_node("The claim everything hangs on", x=0, y=0)
    for i in range(20):
        angle = 2 * math.pi * i / 20
        document.add_linked_node(hub.id, f"Reason {i} with a few words", "claim",
                                 EdgeType.SUPPORT if i % 2 else EdgeType.ATTACK,
                                 x=math.cos(angle) * 520, y=math.sin(angle) * 360)
    scene, view = _view(document)
    app.processEvents()
    viewport = view.viewport()

    def send(kind, point, button, buttons):
        event = QMouseEvent(kind, QPointF(point), QPointF(viewport.mapToGlobal(point)), button, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, event)

    start_point = view.mapFromScene(QPointF(-60, 0))
    send(QEvent.Type.MouseButtonPress, start_point, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton)
    times = []
    for step in range(1, moves + 1):
        offset = start_point + type(start_point)(int(math.sin(step / 9) * 120), int(step % 40) * 3)
        began = time.perf_counter()
        send(QEvent.Type.MouseMove, offset, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
        app.processEvents()  # the repaint of the changed area
        times.append(time.perf_counter() - began)
    send(QEvent.Type.MouseButtonRelease, offset, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)
    assert document.map.nodes[hub.id].pinned, "the drag moved the hub"
    _close(view, scene, document)
    return times


def bench_build(folder: Path, runs: int = 3, count: int = 2000) -> list[float]:
    from debatemap.canvas import MapScene
    from debatemap.core.ids import new_id
    from debatemap.core.model import Edge, EdgeType, Node

    qt_app()
    document, _source = _open(folder, "build")
    nodes = [Node(id=new_id("n"), text=f"Claim {i}: a sentence of ordinary length for a map card",
                  x=(i % 50) * 260.0, y=(i // 50) * 120.0) for i in range(count)]
    edges = [Edge(id=new_id("e"), type=EdgeType.SUPPORT if i % 3 else EdgeType.ATTACK,
                  source=nodes[i].id, target=nodes[(i * 7 + 1) % count].id)
             for i in range(count) if nodes[i].id != nodes[(i * 7 + 1) % count].id]
    document.session.add_items(nodes, edges, [], action="bench")
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        scene = MapScene(document)
        times.append(time.perf_counter() - began)
        assert len(scene.node_items) == count
        scene.detach()
        scene.deleteLater()
    document.close()
    return times


def bench_relabel(folder: Path, runs: int = 15, count: int = 2000) -> tuple[list[float], list[float]]:
    """A chain of attacks n0 -> n1 -> ... (labels alternate in/out); marking n0 rejected and
    clearing the mark again flips every label. Timed: from evaluationChanged (the document
    evaluates lazily, so its grounded labelling is inside) to every card relabelled and the
    view repainted; and the whole round trip from the mark intent (its undo command and file
    write included)."""
    from debatemap.core.ids import new_id
    from debatemap.core.model import Edge, EdgeType, Node

    app = qt_app()
    document, _source = _open(folder, "relabel")
    nodes = [Node(id=new_id("n"), text=f"Claim {i}: a sentence of ordinary length for a map card",
                  x=(i % 50) * 260.0, y=(i // 50) * 120.0) for i in range(count)]
    edges = [Edge(id=new_id("e"), type=EdgeType.ATTACK, source=nodes[i].id, target=nodes[i + 1].id)
             for i in range(count - 1)]
    document.session.add_items(nodes, edges, [], action="bench")
    emitted: list[float] = []
    document.evaluationChanged.connect(lambda: emitted.append(time.perf_counter()))  # before the scene's
    scene, view = _view(document)
    app.processEvents()
    first = nodes[0].id
    times, trips = [], []
    for run in range(runs):
        mark = "reject" if run % 2 == 0 else None
        began = time.perf_counter()
        emitted.clear()
        document.set_mark([first], mark)
        app.processEvents()  # evaluationChanged (coalesced) -> relabel -> repaint
        done = time.perf_counter()
        assert len(emitted) == 1, "one evaluationChanged per edit"
        trips.append(done - began)
        times.append(done - emitted[0])
        labels = document.evaluation().labels
        assert all(scene.node_items[i].label == labels[i] for i in labels), "every badge followed"
        assert scene.node_items[nodes[-1].id].label == ("in" if (count - 1 + (mark is not None)) % 2 == 0
                                                        else "out"), "the edit flipped the chain"
    _close(view, scene, document)
    return times, trips


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder)
        return [_row("canvas_drop", bench_drop(path)),
                _row("canvas_drag_move", bench_drag(path)),
                _row("canvas_build_2000", bench_build(path)),
                *_relabel_rows(path)]


def _relabel_rows(path: Path) -> list[dict]:
    relabel, roundtrip = bench_relabel(path)
    return [_row("canvas_relabel_2000", relabel), _row("canvas_mark_roundtrip_2000", roundtrip)]


if __name__ == "__main__":
    for r in run():
        print(f"{r['label']:<48} median {r['median_s'] * 1000:7.2f} ms  min {r['min_s'] * 1000:7.2f}"
              f"  max {r['max_s'] * 1000:7.2f}  goal {r['goal_s'] * 1000:6.1f} ms"
              f"  ratio {r['ratio_to_goal']:.2f}  runs {r['runs']}")
