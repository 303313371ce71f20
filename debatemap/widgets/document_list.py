"""DocumentList: the map's documents as rows (title, format, candidates); files dropped on it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (QDragEnterEvent, QDragMoveEvent, QDropEvent, QPainter, QPaintEvent,
                           QPalette)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHeaderView, QTreeWidget,
                               QTreeWidgetItem, QWidget)

from debatemap.core.model import Document
from debatemap.widgets.text_formats import text_colors

ID_ROLE = Qt.ItemDataRole.UserRole
EMPTY_HINT = "No documents yet.\nDrop files here, or use\nFile → Import Documents… (Ctrl+Shift+I)."
TITLE_COLUMN, FORMAT_COLUMN, CANDIDATES_COLUMN = range(3)


class DocumentList(QTreeWidget):
    """One row per document; emits ``filesDropped`` with the local files dropped onto it."""

    filesDropped = Signal(list)  # list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels(["Document", "Format", "Candidates"])
        self.headerItem().setToolTip(CANDIDATES_COLUMN, "Sentences found that may be claims")
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FORMAT_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CANDIDATES_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self._restyling = False
        self.follow_palette()

    def follow_palette(self) -> None:
        """Alternating rows a shade off the application palette's base (a dark palette without
        its own AlternateBase would otherwise get white rows under light text)."""
        if self._restyling:
            return
        self._restyling = True
        try:
            colors = text_colors(QApplication.palette())
            palette = QPalette(self.palette())
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                palette.setColor(group, QPalette.ColorRole.AlternateBase, colors.alternate_base)
            self.setPalette(palette)
        finally:
            self._restyling = False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.follow_palette()

    def set_documents(self, documents: list[Document], candidate_counts: dict[str, int]) -> None:
        """Show these documents (in this order), keeping the selected one selected (else the
        first one)."""
        selected = self.selected_id()
        self.blockSignals(True)
        try:
            self.clear()
            for document in documents:
                self.addTopLevelItem(_row(document, candidate_counts.get(document.id, 0)))
        finally:
            self.blockSignals(False)
        if selected is not None and self.select_id(selected):
            return
        if self.topLevelItemCount():  # show something rather than an empty text view
            self.select_id(self.topLevelItem(0).data(TITLE_COLUMN, ID_ROLE))
            return
        self.itemSelectionChanged.emit()  # the selection went (or there was none)

    def selected_id(self) -> str | None:
        items = self.selectedItems()
        return items[0].data(TITLE_COLUMN, ID_ROLE) if items else None

    def select_id(self, document_id: str) -> bool:
        for index in range(self.topLevelItemCount()):
            item = self.topLevelItem(index)
            if item.data(TITLE_COLUMN, ID_ROLE) == document_id:
                self.setCurrentItem(item)
                item.setSelected(True)
                return True
        return False

    def document_ids(self) -> list[str]:
        return [self.topLevelItem(i).data(TITLE_COLUMN, ID_ROLE) for i in range(self.topLevelItemCount())]

    # ---- files dropped from outside ------------------------------------------------------

    @staticmethod
    def dropped_files(event: QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self.dropped_files(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.filesDropped.emit(paths)

    # ---- the empty state -----------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.topLevelItemCount():
            return
        painter = QPainter(self.viewport())
        painter.setPen(text_colors(self.palette()).muted)
        painter.drawText(
            self.viewport().rect().adjusted(8, 8, -8, -8),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            EMPTY_HINT,
        )


def _row(document: Document, candidates: int) -> QTreeWidgetItem:
    item = QTreeWidgetItem([" ".join(document.title.split()), document.format.upper(), str(candidates)])
    item.setData(TITLE_COLUMN, ID_ROLE, document.id)
    item.setTextAlignment(CANDIDATES_COLUMN, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    tip = tooltip(document, candidates)
    for column in range(3):
        item.setToolTip(column, tip)
    return item


def tooltip(document: Document, candidates: int) -> str:
    """Where a document came from and what it is, as plain text lines."""
    lines = [
        document.title,
        f"Origin: {document.origin or 'unknown'}",
        f"Format: {document.format.upper()}, encoding: {document.encoding}",
        f"{len(document.text):,} characters, {candidates} candidate claims",
    ]
    if document.metadata:
        lines.append("Metadata:")
        lines.extend(f"  {key}: {_short(str(value))}" for key, value in document.metadata.items())
    return "\n".join(lines)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
