"""VoteBadge: a card's dot count and mean agreement rating, drawn as a tab on its top border.

The pill reads "●●● 3 | +1.3": up to MAX_DRAWN_DOTS dots drawn as discs, the exact count, a
thin divider, and the mean rating with its sign. It stands on the card's top border at the right,
above the evaluation badge: links arrive at a card's bottom in the tree layouts (their heads
would hide under a pill there) and leave from its top without a marker. Every part is drawn in the palette's text
colour on the card's fill inside a text-coloured outline, so it stays legible in greyscale, in
the dark palette and in the projector palette alike (the items read ``style.palette()`` when
they paint). Texts are prepared once per distinct string and shared by every card; on screen
each distinct pill is drawn once per palette and zoom into a pixmap that the cards blit.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEngine, QPen, QPixmap, QStaticText, QTransform

from debatemap.canvas import style

MAX_DRAWN_DOTS = 5  # more dots than this show as five discs and the number
DOT_RADIUS = 2.6
DOT_STEP = 7.0  # from one disc's centre to the next
PILL_HEIGHT = 15.0
PILL_PADDING = 6.0
GAP = 4.0  # between the discs and the count, and either side of the divider
RIGHT_INSET = 6.0  # from the card's right border to the pill's right end
OVERLAP = 2.0  # how far the tab reaches down over the card's top border (clear of the badge)
DOT_GLYPH = "●"
MINUS = "−"  # a real minus sign: a hyphen reads as a dash on a projector

MARGIN = 1.5  # around the pill in its pixmap, for the antialiased outline
PIXMAP_LIMIT = 512  # pills kept drawn (badges x palettes x zoom levels), least recent dropped

_PREPARED: dict[str, QStaticText] = {}
_PIXMAPS: OrderedDict[tuple, QPixmap] = OrderedDict()


def _prepared(text: str) -> QStaticText:
    found = _PREPARED.get(text)
    if found is None:
        found = _PREPARED[text] = QStaticText(text)
        found.setTextFormat(Qt.TextFormat.PlainText)
        found.prepare(QTransform(), style.count_font())
    return found


def rating_text(mean: float) -> str:
    """A mean rating as shown: one decimal, always signed ("+1.3", "−0.5", "0.0")."""
    rounded = round(mean, 1)
    if rounded == 0:
        return "0.0"
    return f"+{rounded:.1f}" if rounded > 0 else f"{MINUS}{-rounded:.1f}"


@dataclass(frozen=True)
class VoteBadge:
    """What one card's pill shows; equal badges draw the same (cards compare to skip repaints)."""

    dots: int = 0
    rating_mean: float | None = None
    rating_count: int = 0

    @property
    def text(self) -> str:
        """The pill as text, e.g. "●●● 3  +1.3" (tests and tooltips read it)."""
        parts = []
        if self.dots:
            parts.append(f"{DOT_GLYPH * min(self.dots, MAX_DRAWN_DOTS)} {self.dots}")
        if self.rating_mean is not None:
            parts.append(rating_text(self.rating_mean))
        return "  ".join(parts)

    def describe(self) -> str:
        """One line for the card's tooltip."""
        parts = []
        if self.dots:
            parts.append(f"{self.dots} dot{'s' if self.dots != 1 else ''}")
        if self.rating_mean is not None:
            count = self.rating_count
            parts.append(f"mean rating {rating_text(self.rating_mean)}"
                         f" from {count} rating{'s' if count != 1 else ''}")
        return "Votes: " + ", ".join(parts)

    def _dots_width(self) -> float:
        if not self.dots:
            return 0.0
        drawn = min(self.dots, MAX_DRAWN_DOTS)
        return (drawn - 1) * DOT_STEP + 2 * DOT_RADIUS + GAP + _prepared(str(self.dots)).size().width()

    @cached_property  # a frozen dataclass: computed once, kept in the instance's __dict__
    def _width(self) -> float:
        width = self._dots_width()
        if self.rating_mean is not None:
            if width:
                width += 2 * GAP + 1.0
            width += _prepared(rating_text(self.rating_mean)).size().width()
        return width + 2 * PILL_PADDING

    def width(self) -> float:
        return self._width

    def rect(self, card: QRectF) -> QRectF:
        """The pill for a card rectangle: right-aligned, standing on the card's top border."""
        width = self.width()
        return QRectF(card.right() - RIGHT_INSET - width, card.top() + OVERLAP - PILL_HEIGHT,
                      width, PILL_HEIGHT)

    def paint(self, painter: QPainter, card: QRectF) -> None:
        """Draw the pill above ``card``: on screen and into images as a pixmap drawn once per
        badge, palette and zoom (a blit instead of a dozen antialiased shapes and texts);
        into SVG, PDF and print as vectors."""
        pill = self.rect(card)
        transform = painter.worldTransform()
        scale = transform.m11()
        if (painter.paintEngine().type() != QPaintEngine.Type.Raster or scale <= 0
                or transform.type().value > QTransform.TransformationType.TxScale.value
                or abs(transform.m22() - scale) > 1e-9):
            self.draw(painter, pill)
            return
        pixmap = self._pixmap(scale, painter.device().devicePixelRatioF())
        corner = transform.map(pill.topLeft()) - QPointF(MARGIN * scale, MARGIN * scale)
        painter.save()
        painter.resetTransform()  # whole device pixels: the blit stays sharp
        painter.drawPixmap(QPointF(round(corner.x()), round(corner.y())), pixmap)
        painter.restore()

    def _pixmap(self, scale: float, ratio: float) -> QPixmap:
        colors = style.palette()
        key = (self, colors.text.rgba(), colors.node_fill.rgba(), colors.muted.rgba(),
               round(scale, 4), ratio)
        found = _PIXMAPS.get(key)
        if found is not None:
            _PIXMAPS.move_to_end(key)
            return found
        width, height = self.width() + 2 * MARGIN, PILL_HEIGHT + 2 * MARGIN
        pixmap = QPixmap(math.ceil(width * scale * ratio), math.ceil(height * scale * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        drawing = QPainter(pixmap)
        drawing.setRenderHint(QPainter.RenderHint.Antialiasing)
        drawing.scale(scale, scale)
        self.draw(drawing, QRectF(MARGIN, MARGIN, self.width(), PILL_HEIGHT))
        drawing.end()
        _PIXMAPS[key] = pixmap
        if len(_PIXMAPS) > PIXMAP_LIMIT:
            _PIXMAPS.popitem(last=False)
        return pixmap

    def draw(self, painter: QPainter, pill: QRectF) -> None:
        """The pill as shapes and text, into ``pill``."""
        colors = style.palette()
        ink = colors.text
        painter.setPen(QPen(ink, 1.2))
        painter.setBrush(colors.node_fill)
        painter.drawRoundedRect(pill, PILL_HEIGHT / 2, PILL_HEIGHT / 2)
        x, middle = pill.left() + PILL_PADDING, pill.center().y()
        painter.setFont(style.count_font())
        if self.dots:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ink)
            for index in range(min(self.dots, MAX_DRAWN_DOTS)):
                painter.drawEllipse(QPointF(x + DOT_RADIUS + index * DOT_STEP, middle),
                                    DOT_RADIUS, DOT_RADIUS)
            x += (min(self.dots, MAX_DRAWN_DOTS) - 1) * DOT_STEP + 2 * DOT_RADIUS + GAP
            x = self._draw_text(painter, str(self.dots), x, middle)
        if self.rating_mean is not None:
            if self.dots:
                painter.setPen(QPen(colors.muted, 1.0))
                x += GAP
                painter.drawLine(QPointF(x, pill.top() + 3.5), QPointF(x, pill.bottom() - 3.5))
                x += 1.0 + GAP
            self._draw_text(painter, rating_text(self.rating_mean), x, middle)

    @staticmethod
    def _draw_text(painter: QPainter, text: str, x: float, middle: float) -> float:
        prepared = _prepared(text)
        size = prepared.size()
        painter.setPen(style.palette().text)
        painter.drawStaticText(QPointF(x, middle - size.height() / 2), prepared)
        return x + size.width()
