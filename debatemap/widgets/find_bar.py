"""FindDock: search node text and document text as you type; results lead to the node or passage."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDockWidget,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from debatemap.document.mapdocument import MapDocument
from debatemap.widgets.tone_label import ToneLabel

MAX_PASSAGES = 300  # document hits listed at most (the count still says how many)
CONTEXT = 36  # characters shown around a document hit
RESULT_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class FindResult:
    kind: str  # "node" or "passage"
    node_id: str = ""
    document_id: str = ""
    start: int = 0
    end: int = 0
    label: str = ""


def search(document: MapDocument, query: str) -> list[FindResult]:
    """Nodes whose text contains ``query``, then passages of documents (case-insensitive)."""
    needle = query.casefold()
    if not needle.strip():
        return []
    amap = document.map
    found = [FindResult("node", node_id=n.id, label=n.text)
             for n in amap.nodes.values() if needle in n.text.casefold()]
    passages = 0
    for source in amap.documents.values():
        text = source.text
        # casefold can change lengths (ß -> ss); lower() keeps offsets for nearly all text
        folded = text.lower() if len(text.lower()) == len(text) else None
        if folded is None:
            continue
        at = folded.find(query.lower())
        while at >= 0 and passages < MAX_PASSAGES:
            end = at + len(query)
            snippet = " ".join(text[max(0, at - CONTEXT):end + CONTEXT].split())
            found.append(FindResult("passage", document_id=source.id, start=at, end=end,
                                    label=f"{source.title}: …{snippet}…"))
            passages += 1
            at = folded.find(query.lower(), end)
    return found


class FindDock(QDockWidget):
    nodeActivated = Signal(str)  # node id
    passageActivated = Signal(str, int, int)  # document id, start, end (code points)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Find", parent)
        self.setObjectName("findDock")
        self.document: MapDocument | None = None
        self.results: list[FindResult] = []
        self.current = -1
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in claims and documents…")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.field.returnPressed.connect(self.next_result)
        self.count_label = ToneLabel("", "hint")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._item_activated)
        self.list.itemClicked.connect(self._item_activated)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.field)
        layout.addWidget(self.count_label)
        layout.addWidget(self.list)
        self.setWidget(body)
        self._timer = QTimer(self)  # live, but not on every keystroke of a fast typist
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.run_search)
        next_key = QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self)
        next_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        next_key.activated.connect(self.next_result)
        previous_key = QShortcut(QKeySequence(QKeySequence.StandardKey.FindPrevious), self)
        previous_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        previous_key.activated.connect(lambda: self.next_result(-1))

    def set_document(self, document: MapDocument | None) -> None:
        self.document = document
        self.run_search()

    def open(self) -> None:
        """Show the dock with the field focused and its text selected (Ctrl+F)."""
        self.show()
        self.raise_()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def run_search(self) -> None:
        self._timer.stop()
        query = self.field.text()
        self.results = search(self.document, query) if self.document is not None else []
        self.current = -1
        self.list.clear()
        for result in self.results:
            prefix = "◆ " if result.kind == "node" else "¶ "
            item = QListWidgetItem(prefix + " ".join(result.label.split()))
            item.setData(RESULT_ROLE, result)
            item.setToolTip(result.label)
            self.list.addItem(item)
        nodes = sum(1 for r in self.results if r.kind == "node")
        passages = len(self.results) - nodes
        more = "+" if passages >= MAX_PASSAGES else ""
        self.count_label.setText(
            f"{nodes} claims, {passages}{more} passages" if query.strip() else ""
        )

    def next_result(self, step: int = 1) -> None:
        """Go to the next (or previous) result, wrapping around (Enter, F3)."""
        if self._timer.isActive():
            self.run_search()
        if not self.results:
            return
        self.current = (self.current + step) % len(self.results)
        self.list.setCurrentRow(self.current)
        self.activate(self.results[self.current])

    def activate(self, result: FindResult) -> None:
        if result.kind == "node":
            self.nodeActivated.emit(result.node_id)
        else:
            self.passageActivated.emit(result.document_id, result.start, result.end)

    def _item_activated(self, item: QListWidgetItem) -> None:
        self.current = self.list.row(item)
        self.activate(item.data(RESULT_ROLE))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            event.accept()
            return
        super().keyPressEvent(event)
