"""Participant colours: the colour-blind-safe palette new participants draw from, and swatch icons.

The palette is Okabe and Ito's (Wong, "Points of view: Color blindness", Nature Methods 8, 2011):
eight colours that stay distinct under the common colour-vision deficiencies, ordered so that
the first few are the most different from each other.
"""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

from debatemap.core.model import Participant

PALETTE: tuple[str, ...] = (
    "#0072b2",  # blue
    "#e69f00",  # orange
    "#009e73",  # bluish green
    "#d55e00",  # vermillion
    "#cc79a7",  # reddish purple
    "#56b4e9",  # sky blue
    "#f0e442",  # yellow
    "#000000",  # black
)
SWATCH_SIZE = 22


def next_colour(used: Iterable[str | None]) -> str:
    """The first palette colour nobody has yet; when all are taken, the least used one."""
    counts = {colour: 0 for colour in PALETTE}
    for colour in used:
        if colour and colour.lower() in counts:
            counts[colour.lower()] += 1
    fewest = min(counts.values())
    return next(colour for colour in PALETTE if counts[colour] == fewest)


def colour_of(participant: Participant, index: int) -> QColor:
    """The colour a participant is shown in: their own, else the palette's for their place."""
    return QColor(participant.color or PALETTE[index % len(PALETTE)])


def swatch_icon(colour: QColor | str, number: int | None = None, size: int = SWATCH_SIZE,
                ring: bool = False) -> QIcon:
    """A filled circle in ``colour`` with ``number`` (the speaker key) on it; ``ring`` draws
    an outer ring (the current speaker)."""
    return QIcon(swatch_pixmap(colour, number, size, ring))


def swatch_pixmap(colour: QColor | str, number: int | None = None, size: int = SWATCH_SIZE,
                  ring: bool = False) -> QPixmap:
    colour = QColor(colour)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    inset = 3.5 if ring else 1.0
    painter.setPen(QPen(colour.darker(160), 1.0))
    painter.setBrush(colour)
    painter.drawEllipse(QRectF(inset, inset, size - 2 * inset, size - 2 * inset))
    if ring:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colour.darker(130), 1.6))
        painter.drawEllipse(QRectF(0.8, 0.8, size - 1.6, size - 1.6))
    if number is not None:
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(8, int(size * 0.5)))
        painter.setFont(font)
        painter.setPen(QColor("#000000") if _is_light(colour) else QColor("#ffffff"))
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, str(number))
    painter.end()
    return pixmap


def _is_light(colour: QColor) -> bool:
    """Whether black text reads better than white on ``colour`` (relative luminance)."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    luminance = (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
                 + 0.0722 * channel(colour.blueF()))
    return luminance > 0.179
