"""DocumentImporter: files read off the GUI thread with progress, then one undoable import.

Reading (``ingest_file``) is pure Python and runs on a worker thread; everything that touches
the map happens back on the GUI thread, through ``MapDocument.import_documents``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from debatemap.app import dialogs
from debatemap.document.mapdocument import MapDocument
from debatemap.ingest import IngestedDocument, IngestError, ingest_file
from debatemap.store.imports import DocumentImport

PROGRESS_DELAY_MS = 300  # quick imports finish before the progress dialog would flash up


@dataclass
class ImportOutcome:
    imported: list[DocumentImport] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)  # file, reason
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # file, why (same content)
    replaced: list[tuple[str, DocumentImport]] = field(default_factory=list)  # old id, new version
    cancelled: bool = False


class _WorkerSignals(QObject):
    progressed = Signal(int, str)  # index of the file being read, its name
    done = Signal(list, bool)  # [(path, IngestedDocument | IngestError)], cancelled


class _IngestRunnable(QRunnable):
    """Reads the files one after another; checks for Cancel between files."""

    def __init__(self, paths: list[Path], signals: _WorkerSignals, cancel: threading.Event) -> None:
        super().__init__()
        self.paths = paths
        self.signals = signals
        self.cancel = cancel

    def run(self) -> None:
        results: list = []
        try:
            for index, path in enumerate(self.paths):
                if self.cancel.is_set():
                    break
                self.signals.progressed.emit(index, path.name)
                results.append((path, _read(path)))
            self.signals.done.emit(results, self.cancel.is_set())
        except RuntimeError:  # the receiver went away (the window closed): nobody is waiting
            pass


def _read(path: Path) -> IngestedDocument | IngestError:
    try:
        return ingest_file(path)
    except IngestError as error:
        return error
    except Exception as error:  # never let one odd file end the whole import with a traceback
        return IngestError(path, f"could not be read ({type(error).__name__}: {error})")


class DocumentImporter(QObject):
    """One import at a time into one MapDocument; reports through dialogs and ``message``."""

    finished = Signal(object)  # ImportOutcome, after the import (or its cancellation)
    message = Signal(str)  # for the status bar
    busyChanged = Signal(bool)

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.target: MapDocument | None = None
        self.progress: QProgressDialog | None = None
        self._paths: list[Path] = []
        self._cancel = threading.Event()
        self._signals: _WorkerSignals | None = None

    @property
    def busy(self) -> bool:
        return self.target is not None

    def start(self, document: MapDocument, paths: list[Path]) -> bool:
        """Begin importing ``paths`` into ``document``; False when an import is already running."""
        if self.busy or not paths:
            return False
        self.target = document
        self._paths = [Path(p) for p in paths]
        self._cancel = threading.Event()
        self._signals = _WorkerSignals(self)
        self._signals.progressed.connect(self._on_progress)
        self._signals.done.connect(self._on_done)
        self.progress = self._make_progress(len(self._paths))
        self.busyChanged.emit(True)
        self.pool.start(_IngestRunnable(self._paths, self._signals, self._cancel))
        return True

    def cancel(self) -> None:
        """Stop after the file being read; nothing is imported."""
        self._cancel.set()

    def abandon(self) -> None:
        """The map is closing: cancel and wait for the worker, discarding what it read."""
        self.cancel()
        self.pool.waitForDone()
        if self._signals is not None:
            self._signals.done.disconnect(self._on_done)
        self._finish_progress()
        self._reset()

    def _make_progress(self, count: int) -> QProgressDialog:
        progress = QProgressDialog("Reading…", "Cancel", 0, count if count > 1 else 0, self.parent_widget)
        progress.setWindowTitle("Import Documents")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(PROGRESS_DELAY_MS)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumWidth(380)
        progress.canceled.connect(self.cancel)
        progress.setValue(0)
        return progress

    def _on_progress(self, index: int, name: str) -> None:
        if self.progress is not None and not self._cancel.is_set():
            self.progress.setLabelText(f"Importing {index + 1} of {len(self._paths)}: {name}")
            if self.progress.maximum():
                self.progress.setValue(index)

    def _on_done(self, results: list, cancelled: bool) -> None:
        document = self.target
        self._finish_progress()
        self._reset()
        outcome = ImportOutcome(cancelled=cancelled)
        if cancelled or document is None:
            self.message.emit("Import cancelled; no documents were added.")
            self.finished.emit(outcome)
            return
        outcome = plan_import(document, results, self._ask_replace)
        for document_id, version in list(outcome.replaced):
            if document.reimport_document(document_id, version) is None:
                outcome.replaced.remove((document_id, version))
                outcome.failed.append((Path(version.document.origin), "the map could not store it"))
        if outcome.imported and not document.import_documents(outcome.imported):
            outcome.failed.extend((Path(i.document.origin), "the map could not store it") for i in outcome.imported)
            outcome.imported = []
        self._report(outcome)
        self.finished.emit(outcome)

    def _ask_replace(self, existing, path: Path) -> bool:
        return dialogs.ask_replace_older_version(self.parent_widget, existing.title, path)

    def _finish_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _reset(self) -> None:
        self.target = None
        if self._signals is not None:
            self._signals.deleteLater()
            self._signals = None
        self.busyChanged.emit(False)

    def _report(self, outcome: ImportOutcome) -> None:
        count = len(outcome.imported)
        if outcome.replaced:
            self.message.emit(f"Replaced {len(outcome.replaced)} older version(s);"
                              " claims were re-anchored (Ctrl+Z undoes it).")
        if count:
            noun = "document" if count == 1 else "documents"
            self.message.emit(f"Imported {count} {noun} (Ctrl+Z undoes the import).")
        elif not outcome.failed and not outcome.skipped and not outcome.replaced:
            self.message.emit("Nothing was imported.")
        if not outcome.failed and not outcome.skipped:
            return
        total = count + len(outcome.failed) + len(outcome.skipped)
        summary = (f"Imported {count} of {total} files." if count else f"None of the {total} files was imported.")
        lines = [f"{path.name}: {reason}" for path, reason in outcome.failed]
        lines += [f"{path.name}: skipped, {reason}" for path, reason in outcome.skipped]
        dialogs.show_import_report(self.parent_widget, summary, lines)
        if not count:
            self.message.emit(summary)


def plan_import(document: MapDocument, results: list, ask_replace=None) -> ImportOutcome:
    """Sort what the worker read into documents to import, failures and duplicates.

    A file imported before from the same path whose content changed is a newer version:
    ``ask_replace(existing_document, path)`` decides whether it replaces the older one."""
    outcome = ImportOutcome()
    seen: dict[str, Path] = {}
    for path, result in results:
        if isinstance(result, IngestError):
            outcome.failed.append((path, result.reason))
            continue
        existing = document.find_document_by_content(result.sha256)
        if existing is not None:
            outcome.skipped.append((path, f"its content is already in the map as “{existing.title}”"))
        elif result.sha256 in seen:
            outcome.skipped.append((path, f"same content as {seen[result.sha256].name}"))
        else:
            seen[result.sha256] = path
            version = DocumentImport.from_ingested(result, path)
            older = document.find_document_by_origin(version.document.origin)
            if older is not None and ask_replace is not None and ask_replace(older, path):
                outcome.replaced.append((older.id, version))
            else:
                outcome.imported.append(version)
    return outcome
