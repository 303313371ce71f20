"""DocumentPanel: the dock listing a map's documents and showing the selected one's text.

It mirrors a MapDocument's signals and never changes the map itself: files dropped on the
list become an ``importRequested`` intent for the main window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QSplitter, QVBoxLayout, QWidget

from debatemap.canvas.style import kind_color
from debatemap.document.mapdocument import MapDocument
from debatemap.widgets.document_list import DocumentList
from debatemap.widgets.document_text_view import DocumentTextView, Highlight
from debatemap.widgets.following import refollow
from debatemap.widgets.tone_label import ToneLabel

HINT = ("Underlined sentences are candidate claims. Select any text, or grab a sentence, to drag"
        " it out; Ctrl+click collects several.")
NO_MAP_HINT = "Open a map to see its documents."


class DocumentPanel(QDockWidget):
    importRequested = Signal(list)  # list[Path]: files dropped onto the list
    documentSelected = Signal(str)  # a document id ("" when none is selected)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Documents", parent)
        self.setObjectName("documentPanel")  # saveState/restoreState find the dock by it
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        self.document: MapDocument | None = None

        self.list = DocumentList()
        self.text_view = DocumentTextView()
        self.hint = ToneLabel(NO_MAP_HINT, "hint", "2px 4px")
        self.hint.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.list)
        splitter.addWidget(self.text_view)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([130, 620])
        self.splitter = splitter
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(splitter)
        layout.addWidget(self.hint)
        self.setWidget(body)

        self.list.itemSelectionChanged.connect(self._show_selected)
        self.list.filesDropped.connect(self.importRequested)
        self.text_view.collectionChanged.connect(self._collection_changed)
        self.set_document(None)

    # ---- following one map ---------------------------------------------------------------

    def set_document(self, document: MapDocument | None) -> None:
        refollow(self.document, document, self._connections)
        self.document = document
        self.list.setEnabled(document is not None)
        self.refresh()

    def _connections(self, document: MapDocument):
        return (
            (document.documentsChanged, self._on_documents_changed),
            (document.nodesAdded, self._on_nodes_changed),
            (document.nodesChanged, self._on_nodes_changed),
            (document.itemsRemoved, self._on_nodes_changed),
        )

    def refresh(self) -> None:
        """Rebuild the list from the model (the selected document stays selected)."""
        if self.document is None:
            self.list.set_documents([], {})
            return
        self.list.set_documents(list(self.document.map.documents.values()), self.document.candidate_counts())

    def select_document(self, document_id: str) -> bool:
        return self.list.select_id(document_id)

    def show_passage(self, document_id: str, start: int, end: int) -> bool:
        """Show a document with the code point span ``start:end`` scrolled into view and
        highlighted (provenance: "Go to source", find results). False for an unknown document."""
        if self.document is None or document_id not in self.document.map.documents:
            return False
        self.show()
        self.raise_()
        if self.list.selected_id() != document_id and not self.select_document(document_id):
            return False
        if self.text_view.source is None or self.text_view.source.id != document_id:
            self._show_selected()
        self.text_view.show_focus(start, end)
        return True

    def selected_document_id(self) -> str | None:
        return self.list.selected_id()

    def _on_documents_changed(self, ids: list) -> None:
        self.refresh()
        added = [i for i in ids if self.document is not None and i in self.document.map.documents]
        if added:  # just imported (or brought back by redo): show it
            self.select_document(added[0])
        shown = self.text_view.source
        if shown is not None and shown.id in ids and self.list.selected_id() == shown.id:
            self._show_selected()  # a re-import changed the text that is shown

    def _on_nodes_changed(self, *_args) -> None:
        self.text_view.set_highlights(self.highlights())

    # ---- the text of the selected document -----------------------------------------------

    def _show_selected(self) -> None:
        document_id = self.list.selected_id()
        source = None
        if self.document is not None and document_id is not None:
            source = self.document.map.documents.get(document_id)
        if source is None:
            self.text_view.show_document(None)
            self.hint.setText(HINT if self.document is not None else NO_MAP_HINT)
            self.documentSelected.emit("")
            return
        structure = self.document.document_structure(source.id)
        self.text_view.show_document(
            source, structure.paragraphs, structure.candidates, str(self.document.path)
        )
        self.text_view.set_highlights(self.highlights())
        self.hint.setText(HINT)
        self.documentSelected.emit(source.id)

    def _collection_changed(self, count: int) -> None:
        if count:
            noun = "candidate" if count == 1 else "candidates"
            self.hint.setText(f"{count} {noun} collected: drag one of them to take them all out."
                              " Esc or a plain click clears.")
        else:
            self.hint.setText(HINT if self.document is not None else NO_MAP_HINT)

    def highlights(self) -> list[Highlight]:
        """The passages of the shown document that nodes were taken from, in their colours."""
        source = self.text_view.source
        if self.document is None or source is None:
            return []
        amap = self.document.map
        found = []
        for node in amap.nodes.values():
            excerpt = amap.excerpts.get(node.excerpt_id) if node.excerpt_id else None
            if excerpt is not None and excerpt.document_id == source.id:
                color = kind_color(node.kind, node.color)
                found.append(Highlight(excerpt.start, excerpt.end, color, node.text))
        found.sort(key=lambda h: (h.start, h.end))
        return found
