"""A titled card: its title as a bold first line, the card one line taller, prepared once."""

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QStaticText

from debatemap.canvas import style
from debatemap.canvas.node_item import NodeItem, card_height, title_font
from debatemap.core.card_metrics import estimate_size
from debatemap.core.model import Node

TEXT = "Fares pay for about a third of running costs; the city would lose that money."


def test_a_titled_card_is_one_bold_line_taller_and_matches_the_estimate(qapp):
    plain = NodeItem(Node("n1", TEXT))
    titled = NodeItem(Node("n2", TEXT, title="Lost revenue"))
    assert titled.title == "Lost revenue" and plain.title is None
    assert titled.rect.height() == plain.rect.height() + 18.0
    assert titled.rect.height() == pytest.approx(card_height(TEXT, title="Lost revenue"))
    assert (titled.rect.width(), titled.rect.height()) == estimate_size(TEXT, title="Lost revenue")
    assert title_font().bold() and not style.text_font().bold()
    assert "Lost revenue" in titled.toolTip() and TEXT in titled.toolTip()


def test_a_long_title_is_elided_to_one_line_and_a_bare_title_is_not_repeated(qapp):
    long_title = "A title that goes on and on, far longer than one line of a card can hold"
    item = NodeItem(Node("n1", TEXT, title=long_title))
    assert item._title.text().endswith("…") and long_title.startswith(item._title.text()[:-1])
    assert item.rect.height() == NodeItem(Node("n2", TEXT, title="Short")).rect.height()
    assert long_title in item.toolTip()  # the whole title is in the tooltip
    bare = NodeItem(Node("n3", "Lost revenue", title="Lost revenue"))
    assert bare.title is None
    assert bare.rect.height() == NodeItem(Node("n4", "Lost revenue")).rect.height()


def test_title_text_is_prepared_only_when_the_node_changes(qapp, monkeypatch):
    node = Node("n1", TEXT, title="Lost revenue")
    item = NodeItem(node)
    prepared = []
    original = QStaticText.prepare
    monkeypatch.setattr(QStaticText, "prepare", lambda self, *a: (prepared.append(self.text()),
                                                                   original(self, *a))[1])
    node.x, node.y, node.mark = 50.0, 80.0, "accept"
    assert item.set_node(node) is False and prepared == []  # moves and marks prepare nothing
    node.title = "Revenue"
    assert item.set_node(node) is True and "Revenue" in prepared
    assert item.title == "Revenue"
    node.title = None
    assert item.set_node(node) is True and item.title is None


def ink(image: QImage, area: QRectF) -> int:
    """How many pixels in ``area`` are much darker than the card."""
    count = 0
    for y in range(int(area.top()), int(area.bottom())):
        for x in range(int(area.left()), int(area.right())):
            if QColor(image.pixel(x, y)).lightness() < 140:
                count += 1
    return count


def paint(item: NodeItem) -> QImage:
    rect = item.boundingRect()
    image = QImage(int(rect.width()) + 2, int(rect.height()) + 2, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(-rect.left() + 1, -rect.top() + 1)
    item.paint(painter, _option(), None)
    painter.end()
    return image


def _option():
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    return QStyleOptionGraphicsItem()


def test_the_title_is_painted_bold_above_the_text(qapp):
    text = ". . ."  # almost no ink of its own on the first line
    plain = NodeItem(Node("n1", text))
    titled = NodeItem(Node("n2", text, title="MMMMMMMMMM"))
    for item in (plain, titled):
        item.setPos(QPointF(0, 0))
    first_line = QRectF(
        style.NODE_PADDING + 1, style.BAND_HEIGHT + style.NODE_PADDING + 5, 120, 14)
    assert not style.palette().dark
    assert ink(paint(titled), first_line) > 10 * ink(paint(plain), first_line) + 200
    # the text moved down below the title: its dots are now on the second line
    second_line = first_line.translated(0, 18)
    assert ink(paint(titled), second_line) > 0


def test_a_title_set_in_the_document_shows_on_the_card_and_undo_removes_it(scene, document, ids):
    item = scene.node_items[ids.thesis]
    height = item.rect.height()
    assert document.set_node_fields({ids.thesis: {"title": "Free transit"}}, "Set title")
    assert item.title == "Free transit" and item.rect.height() == height + 18.0
    edge = scene.edge_items[ids.support]
    assert item.rect.translated(item.pos()).adjusted(-4, -4, 4, 4).contains(edge.line.p2())
    document.undo_stack.undo()
    assert item.title is None and item.rect.height() == height
