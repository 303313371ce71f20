"""install(window): the Replay dock, Workshop → Replay / Replay as Slides / Export Replay
Frames… / Export Handout… (the handout also in the File menu, after Export…), following the
window's open map."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QProgressDialog, QPushButton, QSpinBox, QWidget)

from debatemap.app import dialogs
from debatemap.app.handout_export import export_handout
from debatemap.app.replay_frames import (DEFAULT_SIZE, SIZES, FrameExport, FrameOptions,
                                         FrameResult, existing_frames, frame_points)
from debatemap.core.errors import DebatemapError
from debatemap.widgets.replay_panel import ReplayDock

if TYPE_CHECKING:
    from debatemap.app.main_window import MainWindow


def install(window: "MainWindow") -> "WorkshopReplay":
    """Create the replay dock and the replay and handout actions in ``window``."""
    return WorkshopReplay(window)


# ---- the dialogs (module functions, so that tests can answer them) ----------------------------


def ask_frame_options(parent: QWidget | None, span: tuple[int, int],
                      folder: str = "") -> FrameOptions | None:
    """The folder, the step (one frame every N events), the size and the caption of a frame
    export; None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Export Replay Frames")
    form = QFormLayout(dialog)
    folder_line = QLineEdit(folder, dialog)
    browse = QPushButton("Choose…", dialog)
    browse.clicked.connect(lambda: folder_line.setText(
        QFileDialog.getExistingDirectory(dialog, "Folder for the frames", folder_line.text())
        or folder_line.text()))
    row = QHBoxLayout()
    row.addWidget(folder_line, 1)
    row.addWidget(browse)
    form.addRow("&Folder:", row)
    every = QSpinBox(dialog)
    every.setRange(1, max(1, span[1] - span[0]))
    every.setPrefix("one frame every ")
    every.setSuffix(" event(s)")
    form.addRow("&Step:", every)
    size = QComboBox(dialog)
    size.addItems(list(SIZES))
    size.setCurrentText(DEFAULT_SIZE)
    form.addRow("Frame si&ze:", size)
    caption = QCheckBox("&Caption each frame with the event, its time and who acted", dialog)
    caption.setChecked(True)
    form.addRow(caption)
    count = QLabel(dialog)
    every.valueChanged.connect(lambda n: count.setText(
        f"{len(frame_points(span[0], span[1], n))} frames, named frame-0001.png…,"
        " all the same size (for a video)"))
    every.valueChanged.emit(every.value())
    form.addRow(count)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted or not folder_line.text().strip():
        return None
    return FrameOptions(Path(folder_line.text().strip()), every.value(), SIZES[size.currentText()],
                        caption.isChecked())


def confirm_replace_frames(parent: QWidget | None, folder: Path, count: int) -> bool:
    answer = QMessageBox.question(
        parent, "Replace the frames?",
        f"{folder} already holds {count} frame file{'s' if count != 1 else ''} (frame-0001.png…)"
        " from an earlier export.\n\nReplace them with the new frames?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


# ---- the controller ---------------------------------------------------------------------------


class WorkshopReplay(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.document = None
        self.dock = ReplayDock(window)
        self.panel = self.dock.panel
        self.panel.choose_screen = self._audience_screen
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.dock.visibilityChanged.connect(self._dock_shown)
        self.frame_export: FrameExport | None = None
        self.progress: QProgressDialog | None = None
        self._build_actions()
        window.documentChanged.connect(self._document_changed)
        self._document_changed(window.document)

    def _action(self, text: str, slot, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        window = self.window
        menu = window.workshop_menu
        self.replay_toggle = self.dock.toggleViewAction()
        self.replay_toggle.setText("&Replay")
        self.replay_toggle.setShortcut(QKeySequence("Ctrl+Alt+R"))
        self.replay_toggle.setStatusTip("Step through the map's history: the map as it was after"
                                        " each event (read-only)")
        window.addAction(self.replay_toggle)
        self.slides_action = self._action(
            "Replay as &Slides", self.panel.show_screen,
            "The replay full screen (on the audience's screen when it is open): Right/Space next,"
            " Left previous, P play, Esc close")
        self.frames_action = self._action(
            "Export Replay &Frames…", self.export_frames,
            "Write the history as numbered PNG frames of one size, to make a video of")
        self.handout_action = self._action(
            "Export &Handout…", lambda: export_handout(window),
            "The workshop handout as Markdown (with the map as PNG) or PDF: participants, agenda,"
            " the map, each question's arguments, votes, decisions and the parking lot")
        menu.addSeparator()
        for action in (self.replay_toggle, self.slides_action, self.frames_action,
                       self.handout_action):
            menu.addAction(action)
        self._add_to_file_menu(self.handout_action)

    def _add_to_file_menu(self, action: QAction) -> None:
        """Put ``action`` right after File → Export… (menus.py is not ours to change)."""
        export = getattr(self.window, "export_action", None)
        for top in self.window.menuBar().actions():
            menu = top.menu()
            if menu is None or export not in menu.actions():
                continue
            actions = menu.actions()
            after = actions.index(export) + 1
            menu.insertAction(actions[after] if after < len(actions) else None, action)
            return

    # ---- following the open map ------------------------------------------------------------

    def _document_changed(self, document) -> None:
        if self.frame_export is not None and self.frame_export.is_running():
            self.frame_export.cancel()  # its frames were of the map that is closing
        self.document = document
        self.panel.set_document(document)
        for action in (self.slides_action, self.frames_action, self.handout_action):
            action.setEnabled(document is not None)

    def _dock_shown(self, visible: bool) -> None:
        if visible:
            self.panel.slider.setFocus(Qt.FocusReason.OtherFocusReason)

    def _audience_screen(self):
        audience = getattr(self.window, "audience", None)
        if audience is not None and audience.is_open():
            return audience.audience_window.screen()
        return None

    # ---- frames ----------------------------------------------------------------------------

    def export_frames(self) -> FrameExport | None:
        """Ask for the options, then export the frames in slices behind a progress dialog with
        Cancel; the outcome goes to the status bar, or to one error dialog."""
        document, window = self.document, self.window
        if document is None or (self.frame_export is not None and self.frame_export.is_running()):
            return None
        span = document.workshop.replay_range()
        if span is None:
            dialogs.show_error(window, "Export Replay Frames",
                               "This map's history was recorded by an older version of Debatemap"
                               " and cannot be replayed, so there are no frames to export.")
            return None
        options = ask_frame_options(window, span, str(document.path.parent))
        if options is None:
            return None
        earlier = existing_frames(options.folder)
        if earlier and not confirm_replace_frames(window, options.folder, len(earlier)):
            return None
        try:
            export = FrameExport(document, options, self)
        except DebatemapError as error:
            dialogs.show_error(window, "Export Replay Frames", str(error))
            return None
        progress = QProgressDialog("Exporting replay frames…", "Cancel", 0, export.total, window)
        progress.setWindowTitle("Export Replay Frames")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        export.progressed.connect(lambda done, total: progress.setValue(done))
        progress.canceled.connect(export.cancel)
        export.finished.connect(self._frames_written)
        export.failed.connect(self._frames_failed)
        export.cancelled.connect(lambda: self._frames_ended("Export of the replay frames cancelled;"
                                                            " nothing was written."))
        self.frame_export, self.progress = export, progress
        progress.show()
        export.start()
        return export

    def _close_progress(self) -> None:
        if self.progress is not None:
            progress, self.progress = self.progress, None
            progress.canceled.disconnect()
            progress.close()
            progress.deleteLater()

    def _frames_ended(self, message: str) -> None:
        self._close_progress()
        self.window.statusBar().showMessage(message, 8000)

    def _frames_written(self, result: FrameResult) -> None:
        width, height = result.size
        self._frames_ended(f"Wrote {result.frames} frames ({width} × {height}) to {result.folder}")

    def _frames_failed(self, message: str) -> None:
        self._close_progress()
        dialogs.show_error(self.window, "Export Replay Frames", message)
