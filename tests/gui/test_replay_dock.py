"""The Replay dock through its real widgets: the slider shows the map as map_at(k) rebuilds it,
the keys and buttons step, Play runs to the end, the slides window follows, older history says
why it cannot be replayed, and nothing of it ever changes the map; frames export numbered and
of one size, all or nothing."""

import sqlite3

import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialogButtonBox, QLabel,
                               QLineEdit, QMenu, QPushButton, QSpinBox)
from replay_session import record_session

from debatemap.app import workshop_replay
from debatemap.app.replay_frames import FrameOptions, frame_points
from debatemap.app.workshop_replay import install
from debatemap.core.replay import MapState
from debatemap.store.mapfile import create_file
from debatemap.store.session import MapSession


@pytest.fixture
def session_path(tmp_path):
    path = tmp_path / "workshop.debatemap"
    ids = record_session(path)
    return path, ids


@pytest.fixture
def replay(window, session_path):
    path, _ids = session_path
    assert window.open_path(path)
    installed = install(window)
    installed.dock.show()
    return installed


def live(document) -> MapState:
    return MapState.of(document.map, document.session.workshop)


def stored(path) -> MapState:
    with MapSession.open(path, readonly=True) as reader:
        return MapState.of(reader.map, reader.workshop)


def assert_scene_shows(scene, state: MapState) -> None:
    """The read-only scene holds exactly the state's cards (text, place) and links."""
    assert set(scene.node_items) == set(state.nodes)
    assert set(scene.edge_items) == set(state.edges)
    tallies = state.to_workshop().tallies()
    for node_id, item in scene.node_items.items():
        node = state.nodes[node_id]
        assert item.text == node.text
        assert (item.pos().x(), item.pos().y()) == (node.x, node.y)
        if hasattr(item, "set_votes"):
            dots = tallies[node_id].dots if node_id in tallies else 0
            assert (item.votes.dots if item.votes is not None else 0) == dots
    for edge_id, item in scene.edge_items.items():
        assert item.edge_type == str(state.edges[edge_id].type)


def test_the_slider_shows_the_map_as_map_at_rebuilds_it(replay, window, session_path):
    _path, ids = session_path
    panel = replay.panel
    count = ids["events"]
    assert panel.slider.maximum() == count and panel.position() == count  # opens at now
    assert_scene_shows(panel.scene, window.document.workshop.map_at(count))
    seen = set()
    for k in list(range(count + 1)) + [3, count, 0, 7]:  # forwards, then jumps both ways
        panel.slider.setValue(k)
        state = window.document.workshop.map_at(k)
        assert panel.position() == k and panel.shown_state() == state
        assert_scene_shows(panel.scene, state)
        seen.add(len(state.nodes))
    assert len(seen) > 3  # cards came, went (the stray one) and came back
    assert panel.scene is not window.scene and panel.view.scene() is panel.scene


def test_the_caption_says_which_event_when_what_and_who(replay, session_path):
    _path, ids = session_path
    panel = replay.panel
    panel.slider.setValue(0)
    assert panel.position_label.text().startswith("Start — before the first of")
    panel.slider.setValue(3)  # the first capture, with Ada speaking
    assert panel.position_label.text() == f"Event 3 of {ids['events']}"
    line = panel.line_label.text()
    assert "Added “Should transit be free?”" in line and line.endswith("by Ada")
    assert line[:2].isdigit() and line[2] == ":"  # the local time first
    panel.slider.setValue(9)  # the stray thought removed, by Bo
    assert "Removed “A stray thought” · by Bo" in panel.line_label.text()


def test_anonymous_mode_numbers_who_acted(replay, window):
    window.document.workshop.set_anonymous(True)
    panel = replay.panel
    panel.slider.setValue(3)
    assert panel.line_label.text().endswith("by Participant 1")
    assert "Ada" not in panel.line_label.text()


def test_keys_step_through_the_history(replay, qtbot):
    panel = replay.panel
    top = panel.slider.maximum()
    panel.slider.setFocus()
    qtbot.keyClick(panel.slider, Qt.Key.Key_Home)
    assert panel.position() == 0
    qtbot.keyClick(panel.slider, Qt.Key.Key_Right)
    qtbot.keyClick(panel.slider, Qt.Key.Key_Right)
    assert panel.position() == 2
    qtbot.keyClick(panel.slider, Qt.Key.Key_Left)
    assert panel.position() == 1
    qtbot.keyClick(panel.slider, Qt.Key.Key_End)
    assert panel.position() == top
    qtbot.keyClick(panel.slider, Qt.Key.Key_Right)  # nothing after now
    assert panel.position() == top
    # the map view takes the same keys once clicked
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(panel.view.viewport(), Qt.Key.Key_Left)
    assert panel.position() == top - 1
    qtbot.keyClick(panel.view, Qt.Key.Key_Home)
    assert panel.position() == 0


def test_panel_keys_win_over_a_window_shortcut_of_the_same_key(replay, window, qtbot):
    fired = []
    other = QAction("Someone else's Right", window)
    other.setShortcut(QKeySequence("Right"))
    other.triggered.connect(lambda: fired.append(True))
    window.addAction(other)
    panel = replay.panel
    panel.slider.setValue(3)
    panel.slider.setFocus()
    qtbot.keyClick(panel.slider, Qt.Key.Key_Right)
    assert panel.position() == 4 and fired == []


def test_buttons_step_and_jump(replay, qtbot):
    panel = replay.panel
    top = panel.slider.maximum()
    assert not panel.next_button.isEnabled() and not panel.last_button.isEnabled()
    qtbot.mouseClick(panel.first_button, Qt.MouseButton.LeftButton)
    assert panel.position() == 0 and not panel.previous_button.isEnabled()
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.previous_button, Qt.MouseButton.LeftButton)
    assert panel.position() == 1
    qtbot.mouseClick(panel.last_button, Qt.MouseButton.LeftButton)
    assert panel.position() == top


def test_play_steps_at_the_chosen_speed_to_the_end(replay, qtbot):
    panel = replay.panel
    top = panel.slider.maximum()
    panel.speed_box.setItemData(0, 5)  # 5 ms a step, so that the test is quick
    panel.speed_box.setCurrentIndex(0)
    seen = []
    panel.positionChanged.connect(seen.append)
    qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)  # at the end: from the start
    assert panel.is_playing()
    qtbot.waitUntil(lambda: not panel.is_playing(), timeout=5000)
    assert seen == list(range(0, top + 1)) and panel.position() == top
    panel.slider.setValue(2)
    panel.slider.setFocus()
    qtbot.keyClick(panel.slider, Qt.Key.Key_Space)  # Space plays and pauses
    assert panel.is_playing()
    qtbot.keyClick(panel.slider, Qt.Key.Key_Space)
    assert not panel.is_playing()


def test_replay_never_changes_the_map(replay, window, session_path, qtbot):
    path, _ids = session_path
    document = window.document
    before, steps, events = live(document), document.undo_stack.count(), document.workshop.event_count()
    panel = replay.panel
    panel.slider.setValue(5)
    item = next(iter(panel.scene.node_items.values()))
    viewport = panel.view.viewport()
    at = panel.view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseMove(viewport, at + QPointF(80, 40).toPoint())
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=at + QPointF(80, 40).toPoint())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=at)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    panel.scene.commit_move({item.node_id: (999.0, 999.0)})  # even a stray drag is refused
    assert item.pos().x() != 999.0
    panel.speed_box.setItemData(0, 1)
    panel.speed_box.setCurrentIndex(0)
    panel.play()
    qtbot.waitUntil(lambda: not panel.is_playing(), timeout=5000)
    panel.show_screen().close()
    assert live(document) == before == stored(path)
    assert document.undo_stack.count() == steps and document.workshop.event_count() == events


def test_the_dock_follows_new_events_and_other_maps(replay, window, tmp_path, make_map):
    panel = replay.panel
    document = window.document
    top = panel.slider.maximum()
    node = document.workshop.capture("A new claim")  # at the present: the dock stays there
    assert panel.slider.maximum() == top + 1 and panel.position() == top + 1
    assert node.id in panel.scene.node_items
    panel.slider.setValue(2)  # looking back: the new event does not move the slider
    document.workshop.capture("Another claim")
    assert panel.slider.maximum() == top + 2 and panel.position() == 2
    make_map(tmp_path / "other.debatemap", "Other")
    window.open_path(tmp_path / "other.debatemap")
    assert panel.position() == panel.slider.maximum() == window.document.workshop.event_count()
    assert {i.text for i in panel.scene.node_items.values()} == {
        n.text for n in window.document.map.nodes.values()}
    window._set_document(None)
    assert panel.slider.maximum() == 0 and not panel.slider.isEnabled()
    assert not replay.frames_action.isEnabled() and not replay.handout_action.isEnabled()


def test_older_history_says_it_cannot_be_replayed(window, tmp_path):
    path = tmp_path / "old.debatemap"
    create_file(path, "Old map", schema_version=6)
    connection = sqlite3.connect(path)
    connection.executescript("""
        INSERT INTO node (id, text, kind, created) VALUES
            ('n-1', 'Transit should be free', 'claim', '2025-01-01T00:00:00+00:00');
        INSERT INTO event (at, kind, participant_id, payload) VALUES
            ('2025-01-01T00:00:00+00:00', 'add_node', NULL, '{"nodes": ["n-1"]}'),
            ('2025-01-01T00:00:01+00:00', 'update_node', NULL, '{"nodes": ["n-1"]}');
    """)
    connection.commit()
    connection.close()
    assert window.open_path(path)  # opened for editing: replay works from here on
    replay = install(window)
    replay.dock.show()
    panel = replay.panel
    window.document.set_node_text("n-1", "Transit should be cheap", merge=False)
    assert panel.slider.maximum() == 3 and panel.position() == 3
    assert "The first 2 events were recorded by an older version" in panel.note_label.text()
    assert panel.note_label.isVisibleTo(panel)
    panel.slider.setValue(1)
    assert panel.shown_state() is None and panel.stack.currentWidget() is panel.message_label
    assert panel.message_label.text().startswith("Point 1 cannot be replayed: the first 2 events")
    assert panel.scene.node_items == {}
    panel.jump(False)  # Home: the first point that can be replayed
    assert panel.position() == 2
    assert [i.text for i in panel.scene.node_items.values()] == ["Transit should be free"]


def test_slides_window_shows_the_same_moment_and_steps_with_its_keys(replay, qtbot):
    panel = replay.panel
    panel.slider.setValue(6)
    screen = panel.show_screen()
    qtbot.waitExposed(screen)
    assert screen.isFullScreen() and screen.view.scene() is panel.scene
    assert screen.position_label.text() == panel.position_label.text() == "Event 6 of " + str(
        panel.slider.maximum())
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_PageDown)
    assert panel.position() == 8 and screen.position_label.text().startswith("Event 8 of")
    qtbot.keyClick(screen, Qt.Key.Key_Left)
    assert panel.position() == 7
    qtbot.keyClick(screen, Qt.Key.Key_Home)
    assert panel.position() == 0
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert not screen.isVisible()


def test_slides_from_the_menu_while_the_dock_is_closed(window, session_path, qtbot):
    path, ids = session_path
    window.open_path(path)
    replay = install(window)  # the dock stays closed
    assert not replay.dock.isVisible()
    replay.panel.show_point(5)
    replay.slides_action.trigger()
    screen = replay.panel.screen_window
    qtbot.waitExposed(screen)
    assert replay.panel.position() == 5
    assert screen.position_label.text() == f"Event 5 of {ids['events']}"
    assert_scene_shows(screen.view.scene(), window.document.workshop.map_at(5))
    screen.close()


def test_still_frame_keeps_the_whole_session_in_view(replay, window):
    panel = replay.panel
    panel.slider.setValue(3)  # the first card only
    moment = panel.frame_rect()
    assert panel.view.shown_rect() == moment
    panel.still_box.setChecked(True)
    still = panel.frame_rect()
    assert panel.view.shown_rect() == still
    assert still.contains(moment) and still.width() > moment.width() * 2
    for item in window.scene.node_items.values():  # every card of the map as it is now
        assert still.contains(item.pos())


def test_the_workshop_menu_has_the_replay_actions_and_the_file_menu_the_handout(replay, window):
    texts = [a.text() for a in window.workshop_menu.actions()]
    for text in ("&Replay", "Replay as &Slides", "Export Replay &Frames…", "Export &Handout…"):
        assert text in texts
    file_menu = next(a.menu() for a in window.menuBar().actions()
                     if isinstance(a.menu(), QMenu) and window.export_action in a.menu().actions())
    actions = file_menu.actions()
    assert actions[actions.index(window.export_action) + 1] is replay.handout_action
    replay.dock.hide()
    replay.replay_toggle.trigger()
    assert replay.dock.isVisible()


# ---- frames -----------------------------------------------------------------------------------


def test_the_frame_options_dialog(qtbot, tmp_path):
    said = []

    def fill(accept=True):
        dialog = QApplication.activeModalWidget()
        dialog.findChild(QLineEdit).setText(str(tmp_path))
        dialog.findChild(QSpinBox).setValue(5)
        dialog.findChild(QComboBox).setCurrentText("1280 × 720 (HD)")
        dialog.findChild(QCheckBox).setChecked(False)
        said.extend(label.text() for label in dialog.findChildren(QLabel) if "frames" in label.text())
        buttons = dialog.findChild(QDialogButtonBox)
        button = QDialogButtonBox.StandardButton.Ok if accept else QDialogButtonBox.StandardButton.Cancel
        qtbot.mouseClick(buttons.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    options = workshop_replay.ask_frame_options(None, (0, 20), "")
    assert options == FrameOptions(tmp_path, 5, (1280, 720), False)
    assert said == ["5 frames, named frame-0001.png…, all the same size (for a video)"]
    QTimer.singleShot(0, lambda: fill(accept=False))
    assert workshop_replay.ask_frame_options(None, (0, 20), "") is None


def run_export(replay, qtbot, monkeypatch, options, confirm=True):
    monkeypatch.setattr(workshop_replay, "ask_frame_options", lambda *args: options)
    asked = []
    monkeypatch.setattr(workshop_replay, "confirm_replace_frames",
                        lambda *args: asked.append(args[2]) or confirm)
    replay.frames_action.trigger()
    if replay.frame_export is not None:
        qtbot.waitUntil(lambda: not replay.frame_export.is_running(), timeout=20000)
    return asked


def frames_in(folder):
    return sorted(p.name for p in folder.iterdir())


def test_frames_are_numbered_and_all_the_same_size(replay, window, qtbot, monkeypatch, tmp_path):
    folder = tmp_path / "frames"
    folder.mkdir()
    span = window.document.workshop.replay_range()
    run_export(replay, qtbot, monkeypatch, FrameOptions(folder, every=3, size=(320, 180)))
    points = frame_points(span[0], span[1], 3)
    assert points[-1] == span[1] and len(points) > 3
    assert frames_in(folder) == [f"frame-{n:04d}.png" for n in range(1, len(points) + 1)]
    images = [QImage(str(folder / name)) for name in frames_in(folder)]
    assert {(i.width(), i.height()) for i in images} == {(320, 180)}
    assert len({bytes(i.constBits()) for i in images}) == len(images)  # every frame differs
    assert "Wrote %d frames (320 × 180)" % len(points) in window.statusBar().currentMessage()


def test_every_event_gives_a_frame_and_a_second_export_replaces_the_first(
        replay, window, qtbot, monkeypatch, tmp_path, dialog_log):
    folder = tmp_path / "frames"
    folder.mkdir()
    (folder / "frame-0099.png").write_bytes(b"stale")
    (folder / "notes.txt").write_text("mine")
    count = window.document.workshop.event_count()
    options = FrameOptions(folder, every=1, size=(160, 90), caption=False)
    asked = run_export(replay, qtbot, monkeypatch, options, confirm=False)
    assert asked == [1] and frames_in(folder) == ["frame-0099.png", "notes.txt"]  # declined
    asked = run_export(replay, qtbot, monkeypatch, options, confirm=True)
    assert asked == [1]
    assert frames_in(folder) == [f"frame-{n:04d}.png" for n in range(1, count + 2)] + ["notes.txt"]
    assert dialog_log.errors == []


def test_a_cancelled_export_leaves_the_folder_as_it_was(replay, qtbot, monkeypatch, tmp_path):
    folder = tmp_path / "frames"
    folder.mkdir()
    monkeypatch.setattr(workshop_replay, "ask_frame_options",
                        lambda *args: FrameOptions(folder, every=1, size=(1920, 1080)))
    replay.frames_action.trigger()
    export = replay.frame_export
    qtbot.waitUntil(lambda: export._phase == "draw" and export._index >= 2, timeout=20000)
    cancel = next(b for b in replay.progress.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not export.is_running()
    assert frames_in(folder) == []
    assert "cancelled" in replay.window.statusBar().currentMessage()


def test_a_failed_export_is_one_dialog_and_writes_nothing(replay, qtbot, monkeypatch, tmp_path,
                                                          dialog_log):
    run_export(replay, qtbot, monkeypatch, FrameOptions(tmp_path / "missing", every=2))
    assert dialog_log.errors == [("Export Replay Frames",
                                  f"{tmp_path / 'missing'}: cannot export frames: the folder"
                                  " does not exist")]
    folder = tmp_path / "frames"
    folder.mkdir()

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("debatemap.app.replay_frames.write_png", broken)
    dialog_log.errors.clear()
    run_export(replay, qtbot, monkeypatch, FrameOptions(folder, every=2, size=(160, 90)))
    assert dialog_log.errors == [("Export Replay Frames",
                                  f"{folder}: cannot export frames: No space left on device")]
    assert frames_in(folder) == []
