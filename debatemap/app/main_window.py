"""MainWindow: the map on the canvas, the documents dock, the menus, and switching maps."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QProgressDialog,
    QUndoView,
    QWidget,
)

from debatemap.app import dialogs, heap, reimport
from debatemap.app.actions import EditActions
from debatemap.app.audience import Audience
from debatemap.app.map_actions import MapActions
from debatemap.app.menus import build_menus
from debatemap.app.presentation import Presentation
from debatemap.app.shortcuts_window import ShortcutsWindow
from debatemap.app.importer import DocumentImporter, ImportOutcome
from debatemap.app.recent import RecentFiles
from debatemap.app.workshop_ui import install_workshop
from debatemap.canvas.scene import BuildCancelled, MapScene
from debatemap.canvas.view import MapView
from debatemap.core.errors import DebatemapError
from debatemap.document.mapdocument import MapDocument
from debatemap.store.mapfile import SUFFIX
from debatemap.widgets.analysis_panel import AnalysisDock
from debatemap.widgets.document_panel import DocumentPanel
from debatemap.widgets.find_bar import FindDock
from debatemap.widgets.inspector import InspectorDock
from debatemap.widgets.why_popup import WhyPopup

APP_NAME = "Debatemap"
GEOMETRY_KEY = "mainWindow/geometry"
STATE_KEY = "mainWindow/state"  # docks and toolbars
IMPORT_DIRECTORY_KEY = "mainWindow/importDirectory"
DOCK_WIDTH = 420
INSPECTOR_WIDTH = 300
DIRECTORY_KEY = "mainWindow/lastDirectory"
LARGE_MAP_ITEMS = 3000  # cards + links from which opening shows progress (about a second of work)
PROGRESS_EVENTS_S = 0.05  # the window repaints at least this often while a large map opens
AUTOSAVE_NOTE = "Every change is saved to the file as you make it."
NO_MAP_HINT = "No map is open.\nOpen a map (Ctrl+O) or create a new one (Ctrl+N)."
EMPTY_MAP_HINT = (
    "This map is empty.\nDouble-click to add a claim, or drag sentences from the documents."
)


class MainWindow(QMainWindow):
    #: the open map changed (a MapDocument, or None): for tools installed beside the built-in ones
    documentChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, workshop_tools: bool = True) -> None:
        """``workshop_tools=False`` leaves out the workshop tools (app/workshop_ui.py), for
        tests that install one of them on its own."""
        super().__init__(parent)
        self.document: MapDocument | None = None
        self.scene: MapScene | None = None
        self.recent = RecentFiles()
        self.view = MapView(self)
        self.setCentralWidget(self.view)
        self.document_panel = DocumentPanel(self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.document_panel)
        self.document_panel.importRequested.connect(self.import_files)
        self.importer = DocumentImporter(self)
        self.importer.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.importer.busyChanged.connect(lambda _busy: self._update_actions())
        self.importer.finished.connect(self._on_import_finished)
        self.counts_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)
        self.evaluation_label = QLabel()
        self.evaluation_label.setToolTip("Claims in, out and undecided under the map's evaluation")
        self.statusBar().addPermanentWidget(self.evaluation_label)
        self.view.selectionChangedIds.connect(self._selection_changed)
        self.view.goToSourceRequested.connect(self.go_to_source)
        self.view.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.inspector = InspectorDock(self)
        self.inspector.goToSourceRequested.connect(self.go_to_source)
        self.inspector.whyRequested.connect(self.explain)
        self.why_popup = WhyPopup(self)
        self.why_popup.nodesActivated.connect(self.show_nodes)
        if hasattr(self.view, "whyRequested"):
            self.view.whyRequested.connect(self.explain)
        self.analysis_dock = AnalysisDock(self)
        self.analysis_dock.nodesActivated.connect(self.show_nodes)
        self.analysis_dock.passageActivated.connect(self.document_panel.show_passage)
        self.find_dock = FindDock(self)
        self.find_dock.nodeActivated.connect(self.show_node)
        self.find_dock.passageActivated.connect(self.document_panel.show_passage)
        self.history_view = QUndoView()
        self.history_view.setEmptyLabel("<opened>")
        self.history_dock = QDockWidget("Undo History", self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history_view)
        right = Qt.DockWidgetArea.RightDockWidgetArea
        for dock in (self.inspector, self.find_dock, self.history_dock, self.analysis_dock):
            self.addDockWidget(right, dock)
        self.find_dock.hide()
        self.history_dock.hide()
        self.analysis_dock.hide()
        self.edit_actions = EditActions(self)
        self.map_actions = MapActions(self)
        self.presentation = Presentation(self)
        self.audience = Audience(self, self.presentation)
        if hasattr(self.view, "focusChanged"):
            self.view.focusChanged.connect(self.map_actions.update_enabled)
        self.undo_action: QAction
        self.redo_action: QAction
        build_menus(self)
        self.workshop_tools = install_workshop(self) if workshop_tools else None
        QApplication.clipboard().dataChanged.connect(self.edit_actions.update_enabled)
        self._restore_geometry()
        self._document_switched()

    # ---- menus ---------------------------------------------------------------------------

    def _install_undo_actions(self, stack: QUndoStack | None) -> None:
        """Undo/Redo follow the open map's own stack (their text names the next step)."""
        for old in (self.undo_action, self.redo_action):
            self.edit_menu.removeAction(old)
            self.removeAction(old)
            old.deleteLater()
        if stack is None:
            self.undo_action, self.redo_action = QAction("&Undo", self), QAction("&Redo", self)
            self.undo_action.setEnabled(False)
            self.redo_action.setEnabled(False)
        else:
            self.undo_action = stack.createUndoAction(self, "&Undo")
            self.redo_action = stack.createRedoAction(self, "&Redo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        # Ctrl+Y and Ctrl+Shift+Z both redo, whatever the platform lists first
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        for extra in (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")):
            if extra not in redo_keys:
                redo_keys.append(extra)
        self.redo_action.setShortcuts(redo_keys)
        self.edit_menu.insertActions(self._edit_separator, [self.undo_action, self.redo_action])

    def rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent.paths()
        for number, path in enumerate(paths, start=1):
            label = f"&{number} {path.name}" if number < 10 else f"1&0 {path.name}"
            action = self.recent_menu.addAction(label)
            action.setData(str(path))
            action.setStatusTip(str(path))
            action.setToolTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_recent(p))
        if not paths:
            self.recent_menu.addAction("No recent maps").setEnabled(False)
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction("&Clear Menu")
        clear.setEnabled(bool(paths))
        clear.triggered.connect(self.clear_recent)

    # ---- opening and switching maps ------------------------------------------------------

    def open_path(self, path: Path | str) -> bool:
        """Open a map file; on failure say why and keep the current map open."""
        path = Path(path)
        if self.document is not None and _same_file(path, self.document.path):
            self.statusBar().showMessage(f"{path.name} is already open", 5000)
            return True
        try:
            document = MapDocument.open(path)
        except DebatemapError as error:
            dialogs.show_error(self, "Cannot open map", str(error))
            return False
        scene = self._build_scene(document)
        if scene is None:
            document.close()
            self.statusBar().showMessage(f"Opening {path.name} was cancelled", 8000)
            return False
        self._set_document(document, scene)
        self.recent.add(path)
        self.rebuild_recent_menu()
        self._remember_directory(path)
        self.statusBar().showMessage(f"Opened {path}. {AUTOSAVE_NOTE}", 8000)
        return True

    def open_map(self) -> None:
        path = dialogs.ask_open_path(self, self._last_directory())
        if path is not None:
            self.open_path(path)

    def open_recent(self, path: Path) -> None:
        if not path.exists():
            self.recent.remove(path)
            self.rebuild_recent_menu()
            dialogs.show_notice(
                self, "Map not found", f"{path} no longer exists; it was removed from the recent maps."
            )
            return
        self.open_path(path)

    def clear_recent(self) -> None:
        self.recent.clear()
        self.rebuild_recent_menu()

    def new_map(self) -> None:
        path = dialogs.ask_save_path(
            self, "New Map", self._last_directory(), confirm_overwrite=False
        )
        if path is None:
            return
        path = _with_suffix(path)
        try:
            document = MapDocument.create(path, title=path.stem)
        except DebatemapError as error:
            dialogs.show_error(self, "Cannot create map", str(error))
            return
        self._set_document(document)
        self.recent.add(path)
        self.rebuild_recent_menu()
        self._remember_directory(path)
        self.statusBar().showMessage(f"Created {path}. {AUTOSAVE_NOTE}", 8000)

    def save_as(self) -> None:
        """Copy the map to a new file and continue there (the old file stays as it is now)."""
        if self.document is None:
            return
        path = dialogs.ask_save_path(self, "Save Map As", str(self.document.path.parent))
        if path is None:
            return
        path = _with_suffix(path)
        if _same_file(path, self.document.path):
            self.statusBar().showMessage(f"{path.name} is already saved. {AUTOSAVE_NOTE}", 8000)
            return
        try:
            self.document.save_copy(path)
            document = MapDocument.open(path)
        except DebatemapError as error:
            dialogs.show_error(self, "Cannot save map", str(error))
            return
        old_path = self.document.path
        self._set_document(document)
        self.recent.add(path)
        self.rebuild_recent_menu()
        self._remember_directory(path)
        self.statusBar().showMessage(
            f"Saved a copy as {path} and switched to it; {old_path.name} keeps the map as it"
            f" was. {AUTOSAVE_NOTE}",
            10000,
        )

    def _build_scene(self, document: MapDocument) -> MapScene | None:
        """The scene of a map about to be shown; a large map's cards are made behind a progress
        dialog that keeps the window painting and can cancel (None then)."""
        amap = document.map
        total = len(amap.nodes) + len(amap.edges)
        if total < LARGE_MAP_ITEMS:
            return MapScene(document, self)
        progress = QProgressDialog(f"Opening {document.path.name}…", "Cancel", 0, total, self)
        progress.setWindowTitle("Opening Map")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        last = [time.monotonic()]

        def report(done: int, total: int) -> bool:
            now = time.monotonic()
            if now - last[0] >= PROGRESS_EVENTS_S:
                last[0] = now
                progress.setLabelText(f"Opening {document.path.name}: {done:,} of {total:,}"
                                      " cards and links")
                progress.setValue(done)
                QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            scene = MapScene(document, progress=report)  # no parent yet: a cancelled one is freed
        except BuildCancelled:
            return None
        else:
            scene.setParent(self)
            return scene
        finally:
            progress.close()
            progress.deleteLater()

    def _set_document(self, document: MapDocument | None, scene: MapScene | None = None) -> None:
        if self.importer.busy:
            self.importer.abandon()  # what it read was meant for the map that is closing
        old_document, old_scene = self.document, self.scene
        if old_scene is not None:
            old_scene.detach()
        self.document = document
        self.scene = None
        if document is not None:
            document.setParent(self)
            document.errorOccurred.connect(self._on_document_error)
            document.titleChanged.connect(self._update_title)
            document.documentsChanged.connect(lambda _ids: self._update_actions())
            document.nodesChanged.connect(lambda _ids: self.edit_actions.update_enabled())
            document.evaluationChanged.connect(self._update_evaluation_counts)
            self.scene = scene if scene is not None else MapScene(document, self)
            self.scene.mapChanged.connect(self._update_counts)
        self.view.set_map_scene(self.scene)
        self.audience.set_map_scene(self.scene)
        self.presentation.document_switched()
        self.document_panel.set_document(document)
        self.inspector.set_document(document)
        self.find_dock.set_document(document)
        self.analysis_dock.set_document(document)
        self.why_popup.set_document(document)
        self.history_view.setStack(document.undo_stack if document is not None else None)
        self._selection_changed(self.view.selected_node_ids(), self.view.selected_edge_ids())
        if old_scene is not None:
            old_scene.deleteLater()
        if old_document is not None:
            old_document.close()
            old_document.deleteLater()
        self._document_switched()
        items = len(self.scene.node_items) + len(self.scene.edge_items) if self.scene else 0
        if old_scene is not None or items >= heap.FREEZE_FROM_ITEMS:
            # after the old scene's deferred deletion, so its cycles are freed, not frozen
            replaced = old_scene is not None
            QTimer.singleShot(0, lambda: heap.settle(items, replaced))

    def _document_switched(self) -> None:
        self.documentChanged.emit(self.document)
        has_map = self.document is not None
        self._install_undo_actions(self.document.undo_stack if has_map else None)
        for action in (self.save_as_action, self.rename_action, self.export_action):
            action.setEnabled(has_map)
        self._update_actions()
        self.edit_actions.update_enabled()
        self.view.set_placeholder(EMPTY_MAP_HINT if has_map else NO_MAP_HINT)
        self.map_actions.document_switched()
        self._update_title()
        self._update_counts()

    def _update_actions(self) -> None:
        idle = self.document is not None and not self.importer.busy
        self.import_action.setEnabled(idle)
        self.reimport_action.setEnabled(idle and bool(self.document.map.documents))

    # ---- importing documents -------------------------------------------------------------

    def import_documents(self) -> None:
        if self.document is None:
            return
        directory = str(QSettings().value(IMPORT_DIRECTORY_KEY, self._last_directory()))
        paths = dialogs.ask_import_paths(self, directory)
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[Path]) -> None:
        """Read the files off the GUI thread, then add them as one undoable step."""
        if self.document is None:
            self.statusBar().showMessage("Open or create a map before importing documents.", 8000)
            return
        if self.importer.busy:
            self.statusBar().showMessage("An import is still running.", 5000)
            return
        paths = [Path(p) for p in paths]
        QSettings().setValue(IMPORT_DIRECTORY_KEY, str(paths[0].resolve().parent))
        self.importer.start(self.document, paths)

    def _on_import_finished(self, outcome: ImportOutcome) -> None:
        self._update_actions()
        if outcome.imported:
            self.document_panel.show()
            self.document_panel.raise_()
            self.document_panel.select_document(outcome.imported[0].document.id)

    # ---- editing intents -----------------------------------------------------------------

    def delete_selection(self) -> None:
        self.edit_actions.delete_selection()

    def reimport_document(self) -> None:
        reimport.reimport_document(self)

    # ---- selection and provenance --------------------------------------------------------

    def _selection_changed(self, node_ids: list, edge_ids: list) -> None:
        self.edit_actions.selection_changed(node_ids, edge_ids)
        self.map_actions.update_enabled()
        self.inspector.set_selection(node_ids, edge_ids)
        if len(node_ids) == 1 and not edge_ids:
            self.go_to_source(node_ids[0], quiet=True)

    def go_to_source(self, node_id: str, quiet: bool = False) -> bool:
        """Show the passage a claim was taken from in the documents panel, highlighted."""
        amap = self.document.map if self.document is not None else None
        node = amap.nodes.get(node_id) if amap is not None else None
        excerpt = amap.excerpts.get(node.excerpt_id) if node and node.excerpt_id else None
        if excerpt is None:
            if not quiet:
                self.statusBar().showMessage("This claim was not taken from a document.", 5000)
            return False
        if excerpt.status == "lost":
            self.statusBar().showMessage(
                "This passage was not found in the re-imported document; showing where it was.", 8000)
        return self.document_panel.show_passage(excerpt.document_id, excerpt.start, excerpt.end)

    def show_node(self, node_id: str) -> None:
        """Select a node on the canvas and bring it into view (a find result)."""
        self.view.select_items([node_id])
        self.view.center_on_node(node_id)

    def show_nodes(self, node_ids: list) -> None:
        """Select nodes on the canvas and bring the first into view (analysis, why?)."""
        ids = [i for i in node_ids if self.document is not None and i in self.document.map.nodes]
        if ids:
            self.view.select_items(ids)
            self.view.center_on_node(ids[0])

    def explain(self, node_id: str) -> bool:
        """Show why a node is in, out or undecided, in the non-modal Why? popup."""
        if not self.why_popup.explain(node_id):
            return False
        if not self.why_popup.property("placed"):
            corner = self.mapToGlobal(self.rect().topRight())
            self.why_popup.move(corner.x() - self.why_popup.width() - 340, corner.y() + 80)
            self.why_popup.setProperty("placed", True)
        return True

    def show_shortcuts(self) -> None:
        self.shortcuts_window = ShortcutsWindow(self.menuBar(), self)
        self.shortcuts_window.show()

    def rename_map(self) -> None:
        if self.document is None:
            return
        title = dialogs.ask_text(self, "Rename Map", "Title:", self.document.title)
        if title is not None and title.strip() != self.document.title:
            self.document.rename(title)

    # ---- window state --------------------------------------------------------------------

    def _update_title(self, *_args) -> None:
        if self.document is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowFilePath("")
        else:
            self.setWindowTitle(f"{self.document.title} — {APP_NAME}")
            self.setWindowFilePath(str(self.document.path))

    def _update_counts(self) -> None:
        if self.document is None:
            self.counts_label.setText("")
            self.evaluation_label.setText("")
            return
        amap = self.document.map
        self.counts_label.setText(f"{len(amap.nodes)} nodes, {len(amap.edges)} links")
        self.view.viewport().update()  # the empty-map hint depends on the count
        self._update_evaluation_counts()

    def _update_evaluation_counts(self) -> None:
        if self.document is None or not self.document.map.nodes:
            self.evaluation_label.setText("")
            return
        counts = self.document.evaluation().counts()
        semantics = self.document.semantics
        self.evaluation_label.setText(
            f"{counts['in']} in, {counts['out']} out, {counts['undecided']} undecided")
        self.evaluation_label.setToolTip(
            f"Claims in, out and undecided ({semantics} semantics; Map → Evaluation)")

    def _on_document_error(self, message: str) -> None:
        dialogs.show_error(self, APP_NAME, message)

    def _restore_geometry(self) -> None:
        geometry = QSettings().value(GEOMETRY_KEY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(1200, 780)
        state = QSettings().value(STATE_KEY)
        if not (isinstance(state, QByteArray) and self.restoreState(state)):
            self.resizeDocks([self.document_panel, self.inspector], [DOCK_WIDTH, INSPECTOR_WIDTH],
                             Qt.Orientation.Horizontal)
        available = self.screen().availableGeometry()  # the screen may be smaller than last time
        if self.width() > available.width() or self.height() > available.height():
            self.resize(min(self.width(), int(available.width() * 0.95)),
                        min(self.height(), int(available.height() * 0.95)))
            self.move(available.topLeft())

    def _last_directory(self) -> str:
        return str(QSettings().value(DIRECTORY_KEY, str(Path.home())))

    def _remember_directory(self, path: Path) -> None:
        QSettings().setValue(DIRECTORY_KEY, str(path.resolve().parent))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.presentation.leave()  # the window's own geometry and docks are what is saved
        self.audience.close()
        QSettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        QSettings().setValue(STATE_KEY, self.saveState())
        self._set_document(None)
        super().closeEvent(event)


def _with_suffix(path: Path) -> Path:
    return path if path.suffix == SUFFIX else path.with_name(path.name + SUFFIX)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
