"""AnalysisDock: what the map is missing (core.analysis findings), grouped by kind.

Clicking a node finding asks for those nodes to be selected (``nodesActivated``); clicking an
unmapped passage asks for it to be shown in the documents panel (``passageActivated``).
The findings are recomputed a moment after the map changes, and only while the dock is
visible; for maps over ``LIVE_LIMIT`` nodes they are recomputed on request (Refresh) only.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from debatemap.core.analysis import KINDS, Finding, findings
from debatemap.document.mapdocument import MapDocument
from debatemap.widgets.tone_label import ToneLabel

REFRESH_DELAY_MS = 300  # recompute this long after the last change
LIVE_LIMIT = 3000  # nodes; larger maps are analysed when Refresh is pressed
PASSAGE_CHARS = 90  # characters of an unmapped passage shown in the list
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1  # ("nodes", ids) or ("passage", doc, start, end)
KIND_ROLE = Qt.ItemDataRole.UserRole + 2

TITLES = {
    "unsupported": "Unsupported claims",
    "unanswered": "Unanswered objections",
    "cycle": "Cycles",
    "isolated": "Isolated nodes",
    "no-source": "Claims with no source",
    "duplicate": "Duplicates",
    "coverage": "Document coverage",
}
HINTS = {
    "unsupported": "Attacked or main claims with no reason given for them",
    "unanswered": "Objections and attackers that nothing answers",
    "cycle": "Circular reasoning or loops of objections",
    "isolated": "Nodes with no link at all",
    "no-source": "Claims not taken from a passage of a document",
    "duplicate": "Nodes that say the same thing",
    "coverage": "How much of each document the map uses; expand for the unmapped passages",
}


class AnalysisDock(QDockWidget):
    nodesActivated = Signal(list)  # node ids to select (the first is brought into view)
    passageActivated = Signal(str, int, int)  # document id, start, end

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Analysis", parent)
        self.setObjectName("analysisDock")
        self.document: MapDocument | None = None
        self.findings: list[Finding] = []
        self.stale = True  # the list does not show the map as it is now
        self.last_duration = 0.0  # seconds the last analysis took
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.summary = ToneLabel("", "hint", "2px")
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setToolTip("Analyse the map again (large maps are not analysed live)")
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        layout.addLayout(top)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.itemClicked.connect(self._activated)
        self.tree.itemActivated.connect(self._activated)
        layout.addWidget(self.tree, 1)
        self.setWidget(body)
        self.visibilityChanged.connect(self._visibility_changed)
        self._show()

    def sizeHint(self) -> QSize:
        return QSize(320, 440)  # a list worth reading when it shares the side with the inspector

    # ---- following a map -----------------------------------------------------------------

    def set_document(self, document: MapDocument | None) -> None:
        if self.document is not None:
            for signal in self._signals(self.document):
                signal.disconnect(self._map_changed)
        self.document = document
        if document is not None:
            for signal in self._signals(document):
                signal.connect(self._map_changed)
        self.findings = []
        self.stale = True
        self._timer.stop()
        if self.live and self.isVisible():
            self.refresh()
        else:
            self._show()

    @staticmethod
    def _signals(document: MapDocument):
        return (document.nodesAdded, document.nodesChanged, document.edgesAdded,
                document.edgesChanged, document.itemsRemoved, document.documentsChanged)

    @property
    def live(self) -> bool:
        """Whether the findings follow the map by themselves (not for very large maps)."""
        return self.document is not None and len(self.document.map.nodes) <= LIVE_LIMIT

    def _map_changed(self, *_args) -> None:
        self.stale = True
        if self.live and self.isVisible():
            self._timer.start()  # restarted by every change: one analysis after a burst
        else:
            self._update_summary()

    def _visibility_changed(self, visible: bool) -> None:
        if visible and self.stale and self.live:
            self._timer.start()

    # ---- analysing -----------------------------------------------------------------------

    def refresh(self) -> None:
        self._timer.stop()
        if self.document is None:
            self.findings = []
        else:
            started = time.perf_counter()
            self.findings = findings(self.document.map)
            self.last_duration = time.perf_counter() - started
        self.stale = False
        self._show()

    def _show(self) -> None:
        expanded = {self.tree.topLevelItem(i).data(0, KIND_ROLE)
                    for i in range(self.tree.topLevelItemCount())
                    if self.tree.topLevelItem(i).isExpanded()}
        self.tree.clear()
        self._update_summary()
        if self.document is None:
            return
        grouped: dict[str, list[Finding]] = {kind: [] for kind in KINDS}
        for finding in self.findings:
            grouped.setdefault(finding.kind, []).append(finding)
        for kind, items in grouped.items():
            if kind == "coverage":
                continue
            group = self._group(kind, len(items))
            for finding in items:
                child = QTreeWidgetItem(group, [finding.message])
                child.setToolTip(0, finding.message)
                child.setData(0, FINDING_ROLE, ("nodes", list(finding.nodes)))
            group.setExpanded(kind in expanded)
        coverage = grouped.get("coverage", [])
        group = self._group("coverage", len(coverage))
        amap = self.document.map
        for finding in coverage:
            source = amap.documents.get(finding.document)
            title = source.title if source else finding.document
            count = len(finding.passages)
            share = finding.share or 0.0
            child = QTreeWidgetItem(
                group, [f"{title}: {share:.0%} used, {count} unmapped passage"
                        f"{'' if count == 1 else 's'}"])
            child.setToolTip(0, finding.message)
            child.setData(0, KIND_ROLE, f"coverage:{finding.document}")
            for start, end in finding.passages:
                text = " ".join(source.text[start:end].split()) if source else ""
                if len(text) > PASSAGE_CHARS:
                    text = text[:PASSAGE_CHARS - 1].rstrip() + "…"
                passage = QTreeWidgetItem(child, [f"“{text}”"])
                passage.setToolTip(0, f"Characters {start}–{end}: show in the document")
                passage.setData(0, FINDING_ROLE, ("passage", finding.document, start, end))
            child.setExpanded(f"coverage:{finding.document}" in expanded)
        group.setExpanded("coverage" in expanded or bool(coverage))

    def _group(self, kind: str, count: int) -> QTreeWidgetItem:
        group = QTreeWidgetItem(self.tree, [f"{TITLES.get(kind, kind)} ({count})"])
        group.setData(0, KIND_ROLE, kind)
        group.setToolTip(0, HINTS.get(kind, ""))
        font = group.font(0)
        font.setBold(count > 0)
        group.setFont(0, font)
        if not count:
            group.setDisabled(True)
        return group

    def _update_summary(self) -> None:
        live = self.live
        self.refresh_button.setVisible(self.document is not None and not live)
        if self.document is None:
            self.summary.setText("No map is open.")
            return
        problems = sum(1 for f in self.findings if f.kind != "coverage")
        text = f"{problems} finding{'' if problems == 1 else 's'}"
        if self.stale and not live:
            text += " — the map changed; press Refresh (large map: not analysed live)"
        elif self.stale:
            text += " — updating…"
        self.summary.setText(text)

    # ---- reading the list ----------------------------------------------------------------

    def group_counts(self) -> dict[str, int]:
        """Findings per kind as the list shows them (coverage: documents)."""
        counts = {kind: 0 for kind in KINDS}
        for finding in self.findings:
            counts[finding.kind] = counts.get(finding.kind, 0) + 1
        return counts

    def group_item(self, kind: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, KIND_ROLE) == kind:
                return item
        return None

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, FINDING_ROLE)
        if not data:
            return
        if data[0] == "nodes":
            ids = [i for i in data[1] if self.document and i in self.document.map.nodes]
            if ids:
                self.nodesActivated.emit(ids)
        elif data[0] == "passage":
            _, document_id, start, end = data
            self.passageActivated.emit(document_id, int(start), int(end))
