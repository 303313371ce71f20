"""The link handle sits on the card's border, half outside it: a press on either half links."""

import pytest
from PySide6.QtCore import QPointF, Qt

from debatemap.canvas import style
from debatemap.core.model import EdgeType

LEFT = Qt.MouseButton.LeftButton


@pytest.mark.parametrize("dx", [-(style.HANDLE_RADIUS - 1), 0, style.HANDLE_RADIUS - 1])
def test_a_press_anywhere_on_the_handle_starts_a_link(qtbot, view, scene, document, ids, dx):
    reason, cost = scene.node_items[ids.reason], scene.node_items[ids.cost]
    on_handle = reason.mapToScene(reason.handle_center() + QPointF(dx, 0))
    assert scene.node_item_at(on_handle) is reason
    start, end = view.mapFromScene(on_handle), view.mapFromScene(cost.pos())
    viewport = view.viewport()
    qtbot.mouseMove(viewport, start)
    qtbot.mousePress(viewport, LEFT, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 5):
        qtbot.mouseMove(viewport, start + (end - start) * step / 4)
    assert view.link_dragging()
    qtbot.mouseRelease(viewport, LEFT, Qt.KeyboardModifier.ControlModifier, end)
    assert any(e.source == ids.reason and e.target == ids.cost and e.type == EdgeType.SUPPORT
               for e in document.map.edges.values())
