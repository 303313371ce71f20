"""Making Qt's SVG output draw the same in a browser (or any viewer) as on the canvas.

QSvgGenerator names the font by the family Qt was asked for ("Sans Serif", which only Qt's font
matching understands: browsers fall back to a serif face), drops letter spacing, leaves the
width of each run to the viewer's font, and gives the picture's size in millimetres (which Qt's
own renderer reads at 90 dpi, browsers at 96). This rewrites the SVG so that every viewer draws
text in the face the canvas used, with a generic fallback, the same letter spacing, and the
canvas's width for each run (``textLength``), so a substitute face cannot overflow a card; and
sizes the picture in pixels, its viewBox's units.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF

from debatemap.canvas import style

SIZE = re.compile(r'<svg width="[^"]*" height="[^"]*"')
FAMILY = re.compile(r'font-family="([^"]*)"')
TEXT = re.compile(r'<text ([^>]*)>([^<]*)</text>')
ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
SVG_DPI = 96.0  # the generator's resolution: font-size is in px at this many per inch


def portable_svg(svg: str, width: int, height: int) -> str:
    """``svg`` (QSvgGenerator's output, ``width`` x ``height`` user units) sized in pixels, with
    real font families, letter spacing and text lengths."""
    svg = SIZE.sub(f'<svg width="{width}" height="{height}"', svg, count=1)
    _family_list.cache_clear()  # the application's fonts may have changed since the last export
    _font.cache_clear()
    svg = TEXT.sub(_text_element, svg)
    return FAMILY.sub(lambda match: f'font-family="{_family_list(match.group(1))}"', svg)


@lru_cache(maxsize=None)
def _family_list(asked: str) -> str:
    """The family Qt resolves ``asked`` to here, then the generic family for any viewer that
    lacks it (the canvas draws with the system's UI face, a sans-serif one unless fixed-pitch)."""
    info = QFontInfo(QFont(html.unescape(asked)))
    generic = "monospace" if info.fixedPitch() else "sans-serif"
    return f"&apos;{html.escape(info.family(), quote=True)}&apos;, {generic}"


def _text_element(match: re.Match) -> str:
    attributes, content = match.group(1), match.group(2)
    values = dict(ATTRIBUTE.findall(attributes))
    text = html.unescape(content)
    if not text.strip() or "font-size" not in values:
        return match.group(0)
    font, metrics = _font(values.get("font-family", ""), float(values["font-size"]),
                          int(values.get("font-weight", "400")), values.get("font-style", "normal"))
    extra = ""
    if font.letterSpacing():
        extra += f' letter-spacing="{font.letterSpacing():g}"'
    width = metrics.horizontalAdvance(text)
    if len(text) > 1 and width > 0:
        extra += f' textLength="{width:.2f}" lengthAdjust="spacingAndGlyphs"'
    return f"<text {attributes.rstrip()}{extra}\n >{content}</text>"


@lru_cache(maxsize=None)
def _font(family: str, pixels: float, weight: int, font_style: str) -> tuple[QFont, QFontMetricsF]:
    """The canvas's font for a run written with these attributes, and its metrics: the same
    family, size and weight, and the letter spacing of the canvas font it matches (the
    generator omits it)."""
    font = QFont(html.unescape(family))
    font.setPointSizeF(pixels * 72.0 / SVG_DPI)
    font.setWeight(min(QFont.Weight, key=lambda known: abs(known.value - weight)))
    font.setItalic(font_style in ("italic", "oblique"))
    for spaced in _spaced_fonts():
        if (abs(spaced.pointSizeF() - font.pointSizeF()) < 0.01 and spaced.weight() == font.weight()
                and spaced.italic() == font.italic()):
            font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spaced.letterSpacing())
    return font, QFontMetricsF(font)


def _spaced_fonts() -> list[QFont]:
    """The canvas fonts drawn with absolute letter spacing (the kind band over each card)."""
    return [font for font in (style.band_font(),)
            if font.letterSpacing() and
            font.letterSpacingType() == QFont.SpacingType.AbsoluteSpacing]
