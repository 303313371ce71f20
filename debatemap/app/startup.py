"""Starting the GUI: application identity, the headless fallback, and the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ORGANIZATION = "Debatemap"
APPLICATION = "Debatemap"
SAMPLE_DIR = Path("sample-output")
SAMPLE_NAME = "sample.debatemap"


def has_no_display() -> bool:
    """On Linux with no X11 or Wayland display and no platform chosen, no window can open."""
    if not sys.platform.startswith("linux"):
        return False
    return not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def run_headless(path: Path | None = None) -> int:
    """Instead of a window: write the sample map, say what it holds, and render it to PNG and
    SVG with Qt's offscreen platform (no display needed)."""
    from debatemap.app.sample import describe, write_sample

    print("debatemap: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set),"
          " so the window cannot open here.")
    if path is not None:
        print(f"  {path} was not opened.")
    target = write_sample(SAMPLE_DIR / SAMPLE_NAME)
    shown = target.as_posix()
    print(f"Wrote the sample map to {shown}:")
    print(f"  {describe(target)}")
    print(f"  See it with: debatemap show {shown}")
    pictures = render_sample(target)
    if pictures:
        print(f"Rendered it offscreen to {' and '.join(p.as_posix() for p in pictures)}.")
    print("To open the window, run debatemap where a display is available"
          " (or set QT_QPA_PLATFORM, e.g. under xvfb-run).")
    return 0


def render_sample(target: Path) -> list[Path]:
    """Render the sample map beside it as sample.png and sample.svg, with Qt offscreen.
    Returns the files written; a failure is reported on stderr and writes nothing."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Q*Application exists
    from PySide6.QtWidgets import QApplication

    from debatemap.canvas.export import render_document
    from debatemap.core.errors import DebatemapError
    from debatemap.document import MapDocument

    configure_application()
    _app = QApplication.instance() or QApplication(sys.argv[:1])
    from debatemap.canvas import MapScene

    written = []
    document = MapDocument.open(target)
    scene = MapScene(document)
    try:
        # tidy the sample with the cards' real sizes for the pictures, and undo that
        # afterwards so the map file stays as written
        arranged = document.layout(sizes=scene.card_sizes())
        scene.finish_animation()
        for suffix in (".png", ".svg"):
            out = target.with_suffix(suffix)
            try:
                render_document(scene, out)
            except DebatemapError as error:
                print(f"debatemap: error: {error}", file=sys.stderr)
            else:
                written.append(out)
        if arranged:
            document.undo_stack.undo()
    finally:
        scene.detach()
        document.undo_stack.clear()
        document.close()
    return written


def configure_application() -> None:
    """The one place the application's identity is set, so QSettings() finds our settings."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    from debatemap import __version__

    QCoreApplication.setApplicationVersion(__version__)


def release_clipboard() -> None:
    """Leave the system clipboard holding data made by Qt itself, not by Python.

    A copied map fragment is a QMimeData made in Python and owned by the clipboard; the
    clipboard deletes it after Python has shut down, and that crashes the process on exit.
    Other programs only ever read the plain text of it, so that is what stays.
    """
    from PySide6.QtWidgets import QApplication

    from debatemap.document.clipboard import has_fragment

    clipboard = QApplication.clipboard()
    mime = clipboard.mimeData()
    if has_fragment(mime):
        clipboard.setText(mime.text())  # QClipboard makes this QMimeData in C++


def run_gui(path: Path | None = None) -> int:
    """Open the main window (with the map at ``path``, if given) and run until it closes."""
    if has_no_display():
        return run_headless(path)
    from PySide6.QtWidgets import QApplication

    from debatemap.app.icon import app_icon
    from debatemap.app.main_window import MainWindow

    configure_application()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    app.aboutToQuit.connect(release_clipboard)
    window = MainWindow()
    window.show()
    if path is not None:
        window.open_path(Path(path))
    return app.exec()
