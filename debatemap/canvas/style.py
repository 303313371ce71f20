"""How the canvas looks: sizes, fonts, kind colours, link styles, and the light/dark palette."""

from __future__ import annotations

import functools

from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QApplication

from debatemap.core.model import EdgeType, NodeKind

NODE_WIDTH = 230.0
NODE_PADDING = 10.0
BAND_HEIGHT = 19.0  # the coloured strip at the top of a node that carries its kind label
BADGE_HEIGHT = 18.0  # the source line at the bottom of a node taken from a document
CORNER_RADIUS = 7.0
HANDLE_RADIUS = 6.5  # the link handle shown on hover at a node's right border
TEXT_DETAIL = 0.4  # below this zoom the card's full text is too small to read...
GIST_DETAIL = 0.15  # ...so down to this zoom its first words are drawn in a larger type instead
GIST_SCREEN_PIXELS = 9.0  # the on-screen size of that type
OVERVIEW_DETAIL = GIST_DETAIL  # below it the view draws the map in miniature, not card by card
DEFAULT_NODE_HEIGHT = 62.0  # a one-line claim, for placing a node not yet made

# Band colours differ in lightness as well as hue, and the band always carries the kind's
# name, so a greyscale print still tells kinds apart.
KIND_COLORS: dict[str, str] = {
    NodeKind.CLAIM: "#2f6db5",
    NodeKind.OBJECTION: "#b83227",
    NodeKind.REBUTTAL: "#7d3c98",
    NodeKind.EVIDENCE: "#1d7a43",
    NodeKind.QUESTION: "#b9770e",
    NodeKind.IDEA: "#138a9c",
    NodeKind.NOTE: "#6c7a7b",
    NodeKind.ARGUMENT: "#2c3e50",
}
UNKNOWN_KIND_COLOR = "#555555"

# Link styles: line pattern and end marker carry the type; colour only repeats it.
#   support       solid   filled arrowhead        attack        dashed  bar (tee)
#   undercut      dotted  bar, at the link's middle  premise    thin solid, dot
#   conclusion    solid   open arrowhead          entails       solid   double chevron
#   contrary      dash-dot, open heads both ends  contradictory dash-dot, bars both ends
EDGE_STYLES: dict[str, tuple[str, str, str]] = {  # type: (pattern, end marker, start marker)
    EdgeType.SUPPORT: ("solid", "arrow", ""),
    EdgeType.ATTACK: ("dash", "bar", ""),
    EdgeType.UNDERCUT: ("dot", "bar", ""),
    EdgeType.PREMISE: ("solid", "dot", ""),
    EdgeType.CONCLUSION: ("solid", "open", ""),
    EdgeType.ENTAILS: ("solid", "double", ""),
    EdgeType.CONTRARY: ("dashdot", "open", "open"),
    EdgeType.CONTRADICTORY: ("dashdot", "bar", "bar"),
}
EDGE_WIDTH = 2.0
OUT_OPACITY = 0.45  # a card whose claim is out (evaluation) is drawn this faint
ARROW_SIZE = 13.0
BAR_WIDTH = 20.0


@dataclass(frozen=True)
class Palette:
    dark: bool
    background: QColor
    node_fill: QColor
    node_border: QColor
    text: QColor
    muted: QColor
    band_text: QColor
    selection: QColor
    hover: QColor
    badge_fill: QColor
    edges: dict
    warning_fill: QColor  # the "source changed" pill of a passage lost in a re-import
    warning_text: QColor
    chrome: bool = True  # hover feedback and link handles (editing chrome) are drawn
    line_scale: float = 1.0  # links are drawn this much thicker
    out_opacity: float = OUT_OPACITY  # how faint a defeated card is drawn


def _edge_colors(dark: bool) -> dict[str, QColor]:
    light = {
        EdgeType.SUPPORT: "#1d7a43", EdgeType.ATTACK: "#b83227", EdgeType.UNDERCUT: "#b83227",
        EdgeType.PREMISE: "#5d6670", EdgeType.CONCLUSION: "#3b4450", EdgeType.CONTRARY: "#7d3c98",
        EdgeType.CONTRADICTORY: "#7d3c98", EdgeType.ENTAILS: "#2f6db5",
    }
    darkened = {
        EdgeType.SUPPORT: "#5cc98a", EdgeType.ATTACK: "#f07167", EdgeType.UNDERCUT: "#f07167",
        EdgeType.PREMISE: "#9aa4ae", EdgeType.CONCLUSION: "#c3cad2", EdgeType.CONTRARY: "#c39bd3",
        EdgeType.CONTRADICTORY: "#c39bd3", EdgeType.ENTAILS: "#7fb2ee",
    }
    return {k: QColor(v) for k, v in (darkened if dark else light).items()}


def make_palette(dark: bool) -> Palette:
    if dark:
        return Palette(True, QColor("#1c1f24"), QColor("#2a2e35"), QColor("#565d68"),
                       QColor("#e8eaed"), QColor("#9aa3ad"), QColor("#ffffff"), QColor("#f0a030"),
                       QColor("#7fb2ee"), QColor("#353a42"), _edge_colors(True),
                       QColor("#ffb347"), QColor("#1b1d21"))
    return Palette(False, QColor("#f3f4f6"), QColor("#ffffff"), QColor("#8a9099"),
                   QColor("#1b1d21"), QColor("#5f6670"), QColor("#ffffff"), QColor("#e8890c"),
                   QColor("#2f6db5"), QColor("#eef1f5"), _edge_colors(False),
                   QColor("#b34700"), QColor("#ffffff"))


def system_is_dark() -> bool:
    app = QApplication.instance()
    if app is None:
        return False
    return QApplication.palette().window().color().lightness() < 128


# The projector palette: black text on white cards with dark outlines over a light backdrop
# (dark text on light projects best in a lit room), deeper link colours drawn thicker, and no
# editing chrome (hover outlines, link handles), so another view's hover never shows.
_PRESENTATION_EDGES = {
    EdgeType.SUPPORT: "#0b7a35", EdgeType.ATTACK: "#c0180c", EdgeType.UNDERCUT: "#c0180c",
    EdgeType.PREMISE: "#3d434b", EdgeType.CONCLUSION: "#1b1d21", EdgeType.CONTRARY: "#6c2a8c",
    EdgeType.CONTRADICTORY: "#6c2a8c", EdgeType.ENTAILS: "#1f5fae",
}
PRESENTATION_LINE_SCALE = 1.8
PRESENTATION_OUT_OPACITY = 0.85  # a defeated card must stay readable on a projector
_presentation: Palette | None = None


def presentation_palette() -> Palette:
    """High contrast for a projector or a shared screen (presentation mode, the audience)."""
    global _presentation
    if _presentation is None:
        _presentation = Palette(
            False, QColor("#e4e8ee"), QColor("#ffffff"), QColor("#1b1d21"), QColor("#000000"),
            QColor("#3d434b"), QColor("#ffffff"), QColor("#d35400"), QColor("#1f5fae"),
            QColor("#eef1f5"), {k: QColor(v) for k, v in _PRESENTATION_EDGES.items()},
            QColor("#b34700"), QColor("#ffffff"), chrome=False,
            line_scale=PRESENTATION_LINE_SCALE, out_opacity=PRESENTATION_OUT_OPACITY)
    return _presentation


_current: Palette | None = None
_painting: Palette | None = None  # set while one view paints in its own palette


def palette() -> Palette:
    """The palette in use: the one a view is painting with right now (see ``painting_with``),
    else the one following the system palette (call ``refresh_palette`` on change)."""
    global _current
    if _painting is not None:
        return _painting
    if _current is None:
        _current = make_palette(system_is_dark())
    return _current


@contextmanager
def painting_with(chosen: Palette | None):
    """Make ``palette()`` answer ``chosen`` while the block runs (one view's paint pass). Items
    read the palette in ``paint``, so views of one scene can each paint in their own palette;
    geometry (card sizes, text wrapping) is shared and never depends on it."""
    global _painting
    before, _painting = _painting, chosen
    try:
        yield
    finally:
        _painting = before


def refresh_palette(dark: bool | None = None) -> Palette:
    global _current
    _current = make_palette(system_is_dark() if dark is None else dark)
    return _current


def kind_color(kind: str, override: str | None = None) -> QColor:
    color = QColor(override) if override else QColor(KIND_COLORS.get(kind, UNKNOWN_KIND_COLOR))
    return color if color.isValid() else QColor(UNKNOWN_KIND_COLOR)


@functools.lru_cache(maxsize=256)
def kind_rgba(kind: str, override: str | None = None) -> int:
    """``kind_color`` as a packed ARGB number, parsed once per kind and colour."""
    return kind_color(kind, override).rgba()


def band_text_color(band: QColor) -> QColor:
    """White on dark bands, near-black on light custom colours."""
    return QColor("#ffffff") if band.lightness() < 150 else QColor("#1b1d21")


def kind_label(kind: str) -> str:
    return str(kind).upper()


def edge_style(edge_type: str) -> tuple[str, str, str]:
    return EDGE_STYLES.get(str(edge_type), ("solid", "arrow", ""))


def edge_color(edge_type: str) -> QColor:
    return QColor(palette().edges.get(str(edge_type), palette().muted))


def edge_pen(edge_type: str, width: float = EDGE_WIDTH) -> QPen:
    width *= palette().line_scale
    pen = QPen(edge_color(edge_type), width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    pattern = edge_style(edge_type)[0]
    if pattern == "dash":
        pen.setDashPattern([4.0, 2.5])
    elif pattern == "dot":
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setDashPattern([0.1, 2.2])  # round dots
    elif pattern == "dashdot":
        pen.setDashPattern([5.0, 2.0, 1.0, 2.0])
    if str(edge_type) == EdgeType.PREMISE:
        pen.setWidthF(width * 0.75)
    return pen


def text_font() -> QFont:
    font = QFont()
    font.setPointSizeF(10.0)
    return font


def band_font() -> QFont:
    font = QFont()
    font.setPointSizeF(7.0)
    font.setBold(True)
    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 0.8)
    return font


def badge_font() -> QFont:
    font = QFont()
    font.setPointSizeF(7.5)
    return font


def warning_font() -> QFont:
    font = badge_font()
    font.setBold(True)
    return font


SOURCE_CHANGED = "source changed"
SOURCE_CHANGED_TIP = ("⚠ Source changed: the document was re-imported and this passage is no"
                      " longer in it. The claim keeps the quote it was taken from.")


# ---- evaluation labels -----------------------------------------------------------------------
# The badge's shape carries the label (filled disc + check / ring + cross / ring + "?"), so it
# reads in greyscale and print; colour only repeats it. Defeated cards are drawn faded.
EVAL_BADGE_RADIUS = 7.5  # inside the kind band (BAND_HEIGHT)
OUT_LINK_OPACITY = 0.3  # a link disabled by an undercut
EVAL_WORDS = {"in": "in (stands)", "out": "out (defeated)", "undecided": "undecided"}
_EVAL_LIGHT = {"in": "#1d6b3c", "out": "#a3261c", "undecided": "#3d434b"}
_EVAL_DARK = {"in": "#5cc98a", "out": "#f07167", "undecided": "#b7bec6"}


def eval_color(label: str) -> QColor:
    return QColor((_EVAL_DARK if palette().dark else _EVAL_LIGHT).get(label, "#777777"))


_FONTS: dict[str, QFont] = {}


def badge_glyph_font() -> QFont:
    """The "?" of an undecided badge."""
    font = _FONTS.get("glyph")
    if font is None:
        font = _FONTS["glyph"] = QFont()
        font.setPointSizeF(8.5)
        font.setBold(True)
    return font


def count_font() -> QFont:
    """The "+N" of a collapsed card."""
    font = _FONTS.get("count")
    if font is None:
        font = _FONTS["count"] = QFont()
        font.setPointSizeF(7.5)
        font.setBold(True)
    return font


MARKED_WORD = "MARKED"  # beside the badge of a label set by hand


def marked_font() -> QFont:
    font = _FONTS.get("marked")
    if font is None:
        font = _FONTS["marked"] = QFont()
        font.setPointSizeF(6.0)
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 0.6)
    return font
