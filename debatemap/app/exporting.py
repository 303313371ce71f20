"""File → Export…: the map as an image (PNG, SVG, PDF, rendered from the window's own scene) or
in another tool's format (Argdown, AIF/OVA, GraphML, Markdown outline, Kialo)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from debatemap.app import dialogs
from debatemap.core.errors import DebatemapError

if TYPE_CHECKING:
    from pathlib import Path

    from debatemap.app.main_window import MainWindow

IMAGE_SUFFIXES = (".png", ".svg", ".pdf")


def export_map(window: "MainWindow") -> bool:
    """Ask where and how, then export; errors and a lowered scale are shown in a dialog.
    True when a file was written."""
    if window.document is None or window.scene is None:
        return False
    path = dialogs.ask_export_path(window, str(window.document.path.with_suffix(".png")))
    if path is None:
        return False
    suffix = dialogs.export_suffix(path)
    if suffix in IMAGE_SUFFIXES:
        return _export_image(window, path, suffix)
    return _export_map_file(window, path)


def _export_image(window: "MainWindow", path: "Path", suffix: str) -> bool:
    from debatemap.canvas.export import render_document

    has_selection = bool(window.scene.selected_ids()[0])
    options = dialogs.ask_export_options(window, suffix, has_selection)
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


def _export_map_file(window: "MainWindow", path: "Path") -> bool:
    """The whole map written by the interchange writer for the suffix, all of it or nothing."""
    from debatemap.interchange.registry import write_text_atomically, writer_for

    writer = writer_for(path)
    if writer is None:
        dialogs.show_error(window, "Export", f"{path.name}: unknown export format")
        return False
    amap = window.document.map
    try:
        write_text_atomically(path, writer(amap))
    except DebatemapError as error:
        dialogs.show_error(window, "Export", str(error))
        return False
    except OSError as error:
        dialogs.show_error(window, "Export", f"{path}: {error.strerror or error}")
        return False
    window.statusBar().showMessage(
        f"Exported to {path} ({len(amap.nodes)} nodes, {len(amap.edges)} links)", 5000)
    return True
