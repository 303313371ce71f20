"""Presentation mode through the real main window: F5, the keys, the framing, Esc restoring."""

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel

from debatemap.app.sample import SAMPLE_NODES, write_sample
from debatemap.canvas import style
from debatemap.canvas.presentation_style import has_presentation_style, spotlight
from debatemap.core.model import EdgeType, NodeKind


@pytest.fixture
def sample(window, tmp_path, qtbot):
    """The sample map open in a shown window; its node ids by the sample's keys."""
    assert window.open_path(write_sample(tmp_path / "sample.debatemap"))
    by_text = {node.text: node.id for node in window.document.map.nodes.values()}
    qtbot.wait(10)
    return {key: by_text[text] for key, (_kind, text, _x, _y) in SAMPLE_NODES.items()}


def visible_docks(window):
    return sorted(d.objectName() for d in window.findChildren(QDockWidget) if d.isVisible())


def shown_rect(view) -> QRectF:
    return view.mapToScene(view.viewport().rect()).boundingRect()


def background_pixel(view) -> QColor:
    return view.viewport().grab().toImage().pixelColor(3, 3)


def press(qtbot, view, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(view, key, modifier)
    qtbot.wait(5)  # the coalesced refits run


def test_f5_goes_full_screen_without_panels_and_esc_restores_everything(window, sample, qtbot):
    view = window.view
    window.setGeometry(20, 30, 760, 700)  # inside the offscreen platform's 800x800 screen
    view.zoom_by(1.3)
    qtbot.wait(10)
    docks, geometry, zoom = visible_docks(window), window.geometry(), view.transform()
    scroll = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
    normal = background_pixel(view)
    assert docks  # the documents panel and the inspector

    qtbot.keyClick(view, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen)
    assert window.presentation.is_active() and window.present_action.isChecked()
    assert visible_docks(window) == []
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert has_presentation_style(view) and not view.minimap.isVisible()
    assert background_pixel(view) == style.presentation_palette().background != normal

    press(qtbot, view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    qtbot.wait(20)
    assert not window.presentation.is_active() and not window.present_action.isChecked()
    assert visible_docks(window) == docks
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    assert window.geometry() == geometry
    assert view.transform() == zoom
    assert (view.horizontalScrollBar().value(), view.verticalScrollBar().value()) == scroll
    assert not has_presentation_style(view) and background_pixel(view) == normal


def test_f5_again_leaves_too(window, sample, qtbot):
    qtbot.keyClick(window.view, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(window.view, Qt.Key.Key_F5)  # the menu bar is hidden; its shortcut still works
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert not window.presentation.is_active()


def test_the_selected_question_and_its_subtree_are_framed_large(window, sample, qtbot):
    view, scene = window.view, window.scene
    view.select_items([sample["cost"]])
    qtbot.keyClick(view, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.wait(10)
    assert window.presentation.focus() == sample["cost"]
    shown = shown_rect(view)
    for key in ("cost", "collection", "budget"):  # the objection and what hangs below it
        assert shown.contains(scene.node_items[sample[key]].sceneBoundingRect()), key
    assert not shown.contains(scene.node_items[sample["tallinn"]].sceneBoundingRect())


def test_the_cards_outside_the_presented_subtree_are_veiled(window, sample, qtbot):
    view, scene = window.view, window.scene
    view.select_items([sample["cost"]])
    qtbot.keyClick(view, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.wait(10)
    lit = spotlight(view)
    assert lit == {sample["cost"], sample["collection"], sample["budget"]}
    # a blank corner of a card outside: white under the veil becomes almost the backdrop
    card = scene.node_items[sample["boarding"]]  # left of the rebuttal, partly in view
    corner = view.mapFromScene(card.mapToScene(card.rect.bottomRight() + QPointF(-4, -4)))
    assert view.viewport().rect().contains(corner)
    pixel = view.viewport().grab().toImage().pixelColor(corner)
    backdrop = style.presentation_palette().background
    assert pixel != QColor("#ffffff")
    assert abs(pixel.lightness() - backdrop.lightness()) < 20
    lit_card = scene.node_items[sample["budget"]]
    corner = view.mapFromScene(lit_card.mapToScene(lit_card.rect.bottomLeft() + QPointF(4, -4)))
    assert view.viewport().grab().toImage().pixelColor(corner) == QColor("#ffffff")
    press(qtbot, view, Qt.Key.Key_Escape)
    assert spotlight(view) is None


def test_keys_step_through_the_slides_zoom_and_fit(window, sample, qtbot):
    view = window.view
    view.select_items([sample["thesis"]])
    qtbot.keyClick(view, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen)
    presented = []
    for key, modifier in ((Qt.Key.Key_PageDown, None), (Qt.Key.Key_Space, None),
                          (Qt.Key.Key_Space, None), (Qt.Key.Key_PageUp, None),
                          (Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)):
        press(qtbot, view, key, modifier or Qt.KeyboardModifier.NoModifier)
        presented.append(window.presentation.focus())
        assert view.selected_node_ids() == [presented[-1]]
    # reading order below the thesis: the undercut (left, on the thesis' row), then the reasons
    assert presented == [sample["charge"], sample["cars"], sample["fairness"], sample["cars"],
                         sample["charge"]]
    assert window.presentation.is_active()  # Space stepped; it did not start a pan

    fitted = view.transform().m11()
    press(qtbot, view, Qt.Key.Key_Plus)
    assert view.transform().m11() > fitted
    press(qtbot, view, Qt.Key.Key_Minus)
    press(qtbot, view, Qt.Key.Key_Minus)
    assert view.transform().m11() < fitted
    press(qtbot, view, Qt.Key.Key_Home)
    assert view.transform().m11() == pytest.approx(fitted)


def test_arrow_keys_still_walk_between_cards(window, sample, qtbot):
    view = window.view
    view.select_items([sample["thesis"]])
    qtbot.keyClick(view, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen)
    press(qtbot, view, Qt.Key.Key_Down)
    assert view.selected_node_ids() and view.selected_node_ids() != [sample["thesis"]]
    press(qtbot, view, Qt.Key.Key_PageDown)  # steps on from the card the arrows reached
    assert window.presentation.focus() not in (None, sample["thesis"])


def test_present_focus_frames_now_or_on_the_next_f5(window, sample, qtbot):
    view, presentation = window.view, window.presentation
    presentation.present_focus(sample["cars"])  # e.g. the agenda's current question
    assert not presentation.is_active() and view.selected_node_ids() == []
    qtbot.keyClick(view, Qt.Key.Key_F5)  # nothing selected: the given focus is presented
    qtbot.waitUntil(window.isFullScreen)
    assert presentation.focus() == sample["cars"] and view.selected_node_ids() == [sample["cars"]]
    presentation.present_focus(sample["cost"])
    qtbot.wait(5)
    assert view.selected_node_ids() == [sample["cost"]]
    assert shown_rect(view).contains(window.scene.node_items[sample["budget"]].sceneBoundingRect())


def test_a_node_added_under_the_focus_comes_into_the_framing(window, sample, qtbot):
    view, scene = window.view, window.scene
    view.select_items([sample["cost"]])
    qtbot.keyClick(view, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.wait(10)
    node = window.document.add_linked_node(sample["cost"], "Maintenance is cheaper without gates",
                                           NodeKind.CLAIM, EdgeType.SUPPORT, x=420, y=900)
    qtbot.wait(10)
    assert shown_rect(view).contains(scene.node_items[node.id].sceneBoundingRect())


def test_esc_in_the_inline_editor_cancels_the_edit_not_the_presentation(window, sample, qtbot):
    view = window.view
    view.select_items([sample["thesis"]])
    qtbot.keyClick(view, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.editor is not None
    qtbot.keyClick(view.editor, Qt.Key.Key_Escape)
    assert view.editor is None
    assert window.presentation.is_active() and window.isFullScreen()


def test_the_overlay_widget_sits_top_right_only_while_presenting(window, sample, qtbot):
    view = window.view
    timer = QLabel("04:59")
    window.presentation.set_overlay_widget(timer)
    assert not timer.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.wait(10)
    assert timer.isVisible() and timer.parent() is view
    area = view.viewport().geometry()
    assert timer.geometry().right() <= area.right() and timer.geometry().top() >= area.top()
    assert timer.geometry().left() > area.center().x() and timer.geometry().bottom() < area.center().y()
    press(qtbot, view, Qt.Key.Key_Escape)
    assert not timer.isVisible()


def test_without_a_map_f5_says_so_and_changes_nothing(window, qtbot):
    window.present_action.trigger()
    assert not window.presentation.is_active() and not window.present_action.isChecked()
    assert not window.isFullScreen() and window.menuBar().isVisible()


def test_closing_the_window_while_presenting_saves_the_normal_layout(window, sample, qtbot):
    from PySide6.QtCore import QSettings

    from debatemap.app.main_window import STATE_KEY

    qtbot.keyClick(window.view, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen)
    window.close()
    assert not window.presentation.is_active()
    assert window.restoreState(QSettings().value(STATE_KEY))
    QApplication.processEvents()
    assert window.document_panel.isVisibleTo(window) and window.inspector.isVisibleTo(window)


def test_a_focus_near_the_map_edge_is_centred_and_leaving_gives_the_scene_back(qtbot, window, tmp_path):
    """The scroll bars stop at the scene's edge; presenting widens the view's reach so a wide
    subtree at the bottom of the map sits in the middle, and leaving lets the view follow the
    scene again."""
    from debatemap.core.model import EdgeType, NodeKind
    from debatemap.store.session import MapSession

    path = tmp_path / "edge.debatemap"
    with MapSession.create(path) as session:
        session.add_node("A claim far above", x=0, y=-1500)
        question = session.add_node("How do we pay for it?", NodeKind.QUESTION, x=0, y=0)
        for i in range(6):
            child = session.add_node(f"Option {i}", x=-650 + i * 260, y=200)
            session.add_edge(child.id, question.id, EdgeType.SUPPORT)
    assert window.open_path(path)
    scene, view = window.scene, window.view
    window.view.select_items([question.id])
    window.presentation.toggle()
    qtbot.waitUntil(window.presentation.is_active)
    window.presentation.fit_focus()
    rect = window.presentation.focus_rect()
    centre = view.mapFromScene(rect.center())
    middle = view.viewport().rect().center()
    assert abs(centre.x() - middle.x()) <= 2 and abs(centre.y() - middle.y()) <= 2
    window.presentation.leave()
    qtbot.waitUntil(lambda: not window.presentation.is_active())
    qtbot.waitUntil(lambda: view.sceneRect() == scene.sceneRect())
