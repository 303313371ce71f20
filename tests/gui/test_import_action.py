"""File > Import Documents through the real main window: worker thread, progress, report, undo."""

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QPushButton

from debatemap.app import importer as importer_module
from debatemap.ingest import ingest_file
from debatemap.store.session import MapSession
from debatemap.widgets.text_formats import CANDIDATE_PROPERTY

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
EMOJI_TEXT = "A 😀 claim about fares. Next one says buses run on time.\n\nA third sentence is here too.\n"


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "emoji notes.txt"
    good.write_text(EMOJI_TEXT, encoding="utf-8")
    bad = tmp_path / "picture.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return good, bad


@pytest.fixture
def opened(window, map_path):
    assert window.open_path(map_path)
    return window


def run_import(qtbot, window, dialog_log, paths):
    dialog_log.answers.append(list(paths))
    with qtbot.waitSignal(window.importer.finished, timeout=20000) as finished:
        window.import_action.trigger()
    return finished.args[0]


def stored_titles(path):
    with MapSession.open(path, readonly=True) as reader:
        return sorted(d.title for d in reader.map.documents.values())


def test_import_action_is_in_the_file_menu_with_its_shortcut(window, map_path):
    assert window.import_action.shortcut() == QKeySequence("Ctrl+Shift+I")
    file_menu = window.menuBar().actions()[0].menu()
    assert window.import_action in file_menu.actions()
    assert not window.import_action.isEnabled()  # no map yet
    window.open_path(map_path)
    assert window.import_action.isEnabled()


def test_import_reports_the_bad_file_and_is_one_undoable_step(qtbot, opened, files, dialog_log):
    good, bad = files
    window = opened
    outcome = run_import(qtbot, window, dialog_log, [good, bad])

    assert len(outcome.imported) == 1 and outcome.failed[0][0] == bad
    panel = window.document_panel
    assert panel.list.topLevelItemCount() == 1
    document = window.document.map.documents[panel.list.document_ids()[0]]
    assert document.text.startswith("A 😀 claim")
    assert panel.selected_document_id() == document.id  # the new document is shown
    assert panel.text_view.toPlainText().startswith("A 😀 claim about fares.")
    # one dialog naming the bad file and why
    assert len(dialog_log.import_reports) == 1
    summary, lines = dialog_log.import_reports[0]
    assert summary == "Imported 1 of 2 files."
    assert len(lines) == 1 and lines[0].startswith("picture.txt: ") and len(lines[0]) > len("picture.txt: ") + 5
    assert dialog_log.errors == []
    assert stored_titles(window.document.path) == [document.title]

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.list.topLevelItemCount() == 0 and window.document.map.documents == {}
    assert stored_titles(window.document.path) == []

    window.redo_action.trigger()
    assert panel.list.document_ids() == [document.id]
    assert window.document.map.documents[document.id] is document
    assert stored_titles(window.document.path) == [document.title]

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert panel.list.document_ids() == [document.id]


def test_reading_happens_off_the_gui_thread_and_the_gui_keeps_running(qtbot, opened, files, dialog_log,
                                                                    monkeypatch):
    threads = []

    def slow_ingest(path):
        threads.append(threading.current_thread())
        time.sleep(0.4)
        return ingest_file(path)

    monkeypatch.setattr(importer_module, "ingest_file", slow_ingest)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    run_import(qtbot, opened, dialog_log, [files[0]])
    timer.stop()
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert len(ticks) >= 5  # the event loop ran while the file was read
    assert opened.document_panel.list.topLevelItemCount() == 1


def test_progress_names_each_file_and_cancel_imports_nothing(qtbot, opened, tmp_path, dialog_log, monkeypatch):
    paths = []
    for number in range(3):
        path = tmp_path / f"part {number}.txt"
        path.write_text(f"Part {number} makes a claim here. It has two sentences.", encoding="utf-8")
        paths.append(path)

    def slow_ingest(path):
        time.sleep(0.3)
        return ingest_file(path)

    monkeypatch.setattr(importer_module, "ingest_file", slow_ingest)
    window = opened
    dialog_log.answers.append(paths)
    window.import_action.trigger()
    assert window.importer.busy and not window.import_action.isEnabled()
    progress = window.importer.progress
    qtbot.waitUntil(lambda: progress.labelText() == "Importing 2 of 3: part 1.txt", timeout=5000)
    cancel_button = progress.findChild(QPushButton)
    with qtbot.waitSignal(window.importer.finished, timeout=5000) as finished:
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    assert finished.args[0].cancelled and finished.args[0].imported == []
    assert window.document.map.documents == {} and window.document.undo_stack.count() == 0
    assert dialog_log.import_reports == [] and window.import_action.isEnabled()
    assert "cancelled" in window.statusBar().currentMessage()


def test_content_already_in_the_map_is_skipped_and_reported(qtbot, opened, files, tmp_path, dialog_log):
    good, _ = files
    run_import(qtbot, opened, dialog_log, [good])
    copy = tmp_path / "copy.txt"
    copy.write_bytes(good.read_bytes())
    outcome = run_import(qtbot, opened, dialog_log, [copy, good])
    assert outcome.imported == [] and len(outcome.skipped) == 2
    summary, lines = dialog_log.import_reports[-1]
    assert summary == "None of the 2 files was imported."
    assert all("already in the map" in line for line in lines)
    assert opened.document.undo_stack.count() == 1  # the second import added no step


def test_files_dropped_on_the_document_list_are_imported(qtbot, opened, files, dialog_log):
    good, _ = files
    viewport = opened.document_panel.list.viewport()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(good))])
    point = QPointF(viewport.rect().center())
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(point.toPoint(), *args)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(point.toPoint(), *args)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    with qtbot.waitSignal(opened.importer.finished, timeout=20000):
        QApplication.sendEvent(viewport, QDropEvent(point, *args))
    assert opened.document_panel.list.topLevelItemCount() == 1


def test_closing_the_map_while_reading_discards_the_import(qtbot, opened, files, dialog_log, monkeypatch,
                                                           tmp_path, make_map):
    monkeypatch.setattr(importer_module, "ingest_file", lambda p: (time.sleep(0.3), ingest_file(p))[1])
    first = opened.document.path
    dialog_log.answers.append([files[0]])
    opened.import_action.trigger()
    other = tmp_path / "other.debatemap"
    make_map(other)
    assert opened.open_path(other)
    assert not opened.importer.busy
    qtbot.wait(100)
    assert opened.document.map.documents == {} and stored_titles(first) == []


def test_documents_dock_toggles_from_the_view_menu_and_its_state_is_restored(qtbot, window):
    from debatemap.app.main_window import MainWindow

    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert window.documents_toggle in view_menu.actions()
    assert window.document_panel.isVisible()
    window.documents_toggle.trigger()
    assert not window.document_panel.isVisible()
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert not again.document_panel.isVisible()
    again.documents_toggle.trigger()
    assert again.document_panel.isVisible()
    again.close()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="no seed corpus next to the repository")
def test_a_real_seed_imports_end_to_end(qtbot, opened, dialog_log):
    seeds = sorted(SEEDS.glob("*.txt"))
    outcome = run_import(qtbot, opened, dialog_log, seeds)
    assert len(outcome.imported) == len(seeds) and dialog_log.import_reports == []
    panel = opened.document_panel
    assert panel.list.topLevelItemCount() == len(seeds)
    for item in outcome.imported:
        panel.select_document(item.document.id)
        view = panel.text_view
        assert view.document().toRawText().replace("\u2029", "\n") == item.document.text
        # the first candidate is marked where the stored offsets say, and drags out exactly
        start, end = item.candidates[0]
        view.select_span(start, end)
        cursor = view.textCursor()
        cursor.setPosition(cursor.selectionEnd())
        assert cursor.charFormat().property(CANDIDATE_PROPERTY)
        payload = view.payload(start, end)
        assert item.document.text[payload.start:payload.end] == payload.text
    assert panel.list.topLevelItem(0).text(2) == str(len(outcome.imported[0].candidates))
