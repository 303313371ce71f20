"""AnalysisDock: what the map is missing (core.analysis findings), grouped by kind.

Clicking a node finding asks for those nodes to be selected (``nodesActivated``); clicking an
unmapped passage asks for it to be shown in the documents panel (``passageActivated``).

The findings are computed on a worker thread (``AnalysisRun``) from a snapshot of the map, a
moment after the map changes (as long as the last analysis took, at least
``REFRESH_DELAY_MS``) and only while the dock is visible; the list keeps showing the last
findings until the new ones arrive. An edit during a run cancels it (its result would
describe an older map) and a new run follows; Cancel stops the run and live updates until
Refresh. Maps over ``LIVE_LIMIT`` nodes are analysed when Refresh is pressed.
A group's rows are made when it is first expanded, ``FILL_CHUNK`` per turn of the event loop
(10,000 rows at once would hold the window for about 0.1 s).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from debatemap.core.analysis import KINDS, Finding, MapSnapshot, findings
from debatemap.document.mapdocument import MapDocument
from debatemap.widgets.analysis_run import AnalysisRun
from debatemap.widgets.following import refollow
from debatemap.widgets.tone_label import ToneLabel

REFRESH_DELAY_MS = 300  # analyse this long after the last change, or as long as the last
MAX_REFRESH_DELAY_MS = 2000  # analysis took (1.5-2 s at 10,000 nodes), up to this
# nodes; larger maps are analysed when Refresh is pressed. A run in the background never
# stops the window (longest 5 ms-heartbeat gap at 10,000 nodes: 20-75 ms, as when idle) but
# shares the GIL: at 10,000 nodes repaints take about twice as long and an undo up to three
# times while it runs (2 s), which live analysis would bring after every pause in editing
LIVE_LIMIT = 3000
POLL_MS = 20  # how often the GUI thread looks whether a run has finished
BUSY_DELAY_MS = 250  # a run that takes longer shows "Analysing…" and Cancel
FILL_CHUNK = 500  # rows added to an expanded group per turn of the event loop
PASSAGE_CHARS = 90  # characters of an unmapped passage shown in the list
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1  # ("nodes", ids) or ("passage", doc, start, end)
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
Row = tuple[str, str, tuple]  # a finding's row: its text, tooltip and FINDING_ROLE data

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
        self.error: str | None = None  # why the last analysis failed
        self.paused = False  # Cancel was pressed: no live updates until Refresh
        self.last_duration = 0.0  # seconds the last finished analysis took
        self.run: AnalysisRun | None = None  # under way (or winding down after a cancel)
        self._generation = 0  # counts the map's changes; a run of an older one is dropped
        self._start_when_done = False  # a run is wanted once the cancelled one has ended
        self._pending: dict[str, tuple[Sequence, Callable[..., Row]]] = {}  # rows not made yet
        self._lazy: dict[str, QTreeWidgetItem] = {}  # the items those rows go under
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_run)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.summary = ToneLabel("", "hint", "2px")
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the analysis cannot tell how far it is
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(80)
        self.progress.setAccessibleName("Analysing")
        top.addWidget(self.progress)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop this analysis (and live updates until Refresh)")
        self.cancel_button.clicked.connect(self.cancel)
        top.addWidget(self.cancel_button)
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
        self.tree.itemExpanded.connect(self._fill)
        layout.addWidget(self.tree, 1)
        self.setWidget(body)
        self.visibilityChanged.connect(self._visibility_changed)
        self._show()

    def sizeHint(self) -> QSize:
        return QSize(320, 440)  # a list worth reading when it shares the side with the inspector

    # ---- following a map -----------------------------------------------------------------

    def set_document(self, document: MapDocument | None) -> None:
        refollow(self.document, document, self._connections)
        self.document = document
        self._generation += 1
        self._stop_run()
        self.findings = []
        self.stale = True
        self.error = None
        self.paused = False
        self.last_duration = 0.0
        self._timer.stop()
        if self.live and self.isVisible():
            self.refresh()
        else:
            self._show()

    def _connections(self, document: MapDocument):
        signals = (document.nodesAdded, document.nodesChanged, document.edgesAdded,
                   document.edgesChanged, document.itemsRemoved, document.documentsChanged)
        return [(signal, self._map_changed) for signal in signals]

    @property
    def live(self) -> bool:
        """Whether the findings follow the map by themselves (not for very large maps)."""
        return self.document is not None and len(self.document.map.nodes) <= LIVE_LIMIT

    @property
    def busy(self) -> bool:
        """Whether an analysis of the map is under way (one being cancelled is not)."""
        return self.run is not None and not self.run.cancelled

    def _map_changed(self, *_args) -> None:
        self._generation += 1
        self.stale = True
        wanted = self.busy  # findings were being made: they are wanted for the new map too
        self._stop_run()
        if wanted or (self.live and self.isVisible() and not self.paused):
            delay = max(REFRESH_DELAY_MS, min(MAX_REFRESH_DELAY_MS, int(self.last_duration * 1000)))
            self._timer.start(delay)  # restarted by every change: one analysis after a burst
        self._update_summary()

    def _visibility_changed(self, visible: bool) -> None:
        if visible and self.stale and self.live and not self.paused and not self.busy:
            self._timer.start()

    # ---- analysing -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Analyse the map as it is now, on the worker thread."""
        self._timer.stop()
        self.paused = False
        if self.document is None:
            self._stop_run()
            self.findings, self.stale = [], False
            self._show()
            return
        if self.busy and self.run.generation == self._generation:
            return  # already analysing this very state
        if self.run is not None:  # one thread at a time: start when the old one has ended
            self.run.cancel()
            self._start_when_done = True
        else:
            self._start()
        self._update_summary()

    def cancel(self) -> None:
        """Stop the analysis under way; the list keeps the last findings."""
        self._timer.stop()
        if self.busy:
            self.paused = True
        self._stop_run()
        self._update_summary()

    def _start(self) -> None:
        self._start_when_done = False
        self.run = AnalysisRun(MapSnapshot.of(self.document.map), self._generation, findings)
        self._poll.start()

    def _stop_run(self) -> None:
        self._start_when_done = False
        if self.run is not None:
            self.run.cancel()  # _check_run lets go of it once its thread has ended

    def _check_run(self) -> None:
        run = self.run
        if run is None:
            self._poll.stop()
            return
        if not run.done:
            if run.elapsed * 1000 >= BUSY_DELAY_MS and not self.progress.isVisibleTo(self):
                self._update_summary()  # shows "Analysing…" and Cancel
            return
        self.run = None
        self._poll.stop()
        if not run.cancelled and run.generation == self._generation:
            self.last_duration = run.duration
            self.error = run.error
            if run.error is None:
                self.findings = run.result
                self.stale = False
                self._show()
        if self._start_when_done and self.document is not None:
            self._start()
        self._update_summary()

    # ---- the list ------------------------------------------------------------------------

    def _show(self) -> None:
        expanded = {self.tree.topLevelItem(i).data(0, KIND_ROLE)
                    for i in range(self.tree.topLevelItemCount())
                    if self.tree.topLevelItem(i).isExpanded()}
        coverage_group = self.group_item("coverage")
        if coverage_group is not None:
            expanded |= {coverage_group.child(i).data(0, KIND_ROLE)
                         for i in range(coverage_group.childCount())
                         if coverage_group.child(i).isExpanded()}
        self._pending.clear()
        self._lazy.clear()
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
            self._defer(group, items, _finding_row)
            if kind in expanded:
                group.setExpanded(True)
        coverage = grouped.get("coverage", [])
        group = self._group("coverage", len(coverage))
        documents = self.document.map.documents
        for finding in coverage:
            source = documents.get(finding.document)
            title = source.title if source else finding.document
            count = len(finding.passages)
            share = finding.share or 0.0
            child = QTreeWidgetItem(
                group, [f"{title}: {share:.0%} used, {count} unmapped passage"
                        f"{'' if count == 1 else 's'}"])
            child.setToolTip(0, finding.message)
            child.setData(0, KIND_ROLE, f"coverage:{finding.document}")
            self._defer(child, finding.passages, partial(_passage_row, finding.document, source))
            if f"coverage:{finding.document}" in expanded:
                child.setExpanded(True)
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

    def _defer(self, item: QTreeWidgetItem, entries: Sequence, row: Callable[..., Row]) -> None:
        """Give ``item`` a row per entry, ``row(entry)``, once it is expanded."""
        if entries:
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            key = item.data(0, KIND_ROLE)
            self._pending[key] = (entries, row)
            self._lazy[key] = item

    def _fill(self, item: QTreeWidgetItem) -> None:
        key = item.data(0, KIND_ROLE)
        entries, row = self._pending.pop(key, ((), None))
        children = []
        for entry in entries[:FILL_CHUNK]:
            text, tip, data = row(entry)
            child = QTreeWidgetItem([text])
            child.setToolTip(0, tip)
            child.setData(0, FINDING_ROLE, data)
            children.append(child)
        item.addChildren(children)
        if len(entries) > FILL_CHUNK:
            self._pending[key] = (entries[FILL_CHUNK:], row)
            QTimer.singleShot(0, self, lambda: self._fill_more(key))

    def _fill_more(self, key: str) -> None:
        item = self._lazy.get(key)
        if item is not None and key in self._pending:
            self._fill(item)

    def _update_summary(self) -> None:
        busy = self.busy
        shown_busy = busy and self.run.elapsed * 1000 >= BUSY_DELAY_MS
        self.progress.setVisible(shown_busy)
        self.cancel_button.setVisible(shown_busy)
        self.refresh_button.setVisible(
            self.document is not None and not shown_busy
            and (not self.live or self.paused or self.error is not None))
        if self.document is None:
            self.summary.setText("No map is open.")
            return
        problems = sum(1 for f in self.findings if f.kind != "coverage")
        text = f"{problems} finding{'' if problems == 1 else 's'}"
        if shown_busy:
            text += " — analysing…"
        elif self.error is not None:
            text += f" — the analysis failed ({self.error}); press Refresh to try again"
        elif self.stale and self.paused:
            text += " — analysis cancelled; press Refresh to analyse the map"
        elif self.stale and (busy or self.live or self._timer.isActive() or self._start_when_done):
            text += " — updating…"
        elif self.stale:
            text += " — the map changed; press Refresh (large map: not analysed live)"
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


def _finding_row(finding: Finding) -> Row:
    return finding.message, finding.message, ("nodes", list(finding.nodes))


def _passage_row(document_id: str, source, span: tuple[int, int]) -> Row:
    start, end = span
    text = " ".join(source.text[start:end].split()) if source else ""
    if len(text) > PASSAGE_CHARS:
        text = text[:PASSAGE_CHARS - 1].rstrip() + "…"
    return (f"“{text}”", f"Characters {start}–{end}: show in the document",
            ("passage", document_id, start, end))
