"""File → Export…: the map as PNG, SVG or PDF, rendered from the window's own scene."""

from __future__ import annotations

from typing import TYPE_CHECKING

from debatemap.app import dialogs
from debatemap.core.errors import DebatemapError

if TYPE_CHECKING:
    from debatemap.app.main_window import MainWindow


def export_map(window: "MainWindow") -> bool:
    """Ask where and how, then export; errors and a lowered scale are shown in a dialog.
    True when a file was written."""
    from debatemap.canvas.export import render_document

    if window.document is None or window.scene is None:
        return False
    path = dialogs.ask_export_path(window, str(window.document.path.with_suffix(".png")))
    if path is None:
        return False
    has_selection = bool(window.scene.selected_ids()[0])
    options = dialogs.ask_export_options(window, path.suffix.lower(), has_selection)
    if options is None:
        return False
    try:
        result = render_document(window.scene, path, **options)
    except DebatemapError as error:
        dialogs.show_error(window, "Export", str(error))
        return False
    if result.note:
        dialogs.show_notice(window, "Export", f"Exported to {path.name}, but {result.note}.")
    window.statusBar().showMessage(f"Exported to {path} ({result.width} × {result.height})", 5000)
    return True
