"""Where new nodes go (a free spot near a parent) and align/distribute arithmetic on real sizes."""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QPointF, QRectF

from debatemap.canvas import style

H_GAP = 40.0
V_GAP = 56.0
MARGIN = 10.0  # a free spot keeps at least this far from every card


def _free(rect: QRectF, occupied: list[QRectF]) -> bool:
    padded = rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    return not any(padded.intersects(other) for other in occupied)


def _centered(center: QPointF, width: float, height: float) -> QRectF:
    return QRectF(center.x() - width / 2, center.y() - height / 2, width, height)


def free_spot(
    anchor: QRectF,
    occupied: Iterable[QRectF],
    height: float = style.DEFAULT_NODE_HEIGHT,
    width: float = style.NODE_WIDTH,
    direction: str = "below",
) -> QPointF:
    """The centre of the first free card-sized spot next to ``anchor``: in rows below it
    (children), or in columns to its right (siblings), searching outward from the anchor."""
    taken = list(occupied)
    for ring in range(0, 12):
        for side in _offsets(6):
            if direction == "below":
                x = anchor.center().x() + side * (width + H_GAP)
                y = anchor.bottom() + V_GAP + height / 2 + ring * (height + V_GAP / 2)
            else:
                x = anchor.right() + H_GAP + width / 2 + ring * (width + H_GAP)
                y = anchor.center().y() + side * (height + V_GAP / 2)
            center = QPointF(x, y)
            if _free(_centered(center, width, height), taken):
                return center
    return QPointF(anchor.center().x(), anchor.bottom() + V_GAP + height / 2)


def _offsets(count: int) -> list[int]:
    found = [0]
    for step in range(1, count + 1):
        found += [step, -step]
    return found


def column_below(point: QPointF, heights: list[float], occupied: Iterable[QRectF]) -> list[QPointF]:
    """Centres for several new cards stacked downward from ``point`` (the first one at it)."""
    centers = []
    y = point.y()
    for index, height in enumerate(heights):
        if index:
            y += heights[index - 1] / 2 + 16.0 + height / 2
        centers.append(QPointF(point.x(), y))
    return centers


def aligned(rects: dict[str, QRectF], mode: str) -> dict[str, tuple[float, float]]:
    """New centres that line the cards up on one edge or centre line of the selection."""
    if len(rects) < 2:
        return {}
    values = list(rects.values())
    left = min(r.left() for r in values)
    right = max(r.right() for r in values)
    top = min(r.top() for r in values)
    bottom = max(r.bottom() for r in values)
    hmid = (left + right) / 2
    vmid = (top + bottom) / 2
    result = {}
    for node_id, r in rects.items():
        cx, cy = r.center().x(), r.center().y()
        if mode == "left":
            cx = left + r.width() / 2
        elif mode == "right":
            cx = right - r.width() / 2
        elif mode == "hcenter":
            cx = hmid
        elif mode == "top":
            cy = top + r.height() / 2
        elif mode == "bottom":
            cy = bottom - r.height() / 2
        elif mode == "vcenter":
            cy = vmid
        else:
            raise ValueError(f"unknown alignment {mode!r}")
        result[node_id] = (cx, cy)
    return result


def distributed(rects: dict[str, QRectF], axis: str) -> dict[str, tuple[float, float]]:
    """New centres with equal gaps between neighbouring cards, the outer two staying put."""
    if len(rects) < 3:
        return {}
    horizontal = axis == "horizontal"
    if axis not in ("horizontal", "vertical"):
        raise ValueError(f"unknown axis {axis!r}")
    order = sorted(rects.items(), key=lambda kv: kv[1].center().x() if horizontal else kv[1].center().y())
    first, last = order[0][1], order[-1][1]
    if horizontal:
        span = last.right() - first.left()
        total = sum(r.width() for _, r in order)
    else:
        span = last.bottom() - first.top()
        total = sum(r.height() for _, r in order)
    gap = (span - total) / (len(order) - 1)
    result = {}
    cursor = first.left() if horizontal else first.top()
    for node_id, r in order:
        if horizontal:
            result[node_id] = (cursor + r.width() / 2, r.center().y())
            cursor += r.width() + gap
        else:
            result[node_id] = (r.center().x(), cursor + r.height() / 2)
            cursor += r.height() + gap
    return result
