"""NodeItem: one node drawn as a card: kind band, bold title line, wrapped QStaticText, source
badge, pin, handle, vote tally."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QStaticText,
                           QTransform)
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsSceneHoverEvent, QStyle,
                               QStyleOptionGraphicsItem, QWidget)

from debatemap.canvas import style
from debatemap.canvas.vote_badge import VoteBadge
from debatemap.core.card_metrics import TITLE_GAP, shown_title
from debatemap.core.model import Node

if TYPE_CHECKING:
    from debatemap.canvas.edge_item import EdgeItem

TEXT_WIDTH = style.NODE_WIDTH - 2 * style.NODE_PADDING
_POSITION_CHANGED = QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged


_FONTS: tuple[QFont, QFont, QFont] | None = None
_PATHS: dict[tuple[float, float, float, float], tuple[QPainterPath, ...]] = {}


def _card_fonts() -> tuple[QFont, QFont, QFont]:
    """The text, band and badge fonts every card shares (made once, after the application)."""
    global _FONTS
    if _FONTS is None:
        _FONTS = (style.text_font(), style.band_font(), style.badge_font())
    return _FONTS


def _card_paths(rect: QRectF) -> tuple[QPainterPath, QPainterPath, QPainterPath]:
    """Outline, band and shape of a card of this rectangle; cards of one size share them (Qt
    paths are shared until written), which saves the band's path intersection per card."""
    key = (rect.x(), rect.y(), rect.width(), rect.height())
    paths = _PATHS.get(key)
    if paths is None:
        outline = QPainterPath()
        outline.addRoundedRect(rect, style.CORNER_RADIUS, style.CORNER_RADIUS)
        strip = QPainterPath()
        strip.addRect(QRectF(rect.left(), rect.top(), rect.width(), style.BAND_HEIGHT))
        shape = QPainterPath(outline)
        shape.addEllipse(QPointF(rect.right(), 0.0), style.HANDLE_RADIUS + 2, style.HANDLE_RADIUS + 2)
        paths = _PATHS[key] = (outline, outline.intersected(strip), shape)
    return paths


def static_text(text: str, font, width: float | None = None) -> QStaticText:
    prepared = QStaticText(text)
    prepared.setTextFormat(Qt.TextFormat.PlainText)
    if width is not None:
        prepared.setTextWidth(width)
    prepared.prepare(QTransform(), font)
    return prepared


_TEXTS: dict[tuple[str, int], QStaticText] = {}
#: what a card shows where it has no title, source or count: one shared empty text (an empty
#: QStaticText per slot cost ~450 bytes, 13 MB over 10,000 cards); nothing ever draws it
NO_TEXT = QStaticText()
_TITLE_FONT: QFont | None = None


def title_font() -> QFont:
    """The bold first line of a titled card: the text's font, bold (one long-lived font)."""
    global _TITLE_FONT
    if _TITLE_FONT is None:
        _TITLE_FONT = style.text_font()
        _TITLE_FONT.setBold(True)
    return _TITLE_FONT


def title_text(title: str) -> QStaticText:
    """A card's title prepared on one line, elided to the text width when it is longer."""
    metrics = QFontMetricsF(title_font())
    return static_text(metrics.elidedText(title, Qt.TextElideMode.ElideRight, TEXT_WIDTH),
                       title_font())


def cached_text(text: str, font) -> QStaticText:
    """A prepared one-line text shared by every card (badge glyphs and counts)."""
    key = (text, id(font))  # the fonts are the long-lived ones of style
    prepared = _TEXTS.get(key)
    if prepared is None:
        prepared = _TEXTS[key] = static_text(text, font)
    return prepared


def paint_label_badge(painter: QPainter, center: QPointF, label: str, manual: bool) -> None:
    """The evaluation badge, told apart by shape as well as colour (greyscale, print):
    in: a filled disc with a check; out: a ring with a cross; undecided: a ring with "?".
    A manual mark adds a "MARKED" pill beside it."""
    colors = style.palette()
    radius = style.EVAL_BADGE_RADIUS
    tone = style.eval_color(label)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colors.node_fill)  # a ring of card colour parts badge and band
    painter.drawEllipse(center, radius + 2.0, radius + 2.0)
    x, y = center.x(), center.y()
    if label == "in":
        painter.setBrush(tone)
        painter.drawEllipse(center, radius, radius)
        check = QPainterPath(QPointF(x - radius * 0.45, y + 0.2))
        check.lineTo(QPointF(x - radius * 0.1, y + radius * 0.4))
        check.lineTo(QPointF(x + radius * 0.5, y - radius * 0.4))
        painter.setPen(QPen(colors.node_fill, 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(check)
    elif label == "out":
        painter.setPen(QPen(tone, 1.6))
        painter.drawEllipse(center, radius - 0.8, radius - 0.8)
        arm = radius * 0.38
        painter.setPen(QPen(tone, 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(x - arm, y - arm), QPointF(x + arm, y + arm))
        painter.drawLine(QPointF(x - arm, y + arm), QPointF(x + arm, y - arm))
    else:
        painter.setPen(QPen(tone, 1.6))
        painter.drawEllipse(center, radius - 0.8, radius - 0.8)
        font = style.badge_glyph_font()
        mark = cached_text("?", font)
        size = mark.size()
        painter.setFont(font)
        painter.drawStaticText(QPointF(x - size.width() / 2, y - size.height() / 2), mark)
    if manual:
        _paint_marked(painter, x - radius - 2.0, y, tone)


def _paint_marked(painter: QPainter, badge_left: float, y: float, tone: QColor) -> None:
    """A "MARKED" pill left of the badge: the label was set by hand, not computed."""
    colors = style.palette()
    font = style.marked_font()
    word = cached_text(style.MARKED_WORD, font)
    size = word.size()
    pill = QRectF(badge_left - size.width() - 12, y - 6.5, size.width() + 8, 13.0)  # 4 px apart
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colors.node_fill)
    painter.drawRoundedRect(pill, 3, 3)
    painter.setFont(font)
    painter.setPen(tone)
    painter.drawStaticText(QPointF(pill.left() + 4, y - size.height() / 2), word)


def card_height(text: str, has_source: bool = False, title: str | None = None) -> float:
    """The height a card for this text will have (to place a node before it exists)."""
    height = static_text(text or " ", style.text_font(), TEXT_WIDTH).size().height()
    shown = shown_title(text or "", title)
    heading = title_text(shown).size().height() + TITLE_GAP if shown else 0.0
    return _height_for(heading + height, has_source)


def _height_for(text_height: float, has_source: bool) -> float:
    badge = style.BADGE_HEIGHT + 2 if has_source else 0.0
    return style.BAND_HEIGHT + 2 * style.NODE_PADDING + text_height + badge


class NodeItem(QGraphicsItem):
    """A node centred on its position. Geometry, paths and prepared texts are computed in
    ``set_node`` only when what they show changed, so paint and boundingRect stay cheap."""

    links_follow = True  # False while many cards move at once: their links are laid out after

    def __init__(self, node: Node, source_title: str | None = None,
                 parent: QGraphicsItem | None = None, *, source_lost: bool = False) -> None:
        super().__init__(parent)
        self.node_id = node.id
        self.edges: list["EdgeItem"] = []  # edges that start or end here; kept by the scene
        self.overview_dirty: set[str] | None = None  # the scene's overview: told of every change
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setAcceptHoverEvents(True)
        self.hovered = False
        self.drop_target = False  # something is being dragged over this node
        self._rect = QRectF()
        self._bounds = QRectF()
        self._outline = QPainterPath()
        self._band = QPainterPath()
        self._shape = QPainterPath()
        self._text = NO_TEXT
        self._title = NO_TEXT
        self._title_height = 0.0  # the title line and the gap below it; 0 when none is shown
        self._gist: tuple | None = None
        self._label = NO_TEXT
        self._badge = NO_TEXT
        self._text_font, self._band_font, self._badge_font = _card_fonts()
        self.text = ""
        self.title: str | None = None  # the title shown on the card's first line, if any
        self.kind = ""
        self.pinned = False
        self.source_title: str | None = None
        self.source_lost = False  # the passage is gone from a re-imported document
        self._color: str | None = None
        self._key: tuple | None = None
        self.label: str | None = None  # evaluation: "in" | "out" | "undecided" | None (hidden)
        self.manual = False  # the label is a manual mark
        self.hidden_count = 0  # collapsed: how many nodes below it are hidden (0: expanded)
        self._count_text = NO_TEXT
        self.votes: VoteBadge | None = None  # dots and mean rating, a tab on the top border
        self._tip = ""
        self._tip_stale = False
        self.set_node(node, source_title, source_lost)

    # ---- model -> geometry ---------------------------------------------------------------

    def set_node(self, node: Node, source_title: str | None = None,
                 source_lost: bool = False) -> bool:
        """Take the node's fields; lay the card out again only when its content changed.
        ``source_lost``: the passage was not found again after a re-import (flagged)."""
        source_lost = bool(source_title) and source_lost
        key = (node.text, node.title, str(node.kind), node.color, bool(node.pinned), source_title,
               source_lost)
        if key == self._key:
            return False  # e.g. only moved, or only its mark changed
        self._key = key
        if self.overview_dirty is not None:  # its kind or colour may have changed
            self.overview_dirty.add(self.node_id)
        self.text, self.kind, self._color = node.text, str(node.kind), node.color
        self.pinned, self.source_title = bool(node.pinned), source_title
        self.source_lost = source_lost
        self._text = static_text(node.text, self._text_font, TEXT_WIDTH)
        self.title = shown_title(node.text, node.title)
        self._title = title_text(self.title) if self.title else NO_TEXT
        self._title_height = self._title.size().height() + TITLE_GAP if self.title else 0.0
        self._gist = None  # (pixel size, prepared text, font) of the zoomed-out gist
        self._label = static_text(style.kind_label(self.kind), self._band_font)
        if source_lost:
            self._badge = static_text(style.SOURCE_CHANGED, style.warning_font())
        elif source_title:
            metrics = QFontMetricsF(self._badge_font)
            elided = metrics.elidedText(source_title, Qt.TextElideMode.ElideRight, TEXT_WIDTH - 18)
            self._badge = static_text(elided, self._badge_font)
        height = _height_for(self._title_height + self._text.size().height(), bool(source_title))
        rect = QRectF(-style.NODE_WIDTH / 2, -height / 2, style.NODE_WIDTH, height)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
            self._outline, self._band, self._shape = _card_paths(rect)
            self._update_bounds()
            for edge in self.edges:
                edge.update_geometry()
        where = f"\nSource: {source_title}" if source_title else ""
        if source_lost:
            where += f"\n{style.SOURCE_CHANGED_TIP}"
        pin = "\n(pinned)" if self.pinned else ""
        heading = f"{self.title}\n" if self.title else ""
        self._tip = f"{style.kind_label(self.kind).title()}: {heading}{node.text}{where}{pin}"
        self._tip_stale = True  # set on hover (or when asked): 10,000 setToolTip calls cost 0.15 s
        self.update()
        return True

    def set_evaluation(self, label: str | None, manual: bool = False) -> bool:
        """Show an evaluation label ("in", "out", "undecided"; None shows none) and whether it
        is a manual mark. Repaints, and returns True, only when something changed."""
        manual = bool(manual) and label is not None
        if label == self.label and manual == self.manual:
            return False
        self.label, self.manual = label, manual
        self._tip_stale = True  # set on hover: setToolTip on 2,000 cards costs more than a relabel
        self.update()
        return True

    def set_hidden_count(self, count: int) -> bool:
        """Collapsed with ``count`` hidden nodes below it ("+N" badge); 0 when expanded."""
        count = max(0, int(count))
        if count == self.hidden_count:
            return False
        self.prepareGeometryChange()  # the "+N" pill hangs below the card
        self.hidden_count = count
        self._count_text = cached_text(f"+{count}", style.count_font()) if count else NO_TEXT
        self._update_bounds()
        self._refresh_tooltip()
        self.update()
        return True

    def set_votes(self, dots: int, rating_mean: float | None = None, rating_count: int = 0) -> bool:
        """Show the card's tally as a tab on its top border (nothing when it has no votes).
        Repaints, and returns True, only when what the pill shows changed."""
        badge = VoteBadge(int(dots), rating_mean, int(rating_count)) \
            if dots or rating_mean is not None else None
        if badge == self.votes:
            return False
        self.prepareGeometryChange()  # the tab stands above the card
        self.votes = badge
        self._update_bounds()
        self._tip_stale = True
        self.update()
        return True

    def vote_badge_text(self) -> str:
        """What the vote pill shows, e.g. "●●● 3  +1.3" ("" when the card has no votes)."""
        return self.votes.text if self.votes is not None else ""

    def _update_bounds(self) -> None:
        """The card, the link handle, the "+N" below it and the vote tab above it."""
        if self.overview_dirty is not None:
            self.overview_dirty.add(self.node_id)
        self._bounds = self._rect.adjusted(-4, -4, style.HANDLE_RADIUS + 4, 4)
        if self.hidden_count:
            self._bounds.setBottom(self.count_rect().bottom() + 2)
        if self.votes is not None:
            self._bounds = self._bounds.united(self.votes.rect(self._rect).adjusted(-1, -1, 1, 2))

    def tooltip_text(self) -> str:
        """What the tooltip says: kind, text, source, pin, evaluation label, collapsed count."""
        tip = self._tip
        if self.label is not None:
            tip += f"\nEvaluation: {style.EVAL_WORDS.get(self.label, self.label)}"
            if self.manual:
                tip += " (marked by hand)"
        if self.hidden_count:
            tip += f"\nCollapsed: {self.hidden_count} hidden below"
        if self.votes is not None:
            tip += f"\n{self.votes.describe()}"
        return tip

    def _refresh_tooltip(self) -> None:
        self._tip_stale = False
        self.setToolTip(self.tooltip_text())

    def toolTip(self) -> str:  # noqa: N802 (Qt's name)
        if self._tip_stale:
            self._refresh_tooltip()
        return super().toolTip()

    def card_geometry(self) -> tuple[float, float, float, float]:
        """The card's left, top, width and height in item coordinates (no QRectF copy)."""
        rect = self._rect
        return rect.x(), rect.y(), rect.width(), rect.height()

    def band_rgba(self) -> int:
        """The kind's colour (or the node's own), as the band shows it, packed as ARGB."""
        return style.kind_rgba(self.kind, self._color)

    @property
    def rect(self) -> QRectF:
        """The card in item coordinates (centred on the origin)."""
        return QRectF(self._rect)

    def handle_center(self) -> QPointF:
        return QPointF(self._rect.right(), 0.0)

    def handle_contains(self, scene_point: QPointF, slack: float = 3.0) -> bool:
        local = self.mapFromScene(scene_point) - self.handle_center()
        return math.hypot(local.x(), local.y()) <= style.HANDLE_RADIUS + slack

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    # ---- painting ------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        colors = style.palette()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        band = style.kind_color(self.kind, self._color)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        if selected:  # a soft halo outside the card, then a strong border
            halo = QColor(colors.selection)
            halo.setAlpha(70)
            painter.setPen(QPen(halo, 7.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self._outline)
        faded = self.label == "out"
        base_opacity = painter.opacity()  # the item's own opacity (a highlight may dim it)
        if faded:  # defeated: the whole card recedes; its badge (drawn last) does not
            painter.setOpacity(base_opacity * colors.out_opacity)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.node_fill)
        painter.drawPath(self._outline)
        painter.setBrush(band)
        painter.drawPath(self._band)
        if selected:
            border = QPen(colors.selection, 2.4)
        elif self.source_lost:
            border = QPen(colors.warning_fill, 1.6, Qt.PenStyle.DashLine)
        elif self.drop_target or (self.hovered and colors.chrome):
            border = QPen(colors.hover, 1.8)
        else:
            border = QPen(colors.node_border, 1.0)
        painter.setPen(border)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._outline)
        if self.drop_target:
            painter.setPen(QPen(colors.hover, 2.0, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(self._rect.adjusted(-4, -4, 4, 4), 10, 10)

        if detail < style.TEXT_DETAIL:  # zoomed far out: card, band, badges and a gist at most
            if detail >= style.GIST_DETAIL:
                self._paint_gist(painter, detail, colors.text)
            painter.setOpacity(base_opacity)
            self._paint_marks(painter)
            return
        left = self._rect.left() + style.NODE_PADDING
        label_top = self._rect.top() + (style.BAND_HEIGHT - self._label.size().height()) / 2
        painter.setFont(self._band_font)
        painter.setPen(style.band_text_color(band))
        painter.drawStaticText(QPointF(left, label_top), self._label)
        if self.pinned:
            self._paint_pin(painter, band)
        painter.setPen(colors.text)
        text_top = self._rect.top() + style.BAND_HEIGHT + style.NODE_PADDING
        if self.title:
            painter.setFont(title_font())
            painter.drawStaticText(QPointF(left, text_top), self._title)
        painter.setFont(self._text_font)
        painter.drawStaticText(QPointF(left, text_top + self._title_height), self._text)
        if self.source_lost:
            self._paint_warning(painter)
        elif self.source_title:
            self._paint_badge(painter)
        painter.setOpacity(base_opacity)
        self._paint_marks(painter)
        if self.hovered and not self.drop_target and colors.chrome:
            self._paint_handle(painter)

    def _paint_gist(self, painter: QPainter, detail: float, color) -> None:
        """The first words of the title (else of the text), in a type that stays readable on
        screen when the whole map is fitted into a small view. Prepared once per size step, not
        at every paint."""
        size = max(4, round(style.GIST_SCREEN_PIXELS / detail / 4.0) * 4)
        body = QRectF(self._rect.left() + style.NODE_PADDING,
                      self._rect.top() + style.BAND_HEIGHT + style.NODE_PADDING / 2,
                      TEXT_WIDTH, self._rect.height() - style.BAND_HEIGHT - style.NODE_PADDING)
        if self._gist is None or self._gist[0] != size:
            font = QFont(self._text_font)
            font.setPixelSize(size)
            metrics = QFontMetricsF(font)
            lines = max(1, int(body.height() // metrics.lineSpacing()))
            words = " ".join((self.title or self.text).split())
            room = TEXT_WIDTH * lines
            while True:  # word wrap wastes the ends of lines: elide until the lines fit
                gist = metrics.elidedText(words, Qt.TextElideMode.ElideRight, room)
                prepared = static_text(gist, font, TEXT_WIDTH)
                if prepared.size().height() <= body.height() + 1 or room < TEXT_WIDTH / 2:
                    break
                room *= 0.85
            self._gist = (size, prepared, font)
        _size, prepared, font = self._gist
        painter.save()
        painter.setClipRect(body)
        painter.setFont(font)
        painter.setPen(color)
        painter.drawStaticText(body.topLeft(), prepared)
        painter.restore()

    def _paint_marks(self, painter: QPainter) -> None:
        if self.label is not None:
            paint_label_badge(painter, self.eval_badge_center(), self.label, self.manual)
        if self.hidden_count:
            self._paint_count(painter)
        if self.votes is not None:
            self.votes.paint(painter, self._rect)

    def eval_badge_center(self) -> QPointF:
        """The evaluation badge sits at the right end of the kind band."""
        return QPointF(self._rect.right() - style.EVAL_BADGE_RADIUS - 6,
                       self._rect.top() + style.BAND_HEIGHT / 2)

    def count_rect(self) -> QRectF:
        """The "+N" pill of a collapsed node, across the bottom border in the middle."""
        width = self._count_text.size().width() + 14
        height = style.EVAL_BADGE_RADIUS * 2
        return QRectF(-width / 2, self._rect.bottom() - height / 2, width, height)

    def _paint_count(self, painter: QPainter) -> None:
        colors = style.palette()
        pill = self.count_rect()
        painter.setPen(QPen(colors.text, 1.3))
        painter.setBrush(colors.node_fill)
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setFont(style.count_font())
        painter.setPen(colors.text)
        size = self._count_text.size()
        painter.drawStaticText(QPointF(pill.center().x() - size.width() / 2,
                                       pill.center().y() - size.height() / 2), self._count_text)

    def _paint_pin(self, painter: QPainter, band: QColor) -> None:
        """A small push-pin in the band's right corner."""
        color = style.band_text_color(band)
        x = self._rect.right() - 12
        if self.label:  # left of the badge (and of the "MARKED" pill of a manual mark)
            x -= 2 * style.EVAL_BADGE_RADIUS + 6
            if self.manual:
                x -= cached_text(style.MARKED_WORD, style.marked_font()).size().width() + 12
        y = self._rect.top() + style.BAND_HEIGHT / 2 - 1
        painter.setPen(QPen(color, 1.4))
        painter.setBrush(color)
        painter.drawEllipse(QPointF(x, y - 2), 3.0, 3.0)
        painter.drawLine(QPointF(x, y + 1), QPointF(x, y + 6))

    def _paint_badge(self, painter: QPainter) -> None:
        """The title of the document the claim was taken from, on a quiet pill."""
        colors = style.palette()
        pill = self.badge_rect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.badge_fill)
        painter.drawRoundedRect(pill, 4, 4)
        # a tiny page glyph with a folded corner
        page = QRectF(pill.left() + 5, pill.center().y() - 5, 7.5, 10)
        painter.setPen(QPen(colors.muted, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        glyph = QPainterPath(page.topLeft())
        glyph.lineTo(page.right() - 2.5, page.top())
        glyph.lineTo(page.right(), page.top() + 2.5)
        glyph.lineTo(page.bottomRight())
        glyph.lineTo(page.bottomLeft())
        glyph.closeSubpath()
        painter.drawPath(glyph)
        painter.setFont(self._badge_font)
        painter.setPen(colors.muted)
        text_top = pill.center().y() - self._badge.size().height() / 2
        painter.drawStaticText(QPointF(pill.left() + 17, text_top), self._badge)

    def badge_rect(self) -> QRectF:
        """Where the source badge (or the "source changed" warning) sits, in item coordinates."""
        top = self._rect.bottom() - style.NODE_PADDING - style.BADGE_HEIGHT + 4
        extra = 26 if self.source_lost else 22
        width = min(self._badge.size().width() + extra, TEXT_WIDTH)
        return QRectF(self._rect.left() + style.NODE_PADDING - 3, top, width, style.BADGE_HEIGHT - 2)

    def _paint_warning(self, painter: QPainter) -> None:
        """A lost passage: a strong warning pill with a triangle and "source changed" in place of
        the quiet source badge (dark pill on a light card and the reverse: readable in grey)."""
        colors = style.palette()
        pill = self.badge_rect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.warning_fill)
        painter.drawRoundedRect(pill, 4, 4)
        side, cy = 10.0, pill.center().y()
        left = pill.left() + 6
        triangle = QPainterPath(QPointF(left + side / 2, cy - side / 2))
        triangle.lineTo(QPointF(left + side, cy + side / 2 - 0.5))
        triangle.lineTo(QPointF(left, cy + side / 2 - 0.5))
        triangle.closeSubpath()
        painter.setBrush(colors.warning_text)
        painter.drawPath(triangle)
        painter.setPen(QPen(colors.warning_fill, 1.4))
        mark_x = left + side / 2
        painter.drawLine(QPointF(mark_x, cy - 1.8), QPointF(mark_x, cy + 1.6))
        painter.drawPoint(QPointF(mark_x, cy + 3.4))
        painter.setFont(style.warning_font())
        painter.setPen(colors.warning_text)
        text_top = cy - self._badge.size().height() / 2
        painter.drawStaticText(QPointF(left + side + 5, text_top), self._badge)

    def _paint_handle(self, painter: QPainter) -> None:
        colors = style.palette()
        painter.setPen(QPen(colors.node_fill, 1.5))
        painter.setBrush(colors.hover)
        painter.drawEllipse(self.handle_center(), style.HANDLE_RADIUS, style.HANDLE_RADIUS)
        painter.setPen(QPen(colors.node_fill, 1.6))
        c = self.handle_center()
        painter.drawLine(QPointF(c.x() - 3, c.y()), QPointF(c.x() + 3, c.y()))
        painter.drawLine(QPointF(c.x() + 1, c.y() - 2.5), QPointF(c.x() + 3, c.y()))
        painter.drawLine(QPointF(c.x() + 1, c.y() + 2.5), QPointF(c.x() + 3, c.y()))

    # ---- interaction state ---------------------------------------------------------------

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        if self._tip_stale:
            self._refresh_tooltip()
        self.hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = False
        self.update()
        super().hoverLeaveEvent(event)

    def set_drop_target(self, on: bool) -> None:
        if on != self.drop_target:
            self.drop_target = on
            self.update()

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value):
        if change == _POSITION_CHANGED:
            if NodeItem.links_follow:
                for edge in self.edges:
                    edge.update_geometry()
            if self.overview_dirty is not None:
                self.overview_dirty.add(self.node_id)
        return value  # what QGraphicsItem.itemChange returns; calling it converts value twice
