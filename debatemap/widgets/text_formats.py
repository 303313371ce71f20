"""How a document's text looks in the panel: paragraph kinds, candidate marks, excerpt highlights."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from debatemap.widgets.offsets import OffsetMap

#: Char format properties that say what a stretch of text is (tests and tooltips read them).
KIND_PROPERTY = QTextFormat.Property.UserProperty + 1  # the paragraph kind, a str
CANDIDATE_PROPERTY = QTextFormat.Property.UserProperty + 2  # True on candidate claims

BODY_POINT_SIZE = 10.0
EXCERPT_ALPHA = 70  # how strongly a node's colour tints the passage it was taken from
LINE_HEIGHT_PERCENT = 128
BODY_CONTRAST = 4.5  # WCAG AA: body, quote and muted text against the background


def luminance(color: QColor) -> float:
    """WCAG relative luminance of an opaque colour."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(color.red()) + 0.7152 * channel(color.green())
            + 0.0722 * channel(color.blue()))


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two opaque colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved the fraction ``t`` of the way toward ``b``."""
    return QColor(round(a.red() + (b.red() - a.red()) * t),
                  round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


def over(tint: QColor, base: QColor) -> QColor:
    """What a translucent ``tint`` looks like painted on ``base``."""
    return mix(base, QColor(tint.red(), tint.green(), tint.blue()), tint.alphaF())


def _toward_base(text: QColor, base: QColor, wanted: float, least: float = BODY_CONTRAST) -> QColor:
    """``text`` faded toward ``base`` by ``wanted``, but never below ``least`` contrast."""
    t = wanted
    while t > 0 and contrast(mix(text, base, t), base) < least:
        t -= 0.02
    return mix(text, base, max(t, 0.0))


@dataclass(frozen=True)
class TextColors:
    """The document text's colours, derived from a palette's Text and Base (light or dark)."""

    dark: bool
    text: QColor
    base: QColor
    alternate_base: QColor  # alternating list rows: a shade off the base, never white on dark
    muted: QColor  # metadata and noise: shown, but clearly not argument
    quote: QColor
    candidate_underline: QColor  # a faint dotted line under each candidate sentence
    hover: QColor  # the candidate under the mouse, ready to drag
    collected: QColor  # candidates gathered by Ctrl+click to drag together
    focus_background: QColor  # the passage "Go to source" or Find led to
    focus_outline: QColor


def text_colors(palette: QPalette | None = None) -> TextColors:
    """Colours for the application palette (or ``palette``), readable on its Base."""
    if palette is None:
        palette = QGuiApplication.palette()
    base = QColor(palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Base))
    text = QColor(palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text))
    dark = base.lightness() < 128
    if contrast(text, base) < BODY_CONTRAST:  # a palette whose text does not read on its base
        text = QColor("#e6e6e6") if dark else QColor("#1f2328")
    if dark:
        return TextColors(
            True, text, base, mix(base, text, 0.07), _toward_base(text, base, 0.42),
            _toward_base(text, base, 0.18), QColor("#6d8fc0"), QColor(127, 178, 238, 40),
            QColor("#b392f0"), QColor(255, 190, 0, 50), QColor("#e3b341"))
    return TextColors(
        False, text, base, mix(base, text, 0.04), _toward_base(text, base, 0.42),
        _toward_base(text, base, 0.18), QColor("#8aa5cc"), QColor(47, 109, 181, 26),
        QColor("#8250df"), QColor(255, 200, 0, 140), QColor("#bf8700"))


def body_font() -> QFont:
    font = QFont()
    font.setPointSizeF(BODY_POINT_SIZE)
    return font


def _char_format(kind: str, colors: TextColors) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setProperty(KIND_PROPERTY, kind)
    if kind == "heading":
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setFontPointSize(BODY_POINT_SIZE * 1.3)
    elif kind == "quote":
        fmt.setFontItalic(True)
        fmt.setForeground(colors.quote)
    elif kind in ("metadata", "noise"):
        fmt.setForeground(colors.muted)
        fmt.setFontPointSize(BODY_POINT_SIZE * 0.9)
    return fmt


def _block_format(kind: str) -> QTextBlockFormat | None:
    fmt = QTextBlockFormat()
    if kind == "heading":
        fmt.setTopMargin(8)
        fmt.setBottomMargin(2)
    elif kind == "list_item":
        fmt.setLeftMargin(14)
        fmt.setTextIndent(-8)  # the marker hangs a little to the left of the item's text
    elif kind == "quote":
        fmt.setLeftMargin(22)
        fmt.setRightMargin(12)
    elif kind == "table_row":
        fmt.setLeftMargin(8)
    else:
        return None
    return fmt


def candidate_format(colors: TextColors | None = None) -> QTextCharFormat:
    colors = colors or text_colors()
    fmt = QTextCharFormat()
    fmt.setProperty(CANDIDATE_PROPERTY, True)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    fmt.setUnderlineColor(colors.candidate_underline)
    return fmt


def excerpt_format(color: QColor) -> QTextCharFormat:
    """A node's passage: tinted with the node's colour, underlined in it."""
    tint = QColor(color)
    tint.setAlpha(EXCERPT_ALPHA)
    fmt = QTextCharFormat()
    fmt.setBackground(tint)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(color)
    return fmt


def focus_format() -> QTextCharFormat:
    """The passage being looked at: a strong marker-pen amber, whatever node colour it has."""
    colors = text_colors()
    fmt = QTextCharFormat()
    fmt.setBackground(colors.focus_background)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(colors.focus_outline)
    return fmt


def collected_format() -> QTextCharFormat:
    """A candidate collected by Ctrl+click: a violet tint with a solid underline."""
    color = text_colors().collected
    tint = QColor(color)
    tint.setAlpha(60)
    fmt = QTextCharFormat()
    fmt.setBackground(tint)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(color)
    return fmt


def hover_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(text_colors().hover)
    return fmt


def build_text_document(
    document: QTextDocument,
    text: str,
    offsets: OffsetMap,
    paragraphs: Iterable[tuple[int, int, str]],
    candidates: Iterable[tuple[int, int]],
) -> None:
    """Fill ``document`` with ``text`` (one Qt position per UTF-16 unit) and style it.

    The text goes in as plain text, so that positions stay those of the stored text; structure
    and candidate marks are merged onto it afterwards. Body text takes the view's palette Text
    colour (no colour of its own), so it follows light and dark palettes; muted and quoted
    text are derived from the application palette (build again when it changes).
    """
    colors = text_colors()
    document.setUndoRedoEnabled(False)
    document.setDefaultFont(body_font())
    document.setPlainText(text)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    base = QTextBlockFormat()
    base.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    cursor.mergeBlockFormat(base)
    for start, end, kind in paragraphs:
        _select(cursor, offsets, start, end)
        cursor.mergeCharFormat(_char_format(kind, colors))
        block = _block_format(kind)
        if block is not None:
            cursor.mergeBlockFormat(block)
    marked = candidate_format(colors)
    for start, end in candidates:
        _select(cursor, offsets, start, end)
        cursor.mergeCharFormat(marked)
    cursor.endEditBlock()


def selection_cursor(document: QTextDocument, offsets: OffsetMap, start: int, end: int) -> QTextCursor:
    """A cursor selecting the code point span ``start:end``."""
    cursor = QTextCursor(document)
    _select(cursor, offsets, start, end)
    return cursor


def _select(cursor: QTextCursor, offsets: OffsetMap, start: int, end: int) -> None:
    first, last = offsets.span_to_utf16(start, end)
    cursor.setPosition(first)
    cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
