"""File → Import Map…: another tool's map (Argdown, AIF/OVA, Kialo, Compendium) read into a new
.debatemap file off the GUI thread, then opened in the window."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from debatemap.app import dialogs
from debatemap.core.errors import DebatemapError
from debatemap.store.mapfile import SUFFIX

if TYPE_CHECKING:
    from debatemap.app.main_window import MainWindow

PROGRESS_DELAY_MS = 300  # a quick import finishes before the progress dialog would flash up
T = TypeVar("T")


@dataclass
class Converted:
    nodes: int
    edges: int


def import_map(window: "MainWindow") -> bool:
    """Ask for the foreign map and for the new map's name, convert, open. An import never
    overwrites a file; any failure is one dialog and leaves no file behind."""
    source = dialogs.ask_foreign_map_path(window, window._last_directory())
    if source is None:
        return False
    target = dialogs.ask_save_path(window, "Save the Imported Map As",
                                   str(free_target(source)), confirm_overwrite=False)
    if target is None:
        return False
    if not target.name.lower().endswith(SUFFIX):
        target = target.with_name(target.name + SUFFIX)
    if target.exists():
        dialogs.show_error(window, "Import Map", f"{target}: already exists; an import makes a"
                           " new map, so choose a new name")
        return False
    outcome = run_in_background(window, f"Importing {source.name}…", lambda: convert(source, target))
    if isinstance(outcome, BaseException):
        dialogs.show_error(window, "Import Map", describe(outcome, source))
        return False
    if not window.open_path(target):
        return False
    window.statusBar().showMessage(
        f"Imported {source.name} as {target.name}: {outcome.nodes} nodes, {outcome.edges} links", 8000)
    return True


def convert(source: Path, target: Path) -> Converted:
    """Read ``source`` (laid out when it has no positions) and write it as the new map ``target``."""
    from debatemap.interchange.registry import read_map
    from debatemap.store.session import MapSession

    amap = read_map(source)
    MapSession.create_from(target, amap).close()
    return Converted(len(amap.nodes), len(amap.edges))


def free_target(source: Path) -> Path:
    """``name.debatemap`` beside the source (``name-2.debatemap``… when taken)."""
    stem = source.name
    for suffix in (".aif.json", ".kialo.txt", ".argdown", ".json", ".txt", ".xml"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    candidate = source.with_name(stem + SUFFIX)
    number = 2
    while candidate.exists():
        candidate = source.with_name(f"{stem}-{number}{SUFFIX}")
        number += 1
    return candidate


def describe(error: BaseException, source: Path) -> str:
    if isinstance(error, DebatemapError):
        return str(error)
    if isinstance(error, OSError):
        return f"{error.filename or source}: {error.strerror or error}"
    return f"{source}: could not be imported ({type(error).__name__}: {error})"


def run_in_background(parent: QWidget, label: str, work: Callable[[], T]) -> T | BaseException:
    """``work()`` on a worker thread while the window stays responsive behind a modal progress
    dialog (shown only if it takes a while); its result, or the exception it raised."""
    outcome: list = []
    finished = threading.Event()

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # handed to the GUI thread, which shows it
            outcome.append(error)
        finally:
            finished.set()

    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setCancelButton(None)  # reading a map is not interruptible; it is short
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(PROGRESS_DELAY_MS)
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(15)
    poll.timeout.connect(lambda: loop.quit() if finished.is_set() else None)
    thread = threading.Thread(target=run, name="import-map", daemon=True)
    thread.start()
    poll.start()
    if not finished.is_set():
        loop.exec()
    poll.stop()
    thread.join()
    progress.close()
    progress.deleteLater()
    return outcome[0]
