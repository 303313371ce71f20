"""InspectorDock: the fields of the selected node, link or nodes, edited through MapDocument intents."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from debatemap.core.model import EdgeType, NodeKind
from debatemap.document.mapdocument import MapDocument
from debatemap.widgets.following import refollow
from debatemap.widgets.tone_label import ToneLabel

TEXT_COMMIT_DELAY_MS = 700  # a pause in typing commits the text (edits merge into one step)
TEXT_COMMIT_MAX_SECONDS = 1.5  # long typing without a pause still commits this often
clock = time.monotonic  # tests replace it
NONE = "—"
STATUS_NOTES = {
    "moved": "The document was re-imported; the passage was found again at a new place.",
    "lost": "⚠ The document was re-imported and this passage is no longer in it."
            " The quote below is what the claim was taken from.",
}


def ask_color(parent: QWidget | None, initial: str | None) -> str | None:
    """The colour picked (“#rrggbb”), or None when cancelled (tests replace this)."""
    color = QColorDialog.getColor(QColor(initial or "#ffffff"), parent, "Node Colour")
    return color.name() if color.isValid() else None


def _form_page() -> tuple[QWidget, QFormLayout]:
    """A page whose form keeps to the top (extra height goes below it, not between rows)."""
    page = QWidget()
    outer = QVBoxLayout(page)
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    outer.addLayout(form)
    outer.addStretch(1)
    return page, form


def _label(wrap: bool = True, tone: str = "", padding: str = "") -> QLabel:
    label = ToneLabel("", tone, padding) if tone else QLabel()
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


MARKS = ((NONE, None), ("accept", "accept"), ("reject", "reject"), ("undecided", "undecided"))
LABEL_TEXT = {"in": "✓ in", "out": "✗ out", "undecided": "? undecided"}


class InspectorDock(QDockWidget):
    goToSourceRequested = Signal(str)  # node id
    whyRequested = Signal(str)  # node id: explain its evaluation label

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Inspector", parent)
        self.setObjectName("inspectorDock")
        self.document: MapDocument | None = None
        self.node_ids: list[str] = []
        self.edge_ids: list[str] = []
        self._updating = False
        self._title_for: str | None = None  # the node whose title the Title field shows
        self._typing_since: float | None = None  # when the uncommitted typing began
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_COMMIT_DELAY_MS)
        self._text_timer.timeout.connect(self.commit_text)

        self.pages = QStackedWidget()
        self.empty_label = ToneLabel("Select a claim or a link to see its details.", "hint", "8px")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.pages.addWidget(self.empty_label)
        self.pages.addWidget(self._build_node_page())
        self.pages.addWidget(self._build_edge_page())
        self.pages.addWidget(self._build_multi_page())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.pages)
        self.setWidget(scroll)
        self.refresh()

    # ---- pages ---------------------------------------------------------------------------

    def _build_node_page(self) -> QWidget:
        page, form = _form_page()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("none (a short name, shown in bold)")
        self.title_edit.setToolTip("A short name for the node, shown in bold on its card"
                                   " (Argdown's [Title] or <Title>); Enter sets it")
        self.title_edit.editingFinished.connect(self.commit_title)
        form.addRow("Title", self.title_edit)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMaximumHeight(90)
        self.text_edit.textChanged.connect(self._text_typed)
        self.text_edit.installEventFilter(self)
        form.addRow("Text", self.text_edit)
        self.kind_combo = QComboBox()
        self.kind_combo.addItems([k.value for k in NodeKind])
        self.kind_combo.activated.connect(self._kind_chosen)
        form.addRow("Kind", self.kind_combo)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText("comma, separated")
        self.tags_edit.editingFinished.connect(self._tags_edited)
        form.addRow("Tags", self.tags_edit)
        colour_row = QHBoxLayout()
        self.color_button = QPushButton("Choose…")
        self.color_button.clicked.connect(self._choose_color)
        self.color_reset = QPushButton("Reset")
        self.color_reset.clicked.connect(lambda: self._set_color(None))
        colour_row.addWidget(self.color_button)
        colour_row.addWidget(self.color_reset)
        colour_row.addStretch(1)
        form.addRow("Colour", colour_row)
        self.pinned_check = QCheckBox("Keep in place")
        self.pinned_check.setToolTip("Automatic layout leaves a pinned node where it is")
        self.pinned_check.clicked.connect(self._pinned_clicked)
        form.addRow("Pinned", self.pinned_check)
        evaluation_row = QHBoxLayout()
        self.evaluation_label = _label(wrap=False)
        self.evaluation_label.setToolTip("The node's label under the map's evaluation")
        evaluation_row.addWidget(self.evaluation_label)
        evaluation_row.addStretch(1)
        self.why_button = QPushButton("Why?")
        self.why_button.setToolTip("List the attackers that defeat it or the defenders that"
                                   " reinstate it")
        self.why_button.clicked.connect(self._why)
        evaluation_row.addWidget(self.why_button)
        form.addRow("Evaluation", evaluation_row)
        self.mark_combo = QComboBox()
        for text, mark in MARKS:
            self.mark_combo.addItem(text, mark)
        self.mark_combo.setToolTip("Fix the node's label by hand (— lets the evaluation decide)")
        self.mark_combo.activated.connect(self._mark_chosen)
        form.addRow("Mark", self.mark_combo)
        self.source_title = _label()
        form.addRow("Source", self.source_title)
        self.source_status = _label(tone="warning")
        form.addRow("", self.source_status)
        self.source_quote = _label(tone="quote", padding="4px")
        form.addRow("", self.source_quote)
        self.go_to_source = QPushButton("Go to source")
        self.go_to_source.clicked.connect(self._go_to_source)
        form.addRow("", self.go_to_source)
        self.author_label = _label()
        form.addRow("Author", self.author_label)
        self.created_label = _label()
        form.addRow("Created", self.created_label)
        return page

    def _build_edge_page(self) -> QWidget:
        page, form = _form_page()
        self.edge_type_combo = QComboBox()
        self.edge_type_combo.addItems([t.value for t in EdgeType])
        self.edge_type_combo.activated.connect(self._edge_type_chosen)
        form.addRow("Link type", self.edge_type_combo)
        self.edge_from = _label()
        form.addRow("From", self.edge_from)
        self.edge_to = _label()
        form.addRow("To", self.edge_to)
        return page

    def _build_multi_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.multi_count = QLabel()
        layout.addWidget(self.multi_count)
        form = QFormLayout()
        self.multi_kind = QComboBox()
        self.multi_kind.addItems([""] + [k.value for k in NodeKind])
        self.multi_kind.activated.connect(self._multi_kind_chosen)
        form.addRow("Kind", self.multi_kind)
        self.multi_pinned = QCheckBox("Pinned")
        self.multi_pinned.clicked.connect(self._multi_pinned_clicked)
        form.addRow("", self.multi_pinned)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    # ---- following a map and its selection -----------------------------------------------

    def set_document(self, document: MapDocument | None) -> None:
        self.commit_text()
        self.commit_title()
        refollow(self.document, document, self._connections)
        self.document = document
        self._title_for = None
        self.node_ids, self.edge_ids = [], []
        self.refresh()

    def _connections(self, document: MapDocument):
        return (
            (document.nodesChanged, self._on_changed),
            (document.edgesChanged, self._on_changed),
            (document.itemsRemoved, self._on_removed),
            (document.documentsChanged, self._on_changed),
            (document.evaluationChanged, self._on_changed),
            (document.workshop.participantsChanged, self._on_changed),  # the author's name
            (document.workshop.settingsChanged, self._on_changed),  # anonymous mode
        )

    def set_selection(self, node_ids: list[str], edge_ids: list[str] = ()) -> None:
        self.commit_text()  # typing in progress belongs to the node that was shown
        self.commit_title()
        if self.document is not None and list(node_ids) != self.node_ids:
            self.document.close_text_merge()
        self.node_ids, self.edge_ids = list(node_ids), list(edge_ids)
        self.refresh()

    def _on_changed(self, *_args) -> None:
        if not self._text_timer.isActive():
            self.refresh()

    def _on_removed(self, node_ids: list, edge_ids: list) -> None:
        self._text_timer.stop()
        self.node_ids = [i for i in self.node_ids if i not in node_ids]
        self.edge_ids = [i for i in self.edge_ids if i not in edge_ids]
        self.refresh()

    # ---- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        self._updating = True
        try:
            amap = self.document.map if self.document is not None else None
            nodes = [amap.nodes[i] for i in self.node_ids if i in amap.nodes] if amap else []
            edges = [amap.edges[i] for i in self.edge_ids if i in amap.edges] if amap else []
            if len(nodes) == 1 and not edges:
                self._show_node(nodes[0])
                self.pages.setCurrentIndex(1)
            elif len(edges) == 1 and not nodes:
                self._show_edge(edges[0])
                self.pages.setCurrentIndex(2)
            elif nodes:
                self._show_nodes(nodes, len(edges))
                self.pages.setCurrentIndex(3)
            else:
                self.pages.setCurrentIndex(0)
        finally:
            self._updating = False

    def _show_node(self, node) -> None:
        amap = self.document.map
        if node.id != self._title_for or not self.title_edit.isModified():
            self.title_edit.setText(node.title or "")  # (not over a title being typed)
            self._title_for = node.id
        if self.text_edit.toPlainText() != node.text:
            self.text_edit.setPlainText(node.text)
        self.kind_combo.setCurrentText(str(node.kind))
        if not self.tags_edit.hasFocus():
            self.tags_edit.setText(", ".join(node.tags))
        self.color_button.setText(node.color or "Kind colour")
        self.color_button.setStyleSheet(f"background: {node.color};" if node.color else "")
        self.color_reset.setEnabled(node.color is not None)
        self.pinned_check.setChecked(node.pinned)
        evaluation = self.document.evaluation()
        label = evaluation.labels.get(node.id)
        text = LABEL_TEXT.get(label, label or NONE)
        self.evaluation_label.setText(f"{text} (marked)" if node.id in evaluation.manual else text)
        self.mark_combo.setCurrentIndex(max(0, self.mark_combo.findData(node.mark))
                                        if node.mark is not None else 0)
        excerpt = amap.excerpts.get(node.excerpt_id) if node.excerpt_id else None
        source = amap.documents.get(excerpt.document_id) if excerpt else None
        self.source_title.setText(source.title if source else NONE)
        self.source_quote.setVisible(excerpt is not None)
        self.source_quote.setText(f"“{excerpt.quote}”" if excerpt else "")
        self.source_status.setVisible(bool(excerpt and excerpt.status in STATUS_NOTES))
        self.source_status.setText(STATUS_NOTES.get(excerpt.status, "") if excerpt else "")
        self.go_to_source.setVisible(excerpt is not None)
        author = node.author_id if node.author_id in amap.participants else None
        self.author_label.setText(self.document.workshop.display_name(author) if author else NONE)
        self.created_label.setText(node.created.astimezone().strftime("%Y-%m-%d %H:%M"))

    def _show_edge(self, edge) -> None:
        amap = self.document.map
        self.edge_type_combo.setCurrentText(str(edge.type))
        self.edge_from.setText(_item_text(amap, edge.source))
        self.edge_to.setText(_item_text(amap, edge.target))

    def _show_nodes(self, nodes, edge_count: int) -> None:
        links = f" and {edge_count} links" if edge_count else ""
        self.multi_count.setText(f"{len(nodes)} nodes{links} selected")
        kinds = {str(n.kind) for n in nodes}
        self.multi_kind.setCurrentText(kinds.pop() if len(kinds) == 1 else "")
        pins = {n.pinned for n in nodes}
        self.multi_pinned.setTristate(len(pins) > 1)
        if len(pins) > 1:
            self.multi_pinned.setCheckState(Qt.CheckState.PartiallyChecked)
        else:
            self.multi_pinned.setChecked(pins.pop())

    # ---- editing: every change is one MapDocument intent ----------------------------------

    def _text_typed(self) -> None:
        if self._updating:
            return
        now = clock()
        if self._typing_since is None:
            self._typing_since = now
        if now - self._typing_since >= TEXT_COMMIT_MAX_SECONDS:
            self.commit_text()  # typing on and on: commit now and then so the steps merge
        else:
            self._text_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text_edit and event.type() == QEvent.Type.FocusOut:
            self.commit_text()
            if self.document is not None:
                self.document.close_text_merge()  # typing again later is a new undo step
        return super().eventFilter(watched, event)

    def commit_text(self) -> None:
        """Write the typed text (the commits of one stretch of typing merge into one undo step)."""
        self._text_timer.stop()
        self._typing_since = None
        if self.document is None or len(self.node_ids) != 1 or self.pages.currentIndex() != 1:
            return
        node = self.document.map.nodes.get(self.node_ids[0])
        text = self.text_edit.toPlainText()
        if node is not None and text.strip() and text != node.text:
            self.document.set_node_text(node.id, text)

    def commit_title(self) -> None:
        """Set the typed title of the node it was typed for (blank: no title), as one step."""
        if not self.title_edit.isModified():
            return
        self.title_edit.setModified(False)
        if self.document is None or self._title_for not in self.document.map.nodes:
            return
        node = self.document.map.nodes[self._title_for]
        title = " ".join(self.title_edit.text().split()) or None
        if title != node.title:
            self.document.set_node_fields({node.id: {"title": title}},
                                          "Set title" if title else "Clear title")
        elif self.title_edit.text() != (node.title or ""):
            self.title_edit.setText(node.title or "")  # only spaces were typed: as it is

    def _kind_chosen(self) -> None:
        if self.document and self.node_ids:
            kind = self.kind_combo.currentText()
            if kind != str(self.document.map.nodes[self.node_ids[0]].kind):
                self.document.set_node_kind(self.node_ids[:1], kind)

    def _tags_edited(self) -> None:
        if self._updating or not self.document or len(self.node_ids) != 1:
            return
        node = self.document.map.nodes.get(self.node_ids[0])
        tags = tuple(dict.fromkeys(t.strip() for t in self.tags_edit.text().split(",") if t.strip()))
        if node is not None and tags != tuple(node.tags):
            self.document.set_node_fields({node.id: {"tags": tags}}, "Set tags")

    def _choose_color(self) -> None:
        if self.document and len(self.node_ids) == 1:
            color = ask_color(self, self.document.map.nodes[self.node_ids[0]].color)
            if color is not None:
                self._set_color(color)

    def _set_color(self, color: str | None) -> None:
        if self.document and len(self.node_ids) == 1:
            node = self.document.map.nodes[self.node_ids[0]]
            if node.color != color:
                text = "Reset colour" if color is None else "Set colour"
                self.document.set_node_fields({node.id: {"color": color}}, text)

    def _pinned_clicked(self, checked: bool) -> None:
        if self.document and self.node_ids:
            self.document.set_pinned(self.node_ids[:1], checked)

    def _mark_chosen(self) -> None:
        if self.document and len(self.node_ids) == 1:
            mark = self.mark_combo.currentData()
            if mark != self.document.map.nodes[self.node_ids[0]].mark:
                self.document.set_mark(self.node_ids[:1], mark)

    def _why(self) -> None:
        if self.node_ids:
            self.whyRequested.emit(self.node_ids[0])

    def _go_to_source(self) -> None:
        if self.node_ids:
            self.goToSourceRequested.emit(self.node_ids[0])

    def _edge_type_chosen(self) -> None:
        if self.document and len(self.edge_ids) == 1:
            edge_type = self.edge_type_combo.currentText()
            if edge_type != str(self.document.map.edges[self.edge_ids[0]].type):
                self.document.set_edge_type(self.edge_ids[0], edge_type)

    def _multi_kind_chosen(self) -> None:
        kind = self.multi_kind.currentText()
        if self.document and self.node_ids and kind:
            self.document.set_node_kind(self.node_ids, kind)

    def _multi_pinned_clicked(self) -> None:
        if self.document and self.node_ids:
            self.multi_pinned.setTristate(False)
            self.document.set_pinned(self.node_ids, self.multi_pinned.isChecked())


def _item_text(amap, item_id: str) -> str:
    if item_id in amap.nodes:
        return amap.nodes[item_id].text
    if item_id in amap.edges:
        edge = amap.edges[item_id]
        return f"the {edge.type} link from “{_item_text(amap, edge.source)}”"
    return NONE
