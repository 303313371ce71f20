"""Claims whose passage was lost when their document was re-imported are flagged on the card:
the source badge becomes a "source changed" warning pill (colour, shape, words, tooltip)."""

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from canvas_data import ESSAY, span
from debatemap.canvas import style
from debatemap.core.ids import new_id
from debatemap.core.model import Document
from debatemap.store.imports import DocumentImport

LOST = "Crowded buses push riders back into cars."
KEPT = "Fares cover a small share of running costs."
NEW_TEXT = ESSAY.replace(LOST, "Buses stay pleasant.")


def newer_essay() -> DocumentImport:
    document = Document(id=new_id("d"), title="Transit essay", text=NEW_TEXT, format="md",
                        encoding="utf-8", origin="/data/transit.md", sha256=new_id("sha"))
    return DocumentImport(document, [(0, len(NEW_TEXT), "paragraph")], [span(NEW_TEXT, KEPT)])


def grey(color: QColor) -> float:
    """Relative luminance (WCAG), what a greyscale print keeps of a colour."""
    def channel(value):
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.red()) + 0.7152 * channel(color.green()) + 0.0722 * channel(color.blue())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((grey(a), grey(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def render_item(scene, item) -> QImage:
    bounds = item.sceneBoundingRect()
    image = QImage(int(bounds.width()) * 2, int(bounds.height()) * 2, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), bounds)
    painter.end()
    return image


def count_color(image: QImage, color: QColor, tolerance: int = 24) -> int:
    found = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if (abs(pixel.red() - color.red()) + abs(pixel.green() - color.green())
                    + abs(pixel.blue() - color.blue())) <= tolerance:
                found += 1
    return found


@pytest.fixture
def cited(document, essay):
    lost = document.add_node("Cars come back", x=0, y=400, source=(essay.id, *span(ESSAY, LOST)))
    kept = document.add_node("Fares are small", x=300, y=400, source=(essay.id, *span(ESSAY, KEPT)))
    return lost.id, kept.id


@pytest.mark.parametrize("dark", [False, True])
def test_a_lost_passage_turns_the_source_badge_into_a_warning(scene, document, essay, cited, dark):
    scene.refresh_palette(dark)
    try:
        lost_id, kept_id = cited
        lost, kept = scene.node_items[lost_id], scene.node_items[kept_id]
        warning = style.palette().warning_fill
        assert not lost.source_lost and count_color(render_item(scene, lost), warning) == 0
        assert "Source changed" not in lost.toolTip()

        command = document.reimport_document(essay.id, newer_essay())
        assert command is not None and command.counts()["lost"] == 1
        assert lost.source_lost and not kept.source_lost  # redrawn from nodesChanged
        assert "Source changed" in lost.toolTip() and "no longer in it" in lost.toolTip()
        assert "Source changed" not in kept.toolTip()
        assert count_color(render_item(scene, lost), warning) > 60  # the pill is there
        assert count_color(render_item(scene, kept), warning) == 0
        pill = lost.badge_rect()
        assert pill.height() > 10 and lost.rect.contains(pill)
        # readable in greyscale: the pill stands out from the card, its words from the pill
        colors = style.palette()
        assert contrast(colors.warning_fill, colors.node_fill) >= 3.0
        assert contrast(colors.warning_text, colors.warning_fill) >= 4.5

        document.undo_stack.undo()
        assert not lost.source_lost and "Source changed" not in lost.toolTip()
        document.undo_stack.redo()
        assert lost.source_lost
    finally:
        scene.refresh_palette(False)


def test_a_lost_flag_is_shown_when_the_map_is_opened(qapp, scene, document, essay, cited):
    from debatemap.canvas import MapScene

    assert document.reimport_document(essay.id, newer_essay()) is not None
    fresh = MapScene(document)
    try:
        assert fresh.node_items[cited[0]].source_lost
        assert not fresh.node_items[cited[1]].source_lost
    finally:
        fresh.detach()
