"""The minimap draws each shown card as a block in its kind's colour where the card is."""

from debatemap.canvas import style


def test_each_card_is_a_block_of_its_kind_colour_at_its_place(qtbot, view, scene):
    view.set_minimap_visible(True)
    view.zoom_by(4.0)
    qtbot.waitUntil(view.minimap.isVisible)
    image = view.minimap._render().toImage()
    ratio = image.devicePixelRatio()
    for item in scene.node_items.values():
        centre = view.minimap.to_widget(item.sceneBoundingRect().center())
        pixel = image.pixelColor(int(centre.x() * ratio), int(centre.y() * ratio))
        expected = style.kind_color(item.kind)
        assert (pixel.red(), pixel.green(), pixel.blue()) == (
            expected.red(), expected.green(), expected.blue()), item.kind
