"""The audience window through the real widgets: a read-only, presentation-style second view of
the editor's scene that follows the facilitator and refuses every edit."""

import json
import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from debatemap.app.audience import FOLLOW_FOCUS, MIRROR_VIEW
from debatemap.app.sample import SAMPLE_NODES, write_sample
from debatemap.canvas import style
from debatemap.canvas.presentation_style import has_presentation_style, spotlight
from tests.canvas.canvas_data import drop


@pytest.fixture
def sample(window, tmp_path, qtbot):
    window.setGeometry(10, 20, 780, 700)  # inside the offscreen platform's 800x800 screen
    window.document_panel.hide()  # a canvas of a useful size
    window.inspector.hide()
    assert window.open_path(write_sample(tmp_path / "sample.debatemap"))
    by_text = {node.text: node.id for node in window.document.map.nodes.values()}
    return {key: by_text[text] for key, (_kind, text, _x, _y) in SAMPLE_NODES.items()}


@pytest.fixture
def audience(window, sample, qtbot):
    """The audience window opened with Ctrl+Shift+F5, following the presented question."""
    window.audience.set_follow_mode(FOLLOW_FOCUS)
    window.activateWindow()  # window shortcuts need an active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.view, Qt.Key.Key_F5, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    shown = window.audience.audience_window
    assert shown is not None
    qtbot.waitExposed(shown)
    qtbot.wait(10)
    yield shown
    shown.close()


def visible(view):
    return view.mapToScene(view.viewport().rect()).boundingRect()


def test_opens_on_the_same_scene_without_chrome_and_reuses_the_window(window, audience, qtbot):
    assert audience.isWindow() and audience is not window and audience.isVisible()
    assert audience.view.scene() is window.scene and audience.view.map_scene() is window.scene
    assert window.audience_action.isChecked()
    assert not audience.view.isInteractive() and not audience.view.acceptDrops()
    assert not audience.view.horizontalScrollBar().isVisible()
    assert not audience.view.verticalScrollBar().isVisible()
    assert QApplication.activeWindow() is window  # the facilitator keeps the keyboard
    window.audience_action.trigger()  # unticked: closes
    assert not audience.isVisible() and not window.audience_action.isChecked()
    window.audience_action.trigger()
    window.audience.open()  # opening twice reuses the one window
    assert window.audience.audience_window is audience and audience.isVisible()


def test_it_paints_in_the_presentation_palette_while_the_editor_keeps_its_own(window, audience, qtbot):
    assert has_presentation_style(audience.view) and not has_presentation_style(window.view)
    corner = audience.view.viewport().grab().toImage().pixelColor(2, 2)
    editor_corner = window.view.viewport().grab().toImage().pixelColor(2, 2)
    assert corner == style.presentation_palette().background
    assert editor_corner == style.palette().background != corner


def test_nodes_added_in_the_editor_show_at_once(window, audience, qtbot):
    view = window.view
    far = view.mapFromScene(QPointF(2600, 1900))  # outside everything the audience showed
    view.centerOn(QPointF(2600, 1900))
    far = view.mapFromScene(QPointF(2600, 1900))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=far)
    qtbot.keyClicks(view.editor, "Ask the riders first")
    qtbot.keyClick(view.editor, Qt.Key.Key_Return)
    node = next(n for n in window.document.map.nodes.values() if n.text == "Ask the riders first")
    qtbot.wait(10)
    item = window.scene.node_items[node.id]
    assert item.scene() is audience.view.scene()
    assert visible(audience.view).contains(item.sceneBoundingRect())  # refitted to the whole map


def test_it_refuses_drops_double_clicks_drags_and_context_menus(window, audience, sample, qtbot):
    view, document = audience.view, window.document
    stack_before = document.undo_stack.count()
    nodes_before = set(document.map.nodes)
    mime = QMimeData()
    mime.setText("A claim dropped on the audience")
    assert not drop(view, mime, (0.0, 300.0))
    card = window.scene.node_items[sample["cost"]]
    on_card = view.mapFromScene(card.scenePos())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=on_card)
    empty = view.mapFromScene(QPointF(0, 320))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=empty)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=on_card)
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(on_card + QPoint(80, 60)),
                       QPointF(view.viewport().mapToGlobal(on_card + QPoint(80, 60))),
                       Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), move)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=on_card + QPoint(80, 60))
    menu_event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, on_card,
                                   view.viewport().mapToGlobal(on_card))
    QApplication.sendEvent(view.viewport(), menu_event)
    qtbot.wait(10)
    assert QApplication.activePopupWidget() is None
    assert window.view.editor is None
    assert set(document.map.nodes) == nodes_before and document.undo_stack.count() == stack_before
    assert card.pos() == QPointF(*SAMPLE_NODES["cost"][2:]) and not card.isSelected()


def test_it_shows_the_presented_question_or_mirrors_the_editor(window, audience, sample, qtbot):
    scene = window.scene
    window.presentation.present_focus(sample["cost"])
    qtbot.wait(10)
    shown = visible(audience.view)
    for key in ("cost", "collection", "budget"):
        assert shown.contains(scene.node_items[sample[key]].sceneBoundingRect()), key
    assert not shown.contains(scene.node_items[sample["tallinn"]].sceneBoundingRect())
    assert spotlight(audience.view) == {sample[k] for k in ("cost", "collection", "budget")}

    window.audience_follow_actions[MIRROR_VIEW].trigger()
    assert window.audience.follow_mode() == MIRROR_VIEW
    assert spotlight(audience.view) is None  # mirroring an editor that is not presenting
    window.view.center_on_node(sample["tallinn"])
    window.view.zoom_by(2.0)
    qtbot.wait(20)
    editor_area = visible(window.view)
    mirrored = visible(audience.view)
    assert mirrored.contains(editor_area.center())
    assert mirrored.adjusted(-2, -2, 2, 2).contains(editor_area) or \
        editor_area.adjusted(-2, -2, 2, 2).contains(mirrored)  # same area, other aspect ratio
    assert abs(mirrored.center().x() - editor_area.center().x()) < 3


def test_it_follows_presentation_steps(window, audience, sample, qtbot):
    window.view.select_items([sample["thesis"]])
    qtbot.keyClick(window.view, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown)
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown)  # the undercut, then the cars reason
    qtbot.wait(10)
    assert window.presentation.focus() == sample["cars"]
    shown = visible(audience.view)
    assert shown.contains(window.scene.node_items[sample["walkers"]].sceneBoundingRect())
    assert not shown.contains(window.scene.node_items[sample["budget"]].sceneBoundingRect())


def test_closing_is_harmless_and_the_next_map_is_followed(window, audience, tmp_path, make_map, qtbot):
    old_scene = window.scene
    audience.close()
    assert audience.view.map_scene() is None and audience.view not in old_scene.views()
    window.view.select_all()
    window.edit_actions.delete.trigger()  # editing goes on without it
    assert not window.document.map.nodes
    window.audience.open()
    assert audience.view.scene() is window.scene
    make_map(tmp_path / "other.debatemap")
    assert window.open_path(tmp_path / "other.debatemap")
    assert audience.view.map_scene() is window.scene is not old_scene


SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from debatemap.app import startup
    from debatemap.app.main_window import MainWindow
    from debatemap.app.sample import write_sample

    startup.configure_application()
    app = QApplication(sys.argv[:1])
    app.aboutToQuit.connect(startup.release_clipboard)
    window = MainWindow()
    window.show()
    window.open_path(write_sample(sys.argv[1]))
    audience = window.audience.open()
    window.presentation.enter()
    screens = {s.name(): s for s in app.screens()}
    print("audience on", audience.screen().name(), audience.isFullScreen(),
          audience.geometry() == audience.screen().geometry())
    print("editor on", window.screen().name())
    QTimer.singleShot(300, window.close)
    sys.exit(app.exec())
    """
)


def test_second_screen_placement_and_a_clean_exit(tmp_path):
    screens = {"screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96,
         "logicalBaseDpi": 96, "dpr": 1},
        {"name": "projector", "x": 1280, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96,
         "logicalBaseDpi": 96, "dpr": 1}]}
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(screens))
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "s.debatemap")],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
             "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, (result.returncode, result.stderr[-1500:])
    assert "audience on projector True True" in result.stdout, result.stdout
    assert "editor on laptop" in result.stdout


def colored_pixels(view, scene_point, colors, reach=6) -> int:
    """How many pixels within ``reach`` of a scene point have one of these colours."""
    image = view.viewport().grab().toImage()
    center = view.mapFromScene(scene_point)
    return sum(image.pixelColor(center.x() + dx, center.y() + dy) in colors
               for dx in range(-reach, reach + 1) for dy in range(-reach, reach + 1))


def test_the_editors_hover_and_link_handle_do_not_show_in_it(window, audience, sample, qtbot):
    card = window.scene.node_items[sample["fairness"]]
    editor, view = window.view, audience.view
    editor.reset_zoom()
    editor.centerOn(card)
    qtbot.mouseMove(editor.viewport(), editor.mapFromScene(card.scenePos()))
    qtbot.waitUntil(lambda: card.hovered)
    handle = card.mapToScene(card.handle_center())
    blues = [style.palette().hover, style.presentation_palette().hover]
    assert colored_pixels(editor, handle, blues) > 20  # the handle shows where the mouse is
    assert colored_pixels(view, handle, blues) == 0
