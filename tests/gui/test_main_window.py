"""The main window through its real widgets: opening maps, undo from the menu, recent files,
bad files, Save As, New, and the window's own state."""

import sqlite3

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence

from debatemap.app.main_window import MainWindow
from debatemap.app.recent import LIMIT
from debatemap.store.session import MapSession


def open_map(window, path):
    assert window.open_path(path)
    return window.document


def menu_actions(window, title):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return {a.text(): a for a in menu.actions() if a.text()}


def test_an_empty_window_before_any_map(window):
    assert window.windowTitle() == "Debatemap"
    assert window.document is None
    assert not window.undo_action.isEnabled() and not window.save_as_action.isEnabled()


def test_opening_a_map_shows_its_title_and_items(window, map_path, dialog_log):
    document = open_map(window, map_path)
    assert window.windowTitle() == "Transit debate — Debatemap"
    assert window.windowFilePath() == str(map_path)
    assert window.view.map_scene() is window.scene
    assert len(window.scene.items()) == 5  # three nodes, two links
    assert window.counts_label.text() == "3 nodes, 2 links"
    assert document.path == map_path
    assert dialog_log.errors == []


def test_ctrl_z_on_the_window_undoes_the_last_command(qtbot, window, map_path):
    document = open_map(window, map_path)
    node_id = next(iter(document.map.nodes))
    old_text = document.map.nodes[node_id].text
    document.set_node_text(node_id, "Edited in the test")
    assert window.undo_action.isEnabled() and window.undo_action.text() == "&Undo Edit text"
    assert window.undo_action in menu_actions(window, "&Edit").values()
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.map.nodes[node_id].text == old_text
    with MapSession.open(map_path, readonly=True) as reader:
        assert reader.map.nodes[node_id].text == old_text

    window.redo_action.trigger()
    assert document.map.nodes[node_id].text == "Edited in the test"


def test_undo_actions_follow_the_open_map(window, map_path, tmp_path, make_map):
    open_map(window, map_path)
    first_undo = window.undo_action
    other = tmp_path / "other.debatemap"
    make_map(other, "Other")
    open_map(window, other)
    assert window.undo_action is not first_undo
    assert window.windowTitle() == "Other — Debatemap"
    edit = menu_actions(window, "&Edit")
    assert window.undo_action in edit.values() and first_undo not in edit.values()


def test_the_opened_map_goes_to_the_recent_menu(window, map_path, isolated_settings):
    open_map(window, map_path)
    window.rebuild_recent_menu()
    entries = [a for a in window.recent_menu.actions() if a.data()]
    assert [a.data() for a in entries] == [str(map_path.resolve())]
    assert entries[0].text() == "&1 transit.debatemap"
    assert QSettings().fileName().startswith(str(isolated_settings))
    assert MainWindow().recent.paths() == [map_path.resolve()]  # kept in the settings


def test_recent_list_is_newest_first_and_capped(window, tmp_path, make_map):
    paths = []
    for number in range(LIMIT + 2):
        path = tmp_path / f"map{number}.debatemap"
        make_map(path, f"Map {number}")
        paths.append(path)
        open_map(window, path)
    open_map(window, paths[3])
    recent = window.recent.paths()
    assert len(recent) == LIMIT
    assert recent[0] == paths[3].resolve() and recent[1] == paths[-1].resolve()


def test_a_missing_recent_map_is_removed_with_a_message(window, map_path, tmp_path, make_map, dialog_log):
    gone = tmp_path / "gone.debatemap"
    make_map(gone)
    open_map(window, gone)
    open_map(window, map_path)
    gone.unlink()
    window.rebuild_recent_menu()
    entry = next(a for a in window.recent_menu.actions() if a.data() == str(gone.resolve()))
    entry.trigger()
    assert dialog_log.notices and "no longer exists" in dialog_log.notices[0][1]
    assert window.recent.paths() == [map_path.resolve()]
    assert window.document.path == map_path


def test_clear_recent(window, map_path):
    open_map(window, map_path)
    clear = next(a for a in window.recent_menu.actions() if a.text() == "&Clear Menu")
    clear.trigger()
    assert window.recent.paths() == []
    assert [a.text() for a in window.recent_menu.actions() if a.text()] == ["No recent maps", "&Clear Menu"]


def _not_a_map(path):
    path.write_text("just some notes\n", encoding="utf-8")


def _truncated(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _newer(path):
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 999")
    connection.close()


def _directory(path):
    path.mkdir()


@pytest.mark.parametrize(
    "spoil, reason",
    [
        (_not_a_map, "not a Debatemap map"),
        (_truncated, "truncated"),
        (_newer, "newer Debatemap"),
        (_directory, "is a directory"),
    ],
)
def test_a_bad_file_shows_the_error_and_keeps_the_open_map(
    window, map_path, tmp_path, make_map, dialog_log, spoil, reason
):
    document = open_map(window, map_path)
    bad = tmp_path / "bad.debatemap"
    if spoil is not _directory and spoil is not _not_a_map:
        make_map(bad)
    spoil(bad)
    assert not window.open_path(bad)
    assert len(dialog_log.errors) == 1
    title, message = dialog_log.errors[0]
    assert title == "Cannot open map"
    assert message.startswith(f"{bad}: ") and reason in message
    assert window.document is document and window.windowTitle() == "Transit debate — Debatemap"
    assert window.recent.paths() == [map_path.resolve()]
    document.set_node_text(next(iter(document.map.nodes)), "Still editable")


def test_open_asks_for_a_file(window, map_path, dialog_log):
    dialog_log.answers = [map_path]
    menu_actions(window, "&File")["&Open…"].trigger()
    assert window.document.path == map_path
    assert window.open_action.shortcut() == QKeySequence("Ctrl+O")


def test_save_as_writes_a_valid_copy_and_switches_to_it(window, map_path, tmp_path, dialog_log):
    document = open_map(window, map_path)
    node_id = next(iter(document.map.nodes))
    document.set_node_text(node_id, "Edited before Save As")
    dialog_log.answers = [tmp_path / "copy"]  # the suffix is added
    window.save_as_action.trigger()

    target = tmp_path / "copy.debatemap"
    with MapSession.open(target, readonly=True) as reader:
        assert reader.map.problems() == []
        assert reader.map.nodes[node_id].text == "Edited before Save As"
        assert len(reader.map.nodes) == 3 and len(reader.map.edges) == 2
    assert window.document.path == target
    assert window.windowFilePath() == str(target)
    assert "saved" in window.statusBar().currentMessage().lower()
    assert window.recent.paths()[0] == target.resolve()

    window.document.set_node_text(node_id, "Only in the copy")
    with MapSession.open(map_path, readonly=True) as reader:
        assert reader.map.nodes[node_id].text == "Edited before Save As"
    with MapSession.open(target, readonly=True) as reader:
        assert reader.map.nodes[node_id].text == "Only in the copy"


def test_save_as_failure_keeps_the_map(window, map_path, tmp_path, dialog_log):
    document = open_map(window, map_path)
    dialog_log.answers = [tmp_path / "missing-folder" / "copy.debatemap"]
    window.save_as_action.trigger()
    assert dialog_log.errors and "does not exist" in dialog_log.errors[0][1]
    assert window.document is document


def test_new_creates_and_opens_an_empty_map(window, tmp_path, dialog_log):
    dialog_log.answers = [tmp_path / "Fresh ideas"]
    window.new_action.trigger()
    path = tmp_path / "Fresh ideas.debatemap"
    assert window.document.path == path and path.exists()
    assert window.windowTitle() == "Fresh ideas — Debatemap"
    assert window.counts_label.text() == "0 nodes, 0 links"


def test_new_refuses_an_existing_file(window, map_path, dialog_log):
    dialog_log.answers = [map_path]
    window.new_action.trigger()
    assert window.document is None
    assert "already exists" in dialog_log.errors[0][1]


def test_a_refused_edit_reaches_the_user(window, map_path, dialog_log):
    document = open_map(window, map_path)
    edge = next(iter(document.map.edges.values()))
    document.add_edge(edge.source, edge.target, edge.type)
    assert len(dialog_log.errors) == 1 and "already a" in dialog_log.errors[0][1]


def test_delete_removes_the_selection_as_one_undoable_step(window, map_path):
    document = open_map(window, map_path)
    item = next(iter(window.scene.node_items.values()))
    item.setSelected(True)
    window.delete_action.trigger()
    assert item.node_id not in document.map.nodes
    window.undo_action.trigger()
    assert item.node_id in document.map.nodes and item.node_id in window.scene.node_items
    assert len(window.scene.node_items) == 3 and len(window.scene.edge_items) == 2


def test_rename_changes_the_window_title_and_undoes(window, map_path, dialog_log):
    open_map(window, map_path)
    dialog_log.answers = ["Fare-free transit"]
    window.rename_action.trigger()
    assert window.windowTitle() == "Fare-free transit — Debatemap"
    window.undo_action.trigger()
    assert window.windowTitle() == "Transit debate — Debatemap"


def test_about_box(window, dialog_log):
    menu_actions(window, "&Help")["&About Debatemap"].trigger()
    assert dialog_log.abouts == 1


def test_quit_closes_the_window_and_the_map(qtbot, window, map_path):
    document = open_map(window, map_path)
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    window.quit_action.trigger()
    assert not window.isVisible() and window.document is None
    document.session  # the Python object is still there, its file closed
    with MapSession.open(map_path) as writer:  # nobody holds the file any more
        writer.add_node("After quitting")


def test_geometry_is_restored(qtbot, window):
    window.resize(640, 470)  # smaller than the offscreen screen, which clamps bigger ones
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (640, 470)
