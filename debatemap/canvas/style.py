"""How kinds and link types look: colours, labels, pens, sizes (one place to restyle the canvas)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPen

from debatemap.core.model import EdgeType, NodeKind

NODE_WIDTH = 220.0
NODE_PADDING = 10.0
BAND_HEIGHT = 20.0  # the coloured strip at the top of a node that carries its kind label
CORNER_RADIUS = 8.0

# Band colours differ in lightness as well as hue, and the band always carries the kind's
# name, so a greyscale print still tells kinds apart.
KIND_COLORS: dict[str, str] = {
    NodeKind.CLAIM: "#2f6db5",
    NodeKind.OBJECTION: "#c0392b",
    NodeKind.REBUTTAL: "#8e44ad",
    NodeKind.EVIDENCE: "#1e8449",
    NodeKind.QUESTION: "#d68910",
    NodeKind.IDEA: "#17a2b8",
    NodeKind.NOTE: "#7f8c8d",
    NodeKind.ARGUMENT: "#34495e",
}
UNKNOWN_KIND_COLOR = "#555555"

NODE_FILL = QColor("#ffffff")
NODE_BORDER = QColor("#4a4a4a")
SELECTED_BORDER = QColor("#f39c12")
TEXT_COLOR = QColor("#1b1b1b")
BAND_TEXT_COLOR = QColor("#ffffff")
SCENE_BACKGROUND = QColor("#f4f5f7")

EDGE_COLORS: dict[str, str] = {
    EdgeType.SUPPORT: "#1e8449",
    EdgeType.ATTACK: "#c0392b",
    EdgeType.UNDERCUT: "#c0392b",
    EdgeType.PREMISE: "#555555",
    EdgeType.CONCLUSION: "#555555",
    EdgeType.CONTRARY: "#7d3c98",
    EdgeType.CONTRADICTORY: "#7d3c98",
    EdgeType.ENTAILS: "#2f6db5",
}
EDGE_WIDTH = 2.2
ARROW_SIZE = 11.0


def kind_color(kind: str, override: str | None = None) -> QColor:
    color = QColor(override) if override else QColor(KIND_COLORS.get(kind, UNKNOWN_KIND_COLOR))
    return color if color.isValid() else QColor(UNKNOWN_KIND_COLOR)


def kind_label(kind: str) -> str:
    return str(kind).upper()


def edge_pen(edge_type: str) -> QPen:
    pen = QPen(QColor(EDGE_COLORS.get(edge_type, "#555555")), EDGE_WIDTH)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    if edge_type in (EdgeType.ATTACK, EdgeType.CONTRARY, EdgeType.CONTRADICTORY):
        pen.setStyle(Qt.PenStyle.DashLine)
    elif edge_type == EdgeType.UNDERCUT:
        pen.setDashPattern([2.0, 2.5])  # dotted: tells an undercut from an attack in greyscale
    return pen


def text_font() -> QFont:
    font = QFont()
    font.setPointSizeF(10.5)
    return font


def band_font() -> QFont:
    font = QFont()
    font.setPointSizeF(7.5)
    font.setBold(True)
    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 0.8)
    return font
