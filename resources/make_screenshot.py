"""Renders the README screenshots: the sample map in the main window, optionally with documents.

Run under a virtual X server so that the real xcb platform draws the window:
    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python resources/make_screenshot.py resources/screenshot.png
With ``--documents DIR`` the *.txt files of DIR (the seed corpus) are imported through
File > Import Documents' own path, the first is shown in the documents dock, and two claims
are taken from it onto the map so that their passages are highlighted:
    ... resources/make_screenshot.py resources/screenshot-documents.png \
        --documents ../shared/corpus/seeds
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from debatemap.app.main_window import MainWindow

from screenshot_kit import grab_and_quit, main_window, sample_map, start_app


def main(output: Path, documents: Path | None = None) -> int:
    app, workdir = start_app()
    sample = sample_map(workdir)

    window = main_window(app)
    window.show()
    window.open_path(sample)
    window.statusBar().showMessage("Opened sample.debatemap. Every change is saved to the file as you make it.")
    if documents is not None:
        window.importer.finished.connect(lambda outcome: take_claims(window, outcome))
        window.import_files(sorted(documents.glob("*.txt")))
    else:
        window.document_panel.hide()

    def grab() -> None:
        window.view.fit_all()
        app.processEvents()
        grab_and_quit(app, window, output)

    QTimer.singleShot(3000 if documents is not None else 1500, grab)
    return app.exec()


def take_claims(window: MainWindow, outcome) -> None:
    """Select the first imported document and put two of its candidates on the map."""
    first = outcome.imported[0]
    window.document_panel.select_document(first.document.id)
    text = first.document.text
    picks = [(c, text[c[0]:c[1]]) for c in first.candidates if 40 < c[1] - c[0] < 200][:2]
    placed = []
    for (start, end), quote, kind, x in zip(
        [p[0] for p in picks], [p[1] for p in picks], ("claim", "objection"), (-900.0, -900.0)
    ):
        node = window.document.add_node(quote, kind, x=x, y=0.0 if not placed else 210.0,
                                        source=(first.document.id, start, end))
        placed.append(node)
    if len(placed) == 2:
        window.document.add_edge(placed[1].id, placed[0].id, "attack")
    window.statusBar().showMessage(f"Imported {len(outcome.imported)} documents (Ctrl+Z undoes the import).")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    source = None
    if "--documents" in arguments:
        at = arguments.index("--documents")
        source = Path(arguments[at + 1]).resolve()
        del arguments[at:at + 2]
    target = Path(arguments[0] if arguments else "resources/screenshot.png").resolve()
    sys.exit(main(target, source))
