"""Card sizes as the canvas draws them, computed without Qt (for layout on the command line).

The numbers mirror canvas/style.py and canvas/node_item.py.
"""

from __future__ import annotations

import unicodedata

Size = tuple[float, float]

NODE_WIDTH = 230.0
NODE_PADDING = 10.0
BAND_HEIGHT = 19.0
BADGE_HEIGHT = 18.0
TEXT_WIDTH = NODE_WIDTH - 2 * NODE_PADDING
LINE_HEIGHT = 16.0  # 10 pt DejaVu Sans as QStaticText lays it out (bold too)
TITLE_GAP = 2.0  # between a card's bold title line and its text
# Advance widths in pixels of the printable ASCII characters (10 pt DejaVu Sans, 96 dpi),
# measured with QFontMetricsF; other characters use a typical width.
_ASCII_WIDTHS = (
    4.125, 5.203, 5.969, 10.891, 8.266, 12.344, 10.125, 3.562, 5.062, 5.062, 6.5, 10.891, 4.125,
    4.688, 4.125, 4.375, 8.266, 8.266, 8.266, 8.266, 8.266, 8.266, 8.266, 8.266, 8.266, 8.266,
    4.375, 4.375, 10.891, 10.891, 10.891, 6.891, 13.0, 8.891, 8.906, 9.062, 10.0, 8.203, 7.469,
    10.062, 9.766, 3.828, 3.828, 8.516, 7.234, 11.203, 9.719, 10.219, 7.828, 10.219, 9.031,
    8.25, 7.938, 9.5, 8.891, 12.844, 8.891, 7.938, 8.891, 5.062, 4.375, 5.062, 10.891, 6.5,
    6.5, 7.953, 8.25, 7.141, 8.25, 7.984, 4.562, 8.25, 8.234, 3.609, 3.609, 7.516, 3.609,
    12.656, 8.234, 7.953, 8.25, 8.25, 5.344, 6.766, 5.094, 8.234, 7.688, 10.625, 7.688, 7.688,
    6.812, 8.266, 4.375, 8.266, 10.891,
)
_OTHER_WIDTH = 8.0
_WIDE_WIDTH = 13.3  # East Asian wide and full-width characters


def _char_width(ch: str) -> float:
    code = ord(ch)
    if 32 <= code < 127:
        return _ASCII_WIDTHS[code - 32]
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return _WIDE_WIDTH
    if unicodedata.combining(ch):
        return 0.0
    return _OTHER_WIDTH


def text_lines(text: str, width: float = TEXT_WIDTH) -> int:
    """How many lines ``text`` wraps to at ``width`` (greedy word wrap, long words overflow)."""
    words = text.split()
    if not words:
        return 1
    space = _ASCII_WIDTHS[0]
    lines = 1
    used = -1.0  # nothing on the line yet
    for word in words:
        w = sum(_char_width(ch) for ch in word)
        if used < 0:
            used = w
        elif used + space + w <= width:
            used += space + w
        else:
            lines += 1
            used = w
    return lines


def shown_title(text: str, title: str | None) -> str | None:
    """The title a card shows on its own bold line above the text (one line, elided when
    long): None for an untitled node, and for one whose text is no more than its title."""
    if not title:
        return None
    title = " ".join(title.split())
    return None if title == " ".join(text.split()) else title


def estimate_size(
    text: str, kind: str = "claim", *, has_source: bool = False, title: str | None = None
) -> Size:
    """The (width, height) of the card the canvas draws for this text, without Qt.

    Cards are a fixed width; the height is the kind band, the padding, the title line (see
    ``shown_title``), the wrapped text and, for a node taken from a document, the source badge.
    ``kind`` does not change the size of today's cards and is taken so that callers need not
    know that.
    """
    badge = BADGE_HEIGHT + 2 if has_source else 0.0
    heading = LINE_HEIGHT + TITLE_GAP if shown_title(text or "", title) else 0.0
    height = BAND_HEIGHT + 2 * NODE_PADDING + heading + LINE_HEIGHT * text_lines(text or "") + badge
    return (NODE_WIDTH, height)
