"""Run under Xvfb by test_real_drag.py: a real QDrag from the documents panel to the canvas.

xdotool moves the X pointer (press on a candidate sentence, move onto the canvas, release), so
Qt's own drag machinery runs exactly as for a user. Prints one JSON line with what the map holds.
"""

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from debatemap.app.main_window import MainWindow
from debatemap.ingest import ingest_bytes
from debatemap.store.imports import DocumentImport
from debatemap.store.session import MapSession
from debatemap.widgets.offsets import to_utf16

ESSAY = ("Free public transport cuts car traffic in the city centre. "
         "It also helps the poorest households most.\n\nFares pay for a third of running costs.")


def xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True)


def drag(start: QPoint, end: QPoint) -> None:
    time.sleep(0.3)
    xdotool("mousemove", str(start.x()), str(start.y()))
    time.sleep(0.3)
    xdotool("mousedown", "1")
    steps = 12
    for step in range(1, steps + 1):
        x = start.x() + (end.x() - start.x()) * step // steps
        y = start.y() + (end.y() - start.y()) * step // steps
        xdotool("mousemove", str(x), str(y))
        time.sleep(0.05)
    time.sleep(0.3)
    xdotool("mouseup", "1")


def main() -> int:
    folder = Path(sys.argv[1])
    map_path = folder / "drag.debatemap"
    with MapSession.create(map_path, "Real drag") as session:
        ingested = ingest_bytes(ESSAY.encode("utf-8"), "essay.txt")
        session.import_documents([DocumentImport.from_ingested(ingested, folder / "essay.txt")])
    QCoreApplication.setOrganizationName("DebatemapXvfbTest")
    QCoreApplication.setApplicationName("DebatemapXvfbTest")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    app = QApplication(sys.argv[:1])
    window = MainWindow()
    window.resize(1200, 760)
    window.move(0, 0)
    window.show()
    assert window.open_path(map_path)
    result: dict = {}

    view = window.document_panel.text_view
    original_start_drag = view.start_drag

    def recording_start_drag(payload):  # the real drag, with a note that it ran and how it ended
        action = original_start_drag(payload)
        result["drag"] = {"start": payload.start, "end": payload.end, "action": action.name}
        return action

    view.start_drag = recording_start_drag

    def start() -> None:
        document = window.document.map.documents[next(iter(window.document.map.documents))]
        first = window.document.document_structure(document.id).candidates[0]
        qt_start = to_utf16(document.text, first[0] + 3)
        cursor = view.textCursor()
        cursor.setPosition(qt_start)
        rect = view.cursorRect(cursor)
        source = view.viewport().mapToGlobal(rect.center())
        target = window.view.viewport().mapToGlobal(window.view.viewport().rect().center())
        result["candidate"] = document.text[first[0]:first[1]]
        threading.Thread(target=drag, args=(source, target), daemon=True).start()

    def finish() -> None:
        nodes = window.document.map.nodes.values()
        result["nodes"] = [
            {"text": n.text, "excerpt": bool(n.excerpt_id)} for n in nodes
        ]
        with MapSession.open(map_path, readonly=True) as stored:
            result["stored_nodes"] = len(stored.map.nodes)
        print(json.dumps(result), flush=True)
        app.quit()

    QTimer.singleShot(1500, start)
    QTimer.singleShot(7000, finish)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
