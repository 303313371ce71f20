"""NodeItem: one node drawn as a rounded card with a kind band and wrapped text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QStaticText, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem, QWidget

from debatemap.canvas import style
from debatemap.core.model import Node

if TYPE_CHECKING:
    from debatemap.canvas.edge_item import EdgeItem

TEXT_DETAIL = 0.35  # below this zoom the text is unreadable anyway: draw the card only


class NodeItem(QGraphicsItem):
    """A node centred on its position; geometry and painter paths are cached per text/kind."""

    def __init__(self, node: Node, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.node_id = node.id
        self.edges: list["EdgeItem"] = []  # edges that start or end here; kept by the scene
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setAcceptHoverEvents(False)
        self._rect = QRectF()
        self._outline = QPainterPath()
        self._band = QPainterPath()
        self._static_text = QStaticText()
        self._band_label = QStaticText()
        self._text_font = style.text_font()
        self._band_font = style.band_font()
        self.text = ""
        self.kind = ""
        self._color: str | None = None
        self.set_node(node)

    def set_node(self, node: Node) -> None:
        """Take the node's current text and kind; recompute geometry only when it changes."""
        if (node.text, str(node.kind), node.color) == (self.text, self.kind, self._color):
            return  # e.g. only moved: nothing to lay out again
        self.text, self.kind, self._color = node.text, str(node.kind), node.color
        text = QStaticText(node.text)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setTextWidth(style.NODE_WIDTH - 2 * style.NODE_PADDING)
        text.prepare(QTransform(), self._text_font)
        self._static_text = text
        label = QStaticText(style.kind_label(self.kind))
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.prepare(QTransform(), self._band_font)
        self._band_label = label

        height = style.BAND_HEIGHT + 2 * style.NODE_PADDING + text.size().height()
        rect = QRectF(-style.NODE_WIDTH / 2, -height / 2, style.NODE_WIDTH, height)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
            self._outline = QPainterPath()
            self._outline.addRoundedRect(rect, style.CORNER_RADIUS, style.CORNER_RADIUS)
            strip = QPainterPath()
            strip.addRect(QRectF(rect.left(), rect.top(), rect.width(), style.BAND_HEIGHT))
            self._band = self._outline.intersected(strip)
            for edge in self.edges:
                edge.update_geometry()
        self.setToolTip(f"{style.kind_label(self.kind).title()}: {node.text}")
        self.update()

    @property
    def rect(self) -> QRectF:
        """The card in item coordinates (centred on the origin)."""
        return QRectF(self._rect)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)  # room for the selection outline

    def shape(self) -> QPainterPath:
        return self._outline

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.NODE_FILL)
        painter.drawPath(self._outline)
        painter.setBrush(style.kind_color(self.kind, self._color))
        painter.drawPath(self._band)
        border = QPen(style.SELECTED_BORDER, 3.0) if selected else QPen(style.NODE_BORDER, 1.2)
        painter.setPen(border)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._outline)

        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        if detail < TEXT_DETAIL:
            return
        left = self._rect.left() + style.NODE_PADDING
        label_top = self._rect.top() + (style.BAND_HEIGHT - self._band_label.size().height()) / 2
        painter.setFont(self._band_font)
        painter.setPen(style.BAND_TEXT_COLOR)
        painter.drawStaticText(QPointF(left, label_top), self._band_label)
        painter.setFont(self._text_font)
        painter.setPen(style.TEXT_COLOR)
        text_top = self._rect.top() + style.BAND_HEIGHT + style.NODE_PADDING
        painter.drawStaticText(QPointF(left, text_top), self._static_text)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for edge in self.edges:
                edge.update_geometry()
        return super().itemChange(change, value)
