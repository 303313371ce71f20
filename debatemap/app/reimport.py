"""File > Re-import Document…: read a newer version of a document and replace it in one step."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from debatemap.app import dialogs
from debatemap.ingest import IngestError, ingest_file
from debatemap.store.imports import DocumentImport

if TYPE_CHECKING:
    from debatemap.app.main_window import MainWindow


def document_to_reimport(window: "MainWindow") -> str | None:
    """The document shown in the documents panel, else the source of the selected claim."""
    document = window.document
    if document is None:
        return None
    shown = window.document_panel.selected_document_id()
    if shown in document.map.documents:
        return shown
    for node_id in window.view.selected_node_ids():
        node = document.map.nodes.get(node_id)
        excerpt = document.map.excerpts.get(node.excerpt_id) if node and node.excerpt_id else None
        if excerpt is not None:
            return excerpt.document_id
    return None


def reimport_document(window: "MainWindow", path: Path | None = None) -> bool:
    """Ask for the file (by default where the document came from), read it, replace the
    document and report how many claims moved or lost their passage."""
    document = window.document
    document_id = document_to_reimport(window)
    if document is None or document_id is None:
        window.statusBar().showMessage("Select a document (or a claim taken from one) to re-import.", 6000)
        return False
    old = document.map.documents[document_id]
    if path is None:
        path = dialogs.ask_reimport_path(window, old.title, old.origin or "")
        if path is None:
            return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        ingested = ingest_file(path)
    except IngestError as error:
        dialogs.show_error(window, "Re-import Document", f"{path.name}: {error.reason}")
        return False
    finally:
        QApplication.restoreOverrideCursor()
    command = document.reimport_document(document_id, DocumentImport.from_ingested(ingested, path))
    if command is None:
        return False
    counts = command.counts()
    message = (f"Re-imported “{old.title}”: {counts['ok'] + counts['moved']} claims found again"
               f" ({counts['moved']} moved), {counts['lost']} flagged as lost. Ctrl+Z undoes it.")
    window.statusBar().showMessage(message, 12000)
    if counts["lost"]:
        dialogs.show_notice(
            window, "Re-import Document",
            f"{counts['lost']} claim(s) no longer match any passage of the new version. They keep"
            " their old quote and are flagged in the inspector.",
        )
    return True
