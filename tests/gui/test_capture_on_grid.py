"""Capturing into a map made on the command line (every card stored at 0,0, shown in a display
grid): the cards stay where they are shown, the new one lands among them, and one undo step
takes it all back."""

from PySide6.QtCore import Qt

from debatemap.app.workshop_people import install


def shown(window):
    return {i: (item.pos().x(), item.pos().y()) for i, item in window.scene.node_items.items()}


def test_capture_keeps_the_display_grid_and_undo_restores_it(qtbot, window, map_path):
    people = install(window)
    assert window.open_path(map_path)
    assert window.scene.display_grid, "the fixture map is stored at 0,0"
    before = shown(window)
    thesis = next(i for i, n in window.document.map.nodes.items() if n.text == "Make transit free")
    window.view.select_items([thesis])
    people.bar.line.setFocus()
    qtbot.keyClicks(people.bar.line, "+Buses would run on time")
    qtbot.keyClick(people.bar.line, Qt.Key.Key_Return)
    new = next(i for i, n in window.document.map.nodes.items() if n.text == "Buses would run on time")
    after = shown(window)
    assert {i: after[i] for i in before} == before, "no card jumped"
    assert {i: (n.x, n.y) for i, n in window.document.map.nodes.items() if i in before} == before
    rects = {i: item.sceneBoundingRect() for i, item in window.scene.node_items.items()}
    assert not any(rects[new].intersects(rects[i]) for i in before), "the new card overlaps none"
    window.document.undo_stack.undo()
    assert new not in window.document.map.nodes
    assert all((n.x, n.y) == (0, 0) for n in window.document.map.nodes.values())
    assert window.scene.display_grid and shown(window) == before
