"""Run under Xvfb by test_scenario.py: the canvas issue's whole user story with a real pointer.

Import the five seeds, drag ten candidate sentences out of three documents onto the canvas (some
onto empty canvas, some onto claims: support, and attack with Shift held), link two claims by
dragging from a card's handle, edit a claim with F2, undo everything, redo everything, quit with
Ctrl+Q, reopen the file in a new window. xdotool drives the X pointer and keyboard, so Qt's real
drag and drop, shortcuts and editors run. Prints one JSON line; argv: work folder, seeds folder,
and optionally a PNG path for a screenshot of the reopened map.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, QSettings
from PySide6.QtWidgets import QApplication

from debatemap.app.main_window import MainWindow
from debatemap.store.session import MapSession
from debatemap.widgets.offsets import to_utf16
from x_input import pause, xdotool


def pointer_drag(start: QPoint, end: QPoint, *, hold: str | None = None, release_with: str | None = None) -> None:
    """Press at start, move to end in steps, release; runs as a background process so that the
    nested event loop of QDrag.exec keeps processing while the pointer moves."""
    steps = []
    steps.append(f"mousemove {start.x()} {start.y()} sleep 0.25")
    if hold:
        steps.append(f"keydown {hold}")
    steps.append("mousedown 1 sleep 0.15")
    for i in range(1, 13):
        x = start.x() + (end.x() - start.x()) * i // 12
        y = start.y() + (end.y() - start.y()) * i // 12
        steps.append(f"mousemove {x} {y} sleep 0.04")
    steps.append("sleep 0.25")
    if release_with:
        steps.append(f"keydown {release_with} sleep 0.1")
    steps.append("mouseup 1 sleep 0.1")
    if release_with:
        steps.append(f"keyup {release_with}")
    if hold:
        steps.append(f"keyup {hold}")
    process = subprocess.Popen(["xdotool", *" ".join(steps).split()])
    while process.poll() is None:
        pause(0.05)
    pause(0.4)


def snapshot(amap) -> dict:
    return {
        "nodes": sorted((n.text, str(n.kind), round(n.x, 1), round(n.y, 1),
                         (amap.excerpts[n.excerpt_id].document_id, amap.excerpts[n.excerpt_id].start,
                          amap.excerpts[n.excerpt_id].end) if n.excerpt_id else None)
                        for n in amap.nodes.values()),
        "edges": sorted((amap.nodes[e.source].text, str(e.type),
                         amap.nodes[e.target].text if e.target in amap.nodes else e.target)
                        for e in amap.edges.values()),
        "documents": sorted(d.title for d in amap.documents.values()),
    }


class Scenario:
    def __init__(self, window: MainWindow, seeds: list[Path]) -> None:
        self.window = window
        self.seeds = seeds
        self.report: dict = {}

    @property
    def document(self):
        return self.window.document

    def global_of_candidate(self, document_id: str, index: int) -> tuple[QPoint, str]:
        panel = self.window.document_panel
        panel.select_document(document_id)
        pause(0.3)
        text = self.document.map.documents[document_id].text
        start, end = self.document.document_structure(document_id).candidates[index]
        view = panel.text_view
        cursor = view.textCursor()
        cursor.setPosition(to_utf16(text, start + 2))
        view.setTextCursor(cursor)
        view.ensureCursorVisible()
        cursor.clearSelection()
        view.setTextCursor(cursor)
        pause(0.2)
        rect = view.cursorRect(cursor)
        return view.viewport().mapToGlobal(rect.center()), text[start:end]

    def global_of_node(self, text: str, *, handle: bool = False) -> QPoint:
        view = self.window.view
        (node_id,) = [n.id for n in self.document.map.nodes.values() if n.text == text]
        item = view.map_scene().node_items[node_id]
        point = item.mapToScene(item.handle_center()) if handle else item.sceneBoundingRect().center()
        return view.viewport().mapToGlobal(view.mapFromScene(point))

    def empty_point(self) -> QPoint:
        """A viewport point with no card within reach (dropping there makes a free claim)."""
        view = self.window.view
        viewport = view.viewport().rect()
        best, best_distance = viewport.center(), -1.0
        for fx in (0.15, 0.3, 0.5, 0.7, 0.85):
            for fy in (0.15, 0.3, 0.5, 0.7, 0.85):
                point = QPoint(int(viewport.width() * fx), int(viewport.height() * fy))
                scene_point = view.mapToScene(point)
                distances = [
                    ((item.sceneBoundingRect().center() - scene_point).manhattanLength())
                    for item in view.map_scene().node_items.values()
                ]
                distance = min(distances) if distances else 1e9
                if distance > best_distance:
                    best, best_distance = point, distance
        return view.viewport().mapToGlobal(best)

    def drop_candidate(self, document_id: str, index: int, onto: str | None = None,
                       attack: bool = False) -> str:
        source, text = self.global_of_candidate(document_id, index)
        target = self.global_of_node(onto) if onto else self.empty_point()
        before = len(self.document.map.nodes)
        pointer_drag(source, target, release_with="shift" if attack else None)
        assert len(self.document.map.nodes) == before + 1, f"drop of {text!r} made no claim"
        return text

    def run(self) -> None:
        window = self.window
        window.import_files(self.seeds)
        deadline = time.monotonic() + 60
        while len(self.document.map.documents) < len(self.seeds) and time.monotonic() < deadline:
            pause(0.2)
        docs = {d.title: d.id for d in self.document.map.documents.values()}
        by_format = sorted(self.document.map.documents.values(), key=lambda d: d.title)
        a, b, c = by_format[0].id, by_format[1].id, by_format[2].id
        self.report["documents"] = len(docs)

        n1 = self.drop_candidate(a, 0)
        n2 = self.drop_candidate(a, 1, onto=n1)
        n3 = self.drop_candidate(a, 2, onto=n1, attack=True)
        n4 = self.drop_candidate(a, 3)
        self.drop_candidate(b, 0, onto=n4)
        self.drop_candidate(b, 1, onto=n3, attack=True)
        n7 = self.drop_candidate(b, 2)
        self.drop_candidate(c, 0, onto=n7)
        self.drop_candidate(c, 1, onto=n7, attack=True)
        self.drop_candidate(c, 2, onto=n2)

        # a link by dragging from a card's handle; Ctrl at release chooses support
        window.view.fit_all()
        pause(0.3)
        hover = self.global_of_node(n4)
        xdotool("mousemove", str(hover.x()), str(hover.y()))
        pause(0.4)
        edges = len(self.document.map.edges)
        view = window.view
        original_finish, original_begin = view.finish_link_drag, view.begin_link_drag

        def finish(scene_pos, global_pos, modifiers):
            self.report["link_release"] = {"modifiers": str(modifiers),
                                           "target": type(view._target_at(scene_pos)).__name__}
            return original_finish(scene_pos, global_pos, modifiers)

        def begin(item, scene_pos):
            self.report["link_begin"] = item.node_id
            return original_begin(item, scene_pos)

        view.finish_link_drag, view.begin_link_drag = finish, begin
        handle = self.global_of_node(n4, handle=True)
        local = view.viewport().mapFromGlobal(handle)
        self.report["handle_at"] = [local.x(), local.y(), view.viewport().width(), view.viewport().height()]
        under = view.map_scene().node_item_at(view.mapToScene(local))
        self.report["under_handle"] = under.node_id if under else None
        pointer_drag(self.global_of_node(n4, handle=True), self.global_of_node(n1),
                     release_with="ctrl")
        self.report["handle_link"] = len(self.document.map.edges) == edges + 1

        # edit a claim in place: click it, F2, replace the text, Enter
        point = self.global_of_node(n7)
        xdotool("mousemove", str(point.x()), str(point.y()), "click", "1")
        pause(0.3)
        xdotool("key", "F2")
        pause(0.3)
        xdotool("key", "ctrl+a")
        xdotool("type", "--delay", "20", "Edited by hand")
        xdotool("key", "Return")
        pause(0.5)
        self.report["edited"] = any(n.text == "Edited by hand" for n in self.document.map.nodes.values())

        built = snapshot(self.document.map)
        self.report["built"] = {"nodes": len(built["nodes"]), "edges": len(built["edges"]),
                                "sources": sum(1 for n in built["nodes"] if n[4])}
        kinds = {}
        for _, edge_type, _ in built["edges"]:
            kinds[edge_type] = kinds.get(edge_type, 0) + 1
        self.report["edge_types"] = kinds

        steps = self.document.undo_stack.count()
        self.report["undo_steps"] = steps
        window.view.setFocus()
        for _ in range(steps):
            xdotool("key", "ctrl+z")
            pause(0.05)
        pause(0.5)
        emptied = snapshot(self.document.map)
        self.report["after_undo"] = {k: len(v) for k, v in emptied.items()}
        for _ in range(steps):
            xdotool("key", "ctrl+shift+z")
            pause(0.05)
        pause(0.5)
        self.report["redo_restores"] = snapshot(self.document.map) == built
        self.built = built

    def reopen(self, path: Path, screenshot: str | None) -> None:
        xdotool("key", "ctrl+q")
        pause(1.0)
        self.report["closed"] = not self.window.isVisible()
        window = MainWindow()
        window.resize(1280, 780)
        window.show()
        window.open_path(path)
        pause(1.5)
        self.report["reopened_same"] = snapshot(window.document.map) == self.built
        with MapSession.open(path, readonly=True) as stored:
            self.report["file_same"] = snapshot(stored.map) == self.built
            self.report["problems"] = stored.map.problems()
        if screenshot:
            window.view.fit_all()
            pause(0.5)
            QApplication.primaryScreen().grabWindow(0).save(screenshot)
        self.second_window = window


def main() -> int:
    folder, seeds_folder = Path(sys.argv[1]), Path(sys.argv[2])
    screenshot = sys.argv[3] if len(sys.argv) > 3 else None
    QCoreApplication.setOrganizationName("DebatemapXvfbScenario")
    QCoreApplication.setApplicationName("DebatemapXvfbScenario")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    path = folder / "scenario.debatemap"
    MapSession.create(path, "Workshop scenario").close()
    window = MainWindow()
    window.resize(1280, 780)
    window.move(0, 0)
    window.show()
    assert window.open_path(path)
    pause(1.0)
    scenario = Scenario(window, sorted(seeds_folder.glob("*")))
    try:
        scenario.run()
        scenario.reopen(path, screenshot)
    except Exception as error:  # report what happened so far
        scenario.report["error"] = f"{type(error).__name__}: {error}"
    print(json.dumps(scenario.report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
